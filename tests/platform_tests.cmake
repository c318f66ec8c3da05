# The platform layer (src/platform): the session-log lock, durable files, UTF-8 paths, folders.
# platform_lock_probe is the second process the lock tests start; it sits beside the test.
add_executable(platform_lock_probe platform_lock_probe.cpp)
target_link_libraries(platform_lock_probe PRIVATE sigap_platform sigap_warnings)
sigap_add_test(test_platform SOURCES platform_test.cpp LABELS "platform;engine")
add_dependencies(test_platform platform_lock_probe)
