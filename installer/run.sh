#!/usr/bin/env bash
# Quick start: installs what is missing, builds LockLab and starts it on its
# embedded PostgreSQL. Extra arguments go to locklab (try --help).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/installer/build.sh"
app=${LOCKLAB_BUILD_DIR:-$root/build}/src/app/locklab
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "run: no display found; starting LockLab on a virtual X display (xvfb-run)." >&2
    exec xvfb-run -a -s "-screen 0 1600x1000x24" "$app" "$@"
fi
exec "$app" "$@"
