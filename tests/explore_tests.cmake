# Explore: the state space, the validity report and `sigap explore` (issue 13). The huge
# scenario comes from the benchmark's generator, compiled in.
sigap_add_test(test_explore SOURCES explore_test.cpp ${CMAKE_SOURCE_DIR}/bench/bench_content.cpp LABELS engine)
target_include_directories(test_explore PRIVATE ${CMAKE_SOURCE_DIR}/bench)
# The validity test of issue 13: guards the bundled content, so it fails until the rewritten
# content is merged with it (see the file's header).
sigap_add_test(test_content_validity SOURCES content_validity_test.cpp LABELS content)
# The review booklet (`sigap booklet`, issue 16) and `sigap play FILE.json` without a folder.
sigap_add_test(test_booklet SOURCES booklet_test.cpp LABELS engine)
