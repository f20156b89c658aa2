#include "app/VersionNotesView.h"

#include "core/teach/VersionNotes.h"

#include <QLabel>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace locklab {

namespace {

QString markdown(const QList<VersionNote>& notes)
{
    QStringList parts;
    for (const VersionNote& note : notes)
        parts << QString("**%1:** %2").arg(VersionNotes::range(note), note.text);
    return parts.join("\n\n");
}

} // namespace

VersionNotesView::VersionNotesView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_heading = new QLabel(this);
    m_heading->setObjectName("versionHeading");
    m_heading->setWordWrap(true);
    layout->addWidget(m_heading);
    m_current = new QTextBrowser(this);
    m_current->setObjectName("versionNotesCurrent");
    layout->addWidget(m_current, 1);
    m_toggle = new QToolButton(this);
    m_toggle->setObjectName("versionNotesToggle");
    m_toggle->setCheckable(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::RightArrow);
    m_toggle->setAutoRaise(true);
    layout->addWidget(m_toggle);
    m_others = new QTextBrowser(this);
    m_others->setObjectName("versionNotesOthers");
    m_others->hide();
    layout->addWidget(m_others, 1);
    connect(m_toggle, &QToolButton::toggled, this, &VersionNotesView::showOthers);
}

void VersionNotesView::setNotes(const QList<VersionNote>& notes, int major)
{
    const QList<VersionNote> current = VersionNotes::applying(notes, major);
    const QList<VersionNote> others = VersionNotes::notApplying(notes, major);
    const QString server = major > 0 ? tr("PostgreSQL %1 (the connected server)").arg(major) : tr("no server yet");
    if (notes.isEmpty())
        m_heading->setText(tr("This step behaves the same on every PostgreSQL version LockLab supports (12 to 18)."));
    else if (current.isEmpty())
        m_heading->setText(tr("No version note applies to %1.").arg(server));
    else
        m_heading->setText(tr("<b>Notes for %1:</b>").arg(server));
    m_current->setMarkdown(markdown(current));
    m_current->setVisible(!current.isEmpty());
    m_others->setMarkdown(markdown(others));
    m_toggle->setText(tr("Notes for other PostgreSQL versions (%1)").arg(others.size()));
    m_toggle->setVisible(!others.isEmpty());
    m_toggle->setChecked(false);
    showOthers(false);
}

QString VersionNotesView::currentText() const
{
    return m_current->isHidden() ? QString() : m_current->toPlainText();
}

QString VersionNotesView::otherText() const
{
    return m_others->toPlainText();
}

bool VersionNotesView::othersShown() const
{
    return !m_others->isHidden();
}

void VersionNotesView::showOthers(bool show)
{
    m_toggle->setArrowType(show ? Qt::DownArrow : Qt::RightArrow);
    m_others->setVisible(show);
    if (m_toggle->isChecked() != show)
        m_toggle->setChecked(show);
}

} // namespace locklab
