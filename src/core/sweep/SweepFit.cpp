#include "core/sweep/SweepFit.h"

#include "core/lesson/CountParser.h"
#include "core/run/Verdict.h"

#include <cmath>

namespace locklab {

namespace {
// Two-sided 90 % quantiles of Student's t for 1..10 degrees of freedom;
// beyond that the normal quantile is close enough for a stall estimate.
double tQuantile90(int degreesOfFreedom)
{
    static const double table[] = { 6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812 };
    if (degreesOfFreedom < 1)
        return 0;
    return degreesOfFreedom <= 10 ? table[degreesOfFreedom - 1] : 1.645;
}

// Long stalls in the unit a person thinks in: "4.3 s", "12 min", "2.5 h".
QString humanDuration(double ms)
{
    if (ms < 60000)
        return Verdict::formatDuration(ms);
    if (ms < 3600000)
        return QStringLiteral("%1 min").arg(qRound(ms / 60000));
    return QStringLiteral("%1 h").arg(ms / 3600000, 0, 'f', 1);
}

QString factorText(double factor)
{
    if (factor >= 10)
        return QString::number(std::round(factor));
    return QString::number(factor, 'g', 2);
}
} // namespace

SweepFit SweepFit::fit(const QList<QPointF>& rowsAndMs)
{
    SweepFit f;
    QList<QPointF> logs;
    for (const QPointF& p : rowsAndMs) {
        if (p.x() > 0 && p.y() > 0)
            logs.append(QPointF(std::log10(p.x()), std::log10(p.y())));
    }
    f.n = int(logs.size());
    if (f.n < 2)
        return f;
    double meanX = 0;
    double meanY = 0;
    for (const QPointF& p : logs) {
        meanX += p.x();
        meanY += p.y();
    }
    meanX /= f.n;
    meanY /= f.n;
    double sxy = 0;
    for (const QPointF& p : logs) {
        f.sxx += (p.x() - meanX) * (p.x() - meanX);
        sxy += (p.x() - meanX) * (p.y() - meanY);
    }
    f.meanLogRows = meanX;
    if (f.sxx <= 0)
        return f;
    f.slope = sxy / f.sxx;
    f.intercept = meanY - f.slope * meanX;
    if (f.n > 2) {
        double sse = 0;
        for (const QPointF& p : logs) {
            const double r = p.y() - (f.intercept + f.slope * p.x());
            sse += r * r;
        }
        f.residualSd = std::sqrt(sse / (f.n - 2));
    }
    return f;
}

double SweepFit::predictMs(double rows) const
{
    return std::pow(10.0, intercept + slope * std::log10(rows));
}

QString SweepFit::inWords() const
{
    if (!isValid())
        return QStringLiteral("not enough sizes with a stall to fit a line (two are needed)");
    const double factor = std::pow(10.0, slope);
    const QString slopeText = QString::number(slope, 'f', 2);
    if (factor < 1.3)
        return QStringLiteral("about the same for 10x the rows (slope %1 on log-log axes)").arg(slopeText);
    return QStringLiteral("about %1x the wait for 10x the rows (slope %2 on log-log axes)")
        .arg(factorText(factor), slopeText);
}

std::optional<SweepFit::Extrapolation> SweepFit::extrapolate(double rows) const
{
    if (!isValid() || rows <= 0)
        return std::nullopt;
    Extrapolation e;
    e.ms = predictMs(rows);
    e.lowMs = e.highMs = e.ms;
    if (n > 2) {
        const double x = std::log10(rows) - meanLogRows;
        const double se = residualSd * std::sqrt(1.0 + 1.0 / n + x * x / sxx);
        const double spread = tQuantile90(n - 2) * se;
        e.lowMs = std::pow(10.0, std::log10(e.ms) - spread);
        e.highMs = std::pow(10.0, std::log10(e.ms) + spread);
        e.hasInterval = true;
    }
    return e;
}

QString SweepFit::describeExtrapolation(double rows, const QString& what) const
{
    const QString rowText = CountParser::format(qint64(rows));
    const std::optional<Extrapolation> e = extrapolate(rows);
    if (!e)
        return QStringLiteral("No estimate for %1 rows: %2.").arg(rowText, inWords());
    QString text = QStringLiteral("At %1 rows, %2 about %3").arg(rowText, what, humanDuration(e->ms));
    if (e->hasInterval)
        text += QStringLiteral(" (90 % range %1 to %2, from the spread of %3 measured sizes around the line).")
                    .arg(humanDuration(e->lowMs), humanDuration(e->highMs))
                    .arg(n);
    else
        text += QStringLiteral(" (two sizes give a line but no spread: sweep a third size for a range).");
    text += QStringLiteral(" This holds for this machine's speed: a production server's disks, CPUs, load, "
                           "indexes and row width change the factor, so measure on a copy of production "
                           "before relying on it.");
    return text;
}

} // namespace locklab
