#include "core/lesson/CountParser.h"

#include <QLocale>
#include <QRegularExpression>
#include <cmath>

namespace locklab {

bool CountParser::parse(const QString& text, qint64* value)
{
    static const QRegularExpression pattern("^\\s*(-?[0-9][0-9,_ ]*(?:\\.[0-9]+)?)\\s*([kKmM]?)\\s*$");
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return false;
    QString digits = match.captured(1);
    digits.remove(',').remove('_').remove(' ');
    bool ok = false;
    const double number = digits.toDouble(&ok);
    if (!ok)
        return false;
    const QString suffix = match.captured(2).toLower();
    const double scaled = number * (suffix == "k" ? 1e3 : suffix == "m" ? 1e6 : 1.0);
    if (!std::isfinite(scaled) || std::abs(scaled) > 9e15 || scaled != double(qint64(scaled)))
        return false;
    *value = qint64(scaled);
    return true;
}

QString CountParser::format(qint64 value)
{
    return QLocale(QLocale::English).toString(value);
}

} // namespace locklab
