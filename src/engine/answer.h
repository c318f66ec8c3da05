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

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sigap {

struct DecisionRecord;

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
