// Write faults: a failure injected at each write step (WriteStep::Open, Write, Sync, DirSync,
// Rename) while creating a session log, appending a decision, writing the end record and
// writing an export; plus a real read-only folder and a real "disk full" (a file-size limit,
// which makes write() stop part-way exactly like a full disk, and /dev/full).
// What must hold (issue 8): the user gets a clear message, nothing already saved is damaged,
// and the session stays in memory so it can be saved elsewhere.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "fault_fixtures.h"

using namespace sigap;
using namespace sigap::test;
namespace fs = std::filesystem;

TEST_SUITE("write faults") {

TEST_CASE("creating a session log: a failure at any step leaves no file and says what failed") {
  for (WriteStep step : kAllSteps) {
    const std::string step_name = StepName(step);
    CAPTURE(step_name);
    auto dir = test::TempDir("fault-create");
    auto fault = std::make_shared<Fault>();
    fault->step = step;
    auto scenario = TestScenario();
    auto started = RecordedSession::Start(scenario, Library().FindCatalogue(scenario->sop_catalogue), Info(), dir, Injector(fault));
    if (step == WriteStep::Rename) {
      // A new log is created in place (O_EXCL), never renamed: this step cannot fail it.
      CHECK(fault->fired == 0);
      REQUIRE(std::holds_alternative<RecordedSession>(started));
      CheckLogMatches(std::get<RecordedSession>(started).log_path(), std::get<RecordedSession>(started).session());
      test::RemoveTree(dir);
      continue;
    }
    CHECK(fault->fired == 1);
    REQUIRE(std::holds_alternative<Problem>(started));
    const std::string& message = std::get<Problem>(started).message;
    CHECK(message.find("cannot start the session log") != std::string::npos);
    CHECK(message.find(dir) != std::string::npos);  // says where
    CHECK(FilesIn(dir).empty());                     // no empty or half-written log left behind
    test::RemoveTree(dir);
  }
}

TEST_CASE("appending a decision: a failed write keeps the saved log intact and the session in memory") {
  for (WriteStep step : kAllSteps) {
    const std::string step_name = StepName(step);
    CAPTURE(step_name);
    auto dir = test::TempDir("fault-append");
    auto elsewhere = test::TempDir("fault-append-elsewhere");
    auto fault = std::make_shared<Fault>();
    RecordedSession rs = StartOrFail(dir, Injector(fault));
    for (int i = 0; i < 2; ++i) REQUIRE(Step(rs, 1000 * (i + 1))->saved);
    const std::string original_path = rs.log_path();
    const std::string before = Slurp(original_path);
    const std::size_t decisions_before = rs.session().History().size();

    fault->step = step;
    DecideResult r = *Step(rs, 3000);
    CHECK_FALSE(r.refused.has_value());
    CHECK(rs.session().History().size() == decisions_before + 1);  // applied in memory
    if (step != WriteStep::Write && step != WriteStep::Sync) {
      // Appending opens nothing, renames nothing and syncs no folder: these cannot fail it.
      CHECK(fault->fired == 0);
      CHECK(r.saved);
      CheckLogMatches(original_path, rs.session());
      test::RemoveTree(dir);
      test::RemoveTree(elsewhere);
      continue;
    }
    CHECK(fault->fired == 1);
    CHECK_FALSE(r.saved);
    CHECK(r.save_problem.message.find(original_path) != std::string::npos);
    CHECK(r.save_problem.message.find(step == WriteStep::Write ? "cannot write" : "cannot flush") != std::string::npos);
    CHECK_FALSE(rs.saved());
    CHECK(Slurp(original_path) == before);  // no partial record, nothing damaged

    // The session goes on in memory; the log on disk stays as it was (no gap in the records).
    fault->step.reset();
    DecideResult next = *Step(rs, 4000);
    CHECK_FALSE(next.refused.has_value());
    CHECK_FALSE(next.saved);
    CHECK(next.save_problem.message == r.save_problem.message);
    CHECK(rs.session().History().size() == decisions_before + 2);
    CHECK(Slurp(original_path) == before);

    // Save elsewhere: a complete log that replays to the same state, and the session continues there.
    std::string error;
    {
      auto problem = rs.SaveElsewhere(elsewhere);
      REQUIRE_MESSAGE(!problem, (problem ? problem->message : ""));
    }
    CHECK(rs.saved());
    CHECK(rs.log_path() != original_path);
    CHECK(fs::path(rs.log_path()).parent_path() == fs::path(elsewhere));
    CheckLogMatches(rs.log_path(), rs.session());
    // The session holds the new log's lock: a resume of it is refused; a copy replays.
    auto refused = RecordedSession::Resume(rs.log_path(), Library());
    REQUIRE(std::holds_alternative<Problem>(refused));
    CHECK(std::get<Problem>(refused).code == "RES006");
    const std::string copy = rs.log_path() + ".copy.sigap.jsonl";
    fs::copy_file(rs.log_path(), copy);
    auto resumed = RecordedSession::Resume(copy, Library());
    REQUIRE(std::holds_alternative<RecordedSession>(resumed));
    const Session& replayed = std::get<RecordedSession>(resumed).session();
    CHECK(replayed.History() == rs.session().History());
    CHECK(replayed.Path() == rs.session().Path());
    CHECK(replayed.Values() == rs.session().Values());
    CHECK(replayed.CurrentNode().id == rs.session().CurrentNode().id);

    std::optional<DecideResult> after = Step(rs, 5000);
    REQUIRE(after.has_value());
    CHECK(after->saved);
    CheckLogMatches(rs.log_path(), rs.session());
    CHECK(Slurp(original_path) == before);  // the old log is left as it was
    test::RemoveTree(dir);
    test::RemoveTree(elsewhere);
  }
}

TEST_CASE("saving elsewhere can fail too: nothing is left at the target and the session stays in memory") {
  for (WriteStep step : kAllSteps) {
    const std::string step_name = StepName(step);
    CAPTURE(step_name);
    auto dir = test::TempDir("fault-saveas");
    auto elsewhere = test::TempDir("fault-saveas-elsewhere");
    auto fault = std::make_shared<Fault>();
    RecordedSession rs = StartOrFail(dir, Injector(fault));
    REQUIRE(Step(rs, 1000)->saved);
    fault->step = WriteStep::Write;
    REQUIRE_FALSE(Step(rs, 2000)->saved);

    fault->step = step;
    fault->fired = 0;
    std::string error;
    auto save_problem = rs.SaveElsewhere(elsewhere);
    bool ok = !save_problem;
    if (save_problem) error = save_problem->message;
    CHECK(fault->fired == 1);
    if (step == WriteStep::DirSync) {
      // The complete file is already in place when the folder sync fails; it is whole and valid,
      // but SIGAP cannot promise it survives a power cut, so it says so.
      CHECK_FALSE(ok);
      CHECK(error.find("cannot flush the folder") != std::string::npos);
      for (const auto& name : FilesIn(elsewhere)) CHECK(name.find(".partial") == std::string::npos);
    } else {
      CHECK_FALSE(ok);
      CHECK_FALSE(error.empty());
      CHECK(error.find(elsewhere) != std::string::npos);
      CHECK(FilesIn(elsewhere).empty());  // no half-written file, no temporary left over
    }
    CHECK_FALSE(rs.saved());
    CHECK(rs.session().History().size() == 2);  // still in memory

    fault->step.reset();
    error.clear();
    {
      auto problem = rs.SaveElsewhere(elsewhere);
      REQUIRE_MESSAGE(!problem, (problem ? problem->message : ""));
    }
    CheckLogMatches(rs.log_path(), rs.session());
    test::RemoveTree(dir);
    test::RemoveTree(elsewhere);
  }
}

TEST_CASE("the end record: a failure keeps every decision saved and a resume completes the log") {
  const int total = DecisionsToEnd();
  REQUIRE(total >= 2);
  for (WriteStep step : {WriteStep::Write, WriteStep::Sync}) {
    const std::string step_name = StepName(step);
    CAPTURE(step_name);
    auto dir = test::TempDir("fault-end");
    auto elsewhere = test::TempDir("fault-end-elsewhere");
    auto fault = std::make_shared<Fault>();
    RecordedSession rs = StartOrFail(dir, Injector(fault));
    for (int i = 0; i < total - 1; ++i) REQUIRE(Step(rs, 1000 * (i + 1))->saved);
    const std::string path = rs.log_path();

    fault->step = step;
    fault->skip = 1;  // the last decision is written; its end record fails
    DecideResult last = *Step(rs, 1000 * total);
    CHECK(fault->fired == 1);
    CHECK(rs.session().state() == SessionState::Ended);
    CHECK_FALSE(last.saved);
    CHECK(last.save_problem.message.find(path) != std::string::npos);

    // On disk: every decision, no end record, nothing torn.
    SessionLogData d = ReadSessionLogFile(path);
    CHECK(d.usable());
    CHECK_FALSE(d.torn_tail);
    CHECK_FALSE(d.finished());
    CHECK(d.decisions == rs.session().History());

    // Saved elsewhere (the disk is fine there): a finished log with the same scores.
    fault->step.reset();
    std::string error;
    {
      auto problem = rs.SaveElsewhere(elsewhere);
      REQUIRE_MESSAGE(!problem, (problem ? problem->message : ""));
    }
    CheckLogMatches(rs.log_path(), rs.session());
    CHECK(ReadSessionLogFile(rs.log_path()).finished());

    // Once the disk is back, resuming the original log replays it and writes the missing end.
    auto resumed = RecordedSession::Resume(path, Library());
    REQUIRE(std::holds_alternative<RecordedSession>(resumed));
    CHECK(std::get<RecordedSession>(resumed).saved());
    SessionLogData completed = ReadSessionLogFile(path);
    CHECK(completed.finished());
    CHECK(completed.decisions == rs.session().History());
    REQUIRE(completed.end.has_value());
    CHECK((*completed.end)["scores"] == (*ReadSessionLogFile(rs.log_path()).end)["scores"]);
    test::RemoveTree(dir);
    test::RemoveTree(elsewhere);
  }
}

TEST_CASE("exports: a failure at any step leaves the previous file whole and no temporary behind") {
  const std::string old_content = "scenario,team\nold,Tim A\n";
  std::string new_content = "scenario,team\n";
  for (int i = 0; i < 2000; ++i) new_content += "yuliana-nunukan,Tim " + std::to_string(i) + "\n";
  for (bool had_previous : {true, false}) {
    for (WriteStep step : kAllSteps) {
      const std::string step_name = StepName(step);
    CAPTURE(step_name);
      CAPTURE(had_previous);
      auto dir = test::TempDir("fault-export");
      const std::string target = dir + "/laporan.csv";
      if (had_previous) std::ofstream(target, std::ios::binary) << old_content;
      auto fault = std::make_shared<Fault>();
      fault->step = step;
      std::string error;
      bool ok = WriteFileDurably(target, new_content, error, Injector(fault));
      CHECK(fault->fired == 1);
      CHECK_FALSE(ok);
      CHECK(error.find(target) != std::string::npos);
      for (const auto& name : FilesIn(dir)) CHECK(name == "laporan.csv");  // no "*.partial"
      if (step == WriteStep::DirSync) {
        CHECK(Slurp(target) == new_content);  // renamed whole; only the folder sync failed
      } else if (had_previous) {
        CHECK(Slurp(target) == old_content);
      } else {
        CHECK_FALSE(fs::exists(target));
      }
      test::RemoveTree(dir);
    }
  }
}

}  // TEST_SUITE
