#include "app/PythonHighlighter.h"
#include "app/SqlHighlighter.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QtTest>

using namespace locklab;

// The SQL and Python colouring of the statement and code views: keywords
// bold, strings and comments in their colours, a comment winning over
// everything after its start, a string over the keywords inside it.
class TestHighlighters : public QObject
{
    Q_OBJECT

    // The format the highlighter gave the character at `position` of the first line.
    static QTextCharFormat formatAt(const QTextDocument& document, int position)
    {
        const QList<QTextLayout::FormatRange> ranges = document.firstBlock().layout()->formats();
        QTextCharFormat format;
        for (const QTextLayout::FormatRange& range : ranges) {
            if (position >= range.start && position < range.start + range.length)
                format = range.format; // later ranges were set later and win
        }
        return format;
    }

    // A new highlighter's first pass waits for the event loop, and until then it
    // leaves changed text alone: rehighlight now.
    static void setText(QTextDocument& document, QSyntaxHighlighter& highlighter, const QString& text)
    {
        document.setPlainText(text);
        highlighter.rehighlight();
    }

private slots:
    void sql()
    {
        QTextDocument document;
        SqlHighlighter highlighter(&document);
        const QString line = "ALTER TABLE \"large_user\" SET status = 'not -- a comment' -- the real one";
        setText(document, highlighter, line);
        const QTextCharFormat keyword = formatAt(document, 0);
        QCOMPARE(keyword.fontWeight(), int(QFont::Bold));
        QCOMPARE(keyword.foreground().color(), QColor(0x1f, 0x4e, 0xb4));
        QCOMPARE(formatAt(document, int(line.indexOf("large_user"))).foreground().color(), QColor(0x30, 0x30, 0x30));
        const QTextCharFormat string = formatAt(document, int(line.indexOf("'not")));
        QCOMPARE(string.foreground().color(), QColor(0x1a, 0x7f, 0x37));
        // A comment starts at the first "--" of the line, even one inside a string.
        const int dashes = int(line.indexOf("--"));
        QCOMPARE(formatAt(document, dashes - 1).foreground().color(), QColor(0x1a, 0x7f, 0x37));
        for (int at : { dashes, int(line.indexOf("a comment")), int(line.indexOf("the real")), int(line.size()) - 1 }) {
            const QTextCharFormat comment = formatAt(document, at);
            QCOMPARE(comment.foreground().color(), QColor(0x70, 0x70, 0x70));
            QVERIFY(comment.fontItalic());
        }
        setText(document, highlighter, "SELECT :rows");
        QVERIFY(formatAt(document, 8).fontItalic());
        QCOMPARE(formatAt(document, 8).foreground().color(), QColor(0xa0, 0x50, 0x00));
    }

    void python()
    {
        QTextDocument document;
        PythonHighlighter highlighter(&document);
        const QString line = "def forwards(apps): return 'if 1' # if 2";
        setText(document, highlighter, line);
        QCOMPARE(formatAt(document, 0).fontWeight(), int(QFont::Bold));
        const QTextCharFormat string = formatAt(document, int(line.indexOf("if 1")));
        QCOMPARE(string.foreground().color(), QColor("#2e7d32"));
        QCOMPARE(string.fontWeight(), int(QFont::Normal));
        const QTextCharFormat comment = formatAt(document, int(line.indexOf("if 2")));
        QCOMPARE(comment.foreground().color(), QColor("#808080"));
        QVERIFY(comment.fontItalic());
    }
};

QTEST_MAIN(TestHighlighters)
#include "tst_highlighters.moc"
