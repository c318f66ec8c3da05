# The live room: the protocol without sockets, then real `sigap room` and `sigap play --room`
# processes on loopback (127.0.0.1 only; nothing leaves this machine).
sigap_add_test(test_room SOURCES room_protocol_test.cpp LABELS room)
