# Facilitator face. Paths relative to src/.
set(SIGAP_FACILITATOR_SOURCES
  app/facilitator_actions.cpp
  app/facilitator_charts.cpp
  app/facilitator_common.cpp
  app/facilitator_dashboard.cpp
  app/facilitator_decisions.cpp
  app/facilitator_heatmap.cpp
  app/facilitator_lock.cpp
  app/facilitator_map.cpp
  app/facilitator_map_layout.cpp
  app/facilitator_present.cpp
  app/facilitator_room.cpp
  app/facilitator_slides.cpp
  app/facilitator_workshop.cpp
)
