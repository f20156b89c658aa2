#pragma once

#include "core/lesson/Lesson.h"

#include <QVariantMap>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;

namespace locklab {

// The step's parameters (row count, batch size, pause) as editable combo
// boxes with common presets. Values like "1M", "250k" or "1,000,000" are
// accepted; anything else is reported inline, not silently clamped.
class ParameterForm : public QWidget
{
    Q_OBJECT
public:
    explicit ParameterForm(QWidget* parent = nullptr);

    void setStep(const LessonStep* step);

    // The values as entered; false with a message naming the field when one
    // is not a number or is out of range (also shown inline).
    bool values(QVariantMap* values, QString* error);

    // Parses "1M", "250k", "1,000,000", "10000". False when it is not a count.
    static bool parseCount(const QString& text, qint64* value);

    void setValue(const QString& name, const QString& text);
    void showError(const QString& message);

private:
    QFormLayout* m_layout = nullptr;
    QLabel* m_errorLabel = nullptr;
    QLabel* m_emptyLabel = nullptr;
    const LessonStep* m_step = nullptr;
    QMap<QString, QComboBox*> m_editors;
    QMap<QString, QMap<QString, QString>> m_remembered; // step id -> parameter -> text the user typed
};

} // namespace locklab
