# Participant screens: headless screen tests (a bare ImGui context, no window) and the Xvfb
# play-through that writes screenshots of the start, play, feedback and end screens.
if(SIGAP_BUILD_GUI)
  sigap_add_test(test_player_screens SOURCES player_screens_test.cpp LIBS sigap_ui LABELS player)
  sigap_add_test(test_player_gui SOURCES gui/player_gui_test.cpp LIBS sigap_test_image sigap::stb LABELS "player;gui")
  target_include_directories(test_player_gui PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
endif()
