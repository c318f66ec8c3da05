# Bad input at the level of meaning (issue 18) and imports that keep a team (issue 12.2): endless
# loops refused, damaged logs imported in part, conflicting copies kept, contradictions reported.
sigap_add_test(test_meaning SOURCES meaning_test.cpp LABELS "engine;facilitator")
