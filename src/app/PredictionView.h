#pragma once

#include "core/lesson/StepTeaching.h"
#include "core/run/RunRecord.h"

#include <QWidget>

class QButtonGroup;
class QLabel;
class QVBoxLayout;

namespace locklab {

// "Predict first": the step's question and its choices, picked before Run
// (or skipped), and after the run the measured answer beside the pick.
class PredictionView : public QWidget
{
    Q_OBJECT
public:
    explicit PredictionView(QWidget* parent = nullptr);

    // A new step: its prediction, the attendee's earlier pick (-1: none),
    // and what to expect at the table's size (Markdown, may be empty).
    void setPrediction(const Prediction& prediction, int picked, const QString& sizeNote);
    // The run of this step: shows the measured answer; nullptr clears it.
    void showRun(const RunRecord* record);

    int picked() const;
    QString resultText() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

signals:
    void choicePicked(int index);

private:
    Prediction m_prediction;
    QLabel* m_question = nullptr;
    QVBoxLayout* m_choiceLayout = nullptr;
    QButtonGroup* m_choices = nullptr;
    QLabel* m_hint = nullptr;
    QLabel* m_result = nullptr;
    QLabel* m_sizeNote = nullptr;
    QList<QWidget*> m_choiceRows;
    QList<QLabel*> m_choiceLabels;
    const RunRecord* m_record = nullptr;
};

} // namespace locklab
