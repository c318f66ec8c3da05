// UI string tables: assets/i18n/<area>.id.json and <area>.en.json, flat objects of key -> text.
// Screens never hard-code user-visible text; they look it up here.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "model.h"
#include "file_io.h"
#include "problem.h"

namespace sigap::app {

class StringTable {
 public:
  // Loads every `assets_dir`/i18n/<area>.<id|en>.json. Returns false (and sets `error`) if a table is
  // missing or malformed; lookups then fall back to the key itself.
  bool Load(const std::string& assets_dir, std::string& error);
  void SetLanguage(Lang lang) { lang_ = lang; }
  Lang Language() const { return lang_; }

  // The text for `key` in the current language, else Indonesian, else the key.
  const char* operator()(const char* key) const;
  // The same with {0}, {1}… replaced by the arguments.
  std::string Format(const char* key, std::initializer_list<std::string> args) const;
  std::string Format(const char* key, const std::vector<std::string>& args) const;
  bool Has(const std::string& key) const;
  // "{0} …" for a count: key.one when n is 1 and the table has it, else key.other.
  std::string Count(const std::string& key, std::size_t n) const;
  // Every text of both languages (to know which characters the fonts must hold).
  template <typename F>
  void ForEachText(F&& f) const {
    for (const auto& table : tables_)
      for (const auto& [key, text] : table) f(text);
  }
  // A run-time problem in the current language: "problem.<CODE>" filled with its args; the
  // engine's English message only for a code the tables do not know.
  std::string Describe(const Problem& problem) const;
  // A file failure's cause in the user's language ("disk atau flashdisk penuh"), never the OS's English.
  std::string Cause(const IoError& error) const { return (*this)(IoCauseKey(error.cause)); }

 private:
  std::unordered_map<std::string, std::string> tables_[2];
  Lang lang_ = Lang::Id;
};

}  // namespace sigap::app
