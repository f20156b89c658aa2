#include "app/DjangoCodeView.h"

#include "app/PythonHighlighter.h"
#include "app/SqlHighlighter.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSyntaxHighlighter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace locklab {

DjangoCodeView::DjangoCodeView(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    auto* layout = new QVBoxLayout(content);
    m_version = new QLabel(content);
    m_version->setObjectName("djangoVersionLabel");
    m_version->setWordWrap(true);
    layout->addWidget(m_version);
    m_about = new QTextBrowser(content);
    m_about->setObjectName("djangoAbout");
    m_about->setOpenExternalLinks(true);
    m_about->setMinimumHeight(150);
    layout->addWidget(m_about);
    m_fileLayout = new QVBoxLayout;
    layout->addLayout(m_fileLayout);
    layout->addStretch();
    scroll->setWidget(content);
    outer->addWidget(scroll);
}

void DjangoCodeView::setCode(const DjangoCode& code)
{
    qDeleteAll(m_fileWidgets);
    m_fileWidgets.clear();
    m_files = code.files;
    if (code.isEmpty()) {
        m_version->setText(tr("This step has no Django code."));
        m_about->clear();
        m_about->hide();
        return;
    }
    m_version->setText(tr("<b>Needs Django %1 or newer.</b> The files below produce exactly the SQL of this step.")
                           .arg(code.minVersion.toHtmlEscaped()));
    m_about->setMarkdown(code.about);
    m_about->setVisible(!code.about.trimmed().isEmpty());
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (int i = 0; i < code.files.size(); ++i) {
        const DjangoFile& file = code.files.at(i);
        auto* box = new QWidget(this);
        auto* boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 6, 0, 0);
        auto* header = new QHBoxLayout;
        auto* path = new QLabel(QString("<b>%1</b>").arg(file.path.toHtmlEscaped()), box);
        path->setWordWrap(true);
        auto* copy = new QPushButton(tr("Copy"), box);
        copy->setObjectName(QString("djangoCopy%1").arg(i));
        copy->setToolTip(tr("Copy this file to the clipboard"));
        header->addWidget(path, 1);
        header->addWidget(copy);
        boxLayout->addLayout(header);
        auto* view = new QPlainTextEdit(box);
        view->setObjectName(QString("djangoFile%1").arg(i));
        view->setReadOnly(true);
        view->setFont(mono);
        view->setLineWrapMode(QPlainTextEdit::NoWrap);
        view->setPlainText(file.code);
        QSyntaxHighlighter* highlighter = file.language == "sql"
            ? static_cast<QSyntaxHighlighter*>(new SqlHighlighter(view->document()))
            : new PythonHighlighter(view->document());
        highlighter->rehighlight(); // now, not at the next event loop turn: a grab right away shows colours

        // Tall enough to read the whole file without a second scroll bar (within reason).
        const int lines = qMin(int(file.code.count('\n')) + 2, 40);
        view->setMinimumHeight(QFontMetrics(mono).lineSpacing() * lines + 12);
        boxLayout->addWidget(view);
        connect(copy, &QPushButton::clicked, this, [code = file.code, copy]() {
            QApplication::clipboard()->setText(code);
            copy->setText(tr("Copied"));
        });
        m_fileLayout->addWidget(box);
        m_fileWidgets << box;
    }
}

QString DjangoCodeView::fileText(int index) const
{
    return index >= 0 && index < m_files.size() ? m_files.at(index).code : QString();
}

} // namespace locklab
