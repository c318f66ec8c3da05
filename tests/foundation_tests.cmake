# Foundation: the binary's command line without a display, and a GUI smoke test under Xvfb.
add_library(sigap_test_image STATIC image_check.cpp)
target_link_libraries(sigap_test_image PUBLIC sigap::stb)
sigap_add_test(test_foundation SOURCES foundation_test.cpp LIBS sigap_test_image LABELS "foundation;gui")
# The house rules a tool can keep: docs/architecture.md names real files; GLFW, GL and #ifdef _WIN32
# stay where the page says.
sigap_add_test(test_house_rules SOURCES house_rules_test.cpp LABELS foundation)
# The app's string tables: run-time problems in both languages, glyph coverage.
if(SIGAP_BUILD_GUI)
  sigap_add_test(test_app_strings SOURCES app_strings_test.cpp LIBS sigap_ui LABELS foundation)
  sigap_add_test(test_raise SOURCES raise_test.cpp LIBS sigap_ui LABELS foundation)
endif()
