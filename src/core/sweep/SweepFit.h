#pragma once

#include <QList>
#include <QPointF>
#include <QString>

#include <optional>

namespace locklab {

// A power law fitted to (rows, milliseconds) points: a straight line through
// them on log-log axes, log10(ms) = intercept + slope * log10(rows), by least
// squares. The slope says how the stall grows: 1 means ten times the rows,
// ten times the wait.
struct SweepFit
{
    int n = 0; // points used (rows > 0 and ms > 0)
    double slope = 0;
    double intercept = 0;
    double residualSd = 0; // of log10(ms) around the line; 0 with two points
    double meanLogRows = 0;
    double sxx = 0; // sum of (log10 rows - mean)^2

    bool isValid() const { return n >= 2 && sxx > 0; }

    // Points with a zero on either axis cannot sit on log axes and are left out.
    static SweepFit fit(const QList<QPointF>& rowsAndMs);

    double predictMs(double rows) const;

    // "about 10x the wait for 10x the rows (slope 1.02 on log-log axes)"
    QString inWords() const;

    struct Extrapolation
    {
        double ms = 0;
        double lowMs = 0; // 90 % prediction interval of the fit
        double highMs = 0;
        bool hasInterval = false; // two points give a line but no spread
    };
    std::optional<Extrapolation> extrapolate(double rows) const;
    // The extrapolation in words, with its uncertainty and the caveat:
    // "At 200,000,000 rows, <what> about 67 min (90 % range ...). This holds ..."
    QString describeExtrapolation(double rows, const QString& what) const;
};

} // namespace locklab
