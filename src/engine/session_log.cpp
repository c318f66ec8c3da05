#include "session_log.h"

#include <algorithm>
#include <filesystem>

#include "hash.h"
#include "json_reader.h"
#include "text.h"
#include "platform/utf8_path.h"

namespace sigap {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxLogBytes = 16u << 20;
constexpr std::size_t kMaxLineBytes = 256u << 10;

// Runs one write step: an injected fault stands in for the system's failure. On failure `error`
// is {cause, path, "<what>: <why>"}.
template <typename Action>
bool Step(const FaultInjector& faults, WriteStep which, const std::string& what, const std::string& path,
          IoError& error, Action&& action) {
  std::string why;
  IoCause cause = IoCause::Other;
  if (auto injected = InjectedFailure(faults, which)) {
    why = injected->detail;
    cause = injected->cause;
  } else if (action(why, &cause)) {
    return true;
  }
  error = IoError{cause, path, what + ": " + why};
  return false;
}

}  // namespace

std::string EncodeLogRecord(json record, std::int64_t seq) {
  record.erase("crc");
  record["seq"] = seq;
  std::string canonical = record.dump();
  record["crc"] = Crc32Hex(canonical);
  return record.dump() + "\n";
}

std::unique_ptr<SessionLogWriter> SessionLogWriter::Create(const std::string& path, const json& header, IoError& error,
                                                           FaultInjector faults) {
  std::unique_ptr<SessionLogWriter> w(new SessionLogWriter());
  w->path_ = path;
  w->faults_ = std::move(faults);
  std::error_code ec;
  fs::create_directories(platform::PathFromUtf8(FolderOf(path)), ec);
  // The header is written and synced under a temporary name, then the log appears under its own
  // name with the header already in it: a crash at any moment never leaves an empty or torn log
  // (at worst a "*.partial" file, which nothing reads). The move fails if the name exists, as
  // O_EXCL would.
  const std::string tmp = path + ".partial";
  auto give_up = [&]() -> std::unique_ptr<SessionLogWriter> {
    w->file_.Close();
    platform::RemoveFile(tmp);
    return nullptr;
  };
  if (!Step(w->faults_, WriteStep::Open, "cannot create " + path, tmp, error, [&](std::string& why, IoCause* cause) {
        w->file_ = platform::File::Open(tmp, platform::File::Mode::CreateOrTruncate, why, cause);
        return w->file_.is_open();
      }))
    return nullptr;
  {
    // The lock goes with the handle through the rename: the log is never without its writer.
    std::string why;
    IoCause cause = IoCause::Other;
    if (w->file_.TryLock(why, &cause) != platform::LockState::Locked) {
      error = IoError{cause, path, "cannot lock " + path + " for writing: " + why};
      return give_up();
    }
  }
  if (!w->Append(header, error)) return give_up();
  if (!Step({}, WriteStep::Rename, "cannot create " + path, path, error,
            [&](std::string& why, IoCause* cause) { return platform::RenameNoReplace(tmp, path, why, cause); }))
    return give_up();
  if (!Step(w->faults_, WriteStep::DirSync, "cannot make the new file durable in its folder: " + path, FolderOf(path),
            error, [&](std::string& why, IoCause* cause) { return platform::SyncFolder(FolderOf(path), why, cause); })) {
    w->file_.Close();
    platform::RemoveFile(path);
    return nullptr;
  }
  return w;
}

std::unique_ptr<SessionLogWriter> SessionLogWriter::Claim(const std::string& path, IoError& error, bool& held_elsewhere,
                                                          FaultInjector faults) {
  held_elsewhere = false;
  std::unique_ptr<SessionLogWriter> w(new SessionLogWriter());
  w->path_ = path;
  w->faults_ = std::move(faults);
  if (!Step(w->faults_, WriteStep::Open, "cannot open " + path + " for writing", path, error,
            [&](std::string& why, IoCause* cause) {
              w->file_ = platform::File::Open(path, platform::File::Mode::AppendExisting, why, cause);
              return w->file_.is_open();
            }))
    return nullptr;
  std::string why;
  IoCause cause = IoCause::Other;
  switch (w->file_.TryLock(why, &cause)) {
    case platform::LockState::Locked: return w;
    case platform::LockState::HeldElsewhere:
      held_elsewhere = true;
      error = IoError{IoCause::Other, path, path + " is open in another SIGAP window"};
      return nullptr;
    case platform::LockState::Failed: break;
  }
  error = IoError{cause, path, "cannot lock " + path + " for writing: " + why};
  return nullptr;
}

bool SessionLogWriter::ContinueAt(std::uint64_t valid_bytes, std::int64_t next_seq, IoError& error) {
  next_seq_ = next_seq;
  std::string why;
  IoCause cause = IoCause::Other;
  auto size = file_.Size(why, &cause);
  if (!size) {
    error = IoError{cause, path_, "cannot read the log's size: " + why};
    return false;
  }
  if (*size > valid_bytes) {
    // Cut off the torn tail so that new records never follow garbage.
    if (!file_.Truncate(valid_bytes, why, &cause) || !file_.Sync(why, &cause)) {
      error = IoError{cause, path_, "cannot repair the end of " + path_ + ": " + why};
      return false;
    }
  }
  size_ = valid_bytes;
  return true;
}

std::unique_ptr<SessionLogWriter> SessionLogWriter::Reopen(const std::string& path, std::uint64_t valid_bytes, std::int64_t next_seq,
                                                           IoError& error, FaultInjector faults) {
  bool held_elsewhere = false;
  auto w = Claim(path, error, held_elsewhere, std::move(faults));
  if (!w || !w->ContinueAt(valid_bytes, next_seq, error)) return nullptr;
  return w;
}

bool SessionLogOpenElsewhere(const std::string& path) {
  std::string why;
  platform::File probe = platform::File::Open(path, platform::File::Mode::AppendExisting, why);
  return probe.is_open() && probe.TryLock(why) == platform::LockState::HeldElsewhere;
}

bool SessionLogWriter::Append(const json& record, IoError& error) {
  std::string line = EncodeLogRecord(record, next_seq_);
  bool ok = Step(faults_, WriteStep::Write, "cannot write to " + path_, path_, error,
                 [&](std::string& why, IoCause* cause) { return file_.Append(line, why, cause); }) &&
            Step(faults_, WriteStep::Sync, "cannot flush " + path_ + " to disk", path_, error,
                 [&](std::string& why, IoCause* cause) { return file_.Sync(why, cause); });
  if (!ok) {
    // Roll back a partial write: what was saved before stays intact and readable.
    std::string ignored;
    if (file_.Truncate(size_, ignored)) (void)file_.Sync(ignored);
    return false;
  }
  size_ += line.size();
  ++next_seq_;
  return true;
}

json MakeLogHeader(const SessionInfo& info, const Scenario& scenario, const SopCatalogue& catalogue) {
  return json{{"rec", "header"}, {"format", kLogFormatVersion}, {"session", info.session_id}, {"scenario", scenario.id},
              {"scenario_hash", scenario.content_hash}, {"catalogue", catalogue.id}, {"catalogue_hash", catalogue.content_hash},
              {"app", info.app_version}, {"team", info.team}, {"members", info.members}, {"laptop", info.laptop}, {"lang", LangCode(info.lang)},
              {"seed", info.seed}, {"mode", ModeName(info.mode)}, {"started", info.started_utc}};
}

json MakeDecisionRecord(const DecisionRecord& r) {
  json j{{"rec", "decision"}, {"node", r.node}, {"timed_out", r.timed_out}, {"elapsed_ms", r.elapsed_ms}, {"at_ms", r.at_ms}};
  if (r.checklist) j["items"] = r.items;
  else j["choice"] = r.choice;
  if (r.unconfirmed) j["unconfirmed"] = true;
  if (!r.shown.empty()) j["shown"] = r.shown;
  return j;
}

json MakePauseRecord(const PauseRecord& p) {
  json j{{"rec", p.resume ? "resume" : "pause"}, {"at_ms", p.at_ms}};
  if (p.resume) j["paused_ms"] = p.paused_ms;
  return j;
}

std::int64_t SessionLogData::PausedMs() const {
  std::int64_t total = 0;
  for (const auto& p : pauses) total += p.resume ? p.paused_ms : 0;
  return total;
}

namespace {

// A string field, or "" when it is missing or of another type. A log is untrusted input:
// json::value() throws when the key holds another type (found by fuzz_session_log).
std::string StringField(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Checks one parsed record; returns an error message or "".
std::string CheckRecordShape(const json& j, bool& is_decision, DecisionRecord& out) {
  is_decision = false;
  const std::string rec = StringField(j, "rec");
  if (rec == "decision") {
    is_decision = true;
    if (!j.contains("node") || !j["node"].is_string()) return "a decision record needs \"node\"";
    out.node = j["node"].get<std::string>();
    if (j.contains("timed_out") && !j["timed_out"].is_boolean()) return "\"timed_out\" must be true or false";
    out.timed_out = j.value("timed_out", false);
    if (j.contains("unconfirmed") && !j["unconfirmed"].is_boolean()) return "\"unconfirmed\" must be true or false";
    out.unconfirmed = j.value("unconfirmed", false);
    if (j.contains("shown")) {
      if (!j["shown"].is_array()) return "\"shown\" must be an array";
      for (const auto& i : j["shown"]) {
        if (!i.is_string()) return "\"shown\" must hold ids";
        out.shown.push_back(i.get<std::string>());
      }
    }
    auto num = [&](const char* k) -> std::int64_t { return j.contains(k) && j[k].is_number_integer() ? j[k].get<std::int64_t>() : 0; };
    out.elapsed_ms = num("elapsed_ms");
    out.at_ms = num("at_ms");
    if (j.contains("items")) {
      if (!j["items"].is_array()) return "\"items\" must be an array";
      out.checklist = true;
      for (const auto& i : j["items"]) {
        if (!i.is_string()) return "\"items\" must hold ids";
        out.items.push_back(i.get<std::string>());
      }
    } else if (j.contains("choice") && j["choice"].is_string()) {
      out.choice = j["choice"].get<std::string>();
    } else {
      return "a decision record needs \"choice\" or \"items\"";
    }
    return "";
  }
  if (rec == "pause" || rec == "resume") {
    for (const char* k : {"at_ms", "paused_ms"}) {
      if (std::string(k) == "paused_ms" && rec == "pause") continue;
      if (!j.contains(k) || !j[k].is_number_integer() || j[k].get<std::int64_t>() < 0)
        return "a " + rec + " record needs \"" + k + "\" as a whole number of milliseconds";
    }
    return "";
  }
  if (rec == "end" || rec == "header") return "";
  return "unknown record type \"" + rec + "\"";
}

}  // namespace

SessionLogData ReadSessionLog(const std::string& path, std::string_view text) {
  SessionLogData d;
  d.path = path;
  DiagnosticSink sink(path, 50);
  if (text.size() > kMaxLogBytes) {
    sink.Error("LOG001", {1, 1}, "", "file is larger than 16 MiB; a session log is never this big");
    d.diagnostics = sink.Take();
    d.corrupted = true;
    return d;
  }
  std::size_t offset = 0;
  int line_no = 0;
  while (offset < text.size()) {
    ++line_no;
    std::size_t nl = text.find('\n', offset);
    bool last = nl == std::string_view::npos || nl + 1 == text.size();
    std::string_view line = text.substr(offset, nl == std::string_view::npos ? std::string_view::npos : nl - offset);
    std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    auto damaged = [&](const std::string& why) {
      d.corrupted = true;
      sink.Error("LOG011", {line_no, 1}, "", "record " + std::to_string(line_no) + " is damaged (" + why +
                 "); the log cannot be trusted after it. Keep the file and re-copy it from the team laptop");
    };
    // A crash during a write leaves at most the last record torn: drop it, keep the rest. Damage
    // a crash cannot cause (`damaged`, used below) is an error even on the last line, so that a lost
    // newline or a missing record is never taken for a torn tail.
    auto bad = [&](const std::string& why) {
      if (!last) return damaged(why);
      d.torn_tail = true;
      sink.Warning("LOG010", {line_no, 1}, "", "the last record is incomplete (" + why + "); it was dropped and everything before it kept");
    };
    if (line.size() > kMaxLineBytes) { bad("line too long"); break; }
    DiagnosticSink line_sink(path, 4);
    JsonLimits limits;
    limits.max_depth = 8;
    JsonDocument doc = ReadJson(line, line_sink, limits);
    auto line_diags = line_sink.Take();
    if (std::any_of(line_diags.begin(), line_diags.end(), [](const Diagnostic& x) { return x.code == "JSN003"; })) {
      damaged("a complete record is followed by more text on the same line");
      break;
    }
    if (nl == std::string_view::npos) { bad("no end of line"); break; }
    if (!doc.ok || !doc.root.is_object()) { bad("not a JSON object"); break; }
    json rec = std::move(doc.root);
    std::string crc = rec.contains("crc") && rec["crc"].is_string() ? rec["crc"].get<std::string>() : "";
    json body = rec;
    body.erase("crc");
    if (crc.empty() || Crc32Hex(body.dump()) != crc) { bad("checksum mismatch"); break; }
    // From here on the checksum holds, so the record was written whole: a problem is damage.
    if (!rec.contains("seq") || !rec["seq"].is_number_integer() || rec["seq"].get<std::int64_t>() != d.next_seq) {
      damaged("sequence number " + (rec.contains("seq") ? rec["seq"].dump() : std::string("missing")) + " where " +
              std::to_string(d.next_seq) + " was expected: a record is missing or repeated");
      break;
    }
    if (line_no == 1) {
      if (StringField(rec, "rec") != "header") { d.corrupted = true; sink.Error("LOG002", {1, 1}, "", "the first record is not a header; this is not a SIGAP session log"); break; }
      if (!rec.contains("format") || !rec["format"].is_number_integer() || rec["format"].get<std::int64_t>() != kLogFormatVersion) { d.corrupted = true; sink.Error("LOG003", {1, 1}, "", "unsupported log format; update SIGAP to read it"); break; }
      d.has_header = true;
      // Free text from a file that may have been edited: control and direction characters are
      // removed before a name reaches a terminal, the HTML report or an xAPI file (issue 18.5).
      auto str = [&](const char* k) { return rec.contains(k) && rec[k].is_string() ? StripHidden(rec[k].get<std::string>()) : std::string(); };
      d.info.session_id = str("session");
      d.info.team = str("team");
      d.info.members = str("members");
      d.info.laptop = str("laptop");
      d.info.lang = ParseLang(str("lang")).value_or(Lang::Id);
      d.info.mode = ParseMode(str("mode")).value_or(Mode::Training);
      d.info.seed = rec.contains("seed") && rec["seed"].is_number_integer() ? rec["seed"].get<std::int64_t>() : 1;
      d.info.started_utc = str("started");
      d.info.app_version = str("app");
      d.scenario_id = str("scenario");
      d.scenario_hash = str("scenario_hash");
      d.catalogue_id = str("catalogue");
      d.catalogue_hash = str("catalogue_hash");
      if (d.info.session_id.empty() || d.scenario_id.empty()) { d.corrupted = true; sink.Error("LOG002", {1, 1}, "", "the header has no session or scenario id"); break; }
    } else {
      if (d.end) { d.corrupted = true; sink.Error("LOG012", {line_no, 1}, "", "records after the end record"); break; }
      bool is_decision = false;
      DecisionRecord r;
      std::string err = CheckRecordShape(rec, is_decision, r);
      if (!err.empty()) { damaged(err); break; }
      if (StringField(rec, "rec") == "header") { damaged("a second header"); break; }
      const std::string kind = StringField(rec, "rec");
      if (is_decision) { d.decisions.push_back(std::move(r)); d.decision_lines.push_back(line_no); }
      else if (kind == "pause" || kind == "resume") {
        PauseRecord p;
        p.resume = kind == "resume";
        p.at_ms = rec["at_ms"].get<std::int64_t>();
        p.paused_ms = p.resume ? rec["paused_ms"].get<std::int64_t>() : 0;
        p.after_decisions = d.decisions.size();
        d.pauses.push_back(p);
      }
      else d.end = rec;
    }
    ++d.next_seq;
    d.valid_bytes = next;
    offset = next;
  }
  if (text.empty()) { sink.Error("LOG004", {1, 1}, "", "the file is empty"); d.corrupted = true; }
  if (!d.has_header && !d.corrupted && !text.empty()) {
    d.corrupted = true;
    sink.Error("LOG002", {1, 1}, "", "no valid header; this is not a SIGAP session log");
  }
  d.diagnostics = sink.Take();
  return d;
}

SessionLogData ReadSessionLogFile(const std::string& path) {
  std::string text, error;
  if (!ReadFileToString(path, text, error)) {
    SessionLogData d;
    d.path = path;
    d.corrupted = true;
    d.diagnostics.push_back(Diagnostic{path, {}, "", Severity::Error, "IO001", "cannot read: " + error});
    return d;
  }
  return ReadSessionLog(path, text);
}

}  // namespace sigap
