# Debrief aggregation and exports (engine side). Paths relative to src/.
set(SIGAP_DEBRIEF_ENGINE_SOURCES
)
