#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <initializer_list>
#include <optional>

namespace locklab {

// Reads typed fields of one JSON object and reports every problem as a
// sentence that names the file and the field, e.g.
//   lessons/03-not-null/lesson.json: step 'apply': 'atomic' must be true or false
// Lesson files are written by hand, so the loader keeps going after a problem
// and collects all of them: an instructor fixes a file in one pass.
class JsonFieldReader
{
public:
    // `context` prefixes every error ("lessons/x/lesson.json: step 2");
    // errors are appended to `errors`, which must outlive the reader.
    JsonFieldReader(QJsonObject object, QString context, QStringList* errors);

    // A reader for an object nested in this one; its context is ours + ": " + `where`.
    JsonFieldReader nested(const QJsonObject& object, const QString& where) const;

    const QJsonObject& object() const { return m_object; }
    const QString& context() const { return m_context; }
    bool has(const QString& key) const { return m_object.contains(key); }

    // Appends "<context>: <message>".
    void addError(const QString& message) const;
    // How many errors were collected so far (by this reader and every other one
    // sharing the list): compare before and after a call to see whether it failed.
    qsizetype errorCount() const { return m_errors->size(); }

    // Required fields report "'key' is missing" when absent. Strings must not be empty.
    QString requiredString(const QString& key) const;
    QString optionalString(const QString& key, const QString& fallback = {}) const;
    bool optionalBool(const QString& key, bool fallback) const;
    std::optional<qint64> requiredInteger(const QString& key) const;
    qint64 optionalInteger(const QString& key, qint64 fallback) const;
    std::optional<QJsonArray> requiredArray(const QString& key) const;
    std::optional<QJsonObject> requiredObject(const QString& key) const;
    // A list of non-empty strings; a missing optional list is empty.
    QStringList stringList(const QString& key, bool required) const;

    // Reports every key not in `known`. Keys starting with '_' are comments
    // and always allowed ("_comment": "..."), since JSON has no comments.
    void rejectUnknownKeys(std::initializer_list<const char*> known) const;

    // A JSON value as a whole number, if it is one (JSON numbers are doubles).
    static std::optional<qint64> toInteger(const QJsonValue& value);

private:
    QJsonObject m_object;
    QString m_context;
    QStringList* m_errors;
};

} // namespace locklab
