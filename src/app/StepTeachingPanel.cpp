#include "app/StepTeachingPanel.h"

#include "app/DjangoCodeView.h"
#include "app/PredictionView.h"
#include "app/VersionNotesView.h"

#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace locklab {

StepTeachingPanel::StepTeachingPanel(QWidget* parent)
    : QTabWidget(parent)
{
    setObjectName("stepTeachingPanel");
    m_predictTab = new QScrollArea(this);
    m_predictTab->setWidgetResizable(true);
    m_predictTab->setFrameShape(QFrame::NoFrame);
    m_predictTab->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the texts wrap instead
    m_prediction = new PredictionView(m_predictTab);
    m_prediction->setObjectName("predictionView");
    m_predictTab->setWidget(m_prediction);
    addTab(m_predictTab, tr("Predict"));
    connect(m_prediction, &PredictionView::choicePicked, this, [this](int index) { m_picks.insert(key(), index); });

    m_django = new DjangoCodeView(this);
    m_django->setObjectName("djangoCodeView");
    addTab(m_django, tr("Django"));

    m_versions = new VersionNotesView(this);
    m_versions->setObjectName("versionNotesView");
    addTab(m_versions, tr("Versions"));
    setTabToolTip(indexOf(m_versions), tr("What differs between PostgreSQL versions"));

    m_answerTab = new QWidget(this);
    auto* layout = new QVBoxLayout(m_answerTab);
    m_reveal = new QPushButton(tr("Reveal the answer"), m_answerTab);
    m_reveal->setObjectName("revealAnswerButton");
    layout->addWidget(m_reveal, 0, Qt::AlignLeft);
    m_answer = new QTextBrowser(m_answerTab);
    m_answer->setObjectName("answerBrowser");
    m_answer->hide();
    layout->addWidget(m_answer, 2);
    m_instructorToggle = new QToolButton(m_answerTab);
    m_instructorToggle->setObjectName("instructorNotesToggle");
    m_instructorToggle->setText(tr("Instructor notes"));
    m_instructorToggle->setCheckable(true);
    m_instructorToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_instructorToggle->setArrowType(Qt::RightArrow);
    m_instructorToggle->setAutoRaise(true);
    layout->addWidget(m_instructorToggle);
    m_instructor = new QTextBrowser(m_answerTab);
    m_instructor->setObjectName("instructorNotesBrowser");
    m_instructor->hide();
    layout->addWidget(m_instructor, 1);
    layout->addStretch();
    addTab(m_answerTab, tr("Answers"));
    connect(m_reveal, &QPushButton::clicked, this, &StepTeachingPanel::revealAnswer);
    connect(m_instructorToggle, &QToolButton::toggled, this, &StepTeachingPanel::showInstructorNotes);
}

void StepTeachingPanel::setServerMajor(int major)
{
    m_major = major;
    m_versions->setNotes(m_notes, m_major);
}

QString StepTeachingPanel::sizeNoteFor(const QList<SizeNote>& notes, qint64 rows)
{
    if (rows < 0)
        return {};
    for (const SizeNote& note : notes) {
        if (note.belowRows == 0 || rows < note.belowRows)
            return note.text;
    }
    return {};
}

void StepTeachingPanel::showStep(const Lesson& lesson, const LessonStep& step, qint64 tableRows,
                                 const RunRecord* lastRun)
{
    m_lessonId = lesson.id;
    m_stepId = step.id;
    const StepTeaching& teaching = step.teaching;
    m_prediction->setPrediction(teaching.prediction, m_picks.value(key(), -1),
                                sizeNoteFor(teaching.sizeNotes, tableRows));
    m_django->setCode(teaching.django);
    m_notes = teaching.versionNotes;
    m_versions->setNotes(m_notes, m_major);
    m_answer->setMarkdown(teaching.answer);
    m_answer->hide();
    m_instructor->setMarkdown(teaching.instructorNotes);
    showInstructorNotes(false);
    m_instructorToggle->setVisible(!teaching.instructorNotes.isEmpty());

    for (QWidget* page : std::as_const(m_pageTabs))
        delete page; // removes its tab
    m_pageTabs.clear();
    for (const LessonPage& page : lesson.pages) {
        auto* browser = new QTextBrowser(this);
        browser->setObjectName("lessonPage");
        browser->setMarkdown(page.text);
        addTab(browser, page.title);
        m_pageTabs << browser;
    }
    if (lastRun) {
        m_shownRun = *lastRun;
        m_prediction->showRun(&m_shownRun);
    }
    updateAnswerAvailability(lastRun != nullptr);
    setCurrentWidget(m_predictTab);
}

void StepTeachingPanel::showRun(const RunRecord& record)
{
    if (record.lessonId != m_lessonId || record.stepId != m_stepId)
        return;
    m_shownRun = record;
    m_prediction->showRun(&m_shownRun);
    updateAnswerAvailability(true);
    setCurrentWidget(m_predictTab);
}

void StepTeachingPanel::updateAnswerAvailability(bool hasRun)
{
    // The answer waits for the run, so it never replaces the attendee's own guess.
    m_reveal->setEnabled(hasRun && !m_answer->toPlainText().isEmpty());
    m_reveal->setText(hasRun ? tr("Reveal the answer") : tr("Reveal the answer (after the run)"));
}

bool StepTeachingPanel::answerRevealed() const
{
    return !m_answer->isHidden();
}

void StepTeachingPanel::revealAnswer()
{
    m_answer->show();
    m_reveal->setEnabled(false);
}

bool StepTeachingPanel::instructorNotesShown() const
{
    return !m_instructor->isHidden();
}

void StepTeachingPanel::showInstructorNotes(bool show)
{
    m_instructorToggle->setArrowType(show ? Qt::DownArrow : Qt::RightArrow);
    m_instructor->setVisible(show);
    if (m_instructorToggle->isChecked() != show)
        m_instructorToggle->setChecked(show);
}

} // namespace locklab
