#!/usr/bin/env bash
# Installs, with apt, exactly what LockLab needs to build, run and test on
# Debian 12 (and Ubuntu with Qt 6.4+). Idempotent: when every package is
# already installed it only checks and returns within a second or two.
# Packages given as arguments are installed too (test-sanitized.sh --thread
# adds Qt's private headers).
set -euo pipefail

packages=(
    # build
    cmake g++ make pkgconf
    # Qt 6: Widgets, Sql (+ the PostgreSQL driver), Charts, Svg, Test
    qt6-base-dev qt6-base-dev-tools libqt6sql6-psql qt6-charts-dev qt6-svg-dev
    libqt6opengl6-dev libgl-dev libvulkan-dev libxkbcommon-dev
    # libpq for parsing connection strings and cancelling queries
    libpq-dev
    # PostgreSQL's own parser as a library: the migration analyser (check / try your own)
    libpg-query-dev
    # gzip for session files (.locklab)
    zlib1g-dev
    # the embedded server
    postgresql
    # a virtual display for screenshots and the Xvfb launcher
    xvfb xauth
    # the libFuzzer test of the lesson loader (tests/fuzz): clang and its sanitizer/fuzzer runtime
    clang libclang-rt-14-dev
    # the Debian package (CPack + dpkg-shlibdeps) and its checks (tests/installer)
    dpkg-dev file lintian desktop-file-utils appstream
    # the formatting check (tests/style): .clang-format is written for clang-format 14
    clang-format
    # installer/fetch-postgres.sh: other PostgreSQL versions from the npm registry for `ctest -L matrix`
    npm
    "$@"
)

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "installed" ] && continue
    # A Node.js installed outside Debian's packages (nodesource, nvm) ships its
    # own npm and conflicts with Debian's: any working npm will do.
    if [ "$pkg" = npm ] && command -v npm >/dev/null 2>&1; then
        continue
    fi
    missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present."
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo." >&2; exit 1; }
    sudo_cmd=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
# Debian's postgresql package creates and starts a "main" cluster by default;
# LockLab runs its own private cluster, so keep the system one from appearing.
if [ ! -e /etc/postgresql-common/createcluster.conf ] || ! grep -q '^create_main_cluster *= *false' /etc/postgresql-common/createcluster.conf; then
    "${sudo_cmd[@]}" mkdir -p /etc/postgresql-common
    echo 'create_main_cluster = false' | "${sudo_cmd[@]}" tee -a /etc/postgresql-common/createcluster.conf >/dev/null
fi

# Package lists may be missing on a fresh machine or a fresh container.
if ! "${sudo_cmd[@]}" apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"; then
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
fi
echo "install-deps: done."
