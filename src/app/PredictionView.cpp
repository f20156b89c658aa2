#include "app/PredictionView.h"

#include "core/teach/PredictionResult.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace locklab {

PredictionView::PredictionView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_question = new QLabel(this);
    m_question->setObjectName("predictionQuestion");
    m_question->setWordWrap(true);
    QFont bold = m_question->font();
    bold.setBold(true);
    m_question->setFont(bold);
    layout->addWidget(m_question);
    m_choiceLayout = new QVBoxLayout;
    layout->addLayout(m_choiceLayout);
    m_choices = new QButtonGroup(this);
    m_choices->setExclusive(true);
    connect(m_choices, &QButtonGroup::idClicked, this, [this](int id) {
        emit choicePicked(id);
        showRun(m_record); // re-judge the pick against a run already shown
    });
    m_hint = new QLabel(tr("Pick an answer before you press Run (or skip it): the run will tell."), this);
    m_hint->setStyleSheet("color: #606060;");
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_result = new QLabel(this);
    m_result->setObjectName("predictionResult");
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    layout->addWidget(m_result);
    m_sizeNote = new QLabel(this);
    m_sizeNote->setObjectName("sizeNote");
    m_sizeNote->setWordWrap(true);
    m_sizeNote->setTextFormat(Qt::MarkdownText);
    m_sizeNote->setStyleSheet("color: #404040; background: #f4f4ec; padding: 4px;");
    layout->addWidget(m_sizeNote);
    layout->addStretch();
}

void PredictionView::setPrediction(const Prediction& prediction, int picked, const QString& sizeNote)
{
    m_prediction = prediction;
    m_record = nullptr;
    for (QAbstractButton* button : m_choices->buttons())
        m_choices->removeButton(button);
    qDeleteAll(m_choiceRows);
    m_choiceRows.clear();
    m_choiceLabels.clear();
    m_question->setText(prediction.isEmpty() ? tr("This step has no prediction.") : prediction.question);
    for (int i = 0; i < prediction.choices.size(); ++i) {
        // A radio button cannot wrap its text: the text is a label beside it that wraps, and clicks.
        auto* row = new QWidget(this);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        auto* button = new QRadioButton(row);
        button->setObjectName(QString("predictionChoice%1").arg(i));
        auto* label = new QLabel(prediction.choices.at(i).text, row);
        label->setObjectName(QString("predictionChoiceText%1").arg(i));
        label->setWordWrap(true);
        label->installEventFilter(this);
        rowLayout->addWidget(button, 0, Qt::AlignTop);
        rowLayout->addWidget(label, 1);
        m_choices->addButton(button, i);
        m_choiceLayout->addWidget(row);
        m_choiceRows << row;
        m_choiceLabels << label;
        button->setChecked(i == picked);
    }
    m_hint->setVisible(!prediction.isEmpty());
    m_result->clear();
    m_result->hide();
    m_sizeNote->setText(sizeNote);
    m_sizeNote->setVisible(!sizeNote.isEmpty());
}

void PredictionView::showRun(const RunRecord* record)
{
    m_record = record;
    if (!record || m_prediction.isEmpty()) {
        m_result->hide();
        return;
    }
    const PredictionResult result = PredictionResult::evaluate(m_prediction, RunSummary(*record), picked());
    QString html;
    if (result.picked())
        html += tr("You said: <i>%1</i>.<br>").arg(m_prediction.choices.at(result.pickedIndex).text.toHtmlEscaped());
    if (result.hasMeasured()) {
        const QString answer = m_prediction.choices.at(result.measuredIndex).text.toHtmlEscaped();
        const QString colour = !result.picked() ? "#303030" : result.pickedRight() ? "#1b6e20" : "#b05000";
        html += tr("<span style='color:%1'><b>Measured: %2.</b></span>").arg(colour, answer);
        if (result.picked())
            html += result.pickedRight() ? tr(" Right.") : tr(" Not what you expected: read why below.");
    } else {
        html += tr("<b>None of the choices fits this run's numbers.</b>");
    }
    html += "<br>" + result.measuredText.toHtmlEscaped();
    m_result->setText(html);
    m_result->show();
    // The measured answer is marked on its choice too, so the list reads at a glance.
    for (int i = 0; i < m_prediction.choices.size() && i < m_choiceLabels.size(); ++i) {
        const QString text = m_prediction.choices.at(i).text.toHtmlEscaped();
        m_choiceLabels.at(i)->setText(i == result.measuredIndex ? tr("%1 <b>\u2190 measured</b>").arg(text) : text);
    }
}

bool PredictionView::eventFilter(QObject* watched, QEvent* event)
{
    const qsizetype index = m_choiceLabels.indexOf(qobject_cast<QLabel*>(watched));
    if (index >= 0 && event->type() == QEvent::MouseButtonRelease) {
        m_choices->button(int(index))->click();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

int PredictionView::picked() const
{
    return m_choices->checkedId();
}

QString PredictionView::resultText() const
{
    return m_result->isHidden() ? QString() : m_result->text();
}

} // namespace locklab
