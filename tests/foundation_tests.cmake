# Foundation: the binary's command line without a display, and a GUI smoke test under Xvfb.
add_library(sigap_test_image STATIC image_check.cpp)
target_link_libraries(sigap_test_image PUBLIC sigap::stb)
sigap_add_test(test_foundation SOURCES foundation_test.cpp LIBS sigap_test_image LABELS "foundation;gui")
