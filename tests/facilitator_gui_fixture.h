// A workshop's worth of result files for the facilitator screen tests: eight teams on
// liburan-johor-batam and eight on yuliana-nunukan, from SOP-perfect to poor, with varied
// decision times and two timeouts; plus one unfinished team, a copy of one log in another folder
// (a duplicate), and a damaged log. Played through RecordedSession, as the app writes them; unlike
// debrief_fixtures.h's PlayTeam, every decision takes its own time, so medians differ by decision.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "debrief_fixtures.h"
#include "library.h"
#include "recorded_session.h"
#include "test_support.h"

namespace sigap::test {

// BundledLibrary() loaded once for the whole test run (the scenarios are immutable and shared).
inline const ContentLibrary& SharedBundledLibrary() {
  static const ContentLibrary lib = BundledLibrary();
  return lib;
}

struct GuiTeamPlan {
  std::string team, scenario;
  std::string choices;  // as for `sigap play`: ids, checklist items joined by '+', "timeout"
  int pace = 0;         // varies the decision times
};

// Plays one team; returns the log's path.
inline std::string PlayGuiTeam(const ContentLibrary& lib, const GuiTeamPlan& plan, const std::string& dir, int serial) {
  auto scenario = lib.FindScenario(plan.scenario);
  REQUIRE(scenario);
  auto catalogue = lib.FindCatalogue(scenario->sop_catalogue);
  REQUIRE(catalogue);
  SessionInfo info;
  char id[40];
  std::snprintf(id, sizeof id, "9a1%029x", serial);
  info.session_id = id;
  info.team = plan.team;
  info.started_utc = "2026-03-10T02:30:00Z";
  info.seed = scenario->seed;
  info.app_version = "test";
  auto started = RecordedSession::Start(scenario, catalogue, info, dir);
  REQUIRE(std::holds_alternative<RecordedSession>(started));
  RecordedSession rs = std::move(std::get<RecordedSession>(started));
  Session& s = rs.session();
  std::int64_t at = 0;
  int k = 0;
  auto answers = ParseAnswerList(plan.choices);
  REQUIRE_MESSAGE(answers, plan.team << ": bad choices " << plan.choices);
  for (const Answer& answer : *answers) {
    while (s.state() == SessionState::AtScene) s.Continue();
    REQUIRE_MESSAGE(s.state() != SessionState::Ended, plan.team << ": ended before '" << FormatAnswer(answer) << "'");
    // 15–95 s per decision, different for each team and decision; a timeout takes the full time.
    std::int64_t took = 15000 + ((plan.pace * 7919 + k * 104729) % 80000);
    ++k;
    if (answer.timed_out) took = static_cast<std::int64_t>(s.TimerSeconds().value_or(0)) * 1000;
    at += took;
    DecideResult r = rs.Answer(answer, took, at);
    REQUIRE_MESSAGE(!r.refused, plan.team << " at " << s.CurrentNode().id << ": " << (r.refused ? r.refused->message : ""));
    REQUIRE(r.saved);
  }
  return rs.log_path();
}

inline std::vector<GuiTeamPlan> GuiWorkshopPlans() {
  const std::string lj = "liburan-johor-batam", yn = "yuliana-nunukan";
  return {
      {"Elang", lj, "c,one_holder+same_day+paid_by_other+no_hotel+glancing+lock_screen,c,b,b,b,c,d,record+passports+shelter_apart+wishes+rights+origin,b,b,d", 1},
      {"Merpati", lj, "c,one_holder+same_day+paid_by_other+no_hotel+glancing+lock_screen,c,b,b,a,c,d,record+passports+shelter_apart+wishes+rights+origin,b,b,d", 2},
      {"Garuda", lj, "c,one_holder+same_day+paid_by_other+no_hotel+glancing+lock_screen,a,b,b,b,c,d,record+passports+shelter_apart+wishes+rights+origin,b,b,b", 3},
      {"Cendrawasih", lj, "c,one_holder+same_day+paid_by_other+no_hotel+glancing,c,b,b,b,c,d,passports+shelter_apart+wishes+rights,b,b,d", 4},
      {"Kakatua", lj, "b,glancing+lock_screen+first_passport+dewi_before,c,b,b,b,c,d,record+passports+rights,b,b,d", 5},
      {"Jalak", lj, "c,one_holder+same_day+paid_by_other+glancing,c,timeout,b,a,b,c,record+passports+rights+origin,c,c,b", 6},
      {"Rajawali", lj, "c,one_holder+paid_by_other+glancing+lock_screen,c,b,c,b,c,timeout,b,b,b,d", 7},
      {"Kenari", lj, "d,one_holder+paid_by_other+no_hotel+lock_screen+first_passport,a,b,b,b,b,c,shelter_apart,b,c,a", 8},
      {"Nuri", lj, "c,one_holder+same_day+no_hotel,c,b,b", 9},  // unfinished
      {"Elang", yn, "c,d,gender_pref+interpreter+referral_sheet+breaks_one_interview,b,c,deceived+passport_held+wages_withheld+travel_debt+locked_in+police_threat,d,b,b,b,c,health_followup+psychosocial+police_report+loss_list+origin_contact+case_manager+simfoni", 11},
      {"Merpati", yn, "b,d,gender_pref+interpreter+referral_sheet+breaks_one_interview,b,b,deceived+passport_held+wages_withheld+travel_debt+locked_in+police_threat,b,b,b,b,c,health_followup+psychosocial+police_report+loss_list+origin_contact+case_manager+simfoni", 12},
      {"Garuda", yn, "c,d,gender_pref+interpreter+referral_sheet+breaks_one_interview,b,b,deceived+passport_held+wages_withheld+travel_debt+locked_in+police_threat,d,b,b,b,c,health_followup+psychosocial+police_report+loss_list+origin_contact+simfoni", 13},
      {"Cendrawasih", yn, "c,d,gender_pref+interpreter+referral_sheet+breaks_one_interview,b,c,deceived+passport_held+wages_withheld+travel_debt,d,b,c,b,c,health_followup+psychosocial+police_report+loss_list+origin_contact", 14},
      {"Kakatua", yn, "c,d,referral_sheet+breaks_one_interview,b,c,deceived+wages_withheld+travel_debt+police_threat,d,b,b,b,c,police_report+origin_contact+case_manager+simfoni+report_imigrasi+next_ship", 15},
      {"Jalak", yn, "b,d,gender_pref+interpreter+breaks_one_interview,b,b,passport_held+wages_withheld+travel_debt,d,b,c,b,c,health_followup+police_report+origin_contact+case_manager+retell+next_ship", 16},
      {"Rajawali", yn, "c,d,interpreter+breaks_one_interview,c,c,passport_held,d,c,b,b,c,health_followup+police_report+case_manager", 17},
      {"Kenari", yn, "d,d,interpreter+referral_sheet+police_uniform,d,b,deceived+passport_held+wages_withheld+travel_debt,a,d,b,b,c,origin_contact+case_manager+next_ship", 18},
  };
}

struct GuiWorkshop {
  std::string root;        // the folder to import (as a USB stick)
  std::string duplicate;   // a second copy of Elang's liburan log
  std::string damaged;     // a log with a broken record
  std::size_t sessions = 0;  // distinct sessions, damaged one excluded
};

inline GuiWorkshop BuildGuiWorkshop(const ContentLibrary& lib, const std::string& root) {
  namespace fs = std::filesystem;
  GuiWorkshop w;
  w.root = root;
  int serial = 0;
  std::string first;
  for (const auto& p : GuiWorkshopPlans()) {
    // Two laptops' folders, as copied to the stick.
    std::string dir = root + (serial % 2 ? "/laptop-b" : "/laptop-a");
    std::string log = PlayGuiTeam(lib, p, dir, ++serial);
    if (first.empty()) first = log;
    ++w.sessions;
  }
  fs::create_directories(root + "/copy");
  w.duplicate = root + "/copy/" + fs::path(first).filename().string();
  fs::copy_file(first, w.duplicate);
  // A damaged log: its second line cut short and garbled (a bad copy).
  w.damaged = root + "/laptop-c/rusak.sigap.jsonl";
  fs::create_directories(root + "/laptop-c");
  std::ifstream in(first);
  std::string header, line;
  std::getline(in, header);
  std::getline(in, line);
  std::ofstream out(w.damaged);
  out << header << "\n" << line.substr(0, line.size() / 2) << "#%garbled\n" << line << "\n";
  return w;
}

}  // namespace sigap::test
