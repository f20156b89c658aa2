#pragma once

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace locklab {

struct AnalysisRule
{
    QString id; // squawk's name where it has one
    bool note = false;
    QString title;
    QString why;
    QString rewrite;
    QString lesson;
};

// Syntax a newer server accepts that the parser (PostgreSQL 15's grammar)
// does not: recognised by its keywords from PostgreSQL's own scanner.
struct NewerSyntax
{
    QString id;
    int version = 0;
    QString syntax; // "ADD CONSTRAINT ... NOT NULL ... NOT VALID"
    QStringList startsWith; // leading keywords
    QList<QStringList> contains; // keyword sequences that must follow, in order
    QString tableAfter; // the table is the name after this keyword
    QString lock; // display name of the mode
    QString effect; // "catalog", "rows", "scan", "rewrite"
    QString explain;
};

// The analyser's knowledge as data (rules.json, compiled in): rules with
// their explanation and safe rewrite, newer syntax, function volatility and
// the functions the sandbox refuses.
class AnalysisRules
{
public:
    static const AnalysisRules& instance();

    const AnalysisRule* rule(const QString& id) const;
    const QList<AnalysisRule>& rules() const { return m_rules; }
    const QList<NewerSyntax>& newerSyntax() const { return m_newer; }
    // Unknown functions count as volatile: that is what a default is unless declared otherwise.
    bool isVolatileFunction(const QString& name) const;
    bool isForbiddenFunction(const QString& name) const { return m_forbidden.contains(name.toLower()); }
    QString loadError() const { return m_error; }

private:
    AnalysisRules();
    QList<AnalysisRule> m_rules;
    QList<NewerSyntax> m_newer;
    QSet<QString> m_nonVolatile;
    QSet<QString> m_volatile;
    QSet<QString> m_forbidden;
    QString m_error;
};

} // namespace locklab
