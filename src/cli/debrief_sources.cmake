# `sigap debrief` (CLI side). Paths relative to src/.
set(SIGAP_DEBRIEF_CLI_SOURCES
  cli/stub_commands.cpp
)
