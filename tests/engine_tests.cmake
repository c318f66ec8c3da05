# Engine: loader and validator, schema, sessions, scoring, session log, golden transcripts.
# Golden files: SIGAP_UPDATE_GOLDEN=1 ctest -R test_engine rewrites them; review the diff.
sigap_add_test(test_engine
  SOURCES engine_session_test.cpp engine_state_test.cpp engine_log_test.cpp engine_validate_test.cpp
          engine_schema_test.cpp engine_golden_test.cpp scoring_verdict_test.cpp
  LABELS engine)
# The format's reach: on_enter effects and timeout outcomes through engine, validator, explorer,
# booklet, debrief and CLI.
sigap_add_test(test_format SOURCES engine_format_test.cpp LABELS engine)
# The kill test: `sigap play` killed with SIGKILL 200 times, then resumed (about 10 s).
sigap_add_test(test_engine_kill SOURCES engine_kill_test.cpp LIBS Threads::Threads LABELS "engine;slow")
set_tests_properties(test_engine_kill PROPERTIES TIMEOUT 300)
# Facilitator guides: loading beside the scenario, the checks against it, the bundled guides.
sigap_add_test(test_guide SOURCES guide_test.cpp LABELS engine)
# Author face, engine side: the canonical writer (bundled files round trip), saving, drafts.
sigap_add_test(test_author_engine SOURCES author_engine_test.cpp ${CMAKE_SOURCE_DIR}/bench/bench_content.cpp
               LABELS "engine;author")
target_include_directories(test_author_engine PRIVATE ${CMAKE_SOURCE_DIR}/bench)
