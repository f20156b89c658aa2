#include "BenchTable.h"

#include <QLocale>
#include <QStringList>
#include <algorithm>

namespace locklab::bench {

void BenchTable::add(const QString& group, const QString& measure, const QString& figure, const QString& target,
                     Met met, const QString& note)
{
    m_rows.append({ group, measure, figure, target, met, note });
}

void BenchTable::addBounded(const QString& group, const QString& measure, double value, const QString& figure,
                            double limit, const QString& target, const QString& note)
{
    add(group, measure, figure, target, value <= limit ? Met::Yes : Met::No, note);
}

void BenchTable::addFailure(const QString& group, const QString& measure, const QString& why)
{
    ++m_failures;
    add(group, measure, "n/a", QString(), Met::NoTarget, "could not be measured: " + why);
}

QString BenchTable::metText(Met met)
{
    switch (met) {
    case Met::Yes:
        return "met";
    case Met::No:
        return "NOT met";
    case Met::NoTarget:
        break;
    }
    return QString();
}

QString BenchTable::text() const
{
    const QStringList header { "#", "Measure", "Figure", "Target", "Met" };
    QList<QStringList> lines;
    for (const Row& row : m_rows)
        lines.append({ row.group, row.measure, row.figure, row.target, metText(row.met) });
    QList<int> widths;
    for (int c = 0; c < header.size(); ++c) {
        int width = int(header.at(c).size());
        for (const QStringList& line : lines)
            width = std::max(width, int(line.at(c).size()));
        widths << width;
    }
    auto format = [&widths](const QStringList& cells) {
        QStringList padded;
        for (int c = 0; c < cells.size(); ++c)
            padded << cells.at(c).leftJustified(widths.at(c));
        return padded.join("  ").trimmed();
    };
    QStringList out { format(header) };
    QStringList rule;
    for (int width : widths)
        rule << QString(width, '-');
    out << rule.join("  ");
    for (int i = 0; i < lines.size(); ++i) {
        out << format(lines.at(i));
        if (!m_rows.at(i).note.isEmpty())
            out << QString(widths.at(0) + 2, ' ') + "  note: " + m_rows.at(i).note;
    }
    return out.join('\n') + '\n';
}

QString BenchTable::markdown() const
{
    QStringList out { "| # | Measure | Figure | Target | Met | Note |", "|---|---|---|---|---|---|" };
    auto cell = [](QString text) { return text.replace('|', "\\|"); };
    for (const Row& row : m_rows) {
        out << QString("| %1 | %2 | %3 | %4 | %5 | %6 |")
                   .arg(cell(row.group), cell(row.measure), cell(row.figure), cell(row.target), metText(row.met),
                        cell(row.note));
    }
    return out.join('\n') + '\n';
}

QString BenchTable::ms(double value)
{
    if (value >= 1000)
        return QLocale(QLocale::English).toString(value, 'f', 0) + " ms";
    return QString::number(value, 'f', value < 10 ? 2 : 1) + " ms";
}

QString BenchTable::seconds(double ms)
{
    return QString::number(ms / 1000.0, 'f', 2) + " s";
}

QString BenchTable::ratio(double value)
{
    return QString::number(value, 'f', 2);
}

QString BenchTable::percent(double value)
{
    return QString::number(value * 100.0, 'f', 1) + "%";
}

QString BenchTable::megabytes(double kb)
{
    return QString::number(kb / 1024.0, 'f', 0) + " MB";
}

} // namespace locklab::bench
