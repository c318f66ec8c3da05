// Result-file fixtures for the debrief tests: teams play the bundled scenarios through
// RecordedSession (the same path the app writes logs by), with chosen choices and times.
//
// The workshop fixture (BuildWorkshop) holds, under one source folder:
//   8 teams on yuliana-nunukan, one of them unfinished and one played on a changed scenario
//   (header hash differs), one team on liburan-johor-batam in a nested folder, a complete copy
//   and a shorter copy of two sessions (duplicates), a corrupted log (damaged record 2), a
//   session of a scenario that is not installed, and a file that is not a result file at all.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "debrief.h"
#include "engine_test_util.h"
#include "recorded_session.h"
#include "test_support.h"

namespace sigap::test {

// A fresh temporary folder, removed with everything in it when the test is done.
struct ScopedDir {
  std::string path;
  explicit ScopedDir(const std::string& name) : path(TempDir(name)) {}
  ~ScopedDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  ScopedDir(const ScopedDir&) = delete;
  ScopedDir& operator=(const ScopedDir&) = delete;
};

struct TeamPlan {
  std::string team;
  std::string scenario;
  // As for `sigap play`: a choice id; ticked items joined by '+' ('-' for none); "timeout".
  std::vector<std::string> choices;
  std::int64_t elapsed_ms = 10000;  // per decision; a timeout takes the timer's full time
  std::string session_id;           // 32 hex digits
  std::string started = "2026-03-02T09:00:00Z";
  std::string members = "";         // initials typed at the start ("" = none)
  std::string laptop = "";          // the laptop's pseudonym ("" = none, as in older logs)
};

inline std::string HexId(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "5e55%028x", n);
  return buf;
}

// Plays `plan` and returns the log's path. `scenario` overrides the installed one (a changed or
// an uninstalled scenario).
inline std::string PlayTeam(const ContentLibrary& lib, const TeamPlan& plan, const std::string& dir,
                            std::shared_ptr<const Scenario> scenario = nullptr) {
  if (!scenario) scenario = lib.FindScenario(plan.scenario);
  REQUIRE(scenario);
  auto catalogue = lib.FindCatalogue(scenario->sop_catalogue);
  REQUIRE(catalogue);
  SessionInfo info;
  info.session_id = plan.session_id;
  info.team = plan.team;
  info.started_utc = plan.started;
  info.members = plan.members;
  info.laptop = plan.laptop;
  info.seed = scenario->seed;
  info.app_version = "test";
  auto started = RecordedSession::Start(scenario, catalogue, info, dir);
  if (auto* problem = std::get_if<Problem>(&started)) FAIL(plan.team << ": " << problem->message);
  RecordedSession rs = std::move(std::get<RecordedSession>(started));
  Session& s = rs.session();
  std::int64_t at = 0;
  for (const std::string& c : plan.choices) {
    while (s.state() == SessionState::AtScene) s.Continue();
    REQUIRE_MESSAGE(s.state() != SessionState::Ended, plan.team << ": the scenario ended before '" << c << "'");
    auto answer = ParseAnswer(c);
    REQUIRE_MESSAGE(answer, plan.team << ": '" << c << "' is not an answer");
    // A timeout takes the timer's full time.
    std::int64_t took = answer->timed_out ? static_cast<std::int64_t>(s.TimerSeconds().value_or(0)) * 1000 : plan.elapsed_ms;
    at += took;
    DecideResult r = rs.Answer(*answer, took, at);
    REQUIRE_MESSAGE(!r.refused, plan.team << " at " << s.CurrentNode().id << ": " << (r.refused ? r.refused->message : ""));
    REQUIRE(r.saved);
  }
  return rs.log_path();
}

// A listing of every file under `root` with its size and modification time.
inline std::map<std::string, std::pair<std::uintmax_t, std::filesystem::file_time_type>> Snapshot(const std::string& root) {
  std::map<std::string, std::pair<std::uintmax_t, std::filesystem::file_time_type>> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    out[e.path().string()] = {e.is_regular_file() ? e.file_size() : 0, std::filesystem::last_write_time(e.path())};
  }
  return out;
}

inline ContentLibrary BundledLibrary() {
  ContentLibrary lib = LoadLibrary({SourcePath("scenarios")});
  REQUIRE(lib.FindScenario("yuliana-nunukan"));
  REQUIRE(lib.FindScenario("liburan-johor-batam"));
  return lib;
}

// The eight Yuliana teams. Index = the team's place in the debrief (finished first, by name).
inline std::vector<TeamPlan> YulianaTeams() {
  const std::string prep = "gender_pref+interpreter+referral_sheet+breaks_one_interview";
  const std::string signs = "deceived+passport_held+wages_withheld+travel_debt+locked_in+police_threat";
  const std::string plan =
      "health_followup+psychosocial+police_report+loss_list+origin_contact+family_protection+id_documents+case_manager+simfoni";
  auto team = [](std::string name, int n, std::int64_t ms, std::vector<std::string> c) {
    TeamPlan p;
    p.team = std::move(name);
    p.scenario = "yuliana-nunukan";
    p.session_id = HexId(n);
    p.elapsed_ms = ms;
    p.choices = std::move(c);
    return p;
  };
  return {
      // 0: every SOP answer (dp2 d: water, food and a risk check first; b, the puskesmas first, is right too).
      team("Anggrek", 1, 12000, {"c", "d", prep, "b", "c", signs, "d", "b", "b", "b", "c", plan}),
      // 1: lets the aunt in; the clock runs out at the knock on the door (default a, she leaves with her aunt: critical).
      team("Bougenville", 2, 20000, {"b", "d", prep, "b", "c", signs, "d", "timeout", "b", "b", "c", plan}),
      // 2: the aunt interprets, calls the agent, releases her, has her sign, posts in the group, reports to Imigrasi.
      team("Cempaka", 3, 8000,
           {"c", "a", "aunt_interprets+gender_pref", "b", "a", "deceived+cough", "b", "a", "c", "c", "d", "health_followup+report_imigrasi"}),
      // 3: hands her over without checking (dp8 d), no safe house (dp9 c), sends her village to the group (dp11 a).
      team("Dahlia", 4, 15000, {"c", "d", prep, "b", "c", signs, "d", "d", "c", "b", "a", plan}),
      // 7 (unfinished): stops after consent.
      team("Edelweis", 5, 30000, {"c", "d", "gender_pref", "b"}),
      // 4: promises too much (dp7 a), posts in the group (dp11 d).
      team("Flamboyan", 6, 9000, {"c", "d", prep, "b", "c", signs, "a", "b", "b", "b", "d", plan}),
      // 5: played on an older version of the scenario (changed hash); asks with the aunt present (dp1 a).
      team("Gardenia", 7, 11000, {"a", "d", prep, "b", "c", signs, "d", "b", "b", "b", "c", plan}),
      // 6: ticks nothing in the preparation; the clock runs out at the knock; no move next morning (dp8b d).
      team("Heliconia, \"Batam\"", 8, 14000, {"c", "d", "-", "b", "c", signs, "d", "timeout", "d", "b", "c", plan}),
  };
}

struct Workshop {
  std::string root;          // the source folder (as a USB stick)
  std::map<std::string, std::string> log;  // team → its log path
  std::string full_copy;     // an identical copy of Anggrek's log
  std::string short_copy;    // Flamboyan's log cut after 3 decisions (copied mid-game)
  std::string corrupted;     // a log with a damaged record 2 (its first decision)
  std::string not_installed; // a session of a scenario that is not installed
  std::string not_a_log;     // notes.txt
};

inline std::string CopyLines(const std::string& from, const std::string& to, std::size_t lines) {
  std::string text = ReadText(from), out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size() && n < lines; ++i) {
    out += text[i];
    if (text[i] == '\n') ++n;
  }
  WriteText(to, out);
  return to;
}

inline Workshop BuildWorkshop(const ContentLibrary& lib, const std::string& root) {
  namespace fs = std::filesystem;
  Workshop w;
  w.root = root;
  fs::create_directories(root);
  auto yuliana = lib.FindScenario("yuliana-nunukan");
  for (const TeamPlan& p : YulianaTeams()) {
    std::shared_ptr<const Scenario> scenario;
    if (p.team == "Gardenia") {
      auto older = std::make_shared<Scenario>(*yuliana);
      older->content_hash = std::string(64, '0');
      scenario = older;
    }
    std::string dir = root + (p.team == "Dahlia" || p.team == "Edelweis" ? "/laptop-2" : "/laptop-1");
    w.log[p.team] = PlayTeam(lib, p, dir, scenario);
  }
  TeamPlan border;
  border.team = "Kenanga";
  border.scenario = "liburan-johor-batam";
  border.session_id = HexId(20);
  border.choices = {"b", "one_holder+same_day", "a", "b"};
  w.log[border.team] = PlayTeam(lib, border, root + "/laptop-3/nested/deeper");

  // A complete copy (found before the original: "a-…" sorts first) and a shorter copy.
  w.full_copy = root + "/a-usb-copy/anggrek.sigap.jsonl";
  WriteText(w.full_copy, ReadText(w.log["Anggrek"]));
  w.short_copy = CopyLines(w.log["Flamboyan"], root + "/a-usb-copy/flamboyan-early.sigap.jsonl", 4);

  // A corrupted log: record 2, its first decision, damaged (a flipped letter breaks its
  // checksum), so nothing of it can be imported. (A log damaged later imports the decisions
  // before the damage: meaning_test.cpp.)
  TeamPlan broken;
  broken.team = "Ixora";
  broken.scenario = "yuliana-nunukan";
  broken.session_id = HexId(9);
  broken.choices = {"a", "a", "gender_pref", "a", "a"};
  std::string broken_log = PlayTeam(lib, broken, root + "/laptop-4");
  std::string text = ReadText(broken_log);
  std::size_t line2 = text.find('\n') + 1;
  std::size_t node = text.find("\"node\":\"dp", line2);
  text[node + 9] = 'x';
  WriteText(broken_log, text);
  w.corrupted = broken_log;

  // A session of a scenario that is not installed here.
  auto other = std::make_shared<Scenario>(*yuliana);
  other->id = "tidak-terpasang";
  TeamPlan lost;
  lost.team = "Jasmine";
  lost.scenario = "tidak-terpasang";
  lost.session_id = HexId(10);
  lost.choices = {"a", "a"};
  w.not_installed = PlayTeam(lib, lost, root + "/laptop-4", other);

  w.not_a_log = root + "/notes.txt";
  WriteText(w.not_a_log, "daftar hadir\n");
  return w;
}

}  // namespace sigap::test
