#include "recorded_session.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "platform/clock.h"
#include "platform/file.h"
#include "platform/utf8_path.h"

namespace sigap {

namespace fs = std::filesystem;
using nlohmann::json;

std::string UtcNowIso8601() {
  std::tm tm = platform::UtcCalendar(std::time(nullptr));
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

// Names Windows keeps for devices, whatever the extension: "con.txt" opens the console.
bool IsWindowsDeviceName(const std::string& lower) {
  static const char* const kNames[] = {"con", "prn", "aux", "nul"};
  for (const char* n : kNames)
    if (lower == n) return true;
  return lower.size() == 4 && (lower.starts_with("com") || lower.starts_with("lpt")) && lower[3] >= '0' && lower[3] <= '9';
}

// Keeps [a-z0-9] and the separators in `keep`; anything else becomes '-'.
std::string FileNamePart(const std::string& s, const char* keep) {
  std::string out;
  for (unsigned char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c != 0 && std::strchr(keep, c) != nullptr);
    out += ok ? static_cast<char>(c) : '-';
  }
  return out;
}

}  // namespace

// Lower-case ASCII letters and digits joined by single '-': valid in a file name on Linux, on
// Windows (no < > : " / \ | ? *, no trailing dot or space) and on a FAT USB stick; never a device
// name such as CON or LPT1.
std::string SanitisePseudonym(const std::string& team) {
  std::string out;
  for (unsigned char c : team) {
    if (out.size() >= 32) break;
    if (std::isalnum(c) && c < 0x80) out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (IsWindowsDeviceName(out)) out += "-tim";
  return out.empty() ? "tim" : out;
}

std::string LogFileName(const SessionInfo& info, const std::string& scenario_id) {
  std::string stamp;
  for (char c : info.started_utc)
    if (std::isdigit(static_cast<unsigned char>(c))) stamp += c;
  if (stamp.size() >= 12) stamp = stamp.substr(0, 8) + "-" + stamp.substr(8, 6);
  // The scenario id and the session id are checked where they are made; filtered here as well,
  // because the file name must hold whatever a caller passes.
  return stamp + "_" + SanitisePseudonym(info.team) + "_" + FileNamePart(scenario_id.substr(0, 64), "_.-") + "_" +
         FileNamePart(info.session_id.substr(0, 8), "") + kLogExtension;
}

json MakeEndRecord(const Session& s, const SessionScore& score, std::int64_t at_ms) {
  json axes = json::object();
  for (const auto& a : score.axes) {
    auto p = a.Percent();
    axes[a.axis] = p ? json(static_cast<std::int64_t>(*p + 0.5)) : json(nullptr);
  }
  const Outcome* o = s.EndingOutcome();
  return json{{"rec", "end"}, {"ending", s.CurrentNode().id}, {"outcome", o ? o->id : ""}, {"at_ms", at_ms},
              {"scores", axes}, {"never_events", score.never_events.size()}};
}

namespace {
// A file that could not be written: the English message keeps the system's words; the args carry
// the cause's string-table key, which the GUI words (docs/architecture.md, "Error idioms").
Problem SaveProblem(const std::string& path, const IoError& error) {
  return Problem{"SAV002", "the decision could not be saved to " + path + ": " + error.detail,
                 {path, IoCauseKey(error.cause)}};
}
}  // namespace

std::variant<RecordedSession, Problem> RecordedSession::Start(std::shared_ptr<const Scenario> scenario,
                                                              std::shared_ptr<const SopCatalogue> catalogue, SessionInfo info,
                                                              const std::string& results_dir, FaultInjector faults) {
  if (!scenario || !catalogue) return Problem{"RES003", "the scenario or its SOP catalogue is missing", {""}};
  if (info.session_id.empty()) info.session_id = NewSessionId();
  if (info.started_utc.empty()) info.started_utc = UtcNowIso8601();
  RecordedSession rs;
  rs.faults_ = faults;
  rs.session_ = std::make_unique<Session>(scenario, catalogue, info);
  rs.log_path_ = platform::PathToUtf8(platform::PathFromUtf8(results_dir) / platform::PathFromUtf8(LogFileName(info, scenario->id)));
  IoError error;
  rs.writer_ = SessionLogWriter::Create(rs.log_path_, MakeLogHeader(info, *scenario, *catalogue), error, faults);
  if (!rs.writer_)
    return Problem{"SAV001", "cannot start the session log: " + error.detail, {results_dir, IoCauseKey(error.cause)}};
  return rs;
}

std::variant<RecordedSession, Problem> RecordedSession::Resume(const std::string& log_path, const ContentLibrary& library,
                                                               FaultInjector faults) {
  // Claim the log before reading it: two windows must never both continue one session.
  IoError claim_error;
  bool held_elsewhere = false;
  auto writer = SessionLogWriter::Claim(log_path, claim_error, held_elsewhere, faults);
  if (held_elsewhere)
    return Problem{"RES006", "this session is open in another SIGAP window; continue it there, or close that window first",
                   {log_path}};
  SessionLogData data = ReadSessionLogFile(log_path);
  if (!data.usable()) {
    std::string why = data.diagnostics.empty() ? "unreadable" : FormatDiagnostic(data.diagnostics.front());
    std::string code = data.diagnostics.empty() ? "" : data.diagnostics.front().code;
    return Problem{"RES001", "cannot resume " + log_path + ": " + why, {log_path, code}};
  }
  if (data.finished()) return Problem{"ENG011", "this session has already ended; its results are final", {data.info.team}};
  auto scenario = library.FindScenario(data.scenario_id);
  if (!scenario)
    return Problem{"RES002", "the scenario \"" + data.scenario_id + "\" of this session is not installed", {data.scenario_id}};
  auto catalogue = library.FindCatalogue(scenario->sop_catalogue);
  if (!catalogue)
    return Problem{"RES003", "the SOP catalogue \"" + scenario->sop_catalogue + "\" is not installed", {scenario->sop_catalogue}};
  RecordedSession rs;
  rs.faults_ = faults;
  rs.scenario_changed_ = data.scenario_hash != scenario->content_hash;
  rs.catalogue_changed_ = data.catalogue_hash != catalogue->content_hash;
  rs.session_ = std::make_unique<Session>(scenario, catalogue, data.info);
  for (std::size_t i = 0; i < data.decisions.size(); ++i) {
    if (auto refusal = rs.session_->Apply(data.decisions[i])) {
      const std::string what = "cannot replay decision " + std::to_string(i + 1) + " of " + log_path + ": " + refusal->code + ": " + refusal->message;
      // Only a changed scenario excuses a record that does not fit; with the very scenario it was
      // played with, the log itself was edited or damaged (an inconsistent log, RES007).
      if (rs.scenario_changed_)
        return Problem{"RES004", what + " (the scenario has changed since this session started)", {std::to_string(i + 1), refusal->code}};
      return Problem{"RES007", what + " (the scenario is unchanged: the log was edited or damaged)", {std::to_string(i + 1), refusal->code}};
    }
  }
  IoError error = claim_error;
  if (!writer || !writer->ContinueAt(data.valid_bytes, data.next_seq, error))
    return Problem{"RES005", "cannot continue the session log: " + error.detail, {log_path, IoCauseKey(error.cause)}};
  rs.writer_ = std::move(writer);
  rs.pauses_ = data.pauses;
  {
    // The countdown of a timed decision continues where it stopped (NoteTimeOnDecision).
    std::string text, ignored;
    if (ReadFileToString(ClockPath(log_path), text, ignored)) {
      auto j = nlohmann::json::parse(text, nullptr, false);
      if (j.is_object() && j.contains("decisions") && j["decisions"].is_number_unsigned() && j.contains("node") &&
          j["node"].is_string() && j.contains("spent_ms") && j["spent_ms"].is_number_integer())
        rs.resumed_clock_ = NotedClock{j["decisions"].get<std::size_t>(), j["node"].get<std::string>(),
                                       std::max<std::int64_t>(0, j["spent_ms"].get<std::int64_t>())};
    }
  }
  rs.log_path_ = log_path;
  if (auto p = rs.WriteEndIfEnded()) rs.unsaved_ = *p;
  return rs;
}

DecideResult RecordedSession::Commit(std::variant<DecisionRecord, Problem> prepared) {
  DecideResult result;
  if (auto* refusal = std::get_if<Problem>(&prepared)) {
    result.refused = *refusal;
    return result;
  }
  const DecisionRecord& record = std::get<DecisionRecord>(prepared);
  IoError error;
  if (!unsaved_.code.empty()) {
    result.saved = false;  // an earlier write failed: the log on disk stops there
    result.save_problem = unsaved_;
  } else if (!writer_->Append(MakeDecisionRecord(record), error)) {
    unsaved_ = SaveProblem(log_path_, error);
    result.saved = false;
    result.save_problem = unsaved_;
  }
  // The record is on disk (or the failure is reported); now the session may move on.
  session_->Apply(record);
  if (result.saved) {
    if (auto p = WriteEndIfEnded()) {
      unsaved_ = *p;
      result.saved = false;
      result.save_problem = unsaved_;
    }
  }
  return result;
}

std::int64_t RecordedSession::TimeOnDecisionBeforeResume() const {
  if (!resumed_clock_ || session_->History().size() != resumed_clock_->decisions ||
      session_->CurrentNode().id != resumed_clock_->node)
    return 0;
  return resumed_clock_->spent_ms;
}

void RecordedSession::NoteTimeOnDecision(std::int64_t spent_ms) {
  if (!writer_ || session_->state() == SessionState::Ended) return;
  nlohmann::json j{{"decisions", session_->History().size()}, {"node", session_->CurrentNode().id}, {"spent_ms", spent_ms}};
  std::string ignored;
  (void)WriteFileDurably(ClockPath(log_path_), j.dump() + "\n", ignored);  // best effort, by design
}

std::optional<Problem> RecordedSession::WriteEndIfEnded() {
  if (end_written_ || session_->state() != SessionState::Ended) return std::nullopt;
  platform::RemoveFile(ClockPath(log_path_));  // nothing is left to count down
  std::int64_t at = session_->History().empty() ? 0 : session_->History().back().at_ms;
  IoError error;
  if (!writer_->Append(MakeEndRecord(*session_, Score(), at), error)) return SaveProblem(log_path_, error);
  end_written_ = true;
  return std::nullopt;
}

DecideResult RecordedSession::Choose(const std::string& choice_id, std::int64_t elapsed_ms, std::int64_t at_ms) {
  return Commit(session_->PrepareChoice(choice_id, elapsed_ms, at_ms));
}

DecideResult RecordedSession::SubmitChecklist(const std::vector<std::string>& ticked, std::int64_t elapsed_ms, std::int64_t at_ms) {
  return Commit(session_->PrepareChecklist(ticked, elapsed_ms, at_ms));
}

DecideResult RecordedSession::TimeOut(std::int64_t elapsed_ms, std::int64_t at_ms, const std::vector<std::string>& selected) {
  return Commit(session_->PrepareTimeout(elapsed_ms, at_ms, selected));
}

DecideResult RecordedSession::Answer(const sigap::Answer& answer, std::int64_t elapsed_ms, std::int64_t at_ms) {
  return Commit(session_->PrepareAnswer(answer, elapsed_ms, at_ms));
}

std::optional<Problem> RecordedSession::WriteBreak(PauseRecord p) {
  // After the end record nothing may follow, and an ended session has no clock to stop.
  if (session_->state() == SessionState::Ended) return std::nullopt;
  p.after_decisions = session_->History().size();
  if (!unsaved_.code.empty()) return unsaved_;  // the log on disk stops at the earlier failure
  IoError error;
  if (!writer_->Append(MakePauseRecord(p), error)) {
    unsaved_ = SaveProblem(log_path_, error);
    return unsaved_;
  }
  pauses_.push_back(p);
  return std::nullopt;
}

std::optional<Problem> RecordedSession::Pause(std::int64_t at_ms) { return WriteBreak(PauseRecord{false, at_ms, 0, 0}); }

std::optional<Problem> RecordedSession::Resume(std::int64_t at_ms, std::int64_t paused_ms) {
  return WriteBreak(PauseRecord{true, at_ms, std::max<std::int64_t>(0, paused_ms), 0});
}

SessionScore RecordedSession::Score() const { return ScoreSession(*session_); }

std::string RecordedSession::LogText() const {
  std::string text;
  std::int64_t seq = 0;
  text += EncodeLogRecord(MakeLogHeader(session_->info(), session_->scenario(), *session_->catalogue()), seq++);
  std::size_t next_break = 0;
  auto breaks_until = [&](std::size_t decisions) {
    for (; next_break < pauses_.size() && pauses_[next_break].after_decisions <= decisions; ++next_break)
      text += EncodeLogRecord(MakePauseRecord(pauses_[next_break]), seq++);
  };
  for (std::size_t i = 0; i < session_->History().size(); ++i) {
    breaks_until(i);
    text += EncodeLogRecord(MakeDecisionRecord(session_->History()[i]), seq++);
  }
  breaks_until(session_->History().size());
  if (session_->state() == SessionState::Ended) {
    std::int64_t at = session_->History().empty() ? 0 : session_->History().back().at_ms;
    text += EncodeLogRecord(MakeEndRecord(*session_, Score(), at), seq++);
  }
  return text;
}

std::optional<Problem> RecordedSession::SaveElsewhere(const std::string& dir) {
  std::string path = platform::PathToUtf8(platform::PathFromUtf8(dir) / platform::PathFromUtf8(log_path_).filename());
  std::string text = LogText();
  IoError error;
  auto failed = [&]() {
    return Problem{"SAV003", "cannot save the session in " + dir + ": " + error.detail, {dir, IoCauseKey(error.cause)}};
  };
  if (!WriteFileDurably(path, text, error, faults_)) return failed();
  std::int64_t next_seq = static_cast<std::int64_t>(std::count(text.begin(), text.end(), '\n'));
  auto writer = SessionLogWriter::Reopen(path, text.size(), next_seq, error, faults_);
  if (!writer) return failed();
  writer_ = std::move(writer);
  log_path_ = path;
  unsaved_ = Problem{};
  end_written_ = session_->state() == SessionState::Ended;
  return std::nullopt;
}

std::optional<Problem> RecordedSession::CopyLogTo(const std::string& dir, std::string& copied_path) const {
  std::string text;
  IoError error;
  if (!ReadFileToString(log_path_, text, error))
    return Problem{"CPY001", "cannot read " + log_path_ + ": " + error.detail, {dir, IoCauseKey(error.cause)}};
  copied_path = platform::PathToUtf8(platform::PathFromUtf8(dir) / platform::PathFromUtf8(log_path_).filename());
  if (!WriteFileDurably(copied_path, text, error))
    return Problem{"CPY001", "cannot copy the result to " + dir + ": " + error.detail, {dir, IoCauseKey(error.cause)}};
  std::string back;
  if (!ReadFileToString(copied_path, back, error) || back != text)
    return Problem{"CPY002", "the copy at " + copied_path + " does not read back the same; try another USB stick or folder", {copied_path}};
  return std::nullopt;
}

std::vector<SessionSummary> ListSessions(const std::string& dir) {
  std::vector<SessionSummary> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(platform::PathFromUtf8(dir), ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = platform::PathToUtf8(it->path().filename());
    if (name.size() < std::string(kLogExtension).size() || !name.ends_with(kLogExtension)) continue;
    const std::string path = platform::PathToUtf8(it->path());
    SessionLogData d = ReadSessionLogFile(path);
    SessionSummary s{path, d.info, d.scenario_id, d.decisions.size(), d.finished(), d.usable()};
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const SessionSummary& a, const SessionSummary& b) { return a.info.started_utc > b.info.started_utc; });
  return out;
}

}  // namespace sigap
