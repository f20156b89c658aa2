#include "core/server/SqlUtil.h"

#include <QtTest>

using namespace locklab;

// Identifiers and literals the way PostgreSQL's quote_ident() and
// quote_literal() write them (identifiers always quoted). The round trip
// through a real server is in tests/postgres/tst_sandboxsafety.cpp.
class TestSqlUtil : public QObject
{
    Q_OBJECT

private slots:
    void quotesIdentifiers_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "large_user"
                               << "\"large_user\"";
        QTest::newRow("mixed case keeps its case") << "LargeUser"
                                                   << "\"LargeUser\"";
        QTest::newRow("keyword") << "select"
                                 << "\"select\"";
        QTest::newRow("empty") << ""
                               << "\"\"";
        QTest::newRow("double quote doubled") << "say \"hi\""
                                              << "\"say \"\"hi\"\"\"";
        QTest::newRow("only a quote") << "\""
                                      << "\"\"\"\"";
        QTest::newRow("single quote untouched") << "o'hara"
                                                << "\"o'hara\"";
        QTest::newRow("backslash untouched") << "a\\b\\"
                                             << "\"a\\b\\\"";
        QTest::newRow("injection stays inside") << "x\"; DROP TABLE t; --"
                                                << "\"x\"\"; DROP TABLE t; --\"";
        QTest::newRow("unicode") << QString::fromUtf8("größe_🐘") << QString::fromUtf8("\"größe_🐘\"");
        QTest::newRow("dot is not a separator") << "public.t"
                                                << "\"public.t\"";
        QTest::newRow("newline") << "a\nb"
                                 << "\"a\nb\"";
    }

    void quotesIdentifiers()
    {
        QFETCH(QString, input);
        QTEST(quoteIdentifier(input), "expected");
    }

    void quotesLiterals_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "active"
                               << "'active'";
        QTest::newRow("empty") << ""
                               << "''";
        QTest::newRow("single quote doubled") << "it's"
                                              << "'it''s'";
        QTest::newRow("only quotes") << "''"
                                     << "''''''";
        QTest::newRow("double quote untouched") << "say \"hi\""
                                                << "'say \"hi\"'";
        // A backslash makes it an E'' string with the backslash doubled, so
        // it means the same whatever standard_conforming_strings says.
        QTest::newRow("backslash") << "C:\\temp"
                                   << "E'C:\\\\temp'";
        QTest::newRow("trailing backslash") << "x\\"
                                            << "E'x\\\\'";
        QTest::newRow("backslash before quote") << "\\'; DROP TABLE t; --"
                                                << "E'\\\\''; DROP TABLE t; --'";
        QTest::newRow("unicode") << QString::fromUtf8("größe 🐘") << QString::fromUtf8("'größe 🐘'");
        QTest::newRow("dollar quotes untouched") << "$$x$$"
                                                 << "'$$x$$'";
        QTest::newRow("newline") << "a\nb"
                                 << "'a\nb'";
    }

    void quotesLiterals()
    {
        QFETCH(QString, input);
        QTEST(quoteLiteral(input), "expected");
    }
};

QTEST_GUILESS_MAIN(TestSqlUtil)
#include "tst_sqlutil.moc"
