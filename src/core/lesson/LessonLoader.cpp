#include "core/lesson/LessonLoader.h"

#include "core/lesson/LessonCastJson.h"

#include "core/lesson/JsonFieldReader.h"
#include "core/lesson/LessonJson.h"
#include "core/lesson/LessonValidator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <optional>
#include <vector>

namespace locklab {

namespace {

struct MigrationCatalog
{
    QMap<QString, Migration> migrations; // only the migrations without errors
    QSet<QString> broken; // declared, but rejected
    bool unreadable = false; // the file is missing, not JSON, or has no "migrations" list
};

// A lesson as read, before the lessons are sorted and checked against each other.
struct LoadedLesson
{
    Lesson lesson;
    QString directoryName; // "03-not-null"
    QString displayPath; // "lessons/03-not-null/lesson.json", how errors name the file
    QStringList errors;
    bool idFromFile = false; // else derived from the directory name
    bool numberFromFile = false; // else derived from the directory name
};

QString lineAndColumn(const QByteArray& data, int offset)
{
    const QByteArray before = data.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QString("line %1, column %2").arg(line).arg(column);
}

// The JSON object in `path`, or nothing with an error naming `displayPath`.
std::optional<QJsonObject> readJsonObject(const QString& path, const QString& displayPath, QStringList* errors)
{
    if (!QFileInfo(path).isFile()) {
        errors->append(displayPath + ": the file is missing");
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errors->append(QString("%1: cannot be read: %2").arg(displayPath, file.errorString()));
        return std::nullopt;
    }
    const QByteArray data = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        errors->append(QString("%1: not valid JSON: %2 at offset %3 (%4)")
                           .arg(displayPath, parseError.errorString())
                           .arg(parseError.offset)
                           .arg(lineAndColumn(data, parseError.offset)));
        return std::nullopt;
    }
    if (!document.isObject()) {
        errors->append(displayPath + ": must hold one JSON object ({...})");
        return std::nullopt;
    }
    return document.object();
}

MigrationCatalog loadMigrations(const QString& root, const QString& displayPath, QStringList* errors)
{
    MigrationCatalog catalog;
    const std::optional<QJsonObject> object = readJsonObject(root + "/migrations.json", displayPath, errors);
    if (!object) {
        catalog.unreadable = true;
        return catalog;
    }
    const JsonFieldReader file(*object, displayPath, errors);
    file.rejectUnknownKeys({ "migrations" });
    const std::optional<QJsonArray> list = file.requiredArray("migrations");
    if (!list) {
        catalog.unreadable = true;
        return catalog;
    }
    for (qsizetype i = 0; i < list->size(); ++i) {
        const QJsonValue item = list->at(i);
        const QString name = item.toObject().value("name").toString();
        const QString label = migrationLabel(name, i);
        if (!item.isObject()) {
            file.addError(label + " must be an object ({...})");
            continue;
        }
        const qsizetype errorsBefore = errors->size();
        const Migration migration = readMigration(file.nested(item.toObject(), label));
        if (!name.isEmpty() && (catalog.migrations.contains(name) || catalog.broken.contains(name))) {
            // Which of the two definitions is meant is anyone's guess: reject both.
            file.addError(label + " is defined twice");
            catalog.migrations.remove(name);
            catalog.broken.insert(name);
        } else if (errors->size() > errorsBefore) {
            catalog.broken.insert(name);
        } else {
            catalog.migrations.insert(name, migration);
        }
    }
    return catalog;
}

// probes.json: the probe series of every lesson that declares none. Optional:
// without it (and without a lesson's own "probes") a step runs only the lock monitor.
QList<ProbeSpec> loadDefaultProbes(const QString& root, const QString& displayPath, QStringList* errors)
{
    if (!QFileInfo::exists(root + "/probes.json"))
        return {};
    const std::optional<QJsonObject> object = readJsonObject(root + "/probes.json", displayPath, errors);
    if (!object)
        return {};
    const JsonFieldReader file(*object, displayPath, errors);
    file.rejectUnknownKeys({ "probes" });
    if (!file.has("probes"))
        file.addError("'probes' is missing");
    return readProbeSpecs(file, "probes");
}

// Each step gets the series it runs: its own, else its lesson's, else the defaults.
void fillProbeSpecs(Lesson* lesson, const QList<ProbeSpec>& defaults)
{
    if (lesson->probeSpecs.isEmpty())
        lesson->probeSpecs = defaults;
    for (LessonStep& step : lesson->steps) {
        if (step.probeSpecs.isEmpty())
            step.probeSpecs = lesson->probeSpecs;
    }
}

// "03-not-null" gives number 3 and id "not-null": enough to list a lesson whose
// lesson.json cannot be read, so the navigator can show it with its error.
void fillIdentityFromDirectoryName(LoadedLesson* loaded)
{
    static const QRegularExpression numberedName("^(\\d+)[-_ ]*(.*)$");
    const QRegularExpressionMatch match = numberedName.match(loaded->directoryName);
    Lesson& lesson = loaded->lesson;
    loaded->idFromFile = !lesson.id.isEmpty();
    loaded->numberFromFile = lesson.number > 0;
    if (lesson.id.isEmpty())
        lesson.id = match.hasMatch() && !match.captured(2).isEmpty() ? match.captured(2) : loaded->directoryName;
    if (lesson.number <= 0)
        lesson.number = match.hasMatch() ? match.captured(1).toInt() : 0;
    if (lesson.title.isEmpty())
        lesson.title = loaded->directoryName;
}

LoadedLesson loadLesson(const QString& root, const QString& displayRoot, const QString& directoryName,
                        const LessonValidator& validator)
{
    LoadedLesson loaded;
    loaded.directoryName = directoryName;
    loaded.displayPath = displayRoot + "/" + directoryName + "/lesson.json";
    const QString lessonDirectory = root + "/" + directoryName;
    const QString source = lessonDirectory + "/lesson.json";
    if (const std::optional<QJsonObject> object = readJsonObject(source, loaded.displayPath, &loaded.errors)) {
        loaded.lesson = readLesson(JsonFieldReader(*object, loaded.displayPath, &loaded.errors), lessonDirectory);
        validator.validate(loaded.lesson, loaded.displayPath, &loaded.errors);
    }
    loaded.lesson.source = source;
    fillIdentityFromDirectoryName(&loaded);
    return loaded;
}

// Lesson ids name lessons in settings and exports, numbers order the navigator:
// both must be unique. The first lesson (in order) keeps its id; later ones break.
void rejectDuplicateIdentities(std::vector<LoadedLesson>* lessons)
{
    QMap<QString, QString> ownerOfId;
    QMap<int, QString> ownerOfNumber;
    for (LoadedLesson& loaded : *lessons) {
        const Lesson& lesson = loaded.lesson;
        if (loaded.idFromFile) {
            if (ownerOfId.contains(lesson.id))
                loaded.errors.append(QString("%1: 'id' '%2' is already used by %3")
                                         .arg(loaded.displayPath, lesson.id, ownerOfId.value(lesson.id)));
            else
                ownerOfId.insert(lesson.id, loaded.displayPath);
        }
        if (loaded.numberFromFile) {
            if (ownerOfNumber.contains(lesson.number))
                loaded.errors.append(QString("%1: 'number' %2 is already used by %3")
                                         .arg(loaded.displayPath)
                                         .arg(lesson.number)
                                         .arg(ownerOfNumber.value(lesson.number)));
            else
                ownerOfNumber.insert(lesson.number, loaded.displayPath);
        }
    }
}

// A lesson without "tables" works on the tables the library's seed lesson
// declares: the lessons after the seed one need not repeat them.
void inheritSeededTables(LessonLibrary* library)
{
    QStringList seeded;
    for (const Lesson& lesson : library->lessons) {
        const bool seeds = std::any_of(lesson.steps.cbegin(), lesson.steps.cend(),
                                       [](const LessonStep& step) { return step.kind == StepKind::Seed; });
        if (seeds && !lesson.tables.isEmpty()) {
            seeded = lesson.tables;
            break;
        }
    }
    for (Lesson& lesson : library->lessons) {
        if (lesson.tables.isEmpty())
            lesson.tables = seeded;
    }
}

} // namespace

QString LessonLoader::builtInPath()
{
    return QStringLiteral(":/lessons");
}

LessonLibrary LessonLoader::loadBuiltIn()
{
    return loadDirectory(builtInPath());
}

LessonLibrary LessonLoader::loadDirectory(const QString& directory)
{
    LessonLibrary library;
    const QString root = QDir::cleanPath(directory);
    if (!QFileInfo(root).isDir()) {
        library.errors.append(QString("The lesson directory %1 does not exist").arg(QDir::toNativeSeparators(root)));
        return library;
    }
    // Errors name files relative to the directory's parent ("lessons/03-not-null/lesson.json"):
    // short enough for the GUI, and the same for the built-in copy and the source tree.
    const QString displayRoot = QFileInfo(root).fileName().isEmpty() ? root : QFileInfo(root).fileName();
    const QString migrationsDisplayPath = displayRoot + "/migrations.json";

    MigrationCatalog catalog = loadMigrations(root, migrationsDisplayPath, &library.errors);
    library.migrations = catalog.migrations;
    const LessonValidator validator(library.migrations, catalog.broken, migrationsDisplayPath, catalog.unreadable);

    library.defaultProbes = loadDefaultProbes(root, displayRoot + "/probes.json", &library.errors);

    std::vector<LoadedLesson> loadedLessons;
    const QStringList directories = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& directoryName : directories) {
        // A directory without lesson.json is not a lesson (images, drafts...).
        if (QFileInfo(root + "/" + directoryName + "/lesson.json").exists())
            loadedLessons.push_back(loadLesson(root, displayRoot, directoryName, validator));
    }
    if (loadedLessons.empty())
        library.errors.append(
            QString("The lesson directory %1 holds no lessons (no */lesson.json)").arg(QDir::toNativeSeparators(root)));

    std::stable_sort(loadedLessons.begin(), loadedLessons.end(), [](const LoadedLesson& a, const LoadedLesson& b) {
        return a.lesson.number != b.lesson.number ? a.lesson.number < b.lesson.number
                                                  : a.directoryName < b.directoryName;
    });
    rejectDuplicateIdentities(&loadedLessons);
    for (LoadedLesson& loaded : loadedLessons) {
        fillProbeSpecs(&loaded.lesson, library.defaultProbes);
        loaded.lesson.error = loaded.errors.join('\n');
        library.lessons.append(std::move(loaded.lesson));
    }
    inheritSeededTables(&library);
    return library;
}

} // namespace locklab
