#include "core/lesson/TeachingJson.h"

#include "core/lesson/MetricCatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace locklab {

namespace {

// PostgreSQL majors a version note may name; anything else is a typo (150 for 15).
constexpr int kOldestMajor = 9;
constexpr int kNewestMajor = 99;

std::optional<double> readBound(const JsonFieldReader& reader, const char* key)
{
    if (!reader.has(QLatin1String(key)))
        return std::nullopt;
    const QJsonValue value = reader.object().value(QLatin1String(key));
    if (!value.isDouble()) {
        reader.addError(QString("'%1' must be a number").arg(QLatin1String(key)));
        return std::nullopt;
    }
    return value.toDouble();
}

QList<MetricCondition> readConditions(const JsonFieldReader& choice)
{
    QList<MetricCondition> conditions;
    if (!choice.has("when"))
        return conditions;
    const std::optional<QJsonObject> when = choice.requiredObject("when");
    if (!when)
        return conditions;
    if (when->isEmpty())
        choice.addError("'when' is empty; leave it out for a choice that always holds");
    for (auto it = when->begin(); it != when->end(); ++it) {
        if (it.key().startsWith('_'))
            continue;
        const QString where = "'when' metric '" + it.key() + "'";
        if (!MetricCatalog::isKnown(it.key())) {
            choice.addError(QString("%1 is unknown (known metrics: %2)")
                                .arg(where, MetricCatalog::descriptions().keys().join(", ")));
            continue;
        }
        if (!it.value().isObject()) {
            choice.addError(where + " must be an object such as {\"at_least\": 500}");
            continue;
        }
        const JsonFieldReader bounds = choice.nested(it.value().toObject(), where);
        bounds.rejectUnknownKeys({ "at_least", "below" });
        MetricCondition condition;
        condition.metric = it.key();
        condition.atLeast = readBound(bounds, "at_least");
        condition.below = readBound(bounds, "below");
        if (!condition.atLeast && !condition.below)
            bounds.addError("give 'at_least', 'below' or both");
        else if (condition.atLeast && condition.below && *condition.atLeast >= *condition.below)
            bounds.addError(QString("'at_least' %1 is not below 'below' %2; no run can match")
                                .arg(*condition.atLeast)
                                .arg(*condition.below));
        conditions << condition;
    }
    return conditions;
}

void checkPlaceholders(const JsonFieldReader& reader, const QString& key, const QString& text)
{
    const QStringList unknown = MetricCatalog::unknownPlaceholders(text);
    if (!unknown.isEmpty())
        reader.addError(QString("'%1' uses the unknown metric {%2} (known metrics: %3)")
                            .arg(key, unknown.join("}, {"), MetricCatalog::descriptions().keys().join(", ")));
}

Prediction readPrediction(const JsonFieldReader& step)
{
    Prediction prediction;
    const std::optional<QJsonObject> object = step.requiredObject("prediction");
    if (!object)
        return prediction;
    const JsonFieldReader reader = step.nested(*object, "'prediction'");
    reader.rejectUnknownKeys({ "question", "choices", "measured" });
    prediction.question = reader.requiredString("question");
    prediction.measured = reader.requiredString("measured");
    checkPlaceholders(reader, "measured", prediction.measured);
    const std::optional<QJsonArray> choices = reader.requiredArray("choices");
    if (!choices)
        return prediction;
    if (choices->size() < 2 || choices->size() > 4)
        reader.addError(QString("'choices' has %1 choices; give 2 to 4").arg(choices->size()));
    QSet<QString> ids;
    int catchAll = -1;
    for (qsizetype i = 0; i < choices->size(); ++i) {
        const QString id = choices->at(i).toObject().value("id").toString();
        const QString label = id.isEmpty() ? QString("choice %1").arg(i + 1) : "choice '" + id + "'";
        if (!choices->at(i).isObject()) {
            reader.addError(label + " must be an object ({...})");
            continue;
        }
        const JsonFieldReader choice = reader.nested(choices->at(i).toObject(), label);
        choice.rejectUnknownKeys({ "id", "text", "when" });
        PredictionChoice result;
        result.id = choice.requiredString("id");
        result.text = choice.requiredString("text");
        result.when = readConditions(choice);
        if (!result.id.isEmpty() && ids.contains(result.id))
            reader.addError(label + " is declared twice");
        ids.insert(result.id);
        if (!choice.has("when") && catchAll < 0)
            catchAll = int(i);
        prediction.choices << result;
    }
    // Choices are tried in order: one after a catch-all could never be the answer.
    if (catchAll >= 0 && catchAll < choices->size() - 1)
        reader.addError(QString("choice %1 has no 'when', so it always holds and the choices after it can "
                                "never be measured; move it last")
                            .arg(catchAll + 1));
    return prediction;
}

DjangoCode readDjango(const JsonFieldReader& step, const QString& lessonDirectory)
{
    DjangoCode django;
    const std::optional<QJsonObject> object = step.requiredObject("django");
    if (!object)
        return django;
    const JsonFieldReader reader = step.nested(*object, "'django'");
    reader.rejectUnknownKeys({ "min_version", "about", "files" });
    django.minVersion = reader.requiredString("min_version");
    if (!django.minVersion.isEmpty() && !QRegularExpression("^\\d+\\.\\d+$").match(django.minVersion).hasMatch())
        reader.addError(QString("'min_version' must look like \"4.0\", not \"%1\"").arg(django.minVersion));
    django.about = readLessonFile(reader, "about", false, lessonDirectory);
    const std::optional<QJsonArray> files = reader.requiredArray("files");
    if (!files)
        return django;
    if (files->isEmpty())
        reader.addError("'files' is empty; give at least the migration file");
    for (qsizetype i = 0; i < files->size(); ++i) {
        const QString label = QString("file %1").arg(i + 1);
        if (!files->at(i).isObject()) {
            reader.addError(label + " must be an object ({\"path\": ..., \"source\": ...})");
            continue;
        }
        const JsonFieldReader file = reader.nested(files->at(i).toObject(), label);
        file.rejectUnknownKeys({ "path", "source", "language" });
        DjangoFile result;
        result.path = file.requiredString("path");
        result.language = file.optionalString("language", "python");
        if (result.language != "python" && result.language != "sql" && result.language != "shell")
            file.addError(
                QString("'language' must be \"python\", \"sql\" or \"shell\", not \"%1\"").arg(result.language));
        result.code = readLessonFile(file, "source", true, lessonDirectory);
        django.files << result;
    }
    return django;
}

std::optional<int> readMajor(const JsonFieldReader& note, const char* key)
{
    if (!note.has(QLatin1String(key)))
        return std::nullopt;
    const std::optional<qint64> value = note.requiredInteger(QLatin1String(key));
    if (value && (*value < kOldestMajor || *value > kNewestMajor)) {
        note.addError(QString("'%1' %2 is not a PostgreSQL major version (%3 to %4)")
                          .arg(QLatin1String(key))
                          .arg(*value)
                          .arg(kOldestMajor)
                          .arg(kNewestMajor));
        return std::nullopt;
    }
    return value ? std::optional<int>(int(*value)) : std::nullopt;
}

QList<VersionNote> readVersionNotes(const JsonFieldReader& step)
{
    QList<VersionNote> notes;
    const std::optional<QJsonArray> array = step.requiredArray("version_notes");
    if (!array)
        return notes;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString label = QString("'version_notes' note %1").arg(i + 1);
        if (!array->at(i).isObject()) {
            step.addError(label + " must be an object ({\"before\": 12, \"text\": ...})");
            continue;
        }
        const JsonFieldReader note = step.nested(array->at(i).toObject(), label);
        note.rejectUnknownKeys({ "from", "before", "text" });
        VersionNote result;
        const std::optional<int> from = readMajor(note, "from");
        const std::optional<int> before = readMajor(note, "before");
        result.fromMajor = from.value_or(0);
        result.beforeMajor = before.value_or(0);
        result.text = note.requiredString("text");
        if (from && before && *from >= *before)
            note.addError(QString("'from' %1 is not below 'before' %2; no version matches").arg(*from).arg(*before));
        notes << result;
    }
    return notes;
}

QList<SizeNote> readSizeNotes(const JsonFieldReader& step)
{
    QList<SizeNote> notes;
    const std::optional<QJsonArray> array = step.requiredArray("size_notes");
    if (!array)
        return notes;
    qint64 previous = 0;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString label = QString("'size_notes' note %1").arg(i + 1);
        if (!array->at(i).isObject()) {
            step.addError(label + " must be an object ({\"below_rows\": 300000, \"text\": ...})");
            continue;
        }
        const JsonFieldReader note = step.nested(array->at(i).toObject(), label);
        note.rejectUnknownKeys({ "below_rows", "text" });
        SizeNote result;
        result.text = note.requiredString("text");
        if (note.has("below_rows")) {
            result.belowRows = note.requiredInteger("below_rows").value_or(0);
            if (result.belowRows <= previous)
                note.addError(QString("'below_rows' %1 must be above the previous note's %2 (notes go from "
                                      "small tables to large)")
                                  .arg(result.belowRows)
                                  .arg(previous));
            previous = result.belowRows;
        } else if (i < array->size() - 1) {
            note.addError("has no 'below_rows', so it holds for every size; move it last");
        }
        notes << result;
    }
    return notes;
}

} // namespace

QString readLessonFile(const JsonFieldReader& owner, const QString& key, bool required, const QString& lessonDirectory)
{
    const QString fileName = required ? owner.requiredString(key) : owner.optionalString(key);
    if (fileName.trimmed().isEmpty())
        return {};
    QFile file(QDir(lessonDirectory).filePath(fileName));
    if (!QFileInfo(file.fileName()).isFile()) {
        owner.addError(QString("'%1' names the missing file '%2'").arg(key, fileName));
        return {};
    }
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        owner.addError(
            QString("'%1' names the file '%2', which cannot be read: %3").arg(key, fileName, file.errorString()));
        return {};
    }
    const QString text = QString::fromUtf8(file.readAll());
    if (text.trimmed().isEmpty())
        owner.addError(QString("'%1' names the empty file '%2'").arg(key, fileName));
    return text;
}

QString readExpectedError(const JsonFieldReader& step)
{
    const QString state = step.optionalString("expected_error");
    static const QRegularExpression sqlState(QStringLiteral("^[0-9A-Z]{5}$"));
    if (step.has("expected_error") && !sqlState.match(state).hasMatch())
        step.addError(QString("'expected_error' must be a SQLSTATE of five digits or capitals (\"23514\"), not \"%1\"")
                          .arg(state));
    return state;
}

StepTeaching readStepTeaching(const JsonFieldReader& step, const QString& lessonDirectory)
{
    StepTeaching teaching;
    if (step.has("prediction"))
        teaching.prediction = readPrediction(step);
    if (step.has("django"))
        teaching.django = readDjango(step, lessonDirectory);
    if (step.has("version_notes"))
        teaching.versionNotes = readVersionNotes(step);
    if (step.has("size_notes"))
        teaching.sizeNotes = readSizeNotes(step);
    teaching.answer = readLessonFile(step, "answer", false, lessonDirectory);
    teaching.instructorNotes = readLessonFile(step, "instructor_notes", false, lessonDirectory);
    return teaching;
}

QList<LessonPage> readLessonPages(const JsonFieldReader& lesson, const QString& lessonDirectory)
{
    QList<LessonPage> pages;
    if (!lesson.has("pages"))
        return pages;
    const std::optional<QJsonArray> array = lesson.requiredArray("pages");
    if (!array)
        return pages;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString label = QString("'pages' page %1").arg(i + 1);
        if (!array->at(i).isObject()) {
            lesson.addError(label + " must be an object ({\"title\": ..., \"file\": ...})");
            continue;
        }
        const JsonFieldReader page = lesson.nested(array->at(i).toObject(), label);
        page.rejectUnknownKeys({ "title", "file" });
        pages << LessonPage { page.requiredString("title"), readLessonFile(page, "file", true, lessonDirectory) };
    }
    return pages;
}

} // namespace locklab
