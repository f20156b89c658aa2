#include "app/ParameterForm.h"

#include "core/lesson/CountParser.h"
#include "core/migration/StepPlanner.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace locklab {

ParameterForm::ParameterForm(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_layout = new QFormLayout;
    outer->addLayout(m_layout);
    m_emptyLabel = new QLabel(tr("This step has no parameters."), this);
    m_emptyLabel->setEnabled(false);
    outer->addWidget(m_emptyLabel);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName("parameterError");
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet("color: #b02020;");
    m_errorLabel->hide();
    outer->addWidget(m_errorLabel);
}

bool ParameterForm::parseCount(const QString& text, qint64* value)
{
    return CountParser::parse(text, value);
}

void ParameterForm::setStep(const LessonStep* step)
{
    // Remember what was typed for the step we leave, so going back keeps it.
    if (m_step) {
        for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it)
            m_remembered[m_step->id][it.key()] = it.value()->currentText();
    }
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_editors.clear();
    m_errorLabel->hide();
    m_step = step;
    m_emptyLabel->setVisible(!step || step->parameters.isEmpty());
    if (!step)
        return;
    for (const LessonParameter& parameter : step->parameters) {
        auto* combo = new QComboBox(this);
        combo->setObjectName("parameter_" + parameter.name);
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        QList<qint64> presets { parameter.defaultValue };
        for (qint64 preset : { 0LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL }) {
            if (preset >= parameter.minimum && preset <= parameter.maximum && !presets.contains(preset))
                presets << preset;
        }
        std::sort(presets.begin(), presets.end());
        for (qint64 preset : presets)
            combo->addItem(CountParser::format(preset));
        const QString remembered = m_remembered.value(step->id).value(parameter.name);
        combo->setCurrentText(remembered.isEmpty() ? CountParser::format(parameter.defaultValue) : remembered);
        combo->setToolTip(QString("%1\nFrom %2 to %3%4.")
                              .arg(parameter.description, CountParser::format(parameter.minimum),
                                   CountParser::format(parameter.maximum),
                                   parameter.unit.isEmpty() ? QString() : " " + parameter.unit));
        connect(combo, &QComboBox::currentTextChanged, m_errorLabel, &QLabel::hide);
        m_layout->addRow(parameter.label, combo);
        m_editors.insert(parameter.name, combo);
    }
}

void ParameterForm::setValue(const QString& name, const QString& text)
{
    if (QComboBox* combo = m_editors.value(name))
        combo->setCurrentText(text);
}

void ParameterForm::showError(const QString& message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

bool ParameterForm::values(QVariantMap* values, QString* error)
{
    values->clear();
    if (!m_step)
        return true;
    for (const LessonParameter& parameter : m_step->parameters) {
        QComboBox* combo = m_editors.value(parameter.name);
        const QString text = combo ? combo->currentText() : QString();
        qint64 value = 0;
        if (!parseCount(text, &value)) {
            *error = QString("%1: '%2' is not a whole number. Enter a number from %3 to %4 (1M and 250k work too).")
                         .arg(parameter.label, text.trimmed(), CountParser::format(parameter.minimum),
                              CountParser::format(parameter.maximum));
            showError(*error);
            combo->setFocus();
            return false;
        }
        values->insert(parameter.name, value);
    }
    if (!StepPlanner::validateParameters(*m_step, *values, error)) {
        showError(*error);
        return false;
    }
    showError(QString());
    return true;
}

} // namespace locklab
