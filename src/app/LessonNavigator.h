#pragma once

#include "core/lesson/Lesson.h"

#include <QSet>
#include <QTreeWidget>

namespace locklab {

// The lesson list: lessons with their steps, each marked done / current /
// to do; broken lessons are listed with their error instead of vanishing.
class LessonNavigator : public QTreeWidget
{
    Q_OBJECT
public:
    explicit LessonNavigator(QWidget* parent = nullptr);

    void setLibrary(const LessonLibrary& library);
    void select(int lessonIndex, int stepIndex);
    void markDone(int lessonIndex, int stepIndex);
    bool isDone(int lessonIndex, int stepIndex) const;
    int currentLesson() const { return m_lesson; }
    int currentStep() const { return m_step; }

signals:
    void stepSelected(int lessonIndex, int stepIndex);

private:
    void onCurrentItemChanged(QTreeWidgetItem* current);
    void refreshMarks();
    QTreeWidgetItem* stepItem(int lessonIndex, int stepIndex) const;

    QSet<QPair<int, int>> m_done;
    QList<QTreeWidgetItem*> m_lessonItems; // by lesson index; lessons may sit under a group item
    int m_lesson = -1;
    int m_step = -1;
};

} // namespace locklab
