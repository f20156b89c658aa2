#pragma once

#include <QList>
#include <QString>

namespace locklab::bench {

// The benchmark's result: one row per figure, printed as an aligned text
// table or as Markdown (for BENCHMARKS.md).
class BenchTable
{
public:
    enum class Met { NoTarget, Yes, No };

    struct Row
    {
        QString group; // "1 Seeding"
        QString measure; // what was measured
        QString figure; // "4.21 s"
        QString target; // "<= 1.2" (empty: none)
        Met met = Met::NoTarget;
        QString note;
    };

    void add(const QString& group, const QString& measure, const QString& figure, const QString& target = QString(),
             Met met = Met::NoTarget, const QString& note = QString());
    // A target as a bound: met when value <= limit.
    void addBounded(const QString& group, const QString& measure, double value, const QString& figure, double limit,
                    const QString& target, const QString& note = QString());
    void addFailure(const QString& group, const QString& measure, const QString& why);

    const QList<Row>& rows() const { return m_rows; }
    int failures() const { return m_failures; }

    QString text() const;
    QString markdown() const;

    static QString ms(double value); // "12.3 ms" / "1,234 ms"
    static QString seconds(double ms); // "4.21 s"
    static QString ratio(double value); // "1.13"
    static QString percent(double value); // "4.2%"
    static QString megabytes(double kb); // "182 MB"
    static QString metText(Met met);

private:
    QList<Row> m_rows;
    int m_failures = 0; // measurements that could not be taken
};

} // namespace locklab::bench
