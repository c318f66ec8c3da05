# The live room: the protocol without sockets, then real `sigap room` and `sigap play --room`
# processes on loopback (127.0.0.1 only; nothing leaves this machine).
sigap_add_test(test_room SOURCES room_protocol_test.cpp LABELS room)
# 10 teams at once, hostile requests, a room killed and restarted (a few seconds).
sigap_add_test(test_room_loopback SOURCES room_loopback_test.cpp LABELS room)
set_tests_properties(test_room_loopback PROPERTIES TIMEOUT 180)
# The same with 40 teams, as a workshop hall would have.
add_test(NAME test_room_loopback_40 COMMAND test_room_loopback --test-case=*teams?play?at?once*)
set_tests_properties(test_room_loopback_40 PROPERTIES ENVIRONMENT SIGAP_ROOM_TEAMS=40 LABELS "room;slow" TIMEOUT 300)
# Discovery on loopback (packets, the announcer, `sigap room` and `sigap rooms`), a few seconds.
sigap_add_test(test_room_discovery SOURCES room_discovery_test.cpp LIBS sigap_room_net LABELS room)
# Discovery and a session between two network namespaces (a veth pair); skipped without root.
add_test(NAME test_room_netns COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/room_netns_test.sh $<TARGET_FILE:sigap>
         ${CMAKE_SOURCE_DIR})
set_tests_properties(test_room_netns PROPERTIES LABELS room SKIP_RETURN_CODE 77 TIMEOUT 120)
# Endless request lines, oversized chunked bodies and slowloris against a real room: only with the
# patched cpp-httplib header (scripts/fetch-httplib.sh), which closes those holes.
if(SIGAP_HTTPLIB_HEADER_ONLY)
  sigap_add_test(test_room_abuse SOURCES room_abuse_test.cpp LABELS room)
  target_include_directories(test_room_abuse PRIVATE ${CMAKE_SOURCE_DIR}/src/room)
  set_tests_properties(test_room_abuse PROPERTIES TIMEOUT 120)
endif()
# The live room's numbers for docs/performance.md, run by hand: room_measure SIGAP [TEAMS] [SESSIONS].
add_executable(room_measure room_measure.cpp)
target_link_libraries(room_measure PRIVATE sigap::httplib nlohmann_json::nlohmann_json Threads::Threads)
# Conducting: phases, catch-up, pause records in the team's log (no sockets), then real processes.
sigap_add_test(test_room_conduct SOURCES room_conduct_test.cpp LABELS room)
sigap_add_test(test_room_conduct_loopback SOURCES room_conduct_loopback_test.cpp LABELS room)
set_tests_properties(test_room_conduct_loopback PROPERTIES TIMEOUT 120)
# The live room in the GUI, headless: a facilitator's and a team's app state over 127.0.0.1.
if(SIGAP_BUILD_GUI)
  sigap_add_test(test_room_screens SOURCES room_screens_test.cpp LIBS sigap_ui LABELS "room;facilitator;player")
  set_tests_properties(test_room_screens PROPERTIES TIMEOUT 120)
endif()
