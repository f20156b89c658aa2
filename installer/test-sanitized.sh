#!/usr/bin/env bash
# Builds LockLab with sanitizers and runs the test suite under them. A
# sanitizer report fails the test that triggered it.
#
#   installer/test-sanitized.sh [ctest arguments]
#       AddressSanitizer and UndefinedBehaviorSanitizer: a Debug build with
#       -DLOCKLAB_SANITIZE=ON in ./build-asan.
#   installer/test-sanitized.sh --thread [ctest arguments]
#       ThreadSanitizer: a Debug build (at -O1) with -DLOCKLAB_SANITIZE_THREAD=ON
#       in ./build-tsan. Qt from the distribution is not built with TSan:
#       queued signals are declared to TSan through Qt's hooks
#       (src/core/observe/QtHandoffsForTsan.cpp), and reports inside Qt's own
#       locking are suppressed in installer/tsan.supp (each with its reason);
#       reports in LockLab code are bugs.
#
# Arguments go to ctest, e.g. `installer/test-sanitized.sh --thread -L core`.
# Expect the build to take several times as long as a Release build, and the
# tests two (ASan) to ten (TSan) times as long.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=address
if [[ ${1:-} == --thread ]]; then
    mode=thread
    shift
fi
if [[ $mode == thread ]]; then
    # Qt's private headers declare the hooks src/core/observe/QtHandoffsForTsan.cpp uses.
    "$root/installer/install-deps.sh" qt6-base-private-dev
else
    "$root/installer/install-deps.sh"
fi
if [[ $mode == thread ]]; then
    build_dir=${LOCKLAB_TSAN_BUILD_DIR:-$root/build-tsan}
    cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DLOCKLAB_SANITIZE_THREAD=ON >/dev/null
else
    build_dir=${LOCKLAB_ASAN_BUILD_DIR:-$root/build-asan}
    cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DLOCKLAB_SANITIZE=ON >/dev/null
fi
cmake --build "$build_dir" -j"${LOCKLAB_JOBS:-2}"

# Stop at the first report, with a stack; leaks are reported at exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/installer/lsan.supp:print_suppressions=0}
# A race report makes the test fail (exit code 66) but the run goes on, so one
# test shows all its reports. die_after_fork=0: QProcess (pg_ctl, initdb)
# forks a threaded process and execs at once, which TSan would otherwise refuse.
# history_size=7 (the most): the suppressions match the stack of the earlier
# access too, and a busy worker thread pushes it out of a shorter history.
export TSAN_OPTIONS=${TSAN_OPTIONS:-suppressions=$root/installer/tsan.supp:halt_on_error=0:exitcode=66:second_deadlock_stack=1:history_size=7:die_after_fork=0}
cd "$build_dir"
ctest --output-on-failure "$@"
