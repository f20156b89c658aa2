#pragma once

#include "core/lesson/Lesson.h"
#include "core/server/ConnectionSettings.h"
#include "core/tryout/TryRunner.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace locklab {

class FindingsView;
class LatencyPanel;

// "Try your own migration": paste SQL (or open a .sql file, or what
// `manage.py sqlmigrate` prints), see the prediction at once, then "Run it"
// on generated tables of the chosen size, and "Try the safe rewrite" on the
// same tables; the result puts predicted next to measured. The analysis is
// pure computation (no server); runs go through a TryRunner, never
// blocking this thread.
class TryPage : public QWidget
{
    Q_OBJECT
public:
    TryPage(const ConnectionSettings& sandbox, const QString& serverVersion, const LessonLibrary& library,
            QWidget* parent = nullptr);

    // Opens (or raises) the page of `parent`'s window.
    static TryPage* showFor(QWidget* parent, const ConnectionSettings& sandbox, const QString& serverVersion,
                            const LessonLibrary& library);

    void setMigration(const QString& sql);
    void setSchema(const QString& sql);
    void setRows(const QString& rows);
    void run(bool safeRewrite);
    FindingsView* findings() const { return m_findings; }
    bool isBusy() const { return m_runner->isBusy(); }

signals:
    void runFinished(const locklab::TryResult& result);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void analyse();
    void openFile();
    void onFinished(const TryResult& result);
    TryRequest request(bool safeRewrite, QString* error) const;

    LessonLibrary m_library;
    TryRunner* m_runner;
    QPlainTextEdit* m_migration;
    QPlainTextEdit* m_schema;
    QLineEdit* m_rows;
    QComboBox* m_probe;
    QPushButton* m_run;
    QPushButton* m_rewrite;
    QPushButton* m_cancel;
    QLabel* m_status;
    FindingsView* m_findings;
    LatencyPanel* m_latency;
    QTimer m_analyseTimer;
    QString m_lastOriginalHtml; // the migration's result, beside the rewrite's
    TryResult m_lastOriginal;
    QString m_rewriteHtml; // the rewrite that ran, and what was changed
    QString m_latencyTitle; // of the run the chart shows
    QString m_seedNotesHtml; // what the generated rows could not keep to
};

} // namespace locklab
