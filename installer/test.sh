#!/usr/bin/env bash
# Installs what is missing, builds LockLab and runs the whole test suite.
# The tests start their own PostgreSQL servers; no display is needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/installer/build.sh"
cd "${LOCKLAB_BUILD_DIR:-$root/build}"
ctest --output-on-failure "$@"
