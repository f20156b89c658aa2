#!/usr/bin/env bash
# Builds the Debian package and a .tar.gz of LockLab:
#
#   bash installer/package.sh
#
# installs what is missing (installer/install-deps.sh), builds Release into
# ./build (or $LOCKLAB_BUILD_DIR) and runs CPack (installer/Packaging.cmake),
# which writes build/packages/locklab_<version>_<arch>.deb and
# build/packages/locklab-<version>-Linux-<cpu>.tar.gz. Install the package with
#
#   sudo apt install ./build/packages/locklab_<version>_amd64.deb
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/installer/build.sh"
build_dir=${LOCKLAB_BUILD_DIR:-$root/build}
cd "$build_dir"
cpack --config CPackConfig.cmake -B "$build_dir/packages"
ls -l "$build_dir"/packages/locklab_*.deb "$build_dir"/packages/locklab-*.tar.gz
