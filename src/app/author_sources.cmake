# Author face (sigap --author): map, node forms, diagnostics, preview. Paths relative to src/.
set(SIGAP_AUTHOR_SOURCES
  app/author_actions.cpp
  app/author_diagnostics.cpp
  app/author_explore.cpp
  app/author_map.cpp
  app/author_node.cpp
  app/author_preview.cpp
  app/author_screen.cpp
)
