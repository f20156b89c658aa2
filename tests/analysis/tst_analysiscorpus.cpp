#include "core/analysis/AnalysisRules.h"
#include "core/analysis/MigrationAnalyzer.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace locklab;

// Every corpus file NAME.sql is analysed and the result, written as lines
// (statements with their locks, parse errors, newer syntax, refusals,
// findings and notes), must equal NAME.expected exactly. A first line
// "-- options: pg-version=11 sandbox=t1,t2 schema=NAME.schema.sql" sets the
// analyser's options. LOCKLAB_UPDATE_EXPECTED=1 rewrites the .expected
// files (review the diff before committing it).
class TestAnalysisCorpus : public QObject
{
    Q_OBJECT

private:
    static QString read(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    static QString describe(const AnalysisReport& report)
    {
        QStringList lines;
        for (const StatementAnalysis& s : report.statements) {
            QString line = QString("%1 line %2: ").arg(s.index).arg(s.position.line);
            if (!s.parsed && s.newerSyntaxVersion == 0) {
                lines.append(line
                             + QString("parse error at %1:%2: %3")
                                   .arg(s.errorPosition.line)
                                   .arg(s.errorPosition.column)
                                   .arg(s.parseError));
                continue;
            }
            line += s.command;
            if (s.newerSyntaxVersion > 0)
                line += QString(" [newer syntax: PostgreSQL %1]").arg(s.newerSyntaxVersion);
            if (!s.transactionAllowed)
                line += " [no transaction block]";
            QStringList locks;
            for (const PredictedLock& l : s.locks)
                locks.append(QString("%1%2 %3, %4%5")
                                 .arg(l.onIndex ? "index " : "", l.table, LockModes::displayName(l.mode),
                                      tableEffectName(l.effect),
                                      l.duration == LockDuration::UntilCommit ? ", until COMMIT" : ""));
            if (!locks.isEmpty())
                line += " | " + locks.join("; ");
            lines.append(line);
            if (!s.refusal.isEmpty())
                lines.append(QString("%1 refused: %2").arg(s.index).arg(s.refusal));
            else if (!s.extension.isEmpty())
                lines.append(QString("%1 needs extension: %2").arg(s.index).arg(s.extension));
        }
        for (const AnalysisFinding& f : report.findings)
            lines.append(QString("%1 %2 %3").arg(f.note ? "note" : "finding", f.rule).arg(f.statement));
        return lines.join('\n') + '\n';
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(AnalysisRules::instance().loadError().isEmpty(), qPrintable(AnalysisRules::instance().loadError()));
    }

    void corpus_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(LOCKLAB_ANALYSIS_CORPUS);
        const QStringList files = dir.entryList({ "*.sql" }, QDir::Files, QDir::Name);
        int count = 0;
        for (const QString& f : files) {
            if (f.endsWith(".schema.sql"))
                continue;
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
            ++count;
        }
        QVERIFY2(count >= 40, qPrintable(QString("the corpus has %1 SQL files, want at least 40").arg(count)));
    }

    void corpus()
    {
        QFETCH(QString, path);
        const QString sql = read(path);
        QVERIFY2(!sql.isEmpty(), qPrintable("cannot read " + path));
        MigrationAnalyzer::Options options;
        const QRegularExpressionMatch header
            = QRegularExpression("^-- options:(.*)$", QRegularExpression::MultilineOption).match(sql);
        if (header.hasMatch() && header.capturedStart() == 0) {
            for (const QString& option : header.captured(1).split(' ', Qt::SkipEmptyParts)) {
                const QString name = option.section('=', 0, 0);
                const QString value = option.section('=', 1);
                if (name == "pg-version")
                    options.pgVersion = value.toInt();
                else if (name == "schema")
                    options.schemaSql = read(QFileInfo(path).dir().filePath(value));
                else if (name == "sandbox") {
                    options.sandbox = true;
                    options.sandboxSchema = "locklab_try";
                } else if (name == "extensions") {
                    const QStringList names = value.split(',');
                    options.installedExtensions = QSet<QString>(names.begin(), names.end());
                } else
                    QFAIL(qPrintable("unknown corpus option " + option));
            }
        }
        const QString actual = describe(MigrationAnalyzer::analyze(sql, options, QFileInfo(path).fileName()));
        const QString expectedPath = path.chopped(4) + ".expected";
        if (qEnvironmentVariableIntValue("LOCKLAB_UPDATE_EXPECTED") == 1) {
            QFile out(expectedPath);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(actual.toUtf8());
        }
        const QString expected = read(expectedPath);
        QVERIFY2(!expected.isEmpty(), qPrintable("missing " + expectedPath));
        QCOMPARE(actual, expected);
    }
};

QTEST_GUILESS_MAIN(TestAnalysisCorpus)
#include "tst_analysiscorpus.moc"
