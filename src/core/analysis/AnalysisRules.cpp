#include "core/analysis/AnalysisRules.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace locklab {

namespace {
QStringList strings(const QJsonValue& value)
{
    QStringList result;
    for (const QJsonValue& v : value.toArray())
        result.append(v.toString());
    return result;
}
} // namespace

const AnalysisRules& AnalysisRules::instance()
{
    static const AnalysisRules rules;
    return rules;
}

AnalysisRules::AnalysisRules()
{
    QFile file(":/analysis/rules.json");
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = "The analyser's rules are missing from this build (:/analysis/rules.json).";
        return;
    }
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        m_error = "The analyser's rules do not parse: " + parseError.errorString();
        return;
    }
    for (const QJsonValue& v : root.value("rules").toArray()) {
        const QJsonObject o = v.toObject();
        m_rules.append(AnalysisRule { o.value("id").toString(), o.value("kind").toString() == "note",
                                      o.value("title").toString(), o.value("why").toString(),
                                      o.value("rewrite").toString(), o.value("lesson").toString() });
    }
    for (const QJsonValue& v : root.value("newerSyntax").toArray()) {
        const QJsonObject o = v.toObject();
        NewerSyntax n;
        n.id = o.value("id").toString();
        n.version = o.value("version").toInt();
        n.syntax = o.value("syntax").toString();
        n.startsWith = strings(o.value("startsWith"));
        for (const QJsonValue& seq : o.value("contains").toArray())
            n.contains.append(strings(seq));
        n.tableAfter = o.value("tableAfter").toString();
        n.lock = o.value("lock").toString();
        n.effect = o.value("effect").toString();
        n.explain = o.value("explain").toString();
        m_newer.append(n);
    }
    const auto toSet = [](const QJsonValue& value) {
        const QStringList list = strings(value);
        return QSet<QString>(list.begin(), list.end());
    };
    m_nonVolatile = toSet(root.value("nonVolatileFunctions"));
    m_volatile = toSet(root.value("volatileFunctions"));
    m_forbidden = toSet(root.value("sandboxForbiddenFunctions"));
}

const AnalysisRule* AnalysisRules::rule(const QString& id) const
{
    for (const AnalysisRule& r : m_rules) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

bool AnalysisRules::isVolatileFunction(const QString& name) const
{
    const QString lower = name.toLower();
    if (m_volatile.contains(lower))
        return true;
    return !m_nonVolatile.contains(lower);
}

} // namespace locklab
