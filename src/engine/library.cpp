// Content discovery: folders walked in a stable order, every file parsed first, then built in
// dependency order (catalogues, scenarios, guides), with a catalogue or scenario that was not
// listed found beside the file that names it.
#include "library.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "file_io.h"
#include "platform/utf8_path.h"

namespace sigap {

namespace fs = std::filesystem;

namespace {

// Two catalogues, or two scenarios, with one id among the files loaded together: which one a
// scenario or a session would get depended on the order of reading, so `validate FILE` and
// `validate FOLDER` disagreed without naming the cause. Files named one by one are left alone
// (several versions may be compared on purpose). The one a lone file would find beside it
// keeps the id (the file named "<id>.json", else the first in path order); every other one is an
// error (SCN087) that names it.
void RejectDuplicateIds(std::map<std::string, LoadedFile>& loaded, const std::vector<ParsedFile>& parsed, FileKind kind,
                        const std::set<std::string>& from_folders) {
  std::map<std::string, std::vector<std::string>> by_id;  // id → paths, in path order
  auto id_of = [](const LoadedFile& f) { return f.catalogue ? f.catalogue->id : f.scenario ? f.scenario->id : std::string(); };
  for (auto& [path, f] : loaded)
    if (f.kind == kind && !id_of(f).empty() && from_folders.count(path)) by_id[id_of(f)].push_back(path);
  for (const auto& entry : by_id) {
    const std::string& id = entry.first;  // not a structured binding: clang 14 (fuzz preset) cannot capture one
    const std::vector<std::string>& paths = entry.second;
    if (paths.size() < 2) continue;
    auto named = std::find_if(paths.begin(), paths.end(), [&](const std::string& p) {
      return platform::PathToUtf8(platform::PathFromUtf8(p).filename()) == id + ".json";
    });
    const std::string keeper = named != paths.end() ? *named : paths.front();
    for (const auto& path : paths) {
      if (path == keeper) continue;
      LoadedFile& f = loaded[path];
      auto doc = std::find_if(parsed.begin(), parsed.end(), [&](const ParsedFile& q) { return q.path == path; });
      SourcePos pos = doc != parsed.end() ? doc->doc.PosOf("/id") : SourcePos{};
      const char* what = kind == FileKind::Catalogue ? "SOP catalogue" : "scenario";
      f.diagnostics.push_back(Diagnostic{path, pos, "/id", Severity::Error, "SCN087",
                                         std::string("another ") + what + " with id \"" + id + "\" is loaded from " + keeper +
                                             "; only one can be used, so remove one of the two files or give each its own id"});
      ++f.errors;
      f.catalogue.reset();
      f.scenario.reset();
    }
  }
}

// The files beside `path` that may hold the item named `id`, parsed one at a time until `take`
// returns one: "<id>.json" first (so the rest of the folder is not parsed just to find it), then
// every other .json there in name order (the one a folder load keeps, RejectDuplicateIds);
// guides only when `with_guides`; never a file already parsed above (a 12 MB scenario was parsed
// twice by `sigap validate FILE`, found by bench/sigap_bench). Quietly: nobody asked about them.
template <typename Take>
auto FindBeside(const std::string& path, const std::string& id, bool with_guides, const std::vector<ParsedFile>& parsed,
                Take&& take) -> decltype(take(std::declval<ParsedFile&>())) {
  std::error_code ec;
  fs::path dir = platform::PathFromUtf8(path).parent_path();  // UTF-8 on Windows too
  if (dir.empty()) dir = ".";
  std::vector<fs::path> candidates;
  if (id.find('/') == std::string::npos && id != "." && id != "..") candidates.push_back(dir / platform::PathFromUtf8(id + ".json"));
  std::vector<fs::path> others;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (it->path().extension() == ".json" && (with_guides || platform::PathToUtf8(it->path().filename()).find(".guide.") == std::string::npos) &&
        (candidates.empty() || it->path() != candidates.front()))
      others.push_back(it->path());
  std::sort(others.begin(), others.end());
  candidates.insert(candidates.end(), others.begin(), others.end());
  for (const auto& candidate : candidates) {
    std::error_code same_ec;
    if (!fs::is_regular_file(candidate, same_ec)) continue;
    if (std::any_of(parsed.begin(), parsed.end(), [&](const ParsedFile& q) { return fs::equivalent(platform::PathFromUtf8(q.path), candidate, same_ec); }))
      continue;
    std::string text, error;
    if (!ReadFileToString(platform::PathToUtf8(candidate), text, error)) continue;
    ParsedFile side = ParseFile(platform::PathToUtf8(candidate), std::move(text));
    if (auto found = take(side)) return found;
  }
  return nullptr;
}

}  // namespace

ContentLibrary LoadLibrary(const std::vector<std::string>& paths) {
  ContentLibrary lib;
  std::vector<std::string> files;
  std::vector<LoadedFile> io_failures;
  std::set<std::string> from_folders;  // files found by searching a folder (not named one by one)
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(platform::PathFromUtf8(path), ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(platform::PathFromUtf8(path), fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const auto& p = it->path();
        std::string name = platform::PathToUtf8(p.filename());
        if (it->is_regular_file(ec) && p.extension() == ".json" && name.find(".schema.") == std::string::npos && name[0] != '.')
          found.push_back(platform::PathToUtf8(p));
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
      from_folders.insert(found.begin(), found.end());
    } else {
      files.push_back(path);
    }
  }
  // Parse everything first, so that a scenario finds its catalogue wherever it was listed.
  std::vector<ParsedFile> parsed;
  for (const auto& path : files) {
    std::string text, error;
    if (!ReadFileToString(path, text, error)) {
      LoadedFile f;
      f.path = path;
      f.errors = 1;
      f.diagnostics.push_back(Diagnostic{path, {}, "", Severity::Error, "IO001", "cannot read: " + error});
      io_failures.push_back(std::move(f));
      parsed.emplace_back();
      parsed.back().path = path;
      continue;
    }
    parsed.push_back(ParseFile(path, std::move(text)));
  }
  std::map<std::string, LoadedFile> loaded;
  for (auto& p : parsed)
    if (p.kind == FileKind::Catalogue) loaded[p.path] = BuildFile(p, nullptr);
  RejectDuplicateIds(loaded, parsed, FileKind::Catalogue, from_folders);
  auto find_catalogue = [&](const std::string& id, const std::string& scenario_path) -> std::shared_ptr<const SopCatalogue> {
    for (auto& [path, f] : loaded)
      if (f.catalogue && f.catalogue->id == id) return f.catalogue;
    // Not listed: look beside the scenario.
    return FindBeside(scenario_path, id, true, parsed, [&](ParsedFile& side) -> std::shared_ptr<const SopCatalogue> {
      if (side.kind != FileKind::Catalogue) return nullptr;
      LoadedFile f = BuildFile(side, nullptr);
      return f.catalogue && f.catalogue->id == id ? f.catalogue : nullptr;
    });
  };
  for (auto& p : parsed) {
    if (p.sink == nullptr || p.kind == FileKind::Catalogue || p.kind == FileKind::Guide) continue;
    std::shared_ptr<const SopCatalogue> cat;
    if (p.kind == FileKind::Scenario && !p.catalogue_ref.empty()) cat = find_catalogue(p.catalogue_ref, p.path);
    loaded[p.path] = BuildFile(p, cat.get());
  }
  RejectDuplicateIds(loaded, parsed, FileKind::Scenario, from_folders);
  // Guides last: each is checked against its scenario, loaded above or found beside the guide.
  auto find_scenario = [&](const std::string& id, const std::string& guide_path) -> std::shared_ptr<const Scenario> {
    for (auto& [path, f] : loaded)
      if (f.scenario && f.scenario->id == id) return f.scenario;
    return FindBeside(guide_path, id, false, parsed, [&](ParsedFile& side) -> std::shared_ptr<const Scenario> {
      if (side.kind != FileKind::Scenario || !side.doc.root.contains("id") || side.doc.root["id"] != id) return nullptr;
      auto cat = find_catalogue(side.catalogue_ref, side.path);
      return BuildFile(side, cat.get()).scenario;
    });
  };
  std::set<std::string> guided;
  for (auto& p : parsed) {
    if (p.sink == nullptr || p.kind != FileKind::Guide) continue;
    std::shared_ptr<const Scenario> scenario = p.scenario_ref.empty() ? nullptr : find_scenario(p.scenario_ref, p.path);
    std::shared_ptr<const SopCatalogue> cat = scenario ? find_catalogue(scenario->sop_catalogue, scenario->path) : nullptr;
    if (!p.scenario_ref.empty() && !guided.insert(p.scenario_ref).second)
      p.sink->Warning("SCN079", p.doc.PosOf("/scenario"), "/scenario", "another guide for scenario \"" + p.scenario_ref + "\" was loaded first; only that one is shown, so keep one guide per scenario");
    loaded[p.path] = BuildFile(p, cat.get(), scenario.get());
  }
  for (auto& f : io_failures) loaded[f.path] = std::move(f);
  for (const auto& path : files) {
    auto it = loaded.find(path);
    if (it != loaded.end()) { lib.files.push_back(std::move(it->second)); loaded.erase(it); }
  }
  return lib;
}

std::vector<std::shared_ptr<const Scenario>> ContentLibrary::Scenarios() const {
  std::vector<std::shared_ptr<const Scenario>> out;
  for (const auto& f : files)
    if (f.scenario) out.push_back(f.scenario);
  return out;
}

std::shared_ptr<const SopCatalogue> ContentLibrary::FindCatalogue(const std::string& id) const {
  for (const auto& f : files)
    if (f.catalogue && f.catalogue->id == id) return f.catalogue;
  return nullptr;
}

std::shared_ptr<const Scenario> ContentLibrary::FindScenario(const std::string& id) const {
  for (const auto& f : files)
    if (f.scenario && f.scenario->id == id) return f.scenario;
  return nullptr;
}

std::shared_ptr<const FacilitatorGuide> ContentLibrary::FindGuide(const std::string& scenario_id) const {
  for (const auto& f : files)
    if (f.guide && f.guide->scenario == scenario_id) return f.guide;
  return nullptr;
}

std::size_t ContentLibrary::ErrorCount() const {
  std::size_t n = 0;
  for (const auto& f : files) n += f.errors;
  return n;
}

std::size_t ContentLibrary::WarningCount() const {
  std::size_t n = 0;
  for (const auto& f : files) n += f.warnings;
  return n;
}

}  // namespace sigap
