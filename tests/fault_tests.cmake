# Write faults (a failure injected at each write step, a read-only folder, a full disk) and the
# inputs that once crashed the fuzzers (tests/fuzz_regressions/), replayed.
sigap_add_test(test_fault SOURCES fault_write_test.cpp fault_posix_test.cpp fault_regression_test.cpp LABELS "fault;engine")
