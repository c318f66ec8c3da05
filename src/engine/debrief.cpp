// Debrief: import of result files (read-only), replay against the installed scenarios, and the
// per-scenario aggregation the facilitator shows. Exports live in export_*.cpp.
//
// [SECTION] Import: finding files, reading, merging copies of one session, replaying
// [SECTION] Aggregation: teams, heat map, decisions, edges, critical moments
#include "debrief.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <tuple>
#include <unordered_map>

#include "platform/utf8_path.h"
#include "session.h"

namespace sigap {

namespace fs = std::filesystem;

// ---- [SECTION] Import --------------------------------------------------------------------------

namespace {

bool HasLogExtension(const fs::path& p) {
  std::string name = platform::PathToUtf8(p.filename());
  return name.size() > std::string_view(kLogExtension).size() && name.ends_with(kLogExtension);
}

Diagnostic FileProblem(const std::string& file, int line, Severity severity, const std::string& code, const std::string& message) {
  return Diagnostic{file, {line, line > 0 ? 1 : 0}, "", severity, code, message};
}

std::string FileKey(const fs::path& p) { return ResultFileKey(platform::PathToUtf8(p)); }

struct FoundFile {
  std::string path;  // as found (for messages)
  std::string key;   // canonical
};

// Result files under `paths` (files, or folders searched recursively), each once, in a stable
// order; unreadable or wrong paths become problems. Only reads directory listings.
std::vector<FoundFile> FindResultFiles(const std::vector<std::string>& paths, std::vector<Diagnostic>& problems) {
  std::vector<FoundFile> out;
  std::set<std::string> seen;
  auto add = [&](const fs::path& p) {
    std::string key = FileKey(p);
    if (seen.insert(key).second) out.push_back(FoundFile{platform::PathToUtf8(p), key});
  };
  for (const std::string& arg : paths) {
    std::error_code ec;
    const fs::path arg_path = platform::PathFromUtf8(arg);
    fs::file_status st = fs::status(arg_path, ec);
    if (ec || !fs::exists(st)) {
      problems.push_back(FileProblem(arg, 0, Severity::Error, "DBR001",
                                 "cannot find this file or folder; check the path (is the USB stick still plugged in?)"));
      continue;
    }
    if (fs::is_regular_file(st)) {
      if (HasLogExtension(arg_path)) add(arg_path);
      else
        problems.push_back(FileProblem(arg, 0, Severity::Error, "DBR002",
                                   std::string("not a SIGAP result file (their names end in ") + kLogExtension +
                                       "); import the results folder or its " + kLogExtension + " files"));
      continue;
    }
    if (!fs::is_directory(st)) {
      problems.push_back(FileProblem(arg, 0, Severity::Error, "DBR002", "neither a file nor a folder; import a results folder"));
      continue;
    }
    std::vector<fs::path> found;
    auto it = fs::recursive_directory_iterator(arg_path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code fec;
      if (it->is_regular_file(fec) && HasLogExtension(it->path())) found.push_back(it->path());
    }
    if (ec)
      problems.push_back(FileProblem(arg, 0, Severity::Error, "DBR001",
                                 "could not read the whole folder (" + ec.message() + "); results in it may be missing"));
    std::sort(found.begin(), found.end());
    if (found.empty() && !ec)
      problems.push_back(FileProblem(arg, 0, Severity::Warning, "DBR003",
                                 std::string("no result files (*") + kLogExtension + ") in this folder or its subfolders"));
    for (const auto& p : found) add(p);
  }
  return out;
}

// The log reader says what is wrong; at the facilitator's desk the next step matters too, and
// what of a damaged log was still imported.
Diagnostic WithAdvice(Diagnostic d, const SessionLogData& log) {
  std::string advice;
  if ((d.code == "LOG011" || d.code == "LOG012") && log.has_header && log.decisions.empty()) {
    advice = "; no decision before it can be read, so team \"" + log.info.team +
             "\" is not imported: copy the file again from the team laptop";
  } else if ((d.code == "LOG011" || d.code == "LOG012") && log.has_header) {
    const std::size_t n = log.decisions.size();
    advice = ". What comes before it is imported: team \"" + log.info.team + "\", " + std::to_string(n) +
             (n == 1 ? " decision" : " decisions") + (log.finished() ? " and its ending" : ", shown as unfinished");
  } else if (d.code == "LOG002" || d.code == "LOG004" || d.code == "LOG012")
    advice = "; copy the file again from the team laptop (the results folder), or leave it out";
  else if (d.code == "LOG001")
    advice = "; leave it out of the results folder";
  else if (d.code == "IO001")
    advice = "; check that the USB stick is still plugged in and the file can be opened, then import again";
  d.message += advice;
  return d;
}

// Pause and resume records count too: a copy that lacks one is the shorter copy.
std::size_t RecordCount(const SessionLogData& log) {
  return log.decisions.size() + log.pauses.size() + (log.finished() ? 1 : 0);
}

void ResetReplay(ImportedSession& s) {
  s.scenario.reset();
  s.catalogue.reset();
  s.scenario_changed = s.catalogue_changed = s.replay_ok = false;
  s.replay_error.clear();
  s.decisions_replayed = 0;
  s.path_nodes.clear();
  s.score = SessionScore{};
  s.outcome_id.clear();
  s.outcome_rating.clear();
  s.end_contradiction.clear();
  s.impossible_times.clear();
  for (std::size_t i = 0; i < s.log.decisions.size(); ++i) {
    const DecisionRecord& r = s.log.decisions[i];
    if (r.elapsed_ms < 0 || r.at_ms < 0 || r.elapsed_ms > kLongestDecisionMs) s.impossible_times.push_back(i);
  }
}

std::string EndContradiction(const nlohmann::json& end, const ImportedSession& s);

// Replays the logged decisions against the installed scenario: the path, the outcome and the
// recomputed score. Stops at the first decision the scenario refuses (it changed since).
void ReplayWith(ImportedSession& s, std::shared_ptr<const Scenario> scenario, std::shared_ptr<const SopCatalogue> catalogue) {
  ResetReplay(s);
  s.scenario = std::move(scenario);
  if (!s.scenario) return;
  s.catalogue = std::move(catalogue);
  s.scenario_changed = s.log.scenario_hash != s.scenario->content_hash;
  if (!s.catalogue) return;
  s.catalogue_changed = !s.log.catalogue_hash.empty() && s.log.catalogue_hash != s.catalogue->content_hash;

  Session session(s.scenario, s.catalogue, s.log.info);
  const auto& decisions = s.log.decisions;
  for (; s.decisions_replayed < decisions.size(); ++s.decisions_replayed) {
    if (auto refusal = session.Apply(decisions[s.decisions_replayed])) {
      s.replay_error = refusal->message;
      break;
    }
  }
  s.replay_ok = s.decisions_replayed == decisions.size();
  // A finished team went on through any scenes to its ending; an unfinished one is still looking
  // at the scene where it stopped.
  if (s.replay_ok && s.log.finished()) {
    std::size_t guard = s.scenario->nodes.size() + 1;
    while (session.state() == SessionState::AtScene && guard-- > 0) session.Continue();
  }
  s.path_nodes = session.Path();
  s.score = ScoreDecisions(*s.scenario, *s.catalogue, session.History());
  if (const Outcome* o = session.EndingOutcome()) {
    s.outcome_id = o->id;
    s.outcome_rating = o->rating;
  } else if (s.log.finished()) {
    // The replay could not reach the ending (the scenario changed): keep what the log recorded.
    const auto& end = *s.log.end;
    s.outcome_id = end.contains("outcome") && end["outcome"].is_string() ? end["outcome"].get<std::string>() : "";
    for (const auto& n : s.scenario->nodes)
      if (n.outcome && n.outcome->id == s.outcome_id) s.outcome_rating = n.outcome->rating;
  }
  JudgeEnding(s.score, !s.outcome_id.empty(), s.outcome_rating);  // the verdict (docs/scoring.md)
  if (s.replay_ok && s.log.finished() && !s.scenario_changed && !s.catalogue_changed)
    s.end_contradiction = EndContradiction(*s.log.end, s);
}

// How an end record disagrees with what replaying the same decisions against the same scenario
// gives ("" when it agrees). Percentages are written rounded to whole numbers.
void Replay(ImportedSession& s, const ContentLibrary& library) {
  auto scenario = library.FindScenario(s.log.scenario_id);
  auto catalogue = scenario ? library.FindCatalogue(scenario->sop_catalogue) : nullptr;
  s.guide = scenario ? library.FindGuide(scenario->id) : nullptr;
  ReplayWith(s, std::move(scenario), std::move(catalogue));
}

std::string EndContradiction(const nlohmann::json& end, const ImportedSession& s) {
  std::string out;
  auto add = [&](const std::string& what) { out += (out.empty() ? "" : ", ") + what; };
  const std::string outcome = end.contains("outcome") && end["outcome"].is_string() ? end["outcome"].get<std::string>() : "";
  if (outcome != s.outcome_id)
    add("ending \"" + outcome + "\" where the decisions lead to \"" + (s.outcome_id.empty() ? std::string("no ending") : s.outcome_id) + "\"");
  if (end.contains("never_events") && end["never_events"].is_number_integer() &&
      end["never_events"].get<std::int64_t>() != static_cast<std::int64_t>(s.score.never_events.size()))
    add(std::to_string(end["never_events"].get<std::int64_t>()) + " never events where the decisions give " +
        std::to_string(s.score.never_events.size()));
  if (end.contains("scores") && end["scores"].is_object())
    for (const auto& a : s.score.axes) {
      auto it = end["scores"].find(a.axis);
      auto p = a.Percent();
      if (it == end["scores"].end() || !p || !it->is_number()) continue;
      const auto written = it->get<double>();
      const auto replayed = static_cast<std::int64_t>(*p + 0.5);
      if (std::abs(written - static_cast<double>(replayed)) > 0.5)
        add("\"" + a.axis + "\" " + std::to_string(static_cast<std::int64_t>(written)) + " % where the decisions give " +
            std::to_string(replayed) + " %");
    }
  return out;
}

std::size_t CommonDecisions(const SessionLogData& a, const SessionLogData& b) {
  std::size_t n = 0;
  while (n < a.decisions.size() && n < b.decisions.size() && a.decisions[n] == b.decisions[n]) ++n;
  return n;
}

SessionConflict ConflictOf(const ImportedSession& s) {
  SessionConflict c;
  c.session_id = s.log.info.session_id;
  c.team = s.team();
  c.scenario_id = s.log.scenario_id;
  c.common_decisions = s.log.decisions.size();
  auto copy = [](const std::string& path, const SessionLogData& log) {
    SessionConflict::Copy k;
    k.path = path;
    k.decisions = log.decisions.size();
    k.finished = log.finished();
    if (log.end && log.end->contains("outcome") && (*log.end)["outcome"].is_string()) k.outcome = (*log.end)["outcome"].get<std::string>();
    k.laptop = log.info.laptop;
    k.last_at_ms = log.decisions.empty() ? 0 : log.decisions.back().at_ms;
    return k;
  };
  c.copies.push_back(copy(s.path, s.log));
  for (const auto& r : s.rivals) {
    c.common_decisions = std::min(c.common_decisions, CommonDecisions(s.log, r.log));
    c.copies.push_back(copy(r.path, r.log));
  }
  return c;
}

// Problems that belong to a session rather than to reading its file.
void AddSessionProblems(const ImportedSession& s, std::vector<Diagnostic>& problems) {
  if (!s.scenario) {
    problems.push_back(FileProblem(s.path, 1, Severity::Error, "DBR010",
                               "the scenario \"" + s.log.scenario_id + "\" of team \"" + s.team() +
                                   "\" is not installed; copy its file into the scenarios folder and import again"));
    return;
  }
  if (!s.catalogue) {
    problems.push_back(FileProblem(s.path, 1, Severity::Error, "DBR011",
                               "the SOP catalogue \"" + s.scenario->sop_catalogue + "\" of scenario \"" + s.scenario->id +
                                   "\" is not installed; copy it beside the scenario and import again"));
    return;
  }
  if (!s.replay_ok) {
    std::size_t i = s.decisions_replayed;
    int line = i < s.log.decision_lines.size() ? s.log.decision_lines[i] : 0;
    if (s.scenario_changed)
      problems.push_back(FileProblem(s.path, line, Severity::Error, "DBR012",
                                 "decision " + std::to_string(i + 1) + " of team \"" + s.team() + "\" does not fit the installed scenario (" +
                                     s.replay_error + "); the scenario has changed since. Its path and scores stop before it; "
                                     "install the version the teams played to see the whole session"));
    else
      // The very scenario the team played (same content hash) refuses the record: the log is at fault.
      problems.push_back(FileProblem(s.path, line, Severity::Error, "DBR016",
                                 "decision " + std::to_string(i + 1) + " of team \"" + s.team() +
                                     "\" cannot have been made in this scenario, which is unchanged since the session (" +
                                     s.replay_error + "): the log is inconsistent (edited or damaged). Its path and scores stop "
                                     "before it; copy the log again from the team laptop"));
  }
  if (!s.end_contradiction.empty()) {
    int line = (s.log.decision_lines.empty() ? 1 : s.log.decision_lines.back()) + 1;
    problems.push_back(FileProblem(s.path, line, Severity::Warning, "DBR014",
                               "the end record of team \"" + s.team() + "\" says " + s.end_contradiction +
                                   "; the debrief shows what the decisions give. The log was edited or damaged: copy it "
                                   "again from the team laptop"));
  }
  for (std::size_t k = 0; k < s.impossible_times.size() && k < 3; ++k) {
    std::size_t i = s.impossible_times[k];
    const DecisionRecord& r = s.log.decisions[i];
    int line = i < s.log.decision_lines.size() ? s.log.decision_lines[i] : 0;
    std::string more = k == 2 && s.impossible_times.size() > 3
                           ? " (and " + std::to_string(s.impossible_times.size() - 3) + " more in this log)"
                           : "";
    problems.push_back(FileProblem(s.path, line, Severity::Warning, "DBR015",
                               "decision " + std::to_string(i + 1) + " of team \"" + s.team() + "\" has an impossible time (" +
                                   std::to_string(r.elapsed_ms) + " ms taken, at " + std::to_string(r.at_ms) +
                                   " ms)" + more + "; it is left out of the median times. The laptop's clock or the file is wrong"));
  }
  if (s.conflict()) {
    SessionConflict c = ConflictOf(s);
    std::string copies;
    for (const auto& copy : c.copies)
      copies += (copies.empty() ? "" : "; ") + copy.path + " (" + std::to_string(copy.decisions) + " decisions" +
                (copy.finished ? ", finished" : "") + ")";
    problems.push_back(FileProblem(s.path, 1, Severity::Warning, "DBR013",
                               "team \"" + s.team() + "\" has " + std::to_string(c.copies.size()) +
                                   " copies of one session that part after decision " + std::to_string(c.common_decisions) +
                                   " (it was played on from more than one copy): " + copies +
                                   ". None of them is shown until you choose the one to keep; the others are kept aside"));
  }
}

void RebuildProblems(ImportResult& r) {
  r.problems = r.file_problems;
  for (const auto& s : r.sessions) AddSessionProblems(s, r.problems);
  std::stable_sort(r.problems.begin(), r.problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.pos.line) < std::tie(b.file, b.pos.line);
  });
  r.duplicates_merged = 0;
  for (const auto& s : r.sessions) r.duplicates_merged += s.duplicate_paths.size();
  r.files_scanned = r.files.size();
}

}  // namespace

std::string ResultFileKey(const std::string& path) {
  std::error_code ec;
  const fs::path p = platform::PathFromUtf8(path);
  fs::path c = fs::weakly_canonical(p, ec);
  return platform::PathToUtf8(ec ? fs::absolute(p, ec).lexically_normal() : c);
}

namespace {

// True when `longer` holds everything `shorter` does, in the same order: the same session copied
// earlier (or the same state). A finished copy is extended only by an identical one.
bool Extends(const SessionLogData& longer, const SessionLogData& shorter) {
  if (shorter.decisions.size() > longer.decisions.size()) return false;
  if (!std::equal(shorter.decisions.begin(), shorter.decisions.end(), longer.decisions.begin())) return false;
  if (!shorter.finished()) return true;
  return longer.finished() && longer.decisions.size() == shorter.decisions.size() && *longer.end == *shorter.end;
}

// Files a copy came from that the session already lists.
bool KnownCopy(const ImportedSession& s, const std::string& key) {
  auto same = [&](const std::string& p) { return FileKey(p) == key; };
  return same(s.path) || std::any_of(s.duplicate_paths.begin(), s.duplicate_paths.end(), same) ||
         std::any_of(s.set_aside_paths.begin(), s.set_aside_paths.end(), same) ||
         std::any_of(s.rivals.begin(), s.rivals.end(), [&](const SessionCopy& r) { return same(r.path); });
}

// Another copy of a session already imported: it replaces the kept copy when it extends it, is a
// duplicate when the kept copy extends it, and otherwise is a rival (or replaces or joins one).
// A damaged copy is never listed as a duplicate: its own problem already names it.
void AddCopy(ImportedSession& s, const std::string& path, const std::string& key, SessionLogData log) {
  auto demote = [&](const std::string& old_path, const SessionLogData& old_log) {
    if (!old_log.corrupted) s.duplicate_paths.push_back(old_path);
  };
  std::erase_if(s.duplicate_paths, [&](const std::string& p) { return FileKey(p) == key; });
  if (Extends(log, s.log)) {
    if (RecordCount(log) > RecordCount(s.log)) {
      demote(s.path, s.log);
      s.path = path;
      s.log = std::move(log);
    } else if (!KnownCopy(s, key)) {
      demote(path, log);
    }
    return;
  }
  if (Extends(s.log, log)) {
    if (!KnownCopy(s, key)) demote(path, log);
    return;
  }
  for (auto& r : s.rivals) {
    if (Extends(log, r.log)) {
      if (RecordCount(log) > RecordCount(r.log)) {
        demote(r.path, r.log);
        r = SessionCopy{path, std::move(log)};
      }
      return;
    }
    if (Extends(r.log, log)) {
      if (!KnownCopy(s, key)) demote(path, log);
      return;
    }
  }
  s.rivals.push_back(SessionCopy{path, std::move(log)});
}

// A conflict the facilitator has decided: the chosen copy is kept, the others set aside.
bool ApplyChoice(ImportedSession& s, const std::map<std::string, std::string>& chosen) {
  if (s.rivals.empty()) return false;
  auto it = chosen.find(s.log.info.session_id);
  if (it == chosen.end()) return false;
  if (FileKey(s.path) != it->second) {
    auto r = std::find_if(s.rivals.begin(), s.rivals.end(), [&](const SessionCopy& c) { return FileKey(c.path) == it->second; });
    if (r == s.rivals.end()) return false;
    std::swap(s.path, r->path);
    std::swap(s.log, r->log);
  }
  for (auto& r : s.rivals) s.set_aside_paths.push_back(r.path);
  s.rivals.clear();
  return true;
}

void ImportMore(ImportResult& into, const std::vector<std::string>& paths, const ContentLibrary& library,
                const std::map<std::string, std::string>& chosen) {
  std::vector<Diagnostic> path_problems;
  std::vector<FoundFile> found = FindResultFiles(paths, path_problems);

  // Problems of a path given again are replaced by what this import finds.
  std::set<std::string> fresh_files;
  for (const auto& f : found) fresh_files.insert(f.key);
  for (const auto& p : paths) fresh_files.insert(FileKey(p));
  std::erase_if(into.file_problems, [&](const Diagnostic& d) { return fresh_files.count(FileKey(d.file)) > 0; });
  into.file_problems.insert(into.file_problems.end(), path_problems.begin(), path_problems.end());

  std::unordered_map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < into.sessions.size(); ++i) by_id[into.sessions[i].log.info.session_id] = i;
  std::set<std::string> known_files(into.files.begin(), into.files.end());
  std::vector<bool> dirty(into.sessions.size(), false);

  for (const FoundFile& f : found) {
    known_files.insert(f.key);
    SessionLogData log = ReadSessionLogFile(f.path);
    for (const auto& d : log.diagnostics)  // an unusable file: its errors say it all
      if (log.usable() || d.severity == Severity::Error) into.file_problems.push_back(WithAdvice(d, log));
    // A damaged log still gives the decisions before its first damaged record (issue 12.2): one
    // bad record never loses a whole team.
    if (!log.has_header || (log.corrupted && log.decisions.empty())) continue;
    auto it = by_id.find(log.info.session_id);
    if (it == by_id.end()) {
      ImportedSession s;
      s.path = f.path;
      s.log = std::move(log);
      by_id[s.log.info.session_id] = into.sessions.size();
      into.sessions.push_back(std::move(s));
      dirty.push_back(true);
      continue;
    }
    ImportedSession& s = into.sessions[it->second];
    dirty[it->second] = true;
    if (FileKey(s.path) == f.key) {
      // The same file read again (the team may have played on): its newest content counts, and
      // the rivals are compared with it afresh.
      s.log = std::move(log);
      std::vector<SessionCopy> rivals = std::move(s.rivals);
      s.rivals.clear();
      for (auto& r : rivals) AddCopy(s, r.path, FileKey(r.path), std::move(r.log));
      continue;
    }
    auto rival = std::find_if(s.rivals.begin(), s.rivals.end(), [&](const SessionCopy& r) { return FileKey(r.path) == f.key; });
    if (rival != s.rivals.end()) s.rivals.erase(rival);  // read again: placed afresh below
    AddCopy(s, f.path, f.key, std::move(log));
  }
  for (std::size_t i = 0; i < into.sessions.size(); ++i)
    if (ApplyChoice(into.sessions[i], chosen) || dirty[i]) Replay(into.sessions[i], library);
  into.files.assign(known_files.begin(), known_files.end());
  RebuildProblems(into);
}

}  // namespace

ImportResult ImportResults(const std::vector<std::string>& paths, const ContentLibrary& library) {
  ImportResult r;
  ImportMore(r, paths, library, {});
  return r;
}

std::vector<SessionConflict> Conflicts(const ImportResult& imported) {
  std::vector<SessionConflict> out;
  for (const auto& s : imported.sessions)
    if (s.conflict()) out.push_back(ConflictOf(s));
  return out;
}

// ---- [SECTION] Aggregation ---------------------------------------------------------------------

std::optional<std::int64_t> DecisionAggregate::MedianElapsed() const {
  std::vector<std::int64_t> v;
  for (std::size_t t = 0; t < elapsed_ms.size(); ++t)
    if (elapsed_ms[t] >= 0 && !(t < time_impossible.size() && time_impossible[t])) v.push_back(elapsed_ms[t]);
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::optional<double> PositionCount::FirstRatio() const {
  if (answers == 0 || expected_first <= 0) return std::nullopt;
  return first / expected_first;
}

std::optional<double> PositionCount::LastRatio() const {
  if (answers == 0 || expected_last <= 0) return std::nullopt;
  return last / expected_last;
}

const DecisionAggregate* ScenarioDebrief::FindDecision(const std::string& node) const {
  for (const auto& d : decisions)
    if (d.node == node) return &d;
  return nullptr;
}

std::vector<CriticalChoice> ScenarioDebrief::CriticalChoices() const {
  std::vector<CriticalChoice> out;
  for (const CriticalMoment& m : critical_moments) {
    auto same = [&](const CriticalChoice& c) { return c.node == m.node && c.option == m.option && c.teams == m.teams; };
    auto it = std::find_if(out.begin(), out.end(), same);
    if (it == out.end()) out.push_back(CriticalChoice{m.node, m.option, {m.step}, m.teams});
    else it->steps.push_back(m.step);
  }
  return out;
}

std::string AnonymousTeamName(std::size_t index, Lang lang) {
  std::string letters;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return std::string(lang == Lang::En ? "Team " : "Tim ") + letters;
}

std::string TeamDisplayName(const ScenarioDebrief& debrief, std::size_t index, Lang lang, bool anonymise) {
  if (anonymise || index >= debrief.teams.size()) return AnonymousTeamName(index, lang);
  return debrief.teams[index]->team();
}

namespace {

std::string Folded(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Verdict Worst(const std::vector<SopTag>& tags) {
  Verdict w = Verdict::Follows;
  for (const auto& t : tags) w = std::max(w, t.verdict);
  return w;
}

// Team order: finished first, then by team name (case-insensitive), then start time and id.
void SortTeams(std::vector<const ImportedSession*>& teams) {
  std::vector<std::pair<std::string, const ImportedSession*>> keyed;
  for (const auto* t : teams) keyed.emplace_back(Folded(t->team()), t);
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    const ImportedSession& x = *a.second;
    const ImportedSession& y = *b.second;
    return std::make_tuple(!x.finished(), std::cref(a.first), std::cref(x.log.info.started_utc), std::cref(x.log.info.session_id)) <
           std::make_tuple(!y.finished(), std::cref(b.first), std::cref(y.log.info.started_utc), std::cref(y.log.info.session_id));
  });
  for (std::size_t i = 0; i < keyed.size(); ++i) teams[i] = keyed[i].second;
}

void BuildHeatMap(ScenarioDebrief& d) {
  const SopCatalogue& cat = *d.catalogue;
  std::unordered_map<std::string, std::size_t> catalogue_order;
  for (std::size_t i = 0; i < cat.steps.size(); ++i) catalogue_order[cat.steps[i].id] = i;
  std::set<std::string> ids(d.scenario->assesses.begin(), d.scenario->assesses.end());
  for (const auto* t : d.teams)
    for (const auto& st : t->score.steps) ids.insert(st.step);
  d.steps.assign(ids.begin(), ids.end());
  auto order = [&](const std::string& id) {
    auto it = catalogue_order.find(id);
    return it == catalogue_order.end() ? cat.steps.size() : it->second;
  };
  std::stable_sort(d.steps.begin(), d.steps.end(), [&](const std::string& a, const std::string& b) { return order(a) < order(b); });

  std::unordered_map<std::string, std::size_t> row_of;
  for (std::size_t i = 0; i < d.steps.size(); ++i) row_of[d.steps[i]] = i;
  d.heat.assign(d.steps.size(), std::vector<StepStatus>(d.teams.size(), StepStatus::NotReached));
  for (std::size_t team = 0; team < d.teams.size(); ++team)
    for (const auto& st : d.teams[team]->score.steps) d.heat[row_of.at(st.step)][team] = st.status;
}

// One answer into the position counts (see PositionCount).
void CountPosition(PositionCount& p, const DecisionRecord& r) {
  const std::size_t n = r.shown.size();
  if (n == 0 || (!r.checklist && r.timed_out && !r.unconfirmed)) {
    ++p.skipped;
    return;
  }
  auto place = [&](const std::string& id) -> std::optional<std::size_t> {
    auto it = std::find(r.shown.begin(), r.shown.end(), id);
    if (it == r.shown.end()) return std::nullopt;
    return static_cast<std::size_t>(it - r.shown.begin());
  };
  std::vector<std::size_t> picked;
  if (r.checklist) {
    for (const auto& id : r.items)
      if (auto k = place(id)) picked.push_back(*k);
  } else if (auto k = place(r.choice)) {
    picked.push_back(*k);
  }
  if (!r.checklist && picked.empty()) {  // a choice that was not on screen: the record is odd
    ++p.skipped;
    return;
  }
  ++p.answers;
  if (p.at.size() < n) {
    p.at.resize(n, 0);
    p.expected_at.resize(n, 0.0);
  }
  const double chance = static_cast<double>(picked.size()) / static_cast<double>(n);
  for (std::size_t k = 0; k < n; ++k) p.expected_at[k] += chance;
  p.expected_first += chance;
  p.expected_last += chance;
  for (std::size_t k : picked) {
    ++p.at[k];
    if (k == 0) ++p.first;
    if (k + 1 == n) ++p.last;
  }
}

void AddPositions(PositionCount& into, const PositionCount& p) {
  into.answers += p.answers;
  into.skipped += p.skipped;
  into.first += p.first;
  into.last += p.last;
  into.expected_first += p.expected_first;
  into.expected_last += p.expected_last;
  if (into.at.size() < p.at.size()) {
    into.at.resize(p.at.size(), 0);
    into.expected_at.resize(p.at.size(), 0.0);
  }
  for (std::size_t k = 0; k < p.at.size(); ++k) {
    into.at[k] += p.at[k];
    into.expected_at[k] += p.expected_at[k];
  }
}

void BuildDecisions(ScenarioDebrief& d) {
  const std::size_t n_teams = d.teams.size();
  std::unordered_map<std::string, std::size_t> index_of;
  // Per aggregate and option: the last team counted, so each team counts once.
  std::vector<std::vector<std::size_t>> option_last_team;
  std::vector<std::size_t> timeout_last_team;
  const std::size_t none = static_cast<std::size_t>(-1);
  for (const Node& node : d.scenario->nodes) {
    if (!node.decision) continue;
    DecisionAggregate a;
    a.node = node.id;
    a.checklist = node.decision->kind == Decision::Kind::Checklist;
    if (a.checklist) {
      for (const auto& item : node.decision->items)
        a.options.push_back(OptionCount{item.id, node.decision->OptionLetter(item.id), 0, Worst(item.sop), node.decision->Recommended(item.id)});
    } else {
      for (const auto& c : node.decision->choices) {
        a.options.push_back(OptionCount{c.id, node.decision->OptionLetter(c.id), 0, Worst(c.sop), c.Recommended()});
      }
      // The timer's own outcome is no option on screen, but teams end up in it: a row of its own.
      if (const TimeoutOutcome* t = node.decision->Timeout())
        a.options.push_back(OptionCount{kTimeoutOption, kTimeoutLetter, 0, Worst(t->sop), false});
    }
    a.elapsed_ms.assign(n_teams, -1);
    a.time_impossible.assign(n_teams, false);
    index_of[node.id] = d.decisions.size();
    option_last_team.emplace_back(a.options.size(), none);
    timeout_last_team.push_back(none);
    d.decisions.push_back(std::move(a));
  }
  for (std::size_t team = 0; team < n_teams; ++team) {
    const ImportedSession& s = *d.teams[team];
    for (std::size_t i = 0; i < s.decisions_replayed; ++i) {
      const DecisionRecord& r = s.log.decisions[i];
      auto it = index_of.find(r.node);
      if (it == index_of.end()) continue;
      DecisionAggregate& a = d.decisions[it->second];
      if (a.elapsed_ms[team] < 0) {
        ++a.teams_reached;
        a.elapsed_ms[team] = 0;
      }
      if (std::binary_search(s.impossible_times.begin(), s.impossible_times.end(), i)) a.time_impossible[team] = true;
      else a.elapsed_ms[team] += r.elapsed_ms;  // a decision met twice (a loop) counts its whole time
      if (r.timed_out && timeout_last_team[it->second] != team) {
        ++a.timeouts;
        timeout_last_team[it->second] = team;
      }
      CountPosition(a.position, r);
      auto& last = option_last_team[it->second];
      for (std::size_t o = 0; o < a.options.size(); ++o) {
        const std::string& id = a.options[o].option;
        bool picked = r.checklist                ? std::find(r.items.begin(), r.items.end(), id) != r.items.end()
                      : id == kTimeoutOption ? r.timed_out && !r.unconfirmed && r.choice.empty()
                                             : r.choice == id;
        if (picked && last[o] != team) {
          ++a.options[o].teams;
          last[o] = team;
        }
      }
    }
  }
}

void BuildPositions(ScenarioDebrief& d) {
  for (const auto& a : d.decisions)
    if (!a.checklist) AddPositions(d.position_single, a.position);
}

void BuildEdges(ScenarioDebrief& d) {
  for (const auto* t : d.teams) {
    std::set<std::pair<std::string, std::string>> taken;
    for (std::size_t i = 1; i < t->path_nodes.size(); ++i) taken.emplace(t->path_nodes[i - 1], t->path_nodes[i]);
    for (const auto& e : taken) ++d.edges[e];
  }
}

void BuildCriticalMoments(ScenarioDebrief& d) {
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> index_of;
  for (std::size_t team = 0; team < d.teams.size(); ++team) {
    for (const ScoredTag& t : d.teams[team]->score.never_events) {
      auto key = std::make_tuple(t.node, t.option, t.step);
      auto [it, added] = index_of.emplace(key, d.critical_moments.size());
      if (added) d.critical_moments.push_back(CriticalMoment{t.node, t.option, t.step, {}});
      auto& teams = d.critical_moments[it->second].teams;
      if (teams.empty() || teams.back() != team) teams.push_back(team);
    }
  }
  std::unordered_map<std::string, std::size_t> node_order;
  for (std::size_t i = 0; i < d.scenario->nodes.size(); ++i) node_order[d.scenario->nodes[i].id] = i;
  auto order = [&](const std::string& node) {
    auto it = node_order.find(node);
    return it == node_order.end() ? d.scenario->nodes.size() : it->second;
  };
  std::stable_sort(d.critical_moments.begin(), d.critical_moments.end(), [&](const CriticalMoment& a, const CriticalMoment& b) {
    if (a.teams.size() != b.teams.size()) return a.teams.size() > b.teams.size();
    return order(a.node) < order(b.node);
  });
}

std::vector<ScenarioDebrief> Aggregate(const ImportResult& imported) {  // the debriefs point into `imported`
  std::map<std::string, std::size_t> index_of;
  std::vector<ScenarioDebrief> out;
  for (const auto& s : imported.sessions) {
    if (!s.scenario || !s.catalogue || s.conflict()) continue;  // a conflict waits for the facilitator's choice
    auto [it, added] = index_of.emplace(s.scenario->id, out.size());
    if (added) {
      ScenarioDebrief d;
      d.scenario = s.scenario;
      d.catalogue = s.catalogue;
      d.guide = s.guide;
      out.push_back(std::move(d));
    }
    out[it->second].teams.push_back(&s);
  }
  std::sort(out.begin(), out.end(), [](const ScenarioDebrief& a, const ScenarioDebrief& b) {
    return std::tie(a.scenario->title.id, a.scenario->id) < std::tie(b.scenario->title.id, b.scenario->id);
  });
  for (auto& d : out) {
    SortTeams(d.teams);
    BuildHeatMap(d);
    BuildDecisions(d);
    BuildPositions(d);
    BuildEdges(d);
    BuildCriticalMoments(d);
  }
  return out;
}

}  // namespace

// ---- [SECTION] The book: one owner of the imported sessions and their debriefs ----------------

DebriefBook::DebriefBook(const DebriefBook& other)
    : imported_(other.imported_), sources_(other.sources_), chosen_(other.chosen_) {
  Rebuild();
}

DebriefBook& DebriefBook::operator=(const DebriefBook& other) {
  if (this != &other) {
    imported_ = other.imported_;
    sources_ = other.sources_;
    chosen_ = other.chosen_;
    Rebuild();
  }
  return *this;
}

std::size_t DebriefBook::Add(const std::vector<std::string>& paths, const ContentLibrary& library) {
  const std::size_t before = imported_.sessions.size();
  ImportMore(imported_, paths, library, chosen_);
  for (const auto& p : paths)
    if (std::find(sources_.begin(), sources_.end(), p) == sources_.end()) sources_.push_back(p);
  Rebuild();
  return imported_.sessions.size() - before;
}

void DebriefBook::Reload(const ContentLibrary& library) {
  imported_ = ImportResult{};
  ImportMore(imported_, sources_, library, chosen_);
  Rebuild();
}

bool DebriefBook::ChooseCopy(const std::string& session_id, const std::string& path) {
  const std::string key = ResultFileKey(path);
  for (auto& s : imported_.sessions) {
    if (s.log.info.session_id != session_id || !s.conflict()) continue;
    bool known = FileKey(s.path) == key ||
                 std::any_of(s.rivals.begin(), s.rivals.end(), [&](const SessionCopy& r) { return FileKey(r.path) == key; });
    if (!known) return false;
    chosen_[session_id] = key;
    ApplyChoice(s, chosen_);
    // The replay needs the installed content; the kept copy's replay is redone from its own
    // scenario and catalogue, which the previous replay found.
    ReplayWith(s, s.scenario, s.catalogue);
    RebuildProblems(imported_);
    Rebuild();
    return true;
  }
  return false;
}

void DebriefBook::Clear() {
  imported_ = ImportResult{};
  sources_.clear();
  chosen_.clear();
  debriefs_.clear();
}

bool DebriefBook::IsResultFile(const std::string& path) const {
  const std::string key = ResultFileKey(path);
  return std::binary_search(imported_.files.begin(), imported_.files.end(), key);
}

void DebriefBook::Rebuild() { debriefs_ = Aggregate(imported_); }

}  // namespace sigap
