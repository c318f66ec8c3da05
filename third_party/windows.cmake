# The Windows (MinGW-w64 cross) build: the same targets as on Linux, from Debian's *source*
# packages and header-only -dev packages instead of Linux libraries. scripts/package.sh fetches
# the sources and cross-builds GLFW; nothing here is vendored. Included by CMakeLists.txt.
#   SIGAP_IMGUI_SOURCE_DIR  the unpacked Debian source of imgui (1.86+ds)
#   SIGAP_WINDOWS_DEPS      the prefix GLFW 3.3.8 was cross-built and installed into
set(SIGAP_IMGUI_SOURCE_DIR "" CACHE PATH "Unpacked Debian imgui source (scripts/package.sh)")
set(SIGAP_WINDOWS_DEPS "" CACHE PATH "Prefix holding the cross-built GLFW (scripts/package.sh)")

# Header-only packages are used from the build machine's /usr/include, through a folder that
# holds just them: adding /usr/include itself to a cross build would mix in Linux's C headers.
set(SIGAP_HOST_HEADERS ${CMAKE_BINARY_DIR}/host-headers)
file(MAKE_DIRECTORY ${SIGAP_HOST_HEADERS})
foreach(dir nlohmann doctest stb)
  if(NOT EXISTS /usr/include/${dir})
    message(FATAL_ERROR "/usr/include/${dir} is missing: run scripts/install-deps.sh")
  endif()
  file(CREATE_LINK /usr/include/${dir} ${SIGAP_HOST_HEADERS}/${dir} SYMBOLIC)
endforeach()

add_library(nlohmann_json INTERFACE)                 # nlohmann-json3-dev
target_include_directories(nlohmann_json SYSTEM INTERFACE ${SIGAP_HOST_HEADERS})
add_library(nlohmann_json::nlohmann_json ALIAS nlohmann_json)
if(SIGAP_BUILD_TESTS)
  add_library(sigap_doctest INTERFACE)               # doctest-dev
  target_include_directories(sigap_doctest SYSTEM INTERFACE ${SIGAP_HOST_HEADERS})
  add_library(doctest::doctest ALIAS sigap_doctest)
endif()

# libstb-dev: Linux links the implementations from libstb.so; here stb_impl.c compiles them.
add_library(sigap_stb_impl STATIC ${CMAKE_CURRENT_SOURCE_DIR}/stb_impl.c)
target_include_directories(sigap_stb_impl SYSTEM PRIVATE ${SIGAP_HOST_HEADERS})
target_compile_options(sigap_stb_impl PRIVATE -w)    # third-party code: its warnings are not ours
add_library(sigap_stb INTERFACE)
target_include_directories(sigap_stb SYSTEM INTERFACE ${SIGAP_HOST_HEADERS}/stb)
target_link_libraries(sigap_stb INTERFACE sigap_stb_impl)
add_library(sigap::stb ALIAS sigap_stb)

if(SIGAP_BUILD_GUI)
  find_package(glfw3 3.3 REQUIRED PATHS ${SIGAP_WINDOWS_DEPS}/lib/cmake/glfw3 NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  set(IMGUI ${SIGAP_IMGUI_SOURCE_DIR})
  if(NOT EXISTS ${IMGUI}/imgui.cpp)
    message(FATAL_ERROR "SIGAP_IMGUI_SOURCE_DIR='${IMGUI}' holds no imgui.cpp: run scripts/package.sh")
  endif()
  # What Debian's libimgui.a holds and SIGAP uses, built the way Debian builds it: the stb
  # rasteriser from libstb-dev rather than imgui's bundled copy, so that glyphs match Linux.
  add_library(sigap_imgui STATIC
    ${IMGUI}/imgui.cpp ${IMGUI}/imgui_draw.cpp ${IMGUI}/imgui_tables.cpp ${IMGUI}/imgui_widgets.cpp
    ${IMGUI}/imgui_demo.cpp ${IMGUI}/misc/cpp/imgui_stdlib.cpp
    ${IMGUI}/backends/imgui_impl_glfw.cpp ${IMGUI}/backends/imgui_impl_opengl3.cpp)
  target_compile_definitions(sigap_imgui PRIVATE
    IMGUI_DISABLE_STB_RECT_PACK_IMPLEMENTATION "IMGUI_STB_RECT_PACK_FILENAME=<stb/stb_rect_pack.h>"
    IMGUI_DISABLE_STB_TRUETYPE_IMPLEMENTATION "IMGUI_STB_TRUETYPE_FILENAME=<stb/stb_truetype.h>")
  target_include_directories(sigap_imgui SYSTEM PUBLIC ${IMGUI} ${IMGUI}/misc/cpp)
  target_include_directories(sigap_imgui SYSTEM PRIVATE ${SIGAP_HOST_HEADERS})
  target_compile_options(sigap_imgui PRIVATE -w)
  # Like pkg-config imgui on Linux (-I/usr/include/stb -lstb): the stb headers come along.
  target_link_libraries(sigap_imgui PUBLIC glfw sigap_stb)
  add_library(sigap::imgui ALIAS sigap_imgui)
endif()
