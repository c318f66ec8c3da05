# Debrief aggregation and exports (engine side). Paths relative to src/.
set(SIGAP_DEBRIEF_ENGINE_SOURCES
  engine/debrief.cpp
  engine/export_csv.cpp
  engine/export_html.cpp
  engine/export_xapi.cpp
  engine/export_files.cpp
)
