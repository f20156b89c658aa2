# The libFuzzer target, for a clang toolchain. The lesson-loading sources are
# compiled in with the fuzzer's coverage instrumentation and AddressSanitizer
# (Qt itself is used as installed). Needs: Qt6::Core, LOCKLAB_SOURCE_DIR.
set(_core ${LOCKLAB_SOURCE_DIR}/src/core/lesson)
add_executable(fuzz_lessonloader
    ${CMAKE_CURRENT_LIST_DIR}/fuzz_lessonloader.cpp
    ${_core}/ActorSpec.cpp
    ${_core}/JsonFieldReader.cpp
    ${_core}/Lesson.cpp
    ${_core}/LessonCastJson.cpp
    ${_core}/LessonJson.cpp
    ${_core}/LessonParameterJson.cpp
    ${_core}/LessonLoader.cpp
    ${_core}/LessonValidator.cpp
    ${_core}/RowTemplate.cpp
    ${_core}/MetricCatalog.cpp
    ${_core}/TeachingJson.cpp)
target_include_directories(fuzz_lessonloader PRIVATE ${LOCKLAB_SOURCE_DIR}/src)
target_compile_definitions(fuzz_lessonloader PRIVATE
    LOCKLAB_FUZZ_LESSONS="${LOCKLAB_SOURCE_DIR}/lessons" QT_NO_CAST_FROM_BYTEARRAY)
target_compile_options(fuzz_lessonloader PRIVATE -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer -g)
target_link_options(fuzz_lessonloader PRIVATE -fsanitize=fuzzer,address,undefined)
target_link_libraries(fuzz_lessonloader PRIVATE Qt6::Core)
set_target_properties(fuzz_lessonloader PROPERTIES AUTOMOC OFF CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON)
