# Facilitator: aggregation, exports, screens.
# Debrief engine: import, aggregation, exports (fixtures: debrief_fixtures.h), 1,000-session scale.
sigap_add_test(test_debrief SOURCES debrief_test.cpp debrief_export_test.cpp debrief_scale_test.cpp LABELS facilitator)
# `sigap debrief` end to end (runs the binary).
sigap_add_test(test_debrief_cli SOURCES debrief_cli_test.cpp LABELS facilitator)
# Facilitator screens: headless (bare ImGui context, fixture workshop: facilitator_gui_fixture.h)
# and under Xvfb (screenshots at 1280x720; SIGAP_SCREENSHOT_DIR keeps them).
if(SIGAP_BUILD_GUI)
  sigap_add_test(test_facilitator_gui_screens SOURCES facilitator_gui_screens_test.cpp facilitator_day_test.cpp LIBS sigap_ui LABELS facilitator)
  # Layout probe: every facilitator screen and slide at 1024x600…1920x1080, smallest and largest text.
  sigap_add_test(test_facilitator_layout SOURCES facilitator_layout_test.cpp LIBS sigap_ui LABELS facilitator)
  sigap_add_test(test_facilitator_gui_shots SOURCES facilitator_gui_screenshots_test.cpp LIBS sigap_ui sigap_test_image
                 LABELS "facilitator;gui")
endif()
