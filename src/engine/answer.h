// What a team answered at one decision, written as text: the one syntax that `sigap play
// --choices`, golden plans, the GUI's test hook and the exports share.
//
//   b              the single choice b (confirmed)
//   x+y            checklist items x and y ticked and confirmed
//   -              a checklist confirmed with nothing ticked
//   timeout        the clock ran out with nothing selected (the timer's default, or no ticks)
//   timeout:b      the clock ran out while b was selected but not yet confirmed
//   timeout:x+y    the clock ran out with x and y ticked
//
// Parsing does not know the decision: whether "b" is a choice or a one-item checklist is the
// session's to say (Session::PrepareAnswer).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sigap {

// One decision as recorded in the log (and prepared by Session::Prepare*, session.h; it lives
// here, on the ground floor, so that the codec below needs nothing above it). The rule for a clock that runs out (docs/scoring.md):
// a single choice that the team had selected is submitted as their answer and recorded as
// unconfirmed; with nothing selected the timer's default is taken; a checklist submits what is
// ticked (unconfirmed when anything is).
struct DecisionRecord {
  std::string node;
  std::string choice;               // single-choice (on a plain timeout: the default)
  std::vector<std::string> items;   // checklist: the ticked items
  bool checklist = false;
  bool timed_out = false;
  bool unconfirmed = false;         // timed out while the team's selection waited for Confirm
  std::vector<std::string> shown;   // option or item ids in the order the screen showed them
  std::int64_t elapsed_ms = 0;      // time the team took on this decision
  std::int64_t at_ms = 0;           // since the session started
  bool operator==(const DecisionRecord&) const = default;
};

struct Answer {
  bool timed_out = false;
  std::vector<std::string> ids;  // the choice (one id) or the ticked items; empty: none
  bool operator==(const Answer&) const = default;
};

// nullopt (and `error` says why) for text that is not an answer: empty ids ("a++b"), a choice
// list with commas, an empty string.
std::optional<Answer> ParseAnswer(std::string_view text, std::string* error = nullptr);
// The answer as written above; ParseAnswer(FormatAnswer(a)) == a.
std::string FormatAnswer(const Answer& answer);
// What a record says the team answered (timeouts included): the inverse of PrepareAnswer.
Answer AnswerOf(const DecisionRecord& record);
std::string FormatAnswer(const DecisionRecord& record);
// Only the options: the choice id, or the ticked items joined by '+' ('-' for none), without
// the timeout marker (the CSV's `options` column; its `timed_out` column says the rest).
std::string FormatOptions(const DecisionRecord& record);
// A comma-separated list of answers (`--choices a,b+c,timeout`), in order. "" gives none.
std::optional<std::vector<Answer>> ParseAnswerList(std::string_view text, std::string* error = nullptr);

}  // namespace sigap
