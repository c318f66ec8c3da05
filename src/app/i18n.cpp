#include "i18n.h"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "loader.h"

namespace sigap::app {

bool StringTable::Load(const std::string& assets_dir, std::string& error) {
  bool ok = true;
  for (Lang lang : {Lang::Id, Lang::En}) {
    std::string path = (std::filesystem::path(assets_dir) / "i18n" / (std::string(LangCode(lang)) + ".json")).string();
    std::string text, err;
    if (!ReadFileToString(path, text, err)) {
      error += path + ": " + err + "\n";
      ok = false;
      continue;
    }
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      error += path + ": not a JSON object of strings\n";
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
  std::string s = (*this)(key);
  std::size_t i = 0;
  for (const auto& a : args) {
    std::string token = "{" + std::to_string(i++) + "}";
    for (std::size_t pos = s.find(token); pos != std::string::npos; pos = s.find(token, pos + a.size())) s.replace(pos, token.size(), a);
  }
  return s;
}

}  // namespace sigap::app
