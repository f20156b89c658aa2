# Desktop integration and packages: the .desktop entry, the icon (SVG and the
# hicolor PNG sizes, rendered at build time), the AppStream metainfo, the man
# pages, the Debian copyright and changelog; and CPack, which turns the install
# tree into locklab_<version>_<arch>.deb and a .tar.gz.
#
#   installer/package.sh            (Release build, then cpack into build/packages/)
#
# Included from the top-level CMakeLists.txt. The executables install
# themselves (src/app, src/cli); everything else installed is listed here.
# The version everywhere is PROJECT_VERSION.

set(LOCKLAB_APP_ID "io.github.locklab.LockLab")
# The day PROJECT_VERSION was released: the metainfo <release> and the Debian changelog.
set(LOCKLAB_RELEASE_DATE "2026-11-25")
set(LOCKLAB_RELEASE_DATE_RFC2822 "Wed, 25 Nov 2026 12:00:00 +0000")
set(LOCKLAB_MAINTAINER "LockLab maintainers <maintainers@locklab.invalid>")
set(LOCKLAB_ICON_SIZES 16 32 48 64 128 256)

set(_res "${PROJECT_SOURCE_DIR}/resources")
set(_inst "${PROJECT_SOURCE_DIR}/installer")
set(_out "${PROJECT_BINARY_DIR}/installer")
set(_docdir "${CMAKE_INSTALL_DATAROOTDIR}/doc/locklab")

find_program(LOCKLAB_GZIP gzip REQUIRED)

# --- The icon: the SVG as drawn, and PNGs rendered from it by a tiny Qt tool ---
qt_add_executable(locklab-icon-render "${_inst}/icon-render/main.cpp")
target_link_libraries(locklab-icon-render PRIVATE Qt6::Gui Qt6::Svg)

string(JOIN " " _sizes_text ${LOCKLAB_ICON_SIZES})
set(_pngs)
foreach(size IN LISTS LOCKLAB_ICON_SIZES)
    list(APPEND _pngs "${_out}/icons/hicolor/${size}x${size}/apps/locklab.png")
endforeach()
add_custom_command(OUTPUT ${_pngs}
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0
            $<TARGET_FILE:locklab-icon-render> "${_res}/locklab.svg" "${_out}/icons/hicolor" ${LOCKLAB_ICON_SIZES}
    DEPENDS locklab-icon-render "${_res}/locklab.svg"
    COMMENT "Rendering the LockLab icon to PNG (${_sizes_text} px)"
    VERBATIM)

# --- Text files with the version in them, and their gzipped forms ---
configure_file("${_res}/${LOCKLAB_APP_ID}.metainfo.xml.in" "${_out}/${LOCKLAB_APP_ID}.metainfo.xml" @ONLY)

# The licence text lives once, in installer/LICENSE; the Debian copyright file
# (machine-readable format) carries it indented as a License paragraph.
file(READ "${_inst}/LICENSE" _licence)
string(STRIP "${_licence}" _licence)
string(REGEX REPLACE "\n\n" "\n.\n" _licence "${_licence}")
string(REPLACE "\n" "\n " LOCKLAB_LICENCE_PARAGRAPH " ${_licence}")
configure_file("${_inst}/copyright.in" "${_out}/copyright" @ONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_inst}/LICENSE")

set(_gzipped)
foreach(page locklab locklab-cli)
    configure_file("${_inst}/man/${page}.1" "${_out}/man/${page}.1" @ONLY)
    list(APPEND _gzipped "${_out}/man/${page}.1")
endforeach()
configure_file("${_inst}/changelog.in" "${_out}/changelog" @ONLY)
list(APPEND _gzipped "${_out}/changelog")

set(_gz_outputs)
foreach(file IN LISTS _gzipped)
    # -n: no name or time stamp in the header (reproducible, and lintian asks for it).
    add_custom_command(OUTPUT "${file}.gz"
        COMMAND "${LOCKLAB_GZIP}" -9 -n -c "${file}" > "${file}.gz"
        DEPENDS "${file}"
        COMMENT "Compressing ${file}")
    list(APPEND _gz_outputs "${file}.gz")
endforeach()

add_custom_target(locklab_desktop_files ALL DEPENDS ${_pngs} ${_gz_outputs})

# --- What the package installs besides the executables ---
install(FILES "${_res}/locklab.desktop" DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/applications")
# The .locklab file type; dpkg's shared-mime-info trigger updates the MIME database.
install(FILES "${_res}/locklab-session.xml" DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/mime/packages"
        RENAME "locklab.xml")
install(FILES "${_res}/locklab.svg" DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps")
install(DIRECTORY "${_out}/icons/hicolor" DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/icons")
install(FILES "${_out}/${LOCKLAB_APP_ID}.metainfo.xml" DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/metainfo")
install(FILES "${_out}/man/locklab.1.gz" "${_out}/man/locklab-cli.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${_out}/copyright" DESTINATION "${_docdir}")
# A native package (no Debian revision in the version): lintian wants changelog.gz.
install(FILES "${_out}/changelog.gz" DESTINATION "${_docdir}")

# qt_standard_project_setup() gives installed executables a RUNPATH of
# $ORIGIN:$ORIGIN/../lib; the programs use only system libraries from the
# standard paths, so the packaged ones carry none.
foreach(target locklab locklab-cli locklab-cli-full)
    if(TARGET ${target})
        set_target_properties(${target} PROPERTIES INSTALL_RPATH "")
    endif()
endforeach()

# --- CPack ---
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGE_NAME "locklab")
set(CPACK_PACKAGE_VENDOR "LockLab")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${LOCKLAB_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "learn zero-downtime PostgreSQL migrations by doing them")
set(CPACK_PACKAGE_DESCRIPTION
"LockLab teaches zero-downtime PostgreSQL migrations with guided lessons that
run real migrations against a real PostgreSQL server while other connections
probe read latency. A live chart shows reads stalling while ALTER TABLE ...
SET NOT NULL holds an ACCESS EXCLUSIVE lock, and then shows the safe path
(batched backfill, NOT VALID check, VALIDATE CONSTRAINT) keeping latency flat.

With no server named, LockLab runs its own private PostgreSQL cluster; it can
also use any PostgreSQL server through a libpq connection string. The package
contains the desktop application (locklab) and the headless runner
(locklab-cli), which measures how long reads block for a migration and
exports the charts and data, and checks migration files for risky locks
without a server (locklab-cli check).")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RESOURCE_FILE_LICENSE "${_inst}/LICENSE")
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build[^/]*/" "/\\\\.git/")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "education")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${LOCKLAB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
# The Qt and libpq libraries come from dpkg-shlibdeps; the Qt PostgreSQL driver
# is a plugin (loaded, not linked) and the server is run as a program, so
# those two are named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-psql, postgresql (>= 15)")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# The .tar.gz (the .deb is named the Debian way: locklab_<version>_<arch>.deb).
set(CPACK_PACKAGE_FILE_NAME "locklab-${PROJECT_VERSION}-Linux-${CMAKE_SYSTEM_PROCESSOR}")

include(CPack)
