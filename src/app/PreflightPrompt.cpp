#include "app/PreflightPrompt.h"

#include "core/run/LessonRunner.h"

#include <QMessageBox>
#include <QPushButton>

namespace locklab {

PreflightPrompt::PreflightPrompt(LessonRunner* runner, QWidget* window)
    : QObject(runner)
    , m_runner(runner)
    , m_window(window)
{
    m_runner->setPreflight(PreflightCheck::defaultThresholdMs, true);
    connect(m_runner, &LessonRunner::preflightWarning, this, &PreflightPrompt::ask);
    // A step cancelled from elsewhere (Esc, closing the window) takes the question with it.
    connect(m_runner, &LessonRunner::stepFinished, this, [this] {
        if (m_box)
            m_box->close();
    });
}

QString PreflightPrompt::text(const PreflightReport& report)
{
    QString text = tr("Before the step runs: %n transaction(s) in this database have been open longer than %1 s.",
                      nullptr, int(report.transactions.size()))
                       .arg(report.thresholdMs / 1000.0, 0, 'f', 0);
    return text;
}

void PreflightPrompt::ask(const PreflightReport& report)
{
    if (m_box)
        m_box->close();
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Open transactions in the way"), text(report),
                                QMessageBox::NoButton, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(report.warnings().join(QStringLiteral("\n\n")));
    QPushButton* run = box->addButton(tr("Run anyway"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(run);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, run] {
        if (box->clickedButton() == run)
            m_runner->continueAfterPreflight();
        else if (m_runner->isAwaitingPreflightAnswer())
            m_runner->cancel();
    });
    m_box = box;
    box->open();
}

} // namespace locklab
