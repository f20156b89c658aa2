#include "app/LessonNavigator.h"

#include <QHeaderView>
#include <QMap>

namespace locklab {

namespace {
constexpr int kLessonRole = Qt::UserRole;
constexpr int kStepRole = Qt::UserRole + 1;
const QString kDoneMark = QString::fromUtf8("\u2713 "); // check mark
const QString kCurrentMark = QString::fromUtf8("\u25B6 "); // play triangle
const QString kTodoMark = QString::fromUtf8("\u2022 "); // bullet
} // namespace

LessonNavigator::LessonNavigator(QWidget* parent)
    : QTreeWidget(parent)
{
    setHeaderHidden(true);
    setColumnCount(1);
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setMinimumWidth(180);
    connect(this, &QTreeWidget::currentItemChanged, this, &LessonNavigator::onCurrentItemChanged);
}

void LessonNavigator::setLibrary(const LessonLibrary& library)
{
    clear();
    m_lessonItems.clear();
    m_done.clear();
    QMap<QString, QTreeWidgetItem*> groups;
    m_lesson = m_step = -1;
    for (int l = 0; l < library.lessons.size(); ++l) {
        const Lesson& lesson = library.lessons.at(l);
        // Lessons of a group (Basics, Locks, Catalogue) sit under one item, in lesson order.
        QTreeWidgetItem* groupItem = nullptr;
        if (!lesson.group.isEmpty()) {
            groupItem = groups.value(lesson.group);
            if (!groupItem) {
                groupItem = new QTreeWidgetItem(this);
                groupItem->setText(0, lesson.group);
                groupItem->setFlags(Qt::ItemIsEnabled);
                QFont font = groupItem->font(0);
                font.setBold(true);
                font.setCapitalization(QFont::SmallCaps);
                groupItem->setFont(0, font);
                groups.insert(lesson.group, groupItem);
            }
        }
        auto* lessonItem = groupItem ? new QTreeWidgetItem(groupItem) : new QTreeWidgetItem(this);
        m_lessonItems.append(lessonItem);
        lessonItem->setText(0, QString("%1  %2").arg(lesson.number).arg(lesson.title));
        lessonItem->setData(0, kLessonRole, l);
        lessonItem->setData(0, kStepRole, -1);
        QFont bold = lessonItem->font(0);
        bold.setBold(true);
        lessonItem->setFont(0, bold);
        if (!lesson.isValid()) {
            lessonItem->setForeground(0, QColor(0xb0, 0x20, 0x20));
            lessonItem->setText(0, lessonItem->text(0) + tr(" (broken)"));
            lessonItem->setToolTip(0, lesson.error);
            auto* errorItem = new QTreeWidgetItem(lessonItem);
            errorItem->setText(0, lesson.error);
            errorItem->setToolTip(0, lesson.error);
            errorItem->setForeground(0, QColor(0xb0, 0x20, 0x20));
            errorItem->setFlags(Qt::ItemIsEnabled);
            continue;
        }
        lessonItem->setToolTip(0, lesson.summary);
        for (int s = 0; s < lesson.steps.size(); ++s) {
            auto* stepItem = new QTreeWidgetItem(lessonItem);
            stepItem->setData(0, kLessonRole, l);
            stepItem->setData(0, kStepRole, s);
            stepItem->setToolTip(0, lesson.steps.at(s).title);
        }
    }
    expandAll();
    refreshMarks();
}

QTreeWidgetItem* LessonNavigator::stepItem(int lessonIndex, int stepIndex) const
{
    QTreeWidgetItem* lessonItem = m_lessonItems.value(lessonIndex);
    return lessonItem && stepIndex >= 0 && stepIndex < lessonItem->childCount() ? lessonItem->child(stepIndex)
                                                                                : nullptr;
}

void LessonNavigator::select(int lessonIndex, int stepIndex)
{
    if (QTreeWidgetItem* item = stepItem(lessonIndex, stepIndex))
        setCurrentItem(item);
}

void LessonNavigator::markDone(int lessonIndex, int stepIndex)
{
    m_done.insert({ lessonIndex, stepIndex });
    refreshMarks();
}

bool LessonNavigator::isDone(int lessonIndex, int stepIndex) const
{
    return m_done.contains({ lessonIndex, stepIndex });
}

void LessonNavigator::refreshMarks()
{
    for (int l = 0; l < m_lessonItems.size(); ++l) {
        QTreeWidgetItem* lessonItem = m_lessonItems.at(l);
        if (lessonItem->data(0, kStepRole).toInt() != -1 || lessonItem->childCount() == 0
            || lessonItem->child(0)->data(0, kStepRole).isNull())
            continue;
        for (int s = 0; s < lessonItem->childCount(); ++s) {
            QTreeWidgetItem* item = lessonItem->child(s);
            const QString mark = l == m_lesson && s == m_step ? kCurrentMark
                : m_done.contains({ l, s })                   ? kDoneMark
                                                              : kTodoMark;
            item->setText(0, mark + item->toolTip(0));
            item->setForeground(0, m_done.contains({ l, s }) ? QColor(0x2e, 0x7d, 0x32) : palette().text().color());
        }
    }
}

void LessonNavigator::onCurrentItemChanged(QTreeWidgetItem* current)
{
    if (!current)
        return;
    const QVariant stepData = current->data(0, kStepRole);
    if (stepData.isNull())
        return; // an error line of a broken lesson
    int lessonIndex = current->data(0, kLessonRole).toInt();
    int stepIndex = stepData.toInt();
    if (stepIndex < 0) {
        // A lesson heading: go to its first step, if it has any.
        if (current->childCount() == 0 || current->child(0)->data(0, kStepRole).isNull()) {
            m_lesson = lessonIndex;
            m_step = -1;
            refreshMarks();
            emit stepSelected(lessonIndex, -1);
            return;
        }
        stepIndex = 0;
    }
    m_lesson = lessonIndex;
    m_step = stepIndex;
    refreshMarks();
    emit stepSelected(lessonIndex, stepIndex);
}

} // namespace locklab
