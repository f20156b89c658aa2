#pragma once

#include "core/lesson/Lesson.h"
#include "core/run/RunRecord.h"

#include <QMap>
#include <QTabWidget>

class QPushButton;
class QScrollArea;
class QTextBrowser;
class QToolButton;

namespace locklab {

class DjangoCodeView;
class PredictionView;
class VersionNotesView;

// What a step teaches besides its explanation, in tabs: Predict (before
// Run; the measured answer after), Django (the code), PostgreSQL versions,
// Answers (revealed after a run, with the collapsed instructor notes) and
// the lesson's extra pages (the production checklist). Shows lesson data
// and recorded runs only: it runs nothing.
class StepTeachingPanel : public QTabWidget
{
    Q_OBJECT
public:
    explicit StepTeachingPanel(QWidget* parent = nullptr);

    // The connected server's major version (0: none), for the version notes.
    void setServerMajor(int major);
    // Other step views can join as tabs (the SQL that will run) with
    // QTabWidget::insertTab; showStep() leaves them alone.

    // A step is shown: `tableRows` is the seeded large table's row count
    // (-1: unknown), `lastRun` its most recent run (nullptr: not run yet).
    void showStep(const Lesson& lesson, const LessonStep& step, qint64 tableRows, const RunRecord* lastRun);
    // A run of the shown step finished.
    void showRun(const RunRecord& record);

    PredictionView* predictionView() const { return m_prediction; }
    DjangoCodeView* djangoView() const { return m_django; }
    VersionNotesView* versionView() const { return m_versions; }
    bool answerRevealed() const;
    bool instructorNotesShown() const;
    void revealAnswer();
    void showInstructorNotes(bool show);

    // The size note that applies to `rows` (first whose limit is above it; -1: none).
    static QString sizeNoteFor(const QList<SizeNote>& notes, qint64 rows);

private:
    QString key() const { return m_lessonId + '/' + m_stepId; }
    void updateAnswerAvailability(bool hasRun);

    QScrollArea* m_predictTab = nullptr;
    PredictionView* m_prediction = nullptr;
    DjangoCodeView* m_django = nullptr;
    VersionNotesView* m_versions = nullptr;
    QWidget* m_answerTab = nullptr;
    QPushButton* m_reveal = nullptr;
    QTextBrowser* m_answer = nullptr;
    QToolButton* m_instructorToggle = nullptr;
    QTextBrowser* m_instructor = nullptr;
    QList<QWidget*> m_pageTabs;
    int m_major = 0;
    QString m_lessonId;
    QString m_stepId;
    QList<VersionNote> m_notes;
    QMap<QString, int> m_picks; // "lesson/step" -> choice picked
    RunRecord m_shownRun;
};

} // namespace locklab
