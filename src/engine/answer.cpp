#include "answer.h"

namespace sigap {

namespace {

constexpr std::string_view kTimeout = "timeout";

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t from = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(from, i - from));
      from = i + 1;
    }
  }
  return out;
}

std::string JoinIds(const std::vector<std::string>& ids) {
  if (ids.empty()) return "-";
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : "+") + id;
  return out;
}

}  // namespace

std::optional<Answer> ParseAnswer(std::string_view text, std::string* error) {
  auto fail = [&](std::string why) -> std::optional<Answer> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  Answer a;
  if (text.starts_with(kTimeout)) {
    std::string_view rest = text.substr(kTimeout.size());
    if (rest.empty()) {
      a.timed_out = true;
      return a;
    }
    if (rest.front() != ':') return fail("'" + std::string(text) + "' is not an answer: write 'timeout' or 'timeout:ID'");
    a.timed_out = true;
    text = rest.substr(1);
    if (text.empty()) return fail("'timeout:' needs the selected option or the ticked items after the colon");
  }
  if (text.empty()) return fail("an empty answer: write an option id, items joined by '+', or '-' for none");
  if (text == "-") return a;
  for (std::string_view id : SplitOn(text, '+')) {
    if (id.empty()) return fail("'" + std::string(text) + "' has an empty item between '+' signs");
    if (id.find(',') != std::string_view::npos || id.find(':') != std::string_view::npos)
      return fail("'" + std::string(id) + "' is not an option id");
    a.ids.emplace_back(id);
  }
  return a;
}

std::string FormatAnswer(const Answer& answer) {
  if (answer.timed_out) return answer.ids.empty() ? std::string(kTimeout) : std::string(kTimeout) + ":" + JoinIds(answer.ids);
  return JoinIds(answer.ids);
}

Answer AnswerOf(const DecisionRecord& r) {
  Answer a;
  a.timed_out = r.timed_out;
  if (r.checklist) {
    a.ids = r.items;
  } else if (!r.timed_out || r.unconfirmed) {
    a.ids = {r.choice};  // a plain timeout took the default: the team selected nothing
  }
  return a;
}

std::string FormatAnswer(const DecisionRecord& record) { return FormatAnswer(AnswerOf(record)); }

std::string FormatOptions(const DecisionRecord& r) { return r.checklist ? JoinIds(r.items) : r.choice; }

std::optional<std::vector<Answer>> ParseAnswerList(std::string_view text, std::string* error) {
  std::vector<Answer> out;
  if (text.empty()) return out;
  for (std::string_view part : SplitOn(text, ',')) {
    auto a = ParseAnswer(part, error);
    if (!a) return std::nullopt;
    out.push_back(std::move(*a));
  }
  return out;
}

}  // namespace sigap
