# Engine: loader and validator, sessions, scoring, session log.
sigap_add_test(test_engine SOURCES engine_session_test.cpp LABELS engine)
