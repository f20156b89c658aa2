#!/usr/bin/env bash
# Builds LockLab with AddressSanitizer and UndefinedBehaviorSanitizer (a Debug
# build with -DLOCKLAB_SANITIZE=ON, in ./build-asan) and runs the whole test
# suite under them. A sanitizer report fails the test that triggered it.
# Arguments go to ctest, e.g. `installer/test-sanitized.sh -L core`.
# Expect the build to take several times as long as a Release build, and the
# tests about twice as long.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${LOCKLAB_ASAN_BUILD_DIR:-$root/build-asan}
"$root/installer/install-deps.sh"
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DLOCKLAB_SANITIZE=ON >/dev/null
cmake --build "$build_dir" -j"${LOCKLAB_JOBS:-2}"

# Stop at the first report, with a stack; leaks are reported at exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/installer/lsan.supp:print_suppressions=0}
cd "$build_dir"
ctest --output-on-failure "$@"
