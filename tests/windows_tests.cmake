# The suites the Windows build runs under Wine (ctest uses CMAKE_CROSSCOMPILING_EMULATOR from
# third_party/mingw-w64-x86_64.cmake; scripts/windows-smoke.sh runs them): the platform layer,
# the session log, the state machine and scoring, the loader, and the injected write faults.
# The rest need POSIX (fork, rlimit, chmod) or Xvfb, or run the binary, which the smoke test
# covers from the command line.
include(platform_tests.cmake)
sigap_add_test(test_engine SOURCES engine_session_test.cpp engine_state_test.cpp engine_log_test.cpp LABELS engine)
sigap_add_test(test_fault SOURCES fault_write_test.cpp fault_regression_test.cpp LABELS "fault;engine")
