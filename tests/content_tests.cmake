# Bundled content: the SOP catalogue and the four scenarios meet the content requirements.
sigap_add_test(test_content SOURCES content_test.cpp LABELS content)
