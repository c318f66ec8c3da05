# Bundled content: the SOP catalogue and the four scenarios meet the content requirements.
sigap_add_test(test_content SOURCES content_test.cpp LABELS content)
# The three workshop scenarios of issue 17 and their catalogue steps.
sigap_add_test(test_content_workshops SOURCES content_workshops_test.cpp LABELS content)
