# Participant face: owned by the player screens. Paths relative to src/.
set(SIGAP_PLAYER_SOURCES
  app/screen_start.cpp
  app/player_stubs.cpp
)
