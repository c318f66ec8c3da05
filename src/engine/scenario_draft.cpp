#include "scenario_draft.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "platform/utf8_path.h"

namespace sigap {

namespace fs = std::filesystem;

DiskStamp StampOf(const std::string& path) {
  DiskStamp s;
  std::error_code ec;
  const fs::path p = platform::PathFromUtf8(path);
  auto size = fs::file_size(p, ec);
  if (ec) return s;
  auto time = fs::last_write_time(p, ec);
  if (ec) return s;
  s.exists = true;
  s.size = size;
  s.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
  return s;
}

bool ScenarioDraft::Open(const std::string& path, IoError& error) {
  std::string text;
  if (!ReadFileToString(path, text, error)) return false;
  path_ = path;
  stamp_ = StampOf(path);
  disk_text_ = text;
  undo_.clear();
  redo_.clear();
  good_.reset();
  catalogue_.reset();
  catalogue_id_.clear();
  Take(std::move(text));
  return true;
}

// The catalogue the scenario names, beside it: "<id>.json" first, then the folder's other files
// (as LoadLibrary finds one that was not listed). Looked up again only when the name changes.
void ScenarioDraft::FindCatalogue() {
  std::string id;
  if (doc_ && doc_->is_object() && doc_->contains("sop_catalogue") && (*doc_)["sop_catalogue"].is_string())
    id = (*doc_)["sop_catalogue"].get<std::string>();
  if (id == catalogue_id_ && (catalogue_ || id.empty())) return;
  catalogue_id_ = id;
  catalogue_.reset();
  if (id.empty()) return;
  std::error_code ec;
  fs::path dir = platform::PathFromUtf8(path_).parent_path();
  if (dir.empty()) dir = ".";
  std::vector<fs::path> candidates;
  if (id.find('/') == std::string::npos && id.find('\\') == std::string::npos)
    candidates.push_back(dir / platform::PathFromUtf8(id + ".json"));
  std::vector<fs::path> others;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = platform::PathToUtf8(it->path().filename());
    if (it->path().extension() == ".json" && name.find(".guide.") == std::string::npos &&
        name.find(".schema.") == std::string::npos && it->path() != platform::PathFromUtf8(path_))
      others.push_back(it->path());
  }
  std::sort(others.begin(), others.end());
  candidates.insert(candidates.end(), others.begin(), others.end());
  for (const auto& c : candidates) {
    std::string text, error;
    if (!fs::is_regular_file(c, ec) || !ReadFileToString(platform::PathToUtf8(c), text, error)) continue;
    ParsedFile p = ParseFile(platform::PathToUtf8(c), std::move(text));
    if (p.kind != FileKind::Catalogue) continue;
    LoadedFile f = BuildFile(p, nullptr);
    if (f.catalogue && f.catalogue->id == id) {
      catalogue_ = f.catalogue;
      return;
    }
  }
}

void ScenarioDraft::Take(std::string text) {
  text_ = std::move(text);
  merge_key_.clear();
  doc_ = ParseOrdered(text_);
  FindCatalogue();
  const auto t0 = std::chrono::steady_clock::now();
  // The same two steps as LoadLibrary: parse with positions, then build and validate.
  ParsedFile p = ParseFile(path_, text_);
  check_ = BuildFile(p, catalogue_.get());
  check_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (check_.ok() && check_.scenario) good_ = check_.scenario;
}

bool ScenarioDraft::Edit(const std::function<bool(OrderedJson&)>& change, const std::string& merge_key) {
  if (!doc_) return false;
  OrderedJson copy = *doc_;
  if (!change(copy)) return false;
  std::string text = WriteScenarioCanonical(copy);
  if (text == text_) return false;
  if (merge_key.empty() || merge_key != merge_key_ || undo_.empty()) undo_.push_back(std::move(text_));
  redo_.clear();
  Take(std::move(text));
  merge_key_ = merge_key;
  return true;
}

bool ScenarioDraft::Undo() {
  if (undo_.empty()) return false;
  redo_.push_back(std::move(text_));
  std::string text = std::move(undo_.back());
  undo_.pop_back();
  Take(std::move(text));
  return true;
}

bool ScenarioDraft::Redo() {
  if (redo_.empty()) return false;
  undo_.push_back(std::move(text_));
  std::string text = std::move(redo_.back());
  redo_.pop_back();
  Take(std::move(text));
  return true;
}

bool ScenarioDraft::Save(IoError& error, FaultInjector faults) {
  // A document that parses is saved in canonical form; a text that does not (an editor's
  // half-written save, reloaded) is saved as it is rather than lost.
  std::string text = doc_ ? WriteScenarioCanonical(*doc_) : text_;
  if (!SaveWithBackup(path_, text, error, std::move(faults))) return false;
  if (text != text_) {
    undo_.push_back(std::move(text_));
    redo_.clear();
    Take(text);
  }
  disk_text_ = std::move(text);
  stamp_ = StampOf(path_);
  return true;
}

bool ScenarioDraft::ReloadIfChanged() {
  const DiskStamp now = StampOf(path_);
  if (now == stamp_) return false;
  std::string text;
  IoError error;
  if (!now.exists || !ReadFileToString(path_, text, error)) return false;  // being replaced: the next look
  stamp_ = now;
  if (text == disk_text_ && text == text_) return false;
  disk_text_ = text;
  if (text == text_) return false;
  undo_.push_back(std::move(text_));
  redo_.clear();
  Take(std::move(text));
  return true;
}

namespace {

// The route of `owner` (its "next") where it names `id`: a node id, or conditional routes' "to".
void RouteReferences(const OrderedJson& owner, const std::string& pointer, const std::string& id, NodeReference where,
                     std::vector<NodeReference>& out) {
  if (!owner.is_object() || !owner.contains("next")) return;
  const OrderedJson& next = owner["next"];
  const std::string p = pointer + "/next";
  auto add = [&](const std::string& at) {
    where.pointer = at;
    out.push_back(where);
  };
  if (next.is_string() && next.get<std::string>() == id) add(p);
  if (!next.is_array()) return;
  for (std::size_t i = 0; i < next.size(); ++i) {
    const OrderedJson& route = next[i];
    if (route.is_object() && route.contains("to") && route["to"].is_string() && route["to"].get<std::string>() == id)
      add(p + "/" + std::to_string(i) + "/to");
  }
}

}  // namespace

std::vector<NodeReference> NodeReferences(const OrderedJson& doc, const std::string& id) {
  std::vector<NodeReference> out;
  if (!doc.is_object()) return out;
  if (doc.contains("start") && doc["start"].is_string() && doc["start"].get<std::string>() == id)
    out.push_back(NodeReference{"/start", "", "", false});
  if (!doc.contains("nodes") || !doc["nodes"].is_array()) return out;
  const OrderedJson& nodes = doc["nodes"];
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const OrderedJson& n = nodes[i];
    if (!n.is_object()) continue;
    const std::string p = "/nodes/" + std::to_string(i);
    NodeReference where;
    where.node = n.contains("id") && n["id"].is_string() ? n["id"].get<std::string>() : std::string();
    RouteReferences(n, p, id, where, out);  // a scene's
    if (!n.contains("decision") || !n["decision"].is_object()) continue;
    const OrderedJson& d = n["decision"];
    const std::string dp = p + "/decision";
    RouteReferences(d, dp, id, where, out);  // a checklist's
    if (d.contains("choices") && d["choices"].is_array())
      for (std::size_t c = 0; c < d["choices"].size(); ++c) {
        const OrderedJson& choice = d["choices"][c];
        NodeReference by_choice = where;
        by_choice.option = choice.is_object() && choice.contains("id") && choice["id"].is_string()
                               ? choice["id"].get<std::string>()
                               : std::to_string(c);
        RouteReferences(choice, dp + "/choices/" + std::to_string(c), id, by_choice, out);
      }
    if (d.contains("timer") && d["timer"].is_object() && d["timer"].contains("timeout")) {
      NodeReference by_timeout = where;
      by_timeout.timeout = true;
      RouteReferences(d["timer"]["timeout"], dp + "/timer/timeout", id, by_timeout, out);
    }
  }
  return out;
}

RenameResult RenameNode(OrderedJson& doc, const std::string& from, const std::string& to) {
  if (from == to) return RenameResult::Same;
  if (!doc.is_object() || !doc.contains("nodes") || !doc["nodes"].is_array()) return RenameResult::NotFound;
  OrderedJson* node = nullptr;
  for (auto& n : doc["nodes"]) {
    if (!n.is_object() || !n.contains("id") || !n["id"].is_string()) continue;
    const std::string id = n["id"].get<std::string>();
    if (id == to) return RenameResult::Taken;
    if (id == from && !node) node = &n;
  }
  if (!node) return RenameResult::NotFound;
  if (!IsValidId(to)) return RenameResult::BadId;
  for (const auto& ref : NodeReferences(doc, from)) doc[OrderedJson::json_pointer(ref.pointer)] = to;
  (*node)["id"] = to;
  return RenameResult::Renamed;
}

RenameResult ScenarioDraft::RenameNode(const std::string& from, const std::string& to) {
  RenameResult result = RenameResult::NotFound;
  Edit([&](OrderedJson& doc) {
    result = sigap::RenameNode(doc, from, to);
    return result == RenameResult::Renamed;
  });
  return result;
}

std::string NewScenarioText(const std::string& id, const SopCatalogue& catalogue) {
  const std::string step = catalogue.steps.empty() ? std::string() : catalogue.steps.front().id;
  auto text = [](const char* in_id, const char* in_en) {
    OrderedJson t = OrderedJson::object();
    t["id"] = in_id;
    t["en"] = in_en;
    return t;
  };
  OrderedJson s = OrderedJson::object();
  s["$schema"] = "sigap.schema.json";
  s["format"] = kFormatVersion;
  s["type"] = "scenario";
  s["id"] = id;
  s["title"] = text("Skenario baru", "New scenario");
  s["kind"] = "other";
  s["place"] = text("Tempat kejadian", "Place");
  s["minutes"] = 20;
  s["languages"] = OrderedJson::array({"id", "en"});
  s["summary"] = text("Ringkasan cerita.", "Summary of the story.");
  s["role"] = text("Anda adalah tim ...", "You are the team ...");
  s["content_warning"] = text("Peringatan isi.", "Content warning.");
  s["fictional"] = true;
  s["sop_catalogue"] = catalogue.id;
  s["assesses"] = step.empty() ? OrderedJson::array() : OrderedJson::array({step});
  s["variables"] = OrderedJson::array();
  s["characters"] = OrderedJson::array();
  s["start"] = "s1";
  OrderedJson scene = OrderedJson::object();
  scene["id"] = "s1";
  scene["type"] = "scene";
  scene["title"] = text("Pembuka", "Opening");
  scene["text"] = text("Apa yang terjadi.", "What happens.");
  scene["next"] = "dp1";
  auto choice = [&](const char* cid, const char* verdict, const char* to, const char* in_id, const char* in_en) {
    OrderedJson c = OrderedJson::object();
    c["id"] = cid;
    c["text"] = text(in_id, in_en);
    OrderedJson sop = OrderedJson::object();
    if (!step.empty()) sop[step] = verdict;
    c["sop"] = sop;
    c["feedback"] = text("Mengapa.", "Why.");
    c["source"] = step.empty() ? std::string() : catalogue.steps.front().source;
    c["next"] = to;
    return c;
  };
  OrderedJson decision = OrderedJson::object();
  decision["kind"] = "single";
  decision["prompt"] = text("Apa yang Anda lakukan?", "What do you do?");
  decision["choices"] = OrderedJson::array({choice("a", "follows", "e1", "Pilihan sesuai SOP", "The SOP's option"),
                                            choice("b", "violates", "e2", "Pilihan lain", "Another option")});
  OrderedJson dp = OrderedJson::object();
  dp["id"] = "dp1";
  dp["type"] = "decision";
  dp["title"] = text("Keputusan pertama", "First decision");
  dp["text"] = text("Situasinya.", "The situation.");
  dp["decision"] = decision;
  auto ending = [&](const char* nid, const char* oid, const char* rating, const char* in_id, const char* in_en) {
    OrderedJson e = OrderedJson::object();
    e["id"] = nid;
    e["type"] = "ending";
    e["title"] = text(in_id, in_en);
    e["text"] = text("Akhir cerita.", "The end of the story.");
    OrderedJson o = OrderedJson::object();
    o["id"] = oid;
    o["label"] = text(in_id, in_en);
    o["rating"] = rating;
    o["debrief"] = text("Bahan diskusi.", "Talking points.");
    e["outcome"] = o;
    return e;
  };
  s["nodes"] =
      OrderedJson::array({scene, dp, ending("e1", "e1", "good", "Korban aman", "The victim is safe"),
                          ending("e2", "e2", "bad", "Korban tidak terlindungi", "The victim is not protected")});
  return WriteScenarioCanonical(s);
}

}  // namespace sigap
