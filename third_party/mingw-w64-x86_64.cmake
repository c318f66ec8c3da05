# Toolchain for the Windows build: 64-bit MinGW-w64 from Debian (g++-mingw-w64-x86-64-posix).
# The -posix compilers are named explicitly: the default alternative may point to the win32
# thread model, under which GCC 12 has no std::mutex or std::thread.
#   cmake -S . -B build-windows/sigap -DCMAKE_TOOLCHAIN_FILE=third_party/mingw-w64-x86_64.cmake \
#         -DSIGAP_WINDOWS_DEPS=<folder from scripts/package.sh>
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)   # glad and other build tools run on the build machine
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# ctest runs the cross-built tests under Wine (WINEPREFIX, WINEDEBUG from the environment).
set(CMAKE_CROSSCOMPILING_EMULATOR wine)
