#!/usr/bin/env bash
# Configures and builds LockLab (Release, two jobs) into ./build after making
# sure every package it needs is installed. Used by run.sh and test.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/installer/install-deps.sh"
build_dir=${LOCKLAB_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j2
