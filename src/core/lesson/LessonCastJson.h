#pragma once

#include "core/lesson/ActorSpec.h"
#include "core/lesson/JsonFieldReader.h"
#include "core/lesson/ProbeSpec.h"

namespace locklab {

// The other sessions on a lesson's stage, read from lesson data: the probe
// series ("probes": [{"kind": "read", "table": ..., "sql": ...}]) and the
// background actors of a step ("actors": [{"name": ..., "kind": ...}]).
// Both lists are optional; problems are reported with file and field.
QList<ProbeSpec> readProbeSpecs(const JsonFieldReader& owner, const QString& key);
QList<ActorSpec> readActorSpecs(const JsonFieldReader& owner, const QString& key);

} // namespace locklab
