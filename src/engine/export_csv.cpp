// CSV export of the debrief: one row per team decision and SOP tag (RFC 4180). Columns are
// documented in debrief.h.
#include <cctype>
#include <string>
#include <string_view>

#include "debrief.h"
#include "export_common.h"

namespace sigap {

namespace {

// RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Every cell is formula-safe, whatever field it comes from: a log is untrusted input, and its
// session id, node and option ids reach the export as written. A cell a spreadsheet would run as
// a formula (=, +, -, @, tab, CR first) gets a leading apostrophe; a plain number stays a number.
bool PlainNumber(const std::string& s) {
  std::size_t i = s.size() > 1 && s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i])) && s[i] != '.') return false;
  return true;
}

std::string SafeCell(const std::string& s) {
  if (!s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos && !PlainNumber(s)) return "'" + s;
  return s;
}

void Row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += CsvField(SafeCell(fields[i]));
  }
  out += "\r\n";
}

const char* Bool(bool b) { return b ? "true" : "false"; }

}  // namespace

std::string ExportCsv(const std::vector<ScenarioDebrief>& debriefs, Lang lang) { return ExportCsv(debriefs, lang, false); }

std::string ExportCsv(const std::vector<ScenarioDebrief>& debriefs, Lang lang, bool anonymise) {
  std::string out;
  Row(out, {"scenario", "session", "team", "decision", "node", "options", "timed_out", "elapsed_ms", "step", "verdict", "reason",
            "item", "step_label", "finished", "scenario_changed", "option_ids", "item_id", "shown", "session_verdict", "members", "laptop", "started_utc"});
  for (const ScenarioDebrief& d : debriefs) {
    for (std::size_t team = 0; team < d.teams.size(); ++team) {
      const ImportedSession* s = d.teams[team];
      auto tags = exports::TagsByDecision(*s);
      for (std::size_t i = 0; i < s->log.decisions.size(); ++i) {
        const DecisionRecord& r = s->log.decisions[i];
        std::vector<std::string> common{d.scenario->id, s->log.info.session_id, TeamDisplayName(d, team, lang, anonymise), std::to_string(i + 1), r.node,
                                        exports::Letters(*d.scenario, r), Bool(r.timed_out), std::to_string(r.elapsed_ms)};
        auto row = [&](const std::string& step, const std::string& verdict, const std::string& reason, const std::string& item) {
          std::vector<std::string> f = common;
          const SopStep* st = step.empty() ? nullptr : d.catalogue->FindStep(step);
          f.insert(f.end(), {step, verdict, reason, item.empty() ? "" : exports::Letter(*d.scenario, r.node, item),
                             st ? st->label.Get(lang) : "", Bool(s->finished()), Bool(s->scenario_changed), FormatOptions(r), item,
                             exports::ShownLetters(*d.scenario, r), SessionVerdictName(s->score.verdict),
                             anonymise ? std::string() : s->log.info.members, s->log.info.laptop, s->log.info.started_utc});
          Row(out, f);
        };
        if (i >= s->decisions_replayed) {
          row("", "", "unscored", "");
          continue;
        }
        if (tags[i].empty()) row("", "", "", "");
        for (const ScoredTag* t : tags[i]) {
          bool about_item = t->reason == TagReason::Hit || t->reason == TagReason::Miss || t->reason == TagReason::FalseAlarm;
          row(t->step, VerdictName(t->verdict), TagReasonName(t->reason), about_item ? t->option : "");
        }
      }
    }
  }
  return out;
}

}  // namespace sigap
