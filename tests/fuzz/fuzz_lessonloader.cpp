// libFuzzer target for the lesson loader: every input becomes the lesson.json
// of one lesson in a scratch lesson directory (beside a fixed, valid
// migrations.json and the Markdown files the real lessons name), which
// LessonLoader::loadDirectory() then reads, as LockLab reads an instructor's
// --lessons directory. Loading must never crash, hang or leak, whatever the
// file holds; broken lessons only carry errors.
//
// The directory is made once per process, on /dev/shm when there is one, and
// only lesson.json is rewritten per input.

#include "core/lesson/LessonLoader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

using namespace locklab;

namespace {

struct Scratch
{
    std::unique_ptr<QTemporaryDir> dir;
    QString lessonJson;
};

bool copyFile(const QString& from, const QString& to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

Scratch makeScratch()
{
    Scratch scratch;
    const QString base = QDir("/dev/shm").exists() ? QString("/dev/shm") : QDir::tempPath();
    scratch.dir = std::make_unique<QTemporaryDir>(base + "/locklab-fuzz-XXXXXX");
    if (!scratch.dir->isValid())
        std::abort();
    const QDir root(scratch.dir->path());
    const QDir sources(LOCKLAB_FUZZ_LESSONS);
    if (!copyFile(sources.filePath("migrations.json"), root.filePath("migrations.json")))
        std::abort();
    root.mkdir("01-fuzz");
    const QDir lesson(root.filePath("01-fuzz"));
    // Every Markdown file a real lesson names, so that inputs derived from
    // the real lessons get past the file checks into the validator.
    for (const QString& sub : sources.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QDir from(sources.filePath(sub));
        for (const QString& md : from.entryList({ "*.md" }, QDir::Files))
            copyFile(from.filePath(md), lesson.filePath(md));
    }
    scratch.lessonJson = lesson.filePath("lesson.json");
    return scratch;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const Scratch scratch = makeScratch();
    {
        QFile file(scratch.lessonJson);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            std::abort();
        file.write(reinterpret_cast<const char*>(data), qint64(size));
    }
    const LessonLibrary library = LessonLoader::loadDirectory(scratch.dir->path());
    // Touch what the app would show, so the results are really built.
    for (const Lesson& lesson : library.lessons) {
        volatile qsizetype n = lesson.title.size() + lesson.error.size() + lesson.steps.size();
        (void)n;
    }
    return 0;
}
