// libFuzzer target: the session-log reader and resume replay.
//  1. ReadSessionLog on the raw bytes (CRCs and sequence numbers as the fuzzer left them).
//  2. The same lines "resealed": every line that is a JSON object gets a correct seq and CRC,
//     so mutated records reach the record checks and the replay instead of stopping at a
//     checksum mismatch.
//  3. A usable resealed log is replayed against the bundled scenario it names (Session::Apply),
//     scored, imported by the debrief engine (a DebriefBook and the CSV, HTML and
//     xAPI exports) and, when unfinished, resumed from a real file by RecordedSession::Resume,
//     which cuts a torn tail and continues the log.
//  4. The raw and the resealed bytes imported together as two copies of one session (or a damaged
//     log alone): duplicates, conflicts and a damaged log's good prefix (DebriefCopies).
// Bad input must give diagnostics (or a refusal), never a crash.
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "fuzz_support.h"
#include "debrief.h"
#include "json_reader.h"
#include "recorded_session.h"
#include "session_log.h"
#include "log_reseal.h"

namespace {

using namespace sigap;

void CheckLog(const SessionLogData& d, std::string_view text) {
  sigap::fuzz::CheckDiagnostics(d.diagnostics);
  SIGAP_FUZZ_CHECK(d.valid_bytes <= text.size());
  SIGAP_FUZZ_CHECK(d.decisions.size() == d.decision_lines.size());
  if (d.usable()) {
    SIGAP_FUZZ_CHECK(d.next_seq >= 1);
    SIGAP_FUZZ_CHECK(static_cast<std::size_t>(d.next_seq) == 1 + d.decisions.size() + (d.finished() ? 1 : 0));
    // The good prefix reads back as the same log, with nothing torn.
    SessionLogData prefix = ReadSessionLog(d.path, text.substr(0, d.valid_bytes));
    SIGAP_FUZZ_CHECK(prefix.usable() && !prefix.torn_tail);
    SIGAP_FUZZ_CHECK(prefix.decisions == d.decisions);
  } else {
    SIGAP_FUZZ_CHECK(!d.diagnostics.empty());  // an unusable log always says why
  }
}

using sigap::fuzz::Reseal;

// A folder of this process's own (tmpfs when there is one): the log goes there as a file.
std::string ScratchDir() {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : std::filesystem::temp_directory_path();
  std::filesystem::path dir = base / ("sigap-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir, ec);
  static const struct RemoveAtExit {
    std::filesystem::path dir;
    ~RemoveAtExit() { std::error_code ignored; std::filesystem::remove_all(dir, ignored); }
  } remove_at_exit{dir};
  return dir.string();
}

void Debrief(const std::string& path) {
  const ContentLibrary& lib = sigap::fuzz::BundledLibrary();
  DebriefBook book;
  book.Add({path}, lib);
  const ImportResult& imported = book.Imported();
  sigap::fuzz::CheckDiagnostics(imported.problems);
  SIGAP_FUZZ_CHECK(imported.sessions.size() + imported.problems.size() >= 1);  // the file is either used or reported
  const std::vector<ScenarioDebrief>& debriefs = book.Scenarios();
  for (const auto& d : debriefs) {
    SIGAP_FUZZ_CHECK(d.heat.size() == d.steps.size());
    for (const auto& row : d.heat) SIGAP_FUZZ_CHECK(row.size() == d.teams.size());
  }
  for (Lang lang : {Lang::Id, Lang::En}) {
    (void)ExportCsv(debriefs, lang, lang == Lang::En);
    (void)ExportHtml(debriefs, lang, lang == Lang::Id);
  }
  (void)ExportXapi(debriefs, true).dump();
}

// Two files of one folder imported together: copies of one session (the raw bytes and the
// resealed ones) that may extend or contradict each other, or a damaged log whose good prefix is
// imported (issue 12.2). A conflict is never in a debrief until a copy is chosen; choosing one
// resolves it.
void DebriefCopies(const std::vector<std::string>& texts) {
  const std::string dir = ScratchDir() + "/copies";
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::filesystem::create_directories(dir, ec);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::ofstream out(dir + "/copy" + std::to_string(i) + kLogExtension, std::ios::binary | std::ios::trunc);
    out << texts[i];
  }
  const ContentLibrary& lib = sigap::fuzz::BundledLibrary();
  DebriefBook book;
  book.Add({dir}, lib);
  sigap::fuzz::CheckDiagnostics(book.Imported().problems);
  for (const auto& d : book.Scenarios())
    for (const auto* t : d.teams) SIGAP_FUZZ_CHECK(!t->conflict());
  for (const auto& c : book.Conflicts()) {
    SIGAP_FUZZ_CHECK(c.copies.size() >= 2);
    SIGAP_FUZZ_CHECK(book.ChooseCopy(c.session_id, c.copies.back().path));
  }
  SIGAP_FUZZ_CHECK(book.Conflicts().empty());
  (void)ExportCsv(book.Scenarios(), Lang::Id);
  std::filesystem::remove_all(dir, ec);
}

void Replay(const SessionLogData& d, const std::string& text) {
  const ContentLibrary& lib = sigap::fuzz::BundledLibrary();
  auto scenario = lib.FindScenario(d.scenario_id);
  if (!scenario) return;
  auto catalogue = lib.FindCatalogue(scenario->sop_catalogue);
  Session s(scenario, catalogue, d.info);
  std::vector<DecisionRecord> applied;
  for (const auto& r : d.decisions) {
    if (s.Apply(r)) break;  // refused: nothing changed, the log does not fit the scenario
    applied.push_back(r);
  }
  SIGAP_FUZZ_CHECK(s.History() == applied);
  SessionScore score = ScoreDecisions(*scenario, *catalogue, s.History());
  for (const auto& a : score.axes)
    if (auto p = a.Percent()) SIGAP_FUZZ_CHECK(*p >= 0.0 && *p <= 100.0);
  const std::string path = ScratchDir() + "/fuzz" + kLogExtension;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
  }
  Debrief(path);
  if (d.finished()) {
    std::filesystem::remove(path);
    return;
  }
  auto resumed = RecordedSession::Resume(path, lib);
  if (auto* rs = std::get_if<RecordedSession>(&resumed)) {
    SIGAP_FUZZ_CHECK(applied.size() == d.decisions.size());  // Resume refuses a log that does not replay
    SIGAP_FUZZ_CHECK(rs->session().History() == d.decisions);
    // One more step through the durable writer, then the file must read back as a usable log.
    if (rs->session().state() == SessionState::AtScene) (void)rs->Continue();
    if (rs->session().state() == SessionState::AwaitingChoice) {
      auto choices = rs->session().AvailableChoices();
      if (!choices.empty()) (void)rs->Choose(choices.front()->id, 1000, 1000);
    }
    SessionLogData back = ReadSessionLogFile(path);
    SIGAP_FUZZ_CHECK(back.usable() && !back.torn_tail);
    SIGAP_FUZZ_CHECK(back.decisions == rs->session().History());
  }
  std::filesystem::remove(path);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)sigap::fuzz::BundledLibrary();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  SessionLogData raw = ReadSessionLog("fuzz.sigap.jsonl", text);
  CheckLog(raw, text);
  if (raw.usable()) Replay(raw, std::string(text));

  std::string resealed = Reseal(text);
  if (resealed != text) {
    SessionLogData d = ReadSessionLog("fuzz.sigap.jsonl", resealed);
    CheckLog(d, resealed);
    if (d.usable()) Replay(d, resealed);
    if (raw.has_header || d.has_header) DebriefCopies({std::string(text), resealed});
  } else if (raw.has_header && !raw.usable()) {
    DebriefCopies({std::string(text)});
  }
  return 0;
}
