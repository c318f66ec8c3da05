// The author face's actions (author_actions.h).
// [SECTION] Opening
// [SECTION] Editing
// [SECTION] Saving and watching
// [SECTION] Map view
// [SECTION] Play from here
// [SECTION] Explore and booklet
#include "author_actions.h"

#include <algorithm>
#include <filesystem>

#include "booklet.h"
#include "file_io.h"
#include "platform/utf8_path.h"
#include "screens.h"

namespace sigap::app::author {

namespace fs = std::filesystem;

namespace {

void Say(AppState& st, std::string message, bool error = false) {
  st.author.message = std::move(message);
  st.author.message_error = error;
}

// Scenario files of a folder (not catalogues, guides, schemas or backups), in name order.
std::vector<std::string> ScenarioFiles(const std::string& folder) {
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::directory_iterator(platform::PathFromUtf8(folder), ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string name = platform::PathToUtf8(it->path().filename());
    if (it->path().extension() != ".json" || name.find(".guide.") != std::string::npos ||
        name.find(".schema.") != std::string::npos || name[0] == '.')
      continue;
    std::string text, error;
    if (!ReadFileToString(platform::PathToUtf8(it->path()), text, error)) continue;
    if (text.find("\"type\": \"scenario\"") == std::string::npos &&
        text.find("\"type\":\"scenario\"") == std::string::npos)
      continue;
    files.push_back(platform::PathToUtf8(it->path()));
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Runs one edit on the draft; a pointer that does not exist (a form drawn from an older version)
// refuses the edit, never throws out of the frame.
bool EditDoc(AppState& st, const std::function<bool(OrderedJson&)>& change, const std::string& merge_key = "") {
  auto& a = st.author;
  if (!a.draft) return false;
  const bool done = a.draft->Edit(
      [&](OrderedJson& j) {
        try {
          return change(j);
        } catch (const std::exception&) {  // a bad pointer or index: nlohmann and std::stoul
          return false;
        }
      },
      merge_key);
  if (done) a.last_check_ms = a.draft->check_ms();
  return done;
}

OrderedJson::json_pointer Ptr(const std::string& p) { return OrderedJson::json_pointer(p); }

// The place in the document of a node, by id (-1: none).
int NodeIndex(const OrderedJson& doc, const std::string& id) {
  if (!doc.contains("nodes") || !doc["nodes"].is_array()) return -1;
  for (std::size_t i = 0; i < doc["nodes"].size(); ++i)
    if (doc["nodes"][i].value("id", "") == id) return static_cast<int>(i);
  return -1;
}

// "<base>_2", "<base>_3"… the first id no element of `array` has.
std::string FreshId(const OrderedJson& array, const std::string& base) {
  auto taken = [&](const std::string& id) {
    return std::any_of(array.begin(), array.end(),
                       [&](const OrderedJson& e) { return e.is_object() && e.value("id", "") == id; });
  };
  if (!taken(base)) return base;
  for (int n = 2;; ++n)
    if (!taken(base + "_" + std::to_string(n))) return base + "_" + std::to_string(n);
}

OrderedJson Text(const char* id, const char* en) {
  OrderedJson t = OrderedJson::object();
  t["id"] = id;
  t["en"] = en;
  return t;
}

}  // namespace

// =============================================================================================
// [SECTION] Opening
// =============================================================================================

void OpenAuthor(AppState& st, const std::string& path) {
  auto& a = st.author;
  const std::string target = path.empty() ? st.scenarios_dir : path;
  std::error_code ec;
  const bool folder = fs::is_directory(platform::PathFromUtf8(target), ec);
  a.folder = folder ? target : FolderOf(target);
  a.files = ScenarioFiles(a.folder);
  st.screen = Screen::Author;
  if (!folder) OpenScenario(st, target);
  else if (!a.files.empty())
    OpenScenario(st, a.files.front());
  else
    Say(st, st.tr.Format("author.no_scenarios", {a.folder}));
}

void OpenScenario(AppState& st, const std::string& file) {
  auto& a = st.author;
  ScenarioDraft d;
  IoError error;
  if (!d.Open(file, error)) {
    Say(st, st.tr.Format("author.open_failed", {file, st.tr.Cause(error)}), true);
    return;
  }
  a.draft = std::move(d);
  a.selected.clear();
  a.json_field = {};
  a.explore.reset();
  a.explored_hash.clear();
  a.preview = {};
  a.map_zoom = 1.0f;
  a.map_pan_x = a.map_pan_y = 0;
  a.last_check_ms = a.draft->check_ms();
  a.watch_due = st.now + AuthorState::kWatchPeriod;
  if (std::find(a.files.begin(), a.files.end(), file) == a.files.end()) a.files.push_back(file);
  Say(st, st.tr.Format("author.opened", {file}));
}

void OpenBehindPin(AppState& st) {
  if (st.player.InProgress()) return;  // never from a team's session, as the facilitator's door
  st.facilitator.unlock_to_author = true;
  st.facilitator.unlocked = false;
  st.screen = Screen::FacilitatorLock;
}

void CloseAuthor(AppState& st) {
  st.author.watch_due = 0;
  st.author.preview = {};
  st.screen = Screen::Start;
}

void NewScenario(AppState& st, const std::string& id) {
  auto& a = st.author;
  const bool ok_id = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!ok_id) {
    Say(st, st.tr("author.new_bad_id"), true);
    return;
  }
  const std::string file =
      platform::PathToUtf8(platform::PathFromUtf8(a.folder) / platform::PathFromUtf8(id + ".json"));
  std::error_code ec;
  if (fs::exists(platform::PathFromUtf8(file), ec)) {
    Say(st, st.tr.Format("author.new_exists", {file}), true);
    return;
  }
  std::shared_ptr<const SopCatalogue> catalogue = a.draft ? a.draft->catalogue() : nullptr;
  if (!catalogue)
    for (const auto& f : st.library.files)
      if (f.catalogue) catalogue = f.catalogue;
  if (!catalogue) {
    Say(st, st.tr("author.no_catalogue"), true);
    return;
  }
  IoError error;
  if (!WriteFileDurably(file, NewScenarioText(id, *catalogue), error)) {
    Say(st, st.tr.Format("author.save_failed", {file, st.tr.Cause(error)}), true);
    return;
  }
  a.new_id.clear();
  a.files = ScenarioFiles(a.folder);
  OpenScenario(st, file);
}

void SetNewId(AppState& st, const std::string& id) { st.author.new_id = id; }

void SelectNode(AppState& st, const std::string& node) {
  st.author.selected = node;
  st.author.json_field = {};
  st.author.id_typed_for.clear();
  st.author.confirm_remove.clear();
}

// =============================================================================================
// [SECTION] Editing
// =============================================================================================

void SetValue(AppState& st, const std::string& pointer, const OrderedJson& value, bool merge) {
  EditDoc(
      st,
      [&](OrderedJson& j) {
        j[Ptr(pointer)] = value;
        return true;
      },
      merge ? pointer : std::string());
}

void RemoveValue(AppState& st, const std::string& pointer) {
  EditDoc(st, [&](OrderedJson& j) {
    const auto p = Ptr(pointer);
    OrderedJson& parent = j[p.parent_pointer()];
    const std::string last = p.back();
    if (parent.is_array()) parent.erase(static_cast<std::size_t>(std::stoul(last)));
    else if (parent.is_object())
      return parent.erase(last) > 0;
    else
      return false;
    return true;
  });
}

void TypeJson(AppState& st, const std::string& pointer, const std::string& text) {
  auto& f = st.author.json_field;
  f.pointer = pointer;
  f.text = text;
  if (text.find_first_not_of(" \t") == std::string::npos) {  // cleared: the field is removed
    f.valid = true;
    RemoveValue(st, pointer);
    return;
  }
  auto parsed = ParseOrdered(text);
  f.valid = parsed.has_value();
  if (parsed) SetValue(st, pointer, *parsed, true);
}

void MoveElement(AppState& st, const std::string& array_pointer, std::size_t index, int delta) {
  EditDoc(st, [&](OrderedJson& j) {
    OrderedJson& arr = j[Ptr(array_pointer)];
    const long to = static_cast<long>(index) + delta;
    if (!arr.is_array() || index >= arr.size() || to < 0 || to >= static_cast<long>(arr.size())) return false;
    std::swap(arr[index], arr[static_cast<std::size_t>(to)]);
    return true;
  });
}

void DuplicateElement(AppState& st, const std::string& array_pointer, std::size_t index) {
  std::string new_id;
  EditDoc(st, [&](OrderedJson& j) {
    OrderedJson& arr = j[Ptr(array_pointer)];
    if (!arr.is_array() || index >= arr.size()) return false;
    OrderedJson copy = arr[index];
    if (copy.is_object() && copy.contains("id") && copy["id"].is_string()) {
      new_id = FreshId(arr, copy["id"].get<std::string>());
      copy["id"] = new_id;
    }
    arr.insert(arr.begin() + static_cast<long>(index) + 1, copy);
    return true;
  });
  if (array_pointer == "/nodes" && !new_id.empty()) SelectNode(st, new_id);
}

void AddNode(AppState& st, const std::string& type) {
  auto& a = st.author;
  if (!a.draft || !a.draft->doc()) return;
  std::string id;
  EditDoc(st, [&](OrderedJson& j) {
    OrderedJson& nodes = j["nodes"];
    if (!nodes.is_array()) return false;
    const int at = NodeIndex(j, a.selected);
    const std::string prefix = type == "decision" ? "dp" : type == "ending" ? "e" : "s";
    id = FreshId(nodes, prefix + std::to_string(nodes.size() + 1));
    OrderedJson n = OrderedJson::object();
    n["id"] = id;
    n["type"] = type;
    n["title"] = Text("Judul", "Title");
    n["text"] = Text("Narasi.", "Narration.");
    // Where it leads: the selected node's first successor keeps the story whole.
    std::string next;
    if (at >= 0 && a.draft->good())
      if (const Node* sel = a.draft->good()->FindNode(a.selected); sel && !sel->Successors().empty())
        next = sel->Successors().front();
    if (next.empty()) next = j.value("start", "");
    if (type == "scene") n["next"] = next;
    if (type == "decision") {
      OrderedJson c = OrderedJson::object();
      c["id"] = "a";
      c["text"] = Text("Pilihan", "Option");
      c["sop"] = OrderedJson::object();
      c["feedback"] = Text("Mengapa.", "Why.");
      c["source"] = "";
      c["next"] = next;
      OrderedJson d = OrderedJson::object();
      d["kind"] = "single";
      d["prompt"] = Text("Apa yang Anda lakukan?", "What do you do?");
      d["choices"] = OrderedJson::array({c});
      n["decision"] = d;
    }
    if (type == "ending") {
      OrderedJson o = OrderedJson::object();
      o["id"] = id;
      o["label"] = Text("Akhir", "Ending");
      o["rating"] = "mixed";
      o["debrief"] = Text("Bahan diskusi.", "Talking points.");
      n["outcome"] = o;
    }
    nodes.insert(nodes.begin() + (at >= 0 ? at + 1 : static_cast<long>(nodes.size())), n);
    return true;
  });
  if (!id.empty()) SelectNode(st, id);
}

void TypeNodeId(AppState& st, const std::string& node, const std::string& text) {
  st.author.id_typed_for = node;
  st.author.id_typed = text;
}

void RenameNode(AppState& st, const std::string& from, const std::string& to) {
  auto& a = st.author;
  a.id_typed_for.clear();
  a.id_typed.clear();
  if (!a.draft) return;
  const std::size_t references = a.draft->doc() ? NodeReferences(*a.draft->doc(), from).size() : 0;
  switch (a.draft->RenameNode(from, to)) {
    case RenameResult::Renamed:
      a.json_field = {};
      a.last_check_ms = a.draft->check_ms();
      if (a.selected == from) a.selected = to;
      if (a.confirm_remove == from) a.confirm_remove.clear();
      if (a.preview.from == from) a.preview.from = to;  // "start again" finds it under its new name
      Say(st, st.tr.Format("author.renamed", {from, to, std::to_string(references)}));
      break;
    case RenameResult::Taken: Say(st, st.tr.Format("author.rename_taken", {to, from}), true); break;
    case RenameResult::BadId: Say(st, st.tr.Format("author.rename_bad_id", {to, from}), true); break;
    case RenameResult::Same:
    case RenameResult::NotFound: break;
  }
}

void AskRemoveNode(AppState& st, const std::string& node) { st.author.confirm_remove = node; }

void CancelRemoveNode(AppState& st) { st.author.confirm_remove.clear(); }

void RemoveNode(AppState& st, const std::string& node) {
  auto& a = st.author;
  a.confirm_remove.clear();
  const bool removed = EditDoc(st, [&](OrderedJson& j) {
    const int at = NodeIndex(j, node);
    if (at < 0) return false;
    j["nodes"].erase(static_cast<std::size_t>(at));
    return true;
  });
  if (!removed) return;
  if (a.selected == node) SelectNode(st, "");
  Say(st, st.tr.Format("author.removed", {node}));
}

void AddOption(AppState& st, const std::string& node) {
  EditDoc(st, [&](OrderedJson& j) {
    const int at = NodeIndex(j, node);
    if (at < 0) return false;
    OrderedJson& d = j["nodes"][static_cast<std::size_t>(at)]["decision"];
    const bool checklist = d.value("kind", "single") == "checklist";
    OrderedJson& list = d[checklist ? "items" : "choices"];
    if (!list.is_array()) list = OrderedJson::array();
    // The next letter: option ids follow the authored order (a, b, c…) in the bundled scenarios.
    std::string id = FreshId(list, std::string(1, static_cast<char>('a' + std::min<std::size_t>(list.size(), 25))));
    OrderedJson c = OrderedJson::object();
    c["id"] = id;
    c["text"] = Text("Pilihan baru", "New option");
    if (checklist) c["correct"] = false;
    c["sop"] = OrderedJson::object();
    c["feedback"] = Text("Mengapa.", "Why.");
    if (!checklist) {
      c["source"] = "";
      c["next"] = list.empty() ? OrderedJson(j.value("start", "")) : list.back().value("next", OrderedJson(""));
    }
    list.push_back(c);
    return true;
  });
}

void SetSopTag(AppState& st, const std::string& option_pointer, const std::string& old_step, const std::string& step,
               const std::string& verdict) {
  EditDoc(st, [&](OrderedJson& j) {
    OrderedJson& opt = j[Ptr(option_pointer)];
    if (!opt.is_object()) return false;
    OrderedJson& sop = opt["sop"];
    if (!sop.is_object()) sop = OrderedJson::object();
    // Rebuilt in place so that the tag keeps its place in the file when its step changes.
    OrderedJson out = OrderedJson::object();
    bool placed = false;
    for (auto& [k, v] : sop.items()) {
      if (k == old_step) {
        if (!step.empty()) out[step] = verdict;
        placed = true;
      } else if (k != step) {
        out[k] = v;
      }
    }
    if (!placed && !step.empty()) out[step] = verdict;
    sop = out;
    return true;
  });
}

void Undo(AppState& st) {
  auto& a = st.author;
  if (a.draft && a.draft->Undo()) {
    a.json_field = {};
    a.last_check_ms = a.draft->check_ms();
  }
}

void Redo(AppState& st) {
  auto& a = st.author;
  if (a.draft && a.draft->Redo()) {
    a.json_field = {};
    a.last_check_ms = a.draft->check_ms();
  }
}

// =============================================================================================
// [SECTION] Saving and watching
// =============================================================================================

void Save(AppState& st) {
  auto& a = st.author;
  if (!a.draft) return;
  IoError error;
  if (!a.draft->Save(error)) {
    Say(st, st.tr.Format("author.save_failed", {a.draft->path(), st.tr.Cause(error)}), true);
    return;
  }
  Say(st, st.tr.Format("author.saved", {a.draft->path(), BackupPathOf(a.draft->path())}));
}

bool PollFile(AppState& st, double now) {
  auto& a = st.author;
  a.watch_due = st.screen == Screen::Author && a.draft ? now + AuthorState::kWatchPeriod : 0;
  if (!a.draft || !a.draft->ReloadIfChanged()) return false;
  a.json_field = {};
  a.last_check_ms = a.draft->check_ms();
  Say(st, st.tr(a.draft->current_is_good() ? "author.reloaded" : "author.reloaded_bad"), !a.draft->current_is_good());
  return true;
}

// =============================================================================================
// [SECTION] Map view
// =============================================================================================

void PanMap(AppState& st, float dx, float dy) {
  st.author.map_pan_x += dx;
  st.author.map_pan_y += dy;
}

void ZoomMap(AppState& st, float factor) { st.author.map_zoom = std::clamp(st.author.map_zoom * factor, 0.3f, 6.0f); }

void ResetMapView(AppState& st) {
  st.author.map_zoom = 1.0f;
  st.author.map_pan_x = st.author.map_pan_y = 0;
}

// =============================================================================================
// [SECTION] Play from here
// =============================================================================================

void OpenPreview(AppState& st, const std::string& node) {
  auto& a = st.author;
  a.preview = {};
  if (!a.draft || !a.draft->good() || !a.draft->good()->FindNode(node)) return;
  a.preview.from = node;
  for (const auto& v : a.draft->good()->variables) a.preview.values[v.id] = v.initial;
}

void SetPreviewValue(AppState& st, const std::string& var, double value) {
  auto& p = st.author.preview;
  if (!st.author.draft || !st.author.draft->good()) return;
  const Variable* v = st.author.draft->good()->FindVariable(var);
  if (!v) return;
  p.values[var] = v->type == Variable::Type::Flag ? (value != 0 ? 1.0 : 0.0) : std::clamp(value, v->min, v->max);
}

void StartPreview(AppState& st) {
  auto& a = st.author;
  auto& p = a.preview;
  if (!a.draft || !a.draft->good() || p.from.empty()) return;
  // The last good version with the start moved and the inspector's values as the initial ones:
  // the engine's own Session plays it, and nothing is logged.
  auto copy = std::make_shared<Scenario>(*a.draft->good());
  copy->start = p.from;
  for (auto& v : copy->variables)
    if (auto it = p.values.find(v.id); it != p.values.end()) v.initial = it->second;
  p.scenario = copy;
  SessionInfo info;
  info.team = "preview";
  info.lang = st.tr.Language();
  info.seed = copy->seed;
  p.session.emplace(p.scenario, a.draft->catalogue(), info);
  p.ticked.clear();
  p.problem.clear();
  p.decision_shown_at = st.now;
  p.timer_stopped = false;
}

void PreviewContinue(AppState& st) {
  auto& p = st.author.preview;
  if (!p.session) return;
  if (auto problem = p.session->Continue()) p.problem = st.tr.Describe(*problem);
  p.decision_shown_at = st.now;  // the next node's clock, if it is a timed decision
  p.timer_stopped = false;
}

namespace {
void ApplyPrepared(AppState& st, const std::variant<DecisionRecord, Problem>& prepared) {
  auto& p = st.author.preview;
  if (const auto* problem = std::get_if<Problem>(&prepared)) {
    p.problem = st.tr.Describe(*problem);
    return;
  }
  if (auto problem = p.session->Apply(std::get<DecisionRecord>(prepared))) {
    p.problem = st.tr.Describe(*problem);
    return;
  }
  p.problem.clear();
  p.ticked.clear();
  p.decision_shown_at = st.now;
  p.timer_stopped = false;
}

std::int64_t PreviewDecisionMs(const AppState& st) {
  return std::max<std::int64_t>(0, static_cast<std::int64_t>((st.now - st.author.preview.decision_shown_at) * 1000.0));
}
}  // namespace

std::optional<double> PreviewSecondsLeft(const AppState& st) {
  const auto& p = st.author.preview;
  if (!p.session || p.timer_stopped) return std::nullopt;
  const SessionState s = p.session->state();
  if (s != SessionState::AwaitingChoice && s != SessionState::AwaitingChecklist) return std::nullopt;
  const auto seconds = p.session->TimerSeconds();
  if (!seconds) return std::nullopt;
  return p.decision_shown_at + *seconds - st.now;
}

void PreviewTimeOut(AppState& st) {
  auto& p = st.author.preview;
  if (!p.session || p.timer_stopped || !p.session->TimerSeconds()) return;
  // A checklist submits what is ticked, as the team's does; a single choice is chosen by a click
  // in the preview, so nothing is ever selected and unconfirmed there.
  const bool checklist = p.session->state() == SessionState::AwaitingChecklist;
  const auto prepared =
      p.session->PrepareTimeout(PreviewDecisionMs(st), 0, checklist ? p.ticked : std::vector<std::string>{});
  if (std::holds_alternative<Problem>(prepared)) p.timer_stopped = true;  // e.g. ENG007: let the author choose
  ApplyPrepared(st, prepared);
}

void PreviewTimeOutIfDue(AppState& st) {
  if (auto left = PreviewSecondsLeft(st); left && *left <= 0) PreviewTimeOut(st);
}

void PreviewChoose(AppState& st, const std::string& choice) {
  auto& p = st.author.preview;
  if (!p.session) return;
  ApplyPrepared(st, p.session->PrepareChoice(choice, PreviewDecisionMs(st), 0));
}

void PreviewTick(AppState& st, const std::string& item) {
  auto& t = st.author.preview.ticked;
  auto it = std::find(t.begin(), t.end(), item);
  if (it == t.end()) t.push_back(item);
  else
    t.erase(it);
}

void PreviewSubmitChecklist(AppState& st) {
  auto& p = st.author.preview;
  if (!p.session) return;
  ApplyPrepared(st, p.session->PrepareChecklist(p.ticked, PreviewDecisionMs(st), 0));
}

void ClosePreview(AppState& st) { st.author.preview = {}; }

// =============================================================================================
// [SECTION] Explore and booklet
// =============================================================================================

namespace {
// Asks the worker for the good version when the tab is shown and its findings are not of it.
void RequestExplore(AppState& st) {
  auto& a = st.author;
  if (!a.show_explore || !a.draft || !a.draft->good() || !a.draft->catalogue()) return;
  const std::string& hash = a.draft->good()->content_hash;
  if (a.explore && a.explored_hash == hash) return;
  if (!a.explorer) {
    auto wake = st.loop_wake;  // the worker may outlive a frame's state, never the loop's wake
    a.explorer = std::make_shared<ExploreWorker>([wake] { wake->Signal(); });
  }
  if (a.explorer->Wanted() != hash) a.explorer->Request(a.draft->good(), a.draft->catalogue(), hash);
}
}  // namespace

void ShowExplore(AppState& st, bool on) {
  st.author.show_explore = on;
  RequestExplore(st);
}

void TakeExplore(AppState& st) {
  auto& a = st.author;
  if (!a.explorer) return;
  if (auto result = a.explorer->Take()) {
    // Only findings of the version on the map: a result for another file opened since is dropped.
    if (a.draft && a.draft->good() && a.draft->good()->content_hash == result->hash) {
      a.explore = std::move(result->report);
      a.explored_hash = result->hash;
    }
  }
  RequestExplore(st);
}

bool Exploring(const AppState& st) {
  const auto& a = st.author;
  return a.explorer && a.draft && a.draft->good() && a.explorer->Wanted() == a.draft->good()->content_hash;
}

void WriteBooklet(AppState& st) {
  auto& a = st.author;
  if (!a.draft || !a.draft->good() || !a.draft->catalogue()) return;
  std::string out = a.draft->path();
  if (out.size() > 5 && out.compare(out.size() - 5, 5, ".json") == 0) out.resize(out.size() - 5);
  out += ".booklet.html";
  IoError error;
  if (!WriteFileDurably(out, ReviewBookletHtml(*a.draft->good(), *a.draft->catalogue(), nullptr), error)) {
    Say(st, st.tr.Format("author.save_failed", {out, st.tr.Cause(error)}), true);
    return;
  }
  Say(st, st.tr.Format("author.booklet_written", {out}));
}

}  // namespace sigap::app::author

namespace sigap::app {

// --author opens the face; for screenshots and tests, --screen node:ID shows a node and
// --screen play:ID its preview, started (the test hook's part of the author face).
void InitAuthor(AppState& state) {
  if (!state.options.author) return;
  author::OpenAuthor(state, state.options.author_path);
  const std::string& screen = state.options.screen;
  if (screen.rfind("node:", 0) == 0) author::SelectNode(state, screen.substr(5));
  if (screen.rfind("play:", 0) == 0) {
    author::SelectNode(state, screen.substr(5));
    author::OpenPreview(state, screen.substr(5));
    author::StartPreview(state);
  }
}

}  // namespace sigap::app
