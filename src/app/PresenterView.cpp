#include "app/PresenterView.h"

#include "charts/ChartStyle.h"
#include "charts/LatencyChart.h"
#include "core/run/LessonRunner.h"
#include "core/run/RunSummary.h"
#include "core/run/Verdict.h"

#include <QAbstractAxis>
#include <QChart>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QShortcut>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace locklab {

namespace {
// Pixel sizes at scale 1 on a 1080-line screen: the smallest text is still
// about 1/50 of the height, readable from the back of a room.
constexpr int kTitlePx = 40;
constexpr int kHeadlinePx = 36;
constexpr int kFigurePx = 48;
constexpr int kFigureNamePx = 22;
constexpr int kVerdictPx = 26;
constexpr int kPanelPx = 22;
constexpr double kChartTextFactor = 1.5;

QString px(int size, double scale)
{
    return QStringLiteral("font-size: %1px;").arg(int(size * scale));
}
} // namespace

PresenterView::PresenterView(QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_title(new QLabel)
    , m_headline(new QLabel)
    , m_chart(new LatencyChart)
    , m_verdict(new QLabel)
    , m_sqlToggle(new QToolButton)
    , m_explanationToggle(new QToolButton)
    , m_sql(new QTextBrowser)
    , m_explanation(new QTextBrowser)
{
    setObjectName("presenterView");
    setWindowTitle(tr("LockLab - Presenter"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_title->setObjectName("presenterTitle");
    m_title->setWordWrap(true);
    m_headline->setObjectName("presenterHeadline");
    m_headline->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_verdict->setObjectName("presenterVerdict");
    m_verdict->setWordWrap(true);
    m_chart->setMinimumSize(200, 150);

    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 3);
    header->addWidget(m_headline, 2);

    auto* figures = new QGridLayout;
    const QStringList names { tr("p50"), tr("p99"), tr("max"), tr("reads blocked") };
    for (int i = 0; i < names.size(); ++i) {
        auto* value = new QLabel(QStringLiteral("-"));
        value->setAlignment(Qt::AlignCenter);
        value->setObjectName(QStringLiteral("presenterFigure%1").arg(i));
        auto* name = new QLabel(names.at(i));
        name->setAlignment(Qt::AlignCenter);
        figures->addWidget(value, 0, i);
        figures->addWidget(name, 1, i);
        m_figureValues << value;
        m_figureNames << name;
    }

    for (auto [button, text] :
         { std::pair { m_sqlToggle, tr("SQL") }, std::pair { m_explanationToggle, tr("Explanation") } }) {
        button->setText(text);
        button->setCheckable(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    }
    m_sqlToggle->setObjectName("presenterSqlToggle");
    m_explanationToggle->setObjectName("presenterExplanationToggle");
    m_sql->setObjectName("presenterSql");
    m_explanation->setObjectName("presenterExplanation");
    m_sql->setLineWrapMode(QTextEdit::WidgetWidth);
    m_sql->hide();
    m_explanation->hide();
    connect(m_sqlToggle, &QToolButton::toggled, this, &PresenterView::setSqlVisible);
    connect(m_explanationToggle, &QToolButton::toggled, this, &PresenterView::setExplanationVisible);
    auto* hint = new QLabel(tr("Ctrl +/- text size  \u00b7  Esc or F11 to leave"));
    hint->setObjectName("presenterHint");
    auto* toggles = new QHBoxLayout;
    toggles->addWidget(m_sqlToggle);
    toggles->addWidget(m_explanationToggle);
    toggles->addStretch(1);
    toggles->addWidget(hint);

    // A widget, not a bare layout: hidden, it takes no height from the chart.
    m_panels = new QWidget;
    auto* panels = new QHBoxLayout(m_panels);
    panels->setContentsMargins(0, 0, 0, 0);
    panels->addWidget(m_sql, 1);
    panels->addWidget(m_explanation, 1);
    m_panels->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 12);
    layout->addLayout(header);
    layout->addWidget(m_chart, 62); // the chart first: >= 60 % of the height
    layout->addLayout(figures);
    layout->addWidget(m_verdict);
    layout->addWidget(m_panels, 20);
    layout->addLayout(toggles);

    const auto shortcut = [this](const QKeySequence& keys, auto slot) {
        connect(new QShortcut(keys, this), &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Plus), [this]() { setFontScale(m_scale * 1.15); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Equal), [this]() { setFontScale(m_scale * 1.15); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus), [this]() { setFontScale(m_scale / 1.15); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_0), [this]() { setFontScale(1.0); });
    shortcut(QKeySequence(Qt::Key_Escape), [this]() { close(); });
    shortcut(QKeySequence(Qt::Key_F11), [this]() { close(); });
    applyScale();
    applyPalette();
    clearFigures();
}

bool PresenterView::isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

void PresenterView::setContent(const Content& content)
{
    for (const QMetaObject::Connection& c : m_live)
        disconnect(c);
    m_live.clear();
    m_title->setText(content.title);
    m_explanation->setMarkdown(content.explanationMarkdown);
    m_sql->setPlainText(content.sql);
    if (content.record)
        showRecord(*content.record);
    else {
        m_chart->clear();
        m_verdict->clear();
        m_headline->clear();
        clearFigures();
    }
    if (LessonRunner* runner = content.runner) {
        m_live << connect(runner, &LessonRunner::sampleRecorded, m_chart, &LatencyChart::addSample);
        m_live << connect(runner, &LessonRunner::statementFinished, m_chart, &LatencyChart::addStatement);
        m_live << connect(runner, &LessonRunner::phaseChanged, this, [this](LessonRunner::Phase phase) {
            if (phase == LessonRunner::Phase::Before) {
                m_chart->clear();
                m_verdict->setText(tr("Running ..."));
                m_headline->clear();
                clearFigures();
            }
        });
        m_live << connect(runner, &LessonRunner::stepFinished, this,
                          [this](const RunRecord& record) { showRecord(record); });
    }
}

void PresenterView::showRecord(const RunRecord& record)
{
    m_chart->showRecord(record);
    const RunSummary summary(record);
    const RunStatistics& stats = summary.statistics();
    const auto ms = [](const std::optional<double>& v) { return v ? Verdict::formatMs(*v) : QStringLiteral("-"); };
    m_figureValues.at(0)->setText(ms(stats.p50Ms));
    m_figureValues.at(1)->setText(ms(stats.p99Ms));
    m_figureValues.at(2)->setText(ms(stats.maxMs));
    m_figureValues.at(3)->setText(stats.sampleCount ? Verdict::formatDuration(stats.blockedMs) : QStringLiteral("-"));
    m_headline->setText(Verdict::headline(summary));
    m_headline->setProperty("blocked", stats.blockedMs > 0);
    m_verdict->setText(record.samples.isEmpty() ? QString() : Verdict::describe(summary));
    applyPalette();
}

void PresenterView::clearFigures()
{
    for (QLabel* value : m_figureValues)
        value->setText(QStringLiteral("-"));
}

QString PresenterView::figuresText() const
{
    QStringList parts;
    for (int i = 0; i < m_figureValues.size(); ++i)
        parts << m_figureNames.at(i)->text() + ' ' + m_figureValues.at(i)->text();
    return parts.join(QStringLiteral(", "));
}

QString PresenterView::verdictText() const
{
    return m_verdict->text();
}

void PresenterView::setSqlVisible(bool on)
{
    m_sqlToggle->setChecked(on);
    m_sql->setVisible(on);
    m_panels->setVisible(m_sqlToggle->isChecked() || m_explanationToggle->isChecked());
}

void PresenterView::setExplanationVisible(bool on)
{
    m_explanationToggle->setChecked(on);
    m_explanation->setVisible(on);
    m_panels->setVisible(m_sqlToggle->isChecked() || m_explanationToggle->isChecked());
}

void PresenterView::setFontScale(double scale)
{
    m_scale = std::clamp(scale, 0.5, 3.0);
    applyScale();
}

void PresenterView::applyScale()
{
    // Style sheets do not inherit the widget's palette: the text colour goes in too.
    const QString text = QStringLiteral("color: %1;").arg(palette().color(QPalette::WindowText).name());
    m_title->setStyleSheet(px(kTitlePx, m_scale) + "font-weight: bold;" + text);
    for (QLabel* value : m_figureValues)
        value->setStyleSheet(px(kFigurePx, m_scale) + "font-weight: bold;" + text);
    for (QLabel* name : m_figureNames)
        name->setStyleSheet(px(kFigureNamePx, m_scale) + text);
    m_verdict->setStyleSheet(px(kVerdictPx, m_scale) + text);
    for (QWidget* w : { static_cast<QWidget*>(m_sql), static_cast<QWidget*>(m_explanation),
                        static_cast<QWidget*>(m_sqlToggle), static_cast<QWidget*>(m_explanationToggle) })
        w->setStyleSheet(px(kPanelPx, m_scale));
    // The chart's own text, sized for a 1200-wide export, grows for the room.
    QChart* chart = m_chart->chart();
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsFont(chartstyle::font(int(chartstyle::kAxisLabelPx * kChartTextFactor * m_scale)));
        axis->setTitleFont(chartstyle::font(int(chartstyle::kAxisTitlePx * kChartTextFactor * m_scale)));
    }
    chart->legend()->setFont(chartstyle::font(int(chartstyle::kLegendPx * kChartTextFactor * m_scale)));
    // A new legend font hides the legend's entries until the chart's layout
    // runs again; a grab or an export before that (Ctrl+0 then Copy) showed
    // the chart without its legend. Lay it out now.
    if (QGraphicsLayout* legendLayout = chart->legend()->layout())
        legendLayout->activate();
    if (QGraphicsLayout* chartLayout = chart->layout())
        chartLayout->activate();
    applyPalette();
}

void PresenterView::applyPalette()
{
    const bool dark = isDarkPalette(palette());
    m_chart->setDark(dark);
    const bool blocked = m_headline->property("blocked").toBool();
    // Contrast checked against both backgrounds (>= 4.5:1 for the red and green).
    const QString color = blocked ? (dark ? "#ff8a80" : "#b71c1c") : (dark ? "#a5d6a7" : "#1b5e20");
    m_headline->setStyleSheet(px(kHeadlinePx, m_scale) + "font-weight: bold; color: " + color + ";");
}

void PresenterView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyScale(); // the labels' colours, then the chart's
    QWidget::changeEvent(event);
}

} // namespace locklab
