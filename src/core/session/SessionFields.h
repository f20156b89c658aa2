#pragma once

#include "core/run/RunRecord.h"

#include <QJsonObject>
#include <QString>

namespace locklab {

// A RunRecord as one JSON object of a session file, and back. The fields of
// each struct are listed once, in SessionFields.cpp: a new field of
// RunRecord, ProbeSample, StatementTiming or LockInterval is saved and
// opened by adding its line there.
class SessionFields
{
public:
    static QJsonObject recordToJson(const RunRecord& record);
    // False with *error naming the run and the field when `json` is not a run
    // as LockLab writes it.
    static bool recordFromJson(const QJsonObject& json, RunRecord* record, QString* error);
};

} // namespace locklab
