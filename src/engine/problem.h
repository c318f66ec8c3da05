// A run-time failure or refusal (resume, play, save, copy, export): a stable code documented in
// docs/diagnostics.md, the values its sentence needs, and an English message for the command
// line and for hosts that do not know the code. The GUI words it in the user's language from
// the string tables ("problem.<CODE>", with {0}, {1}… filled from `args`). Load-time problems of
// a file are Diagnostics (diagnostics.h), which carry a place as well.
#pragma once

#include <string>
#include <vector>

namespace sigap {

struct Problem {
  std::string code;               // e.g. "ENG003", "RES004"
  std::string message;            // English, complete on its own
  std::vector<std::string> args;  // the values the translated sentence needs, in order
};

}  // namespace sigap
