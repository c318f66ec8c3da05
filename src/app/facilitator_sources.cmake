# Facilitator face. Paths relative to src/.
set(SIGAP_FACILITATOR_SOURCES
  app/facilitator_stubs.cpp
)
