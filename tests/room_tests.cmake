# The live room: the protocol without sockets, then real `sigap room` and `sigap play --room`
# processes on loopback (127.0.0.1 only; nothing leaves this machine).
sigap_add_test(test_room SOURCES room_protocol_test.cpp LABELS room)
# 10 teams at once, hostile requests, a room killed and restarted (a few seconds).
sigap_add_test(test_room_loopback SOURCES room_loopback_test.cpp LABELS room)
set_tests_properties(test_room_loopback PROPERTIES TIMEOUT 180)
# The same with 40 teams, as a workshop hall would have.
add_test(NAME test_room_loopback_40 COMMAND test_room_loopback --test-case=*teams?play?at?once*)
set_tests_properties(test_room_loopback_40 PROPERTIES ENVIRONMENT SIGAP_ROOM_TEAMS=40 LABELS "room;slow" TIMEOUT 300)
# Conducting: phases, catch-up, pause records in the team's log (no sockets), then real processes.
sigap_add_test(test_room_conduct SOURCES room_conduct_test.cpp LABELS room)
sigap_add_test(test_room_conduct_loopback SOURCES room_conduct_loopback_test.cpp LABELS room)
set_tests_properties(test_room_conduct_loopback PROPERTIES TIMEOUT 120)
# The live room in the GUI, headless: a facilitator's and a team's app state over 127.0.0.1.
if(SIGAP_BUILD_GUI)
  sigap_add_test(test_room_screens SOURCES room_screens_test.cpp LIBS sigap_ui LABELS "room;facilitator;player")
  set_tests_properties(test_room_screens PROPERTIES TIMEOUT 120)
endif()
