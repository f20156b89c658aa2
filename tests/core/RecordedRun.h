#pragma once

#include "core/run/RunRecord.h"

#include <QString>

// A run recorded by `locklab-cli run --formats csv,json` (tests/data/runs):
// read back into a RunRecord, so that rules about runs can be tested on what
// real runs measured. Reads only what RunExporter writes.
namespace locklab::test {

// `base` is the path without extension ("…/runs/not-null-not-null"): the
// .json gives the statements, locks and times, the .csv the probe samples.
// Returns an error, or an empty string.
QString readRecordedRun(const QString& base, RunRecord* record);

} // namespace locklab::test
