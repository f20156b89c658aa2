#pragma once

#include "core/run/RunRecord.h"

#include <QWidget>

class QLabel;
class QTextBrowser;
class QToolButton;

namespace locklab {

class LatencyChart;
class LessonRunner;

// View › Presenter mode (F11): the step for a room. Full screen, the chart
// first (at least 60 % of the height), the verdict and p50 / p99 / max /
// blocked in large type, the SQL and the explanation behind toggles, font
// scale with Ctrl + / Ctrl − (Ctrl 0 resets), Esc or F11 to leave. Follows
// the runner live when given one; colours follow the palette (dark too).
class PresenterView : public QWidget
{
    Q_OBJECT
public:
    struct Content
    {
        QString title;
        QString explanationMarkdown;
        QString sql;
        const RunRecord* record = nullptr; // the run shown, if any
        LessonRunner* runner = nullptr; // live updates, if any
    };

    explicit PresenterView(QWidget* parent = nullptr);

    void setContent(const Content& content);
    void showRecord(const RunRecord& record);

    double fontScale() const { return m_scale; }
    void setFontScale(double scale);
    LatencyChart* chart() const { return m_chart; }
    QString figuresText() const;
    QString verdictText() const;
    void setSqlVisible(bool on);
    void setExplanationVisible(bool on);

    static bool isDarkPalette(const QPalette& palette);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyScale();
    void applyPalette();
    void clearFigures();

    double m_scale = 1.0;
    QLabel* m_title;
    QLabel* m_headline;
    LatencyChart* m_chart;
    QList<QLabel*> m_figureValues;
    QList<QLabel*> m_figureNames;
    QLabel* m_verdict;
    QToolButton* m_sqlToggle;
    QToolButton* m_explanationToggle;
    QTextBrowser* m_sql;
    QTextBrowser* m_explanation;
    QWidget* m_panels;
    QList<QMetaObject::Connection> m_live;
};

} // namespace locklab
