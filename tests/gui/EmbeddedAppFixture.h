#pragma once

#include "TestServer.h"
#include "app/AppController.h"
#include "app/MainWindow.h"
#include "core/lesson/LessonLoader.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <sys/stat.h>

namespace locklab::test {

// The whole app as a user starts it (AppController, startup, MainWindow) on
// its own embedded cluster in a scratch directory, with settings kept out of
// the user's real ones.
class EmbeddedAppFixture
{
public:
    // Returns false when the window did not come up within a minute.
    bool start(const QString& scratchPrefix)
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.path());
        QCoreApplication::setOrganizationName("LockLabTest");
        m_scratch = std::make_unique<QTemporaryDir>(TestServer::scratchParent() + "/" + scratchPrefix + "-XXXXXX");
        ::chmod(QFile::encodeName(m_scratch->path()).constData(), 0755);
        LaunchOptions options;
        options.dataDir = dataDir();
        options.forceEmbedded = true;
        m_app = std::make_unique<AppController>(options, LessonLoader::loadBuiltIn());
        m_app->start();
        return QTest::qWaitFor([&]() { return window() != nullptr; }, 60000);
    }

    MainWindow* window() const { return m_app ? m_app->window() : nullptr; }
    AppController* app() const { return m_app.get(); }
    QString dataDir() const { return m_scratch->filePath("cluster"); }
    void quit() { m_app.reset(); }

private:
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_scratch;
    std::unique_ptr<AppController> m_app;
};

} // namespace locklab::test
