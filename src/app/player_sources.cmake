# Participant face: owned by the player screens. Paths relative to src/.
set(SIGAP_PLAYER_SOURCES
  app/player.cpp
  app/portraits.cpp
  app/player_dialogs.cpp
  app/player_feedback.cpp
  app/player_footer.cpp
  app/player_room.cpp
  app/screen_start.cpp
  app/screen_play.cpp
  app/screen_end.cpp
)
