#include "i18n.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "file_io.h"
#include "platform/utf8_path.h"

namespace sigap::app {

bool StringTable::Load(const std::string& assets_dir, std::string& error) {
  // Every assets/i18n/<area>.<lang>.json is merged into the table of its language, so each part
  // of the app keeps its own file.
  namespace fs = std::filesystem;
  bool ok = true;
  std::error_code ec;
  fs::path dir = platform::PathFromUtf8(assets_dir) / "i18n";
  std::vector<fs::path> files;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (it->path().extension() == ".json") files.push_back(it->path());
  if (files.empty()) {
    error += platform::PathToUtf8(dir) + ": no string tables found\n";
    return false;
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::string stem = platform::PathToUtf8(path.stem());  // e.g. "player.id"
    const std::string file = platform::PathToUtf8(path);
    Lang lang;
    if (stem.ends_with(".id")) lang = Lang::Id;
    else if (stem.ends_with(".en")) lang = Lang::En;
    else continue;
    std::string text, err;
    if (!ReadFileToString(file, text, err)) {
      error += file + ": " + err + "\n";
      ok = false;
      continue;
    }
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      error += file + ": not a JSON object of strings\n";
      ok = false;
      continue;
    }
    auto& table = tables_[lang == Lang::En ? 1 : 0];
    for (const auto& [k, v] : j.items())
      if (v.is_string()) table[k] = v.get<std::string>();
  }
  return ok;
}

const char* StringTable::operator()(const char* key) const {
  const auto& primary = tables_[lang_ == Lang::En ? 1 : 0];
  if (auto it = primary.find(key); it != primary.end()) return it->second.c_str();
  if (auto it = tables_[0].find(key); it != tables_[0].end()) return it->second.c_str();
  return key;
}

std::string StringTable::Format(const char* key, std::initializer_list<std::string> args) const {
  return Format(key, std::vector<std::string>(args));
}

bool StringTable::Has(const std::string& key) const {
  return tables_[0].count(key) > 0 || tables_[1].count(key) > 0;
}

std::string StringTable::Count(const std::string& key, std::size_t n) const {
  const std::string one = key + ".one", other = key + ".other";
  const std::string& chosen = n == 1 && Has(one) ? one : other;
  return Format(chosen.c_str(), {std::to_string(n)});
}

std::string StringTable::Describe(const Problem& problem) const {
  const std::string key = "problem." + problem.code;
  if (!Has(key)) return problem.code.empty() ? problem.message : problem.code + ": " + problem.message;
  // A file failure's cause comes as its key ("io.no_space", IoCauseKey in file_io.h), never as the
  // system's English words: it is worded here like the sentence around it.
  std::vector<std::string> args = problem.args;
  for (auto& a : args)
    if (a.starts_with("io.") && Has(a)) a = (*this)(a.c_str());
  return Format(key.c_str(), args);
}

std::string StringTable::Format(const char* key, const std::vector<std::string>& args) const {
  std::string s = (*this)(key);
  std::size_t i = 0;
  for (const auto& a : args) {
    std::string token = "{" + std::to_string(i++) + "}";
    for (std::size_t pos = s.find(token); pos != std::string::npos; pos = s.find(token, pos + a.size())) s.replace(pos, token.size(), a);
  }
  return s;
}

}  // namespace sigap::app
