#!/usr/bin/env bash
# Checks LockLab's Debian package, one step per call (tests/installer/CMakeLists.txt):
#
#   build     build the binaries and the desktop files the package is made from
#   package   cpack (DEB and TGZ) from the build tree into a scratch directory; unpack the .deb
#   contents  every file the package must install is in `dpkg-deb -c`; the control fields
#   run       the unpacked usr/bin/locklab --version, usr/bin/locklab-cli check (lean) and lessons (through libexec) work
#   validate  desktop-file-validate and appstreamcli validate on the unpacked files
#   lintian   lintian reports no errors on the .deb (warnings are printed, allowed)
#
# Environment (set by CTest): LOCKLAB_BUILD_DIR, LOCKLAB_PACKAGE_VERSION,
# LOCKLAB_PACKAGE_WORK (scratch), LOCKLAB_ICON_SIZES, LOCKLAB_APP_ID.
# `test && pass "..." || fail "..."` throughout: pass only prints, so fail runs exactly when the test fails.
# shellcheck disable=SC2015
set -euo pipefail

step=${1:?usage: check-package.sh build|package|contents|run|validate|lintian}
build=${LOCKLAB_BUILD_DIR:?}
version=${LOCKLAB_PACKAGE_VERSION:?}
work=${LOCKLAB_PACKAGE_WORK:?}
app_id=${LOCKLAB_APP_ID:-io.github.locklab.LockLab}
read -r -a icon_sizes <<<"${LOCKLAB_ICON_SIZES:-16 32 48 64 128 256}"
arch=$(dpkg --print-architecture)
deb="$work/packages/locklab_${version}_${arch}.deb"
root="$work/root"

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$step: $failures check(s) failed" >&2
        exit 1
    fi
    echo "$step: all checks passed"
}
need_package() {
    [ -f "$deb" ] || { echo "no package at $deb (the installer_package test makes it)" >&2; exit 1; }
}
need_tool() {
    command -v "$1" >/dev/null || { echo "$1 is missing: run installer/install-deps.sh (package $2)" >&2; exit 1; }
}

case "$step" in
build)
    cmake --build "$build" --target locklab locklab-cli locklab-cli-full locklab_desktop_files -j2
    ;;

package)
    need_tool dpkg-shlibdeps dpkg-dev
    rm -rf "$work/packages" "$root"
    mkdir -p "$work/packages"
    start=$(date +%s)
    # cpack first builds the whole tree (the "preinstall" target): two jobs, as everywhere here.
    MAKEFLAGS=-j2 cpack --config "$build/CPackConfig.cmake" -B "$work/packages" >"$work/cpack.log" 2>&1 || {
        cat "$work/cpack.log" >&2
        find "$work/packages/_CPack_Packages" -name PreinstallOutput.log -exec tail -n 30 {} + >&2 || true
        exit 1
    }
    echo "cpack took $(($(date +%s) - start)) s"
    ls -l "$work/packages"/*.deb "$work/packages"/*.tar.gz
    [ -f "$deb" ] || { echo "cpack made no $(basename "$deb")" >&2; cat "$work/cpack.log" >&2; exit 1; }
    mkdir -p "$root"
    dpkg-deb -x "$deb" "$root"
    echo "unpacked into $root"
    ;;

contents)
    need_package
    listing=$(dpkg-deb -c "$deb")
    echo "$listing"
    paths=$(awk '{ print $6 }' <<<"$listing")
    expect_file() { # path mode
        local line
        line=$(awk -v p="./$1" '$6 == p' <<<"$listing")
        if [ -z "$line" ]; then
            fail "$1 is not in the package"
        elif [[ "$line" != "$2"* ]]; then
            fail "$1 has mode ${line%% *}, expected $2"
        else
            pass "$1"
        fi
    }
    expect_file usr/bin/locklab -rwxr-xr-x
    expect_file usr/bin/locklab-cli -rwxr-xr-x
    # The runner behind locklab-cli (every command but `check`), not on PATH.
    expect_file usr/libexec/locklab/locklab-cli-full -rwxr-xr-x
    expect_file usr/share/applications/locklab.desktop -rw-r--r--
    expect_file usr/share/mime/packages/locklab.xml -rw-r--r--
    expect_file usr/share/icons/hicolor/scalable/apps/locklab.svg -rw-r--r--
    for size in "${icon_sizes[@]}"; do
        expect_file "usr/share/icons/hicolor/${size}x${size}/apps/locklab.png" -rw-r--r--
    done
    expect_file "usr/share/metainfo/$app_id.metainfo.xml" -rw-r--r--
    expect_file usr/share/man/man1/locklab.1.gz -rw-r--r--
    expect_file usr/share/man/man1/locklab-cli.1.gz -rw-r--r--
    expect_file usr/share/doc/locklab/copyright -rw-r--r--
    expect_file usr/share/doc/locklab/changelog.gz -rw-r--r--
    # Nothing but the product: no build helpers, headers, static libraries or tests.
    unexpected=$(grep -vE '^\./(usr/?|usr/(bin|share|libexec)/?|usr/bin/locklab(-cli)?|usr/libexec/locklab/(locklab-cli-full)?|usr/share/(applications|icons|metainfo|man|mime|doc)(/.*)?)$' \
                 <<<"$paths" || true)
    if [ -n "$unexpected" ]; then fail "unexpected files in the package: $unexpected"; else pass "nothing else"; fi
    if [ -d "$root" ]; then
        for size in "${icon_sizes[@]}"; do
            png="$root/usr/share/icons/hicolor/${size}x${size}/apps/locklab.png"
            if file "$png" | grep -q "PNG image data, $size x $size, 8-bit/color RGBA"; then
                pass "${size}x${size} PNG is $size x $size RGBA"
            else
                fail "$(file "$png")"
            fi
        done
        gzip -t "$root"/usr/share/man/man1/*.gz "$root/usr/share/doc/locklab/changelog.gz" && pass "gzip files are intact" || fail "a gzip file is broken"
        grep -q "Permission is hereby granted" "$root/usr/share/doc/locklab/copyright" && pass "copyright has the MIT text" \
            || fail "copyright lacks the licence text"
    fi

    # Control fields: version, dependencies, the description.
    field() { dpkg-deb -f "$deb" "$1"; }
    [ "$(field Package)" = locklab ] && pass "Package: locklab" || fail "Package is $(field Package)"
    [ "$(field Version)" = "$version" ] && pass "Version: $version" || fail "Version is $(field Version), expected $version"
    [ "$(field Architecture)" = "$arch" ] && pass "Architecture: $arch" || fail "Architecture is $(field Architecture)"
    case "$(field Section)" in education | science) pass "Section: $(field Section)" ;; *) fail "Section is $(field Section)" ;; esac
    [ -n "$(field Maintainer)" ] && pass "Maintainer: $(field Maintainer)" || fail "no Maintainer"
    [ -n "$(field Homepage)" ] && pass "Homepage: $(field Homepage)" || fail "no Homepage"
    depends=$(field Depends)
    echo "Depends: $depends"
    for dep in libqt6core6 libqt6gui6 libqt6widgets6 libqt6sql6 libqt6sql6-psql libqt6charts6 libqt6svg6 libpq5 postgresql; do
        if grep -qE "(^|, |\| )$dep( |,|$)" <<<"$depends"; then pass "depends on $dep"; else fail "Depends lacks $dep"; fi
    done
    description=$(field Description)
    if [ "$(wc -l <<<"$description")" -ge 5 ]; then pass "extended description"; else fail "description too short: $description"; fi

    # The tar.gz holds the same programs.
    tgz=("$work/packages/locklab-${version}-Linux-"*.tar.gz)
    tgz_listing=$( [ -f "${tgz[0]}" ] && tar -tzf "${tgz[0]}" || true)
    if grep -q '/bin/locklab-cli$' <<<"$tgz_listing" && grep -q '/bin/locklab$' <<<"$tgz_listing"; then
        pass "$(basename "${tgz[0]}") has bin/locklab and bin/locklab-cli"
    else
        fail "no tar.gz with bin/locklab and bin/locklab-cli in $work/packages"
    fi
    finish
    ;;

run)
    need_package
    # A scratch home: nothing these commands do may land in the real one.
    export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config"
    export XDG_RUNTIME_DIR="$work/runtime" QT_QPA_PLATFORM=offscreen
    mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
    chmod 700 "$XDG_RUNTIME_DIR"
    for exe in locklab locklab-cli; do
        bin="$root/usr/bin/$exe"
        if rpath=$(readelf -d "$bin" | grep -E 'RPATH|RUNPATH'); then
            fail "$exe keeps a library search path: $rpath"
        fi
        if out=$("$bin" --version 2>&1); then
            echo "$exe --version: $out"
            [[ "$out" == *"LockLab $version"* ]] && pass "$exe --version names $version" \
                || fail "$exe --version does not name $version"
        else
            fail "$exe --version failed: $out"
        fi
    done
    if rpath=$(readelf -d "$root/usr/libexec/locklab/locklab-cli-full" | grep -E 'RPATH|RUNPATH'); then
        fail "locklab-cli-full keeps a library search path: $rpath"
    fi
    # check runs in locklab-cli itself; lessons go through the runner in libexec.
    printf 'ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n' >"$work/check.sql"
    status=0
    out=$("$root/usr/bin/locklab-cli" check "$work/check.sql" 2>&1) || status=$?
    if [ "$status" -eq 1 ] && grep -q "adding-not-nullable-field" <<<"$out"; then
        pass "locklab-cli check finds adding-not-nullable-field (exit 1)"
    else
        fail "locklab-cli check (exit $status): $out"
    fi
    needed=$(readelf -d "$root/usr/bin/locklab-cli" | grep NEEDED || true)
    if grep -qE 'Widgets|Charts|Gui|libpq' <<<"$needed"; then
        fail "locklab-cli links more than it needs for check: $needed"
    else
        pass "locklab-cli links neither Qt Gui/Widgets/Charts nor libpq"
    fi
    if out=$("$root/usr/bin/locklab-cli" lessons 2>&1); then
        echo "$out"
        grep -q "NOT NULL" <<<"$out" && pass "locklab-cli lessons lists the lessons" \
            || fail "locklab-cli lessons does not list the NOT NULL lesson"
    else
        fail "locklab-cli lessons failed: $out"
    fi
    finish
    ;;

validate)
    need_package
    need_tool desktop-file-validate desktop-file-utils
    need_tool appstreamcli appstream
    desktop="$root/usr/share/applications/locklab.desktop"
    if out=$(desktop-file-validate "$desktop" 2>&1); then
        pass "desktop-file-validate locklab.desktop${out:+ (hints: $out)}"
    else
        fail "desktop-file-validate: $out"
    fi
    for key in Name GenericName Comment Exec Icon Keywords; do
        grep -q "^$key=." "$desktop" && pass "desktop entry has $key" || fail "desktop entry lacks $key"
    done
    grep -qx 'Categories=Education;Development;Database;' "$desktop" && pass "Categories" || fail "Categories"
    grep -qx 'Terminal=false' "$desktop" && pass "Terminal=false" || fail "Terminal is not false"
    grep -qx 'Icon=locklab' "$desktop" && pass "Icon=locklab" || fail "Icon is not locklab"
    grep -qx 'Exec=locklab %f' "$desktop" && pass "Exec takes a session file" || fail "Exec does not take %f"
    grep -qx 'MimeType=application/x-locklab-session;' "$desktop" && pass "MimeType" || fail "MimeType missing"
    mime="$root/usr/share/mime/packages/locklab.xml"
    if grep -q 'type="application/x-locklab-session"' "$mime" && grep -q 'pattern="\*.locklab"' "$mime"; then
        pass "MIME type application/x-locklab-session for *.locklab"
    else
        fail "MIME type file lacks the type or the glob"
    fi

    metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
    if out=$(appstreamcli validate --no-net --explain "$metainfo" 2>&1); then
        echo "$out"
        pass "appstreamcli validate $app_id.metainfo.xml"
    else
        echo "$out" >&2
        fail "appstreamcli validate"
    fi
    grep -q "<release version=\"$version\"" "$metainfo" && pass "metainfo release $version" \
        || fail "metainfo has no release $version"
    grep -q '<launchable type="desktop-id">locklab.desktop</launchable>' "$metainfo" && pass "metainfo launchable" \
        || fail "metainfo launchable"
    grep -q '<screenshot' "$metainfo" && pass "metainfo screenshot" || fail "metainfo has no screenshot"
    for page in locklab locklab-cli; do
        warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$root/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null || true)
        [ -z "$warnings" ] && pass "man page $page(1) renders without warnings" || fail "man $page(1): $warnings"
        grep -q "LockLab $version" <<<"$(zcat "$root/usr/share/man/man1/$page.1.gz")" && pass "$page(1) names $version" \
            || fail "$page(1) does not name $version"
    done
    finish
    ;;

lintian)
    need_package
    need_tool lintian lintian
    start=$(date +%s)
    # lintian exits non-zero only for errors (--fail-on error); warnings are shown.
    status=0
    out=$(lintian --fail-on error --display-info --allow-root --no-tag-display-limit "$deb" 2>&1) || status=$?
    echo "$out"
    echo "lintian took $(($(date +%s) - start)) s: $(grep -c '^E:' <<<"$out" || true) error(s)," \
         "$(grep -c '^W:' <<<"$out" || true) warning(s), $(grep -c '^I:' <<<"$out" || true) info(s)"
    [ "$status" -eq 0 ] && ! grep -q '^E:' <<<"$out" && pass "lintian: no errors" || fail "lintian reports errors"
    finish
    ;;

*)
    echo "unknown step $step" >&2
    exit 2
    ;;
esac
