#include "app/SessionMenu.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QWidget>

namespace locklab {

namespace {
constexpr int kRecentCount = 10;
const char* const kRecentKey = "sessions/recent";
const char* const kFilter = QT_TRANSLATE_NOOP("SessionMenu", "LockLab sessions (*.locklab)");
} // namespace

SessionMenu::SessionMenu(QWidget* window, std::function<QList<RunRecord>()> runs, QObject* parent)
    : QObject(parent ? parent : window)
    , m_window(window)
    , m_runs(std::move(runs))
{
    m_save = new QAction(tr("&Save session..."), this);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save every recorded run of this session in one .locklab file"));
    m_open = new QAction(tr("&Open session..."), this);
    m_open->setShortcut(QKeySequence::Open);
    m_open->setToolTip(tr("Show the runs of a saved session; no server needed"));
    m_recent = new QMenu(tr("Open &recent"));
    connect(m_recent, &QMenu::aboutToShow, this, &SessionMenu::fillRecentMenu);
    connect(m_save, &QAction::triggered, this, &SessionMenu::save);
    connect(m_open, &QAction::triggered, this, &SessionMenu::open);
    connect(this, &QObject::destroyed, m_recent, &QObject::deleteLater);
}

void SessionMenu::install(QMenu* menu, QAction* before)
{
    menu->insertAction(before, m_open);
    menu->insertMenu(before, m_recent);
    menu->insertAction(before, m_save);
    menu->insertSeparator(before);
}

QStringList SessionMenu::recentFiles()
{
    return QSettings().value(kRecentKey).toStringList();
}

void SessionMenu::addRecentFile(const QString& path)
{
    QStringList files = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kRecentCount)
        files.removeLast();
    QSettings().setValue(kRecentKey, files);
}

bool SessionMenu::saveTo(const QString& path, QString* error)
{
    if (!SessionFile::save(m_runs(), path, error))
        return false;
    addRecentFile(path);
    return true;
}

void SessionMenu::save()
{
    const QList<RunRecord> runs = m_runs();
    if (runs.isEmpty()) {
        QMessageBox::information(m_window, tr("Nothing to save yet"),
                                 tr("Run a step first: a session file holds the runs recorded in this window."));
        return;
    }
    QString path = QFileDialog::getSaveFileName(
        m_window, tr("Save session"),
        QDir::home().filePath(QDateTime::currentDateTime().toString("'locklab-session-'yyyy-MM-dd-HHmm'.locklab'")),
        tr(kFilter));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += ".locklab";
    QString error;
    if (!saveTo(path, &error))
        QMessageBox::warning(m_window, tr("Session not saved"), error);
}

void SessionMenu::open()
{
    const QStringList recent = recentFiles();
    const QString dir = recent.isEmpty() ? QDir::homePath() : QFileInfo(recent.first()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open session"), dir, tr(kFilter));
    if (!path.isEmpty())
        openFile(path);
}

bool SessionMenu::openFile(const QString& path)
{
    Session session;
    QString error;
    if (!SessionFile::load(path, &session, &error)) {
        QMessageBox::warning(m_window, tr("Session not opened"),
                             error + "\n\n" + tr("Nothing else has changed: the runs shown stay as they were."));
        return false;
    }
    addRecentFile(path);
    emit opened(session, QFileInfo(path).absoluteFilePath());
    return true;
}

void SessionMenu::fillRecentMenu()
{
    m_recent->clear();
    const QStringList files = recentFiles();
    if (files.isEmpty()) {
        m_recent->addAction(tr("(none yet)"))->setEnabled(false);
        return;
    }
    for (const QString& file : files) {
        QAction* action = m_recent->addAction(QDir::toNativeSeparators(file));
        action->setEnabled(QFileInfo::exists(file));
        connect(action, &QAction::triggered, this, [this, file]() { openFile(file); });
    }
}

} // namespace locklab
