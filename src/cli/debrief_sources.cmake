# `sigap debrief` (CLI side). Paths relative to src/.
set(SIGAP_DEBRIEF_CLI_SOURCES
  cli/debrief_command.cpp
)
