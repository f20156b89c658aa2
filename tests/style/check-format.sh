#!/usr/bin/env bash
# Fails when a C++ file under src/ or tests/ is not formatted as .clang-format
# says. clang-format versions format differently: the config is written for
# Debian 12's clang-format 14, so that one is preferred when several exist.
set -euo pipefail
root=${1:?usage: check-format.sh SOURCE_DIR}
cd "$root"
tool=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$tool" ]; then
    echo "check-format: clang-format is not installed; run installer/install-deps.sh." >&2
    exit 1
fi
mapfile -t files < <(find src tests \( -name '*.h' -o -name '*.cpp' \) -type f | sort)
if [ ${#files[@]} -eq 0 ]; then
    echo "check-format: no C++ files found under $root/src and $root/tests." >&2
    exit 1
fi
if ! "$tool" --style=file --dry-run --Werror "${files[@]}"; then
    echo "check-format: run '$tool -i' on the files above (or: find src tests -name '*.h' -o -name '*.cpp' | xargs $tool -i)." >&2
    exit 1
fi
echo "check-format: ${#files[@]} files formatted as .clang-format says."
