// Bad input at the level of meaning (issue 18) and imports that keep a team (issue 12.2): a story
// that would never end is refused, and result files that copying, crashes, two laptops or a
// curious participant leave behind are imported with nothing lost, invented or merged silently.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "debrief_fixtures.h"
#include "session.h"
#include "session_log.h"

using namespace sigap;
using namespace sigap::test;
using nlohmann::json;

namespace {

// Anggrek's plan: every SOP answer, finished.
TeamPlan Anggrek(int n = 1) {
  TeamPlan p = YulianaTeams()[0];
  p.session_id = HexId(n);
  return p;
}

}  // namespace

// ---- Nothing runs forever (18.1) ---------------------------------------------------------------

TEST_CASE("a loop of scenes that never opens is refused with ENG014, and the refusal changes nothing") {
  ContentLibrary lib = LoadLibrary({DataPath("malformed/scene-loop-never-opens.json"), DataPath("malformed/_sop-mini.json")});
  auto scenario = lib.FindScenario("mini");
  REQUIRE(scenario);
  Session s(scenario, lib.FindCatalogue("sop-mini"), SessionInfo{});
  s.Continue();
  auto rec = s.PrepareChoice("b", 1000, 1000);
  REQUIRE(std::holds_alternative<DecisionRecord>(rec));
  REQUIRE_FALSE(s.Apply(std::get<DecisionRecord>(rec)));
  std::optional<Problem> refused;
  std::size_t advances = 0;
  for (; advances < 1000 && !refused; ++advances) refused = s.Continue();
  REQUIRE(refused);
  CHECK(refused->code == "ENG014");
  CHECK(advances <= scenario->nodes.size() + 1);  // bounded by the scenario's size, not by memory
  const auto path = s.Path();
  const std::string at = s.CurrentNode().id;
  CHECK(s.Continue()->code == "ENG014");  // asked again: refused again, nothing moved
  CHECK(s.Path() == path);
  CHECK(s.CurrentNode().id == at);
  CHECK(s.state() == SessionState::AtScene);
}

TEST_CASE("a long chain of scenes that does end is never refused") {
  // Every bundled scenario's sessions pass through their scenes; the bound must not bite there.
  ContentLibrary lib = BundledLibrary();
  for (const TeamPlan& p : YulianaTeams()) {
    ScopedDir dir("meaning-chain");
    CHECK_NOTHROW(PlayTeam(lib, p, dir.path));
  }
}

TEST_CASE("sigap play stops at the endless loop with ENG014 instead of growing until it is killed") {
  ScopedDir dir("meaning-play-loop");
  ProcessResult r = RunSigap({"play", DataPath("malformed/scene-loop-never-opens.json"), "--team", "T", "--choices", "b",
                              "--results", dir.path});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("ENG014") != std::string::npos);
  // The decision made before the loop is saved; the log stays valid and can be imported.
  std::string log;
  for (const auto& e : std::filesystem::directory_iterator(dir.path)) log = e.path().string();
  SessionLogData d = ReadSessionLogFile(log);
  CHECK(d.usable());
  CHECK(d.decisions.size() == 1);
}

TEST_CASE("sigap validate stops an author at a loop whose exit can never open") {
  for (const char* name : {"scene-loop-never-opens", "decision-loop-never-opens"}) {
    ProcessResult r = RunSigap({"validate", std::string("malformed/") + name + ".json"}, DataPath(""));
    CAPTURE(name);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("error SCN080") != std::string::npos);
  }
}
