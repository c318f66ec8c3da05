# Author face: headless screen tests (edit, save, reload, undo, play from here).
if(SIGAP_BUILD_GUI)
  sigap_add_test(test_author_screens SOURCES author_screens_test.cpp LIBS sigap_ui LABELS author)
endif()
# The file watch under Xvfb: a change on disk is drawn within a second; no frame while nothing changes.
if(SIGAP_BUILD_GUI)
  sigap_add_test(test_author_watch SOURCES author_watch_test.cpp LABELS "author;gui")
endif()
