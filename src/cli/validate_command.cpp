// `sigap validate PATH... [--json]`
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_commands.h"
#include "explore.h"
#include "library.h"

namespace sigap::cli {

int RunValidate(const std::vector<std::string>& args) {
  bool as_json = false;
  std::vector<std::string> paths;
  for (const auto& a : args) {
    if (a == "--json") as_json = true;
    else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "sigap validate: unknown option '%s'; usage: sigap validate PATH... [--json]\n", a.c_str());
      return 2;
    } else paths.push_back(a);
  }
  if (paths.empty()) {
    std::fprintf(stderr, "sigap validate: give at least one file or folder, e.g. 'sigap validate scenarios/'\n");
    return 2;
  }
  ContentLibrary lib = LoadLibrary(paths);
  AddValidityWarnings(lib);  // what `sigap explore` finds, for scenarios without errors
  bool io_failure = false;
  for (const auto& f : lib.files)
    for (const auto& d : f.diagnostics)
      if (d.code == "IO001") io_failure = true;

  if (as_json) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : lib.files) {
      nlohmann::json diags = nlohmann::json::array();
      for (const auto& d : f.diagnostics)
        diags.push_back({{"file", d.file}, {"line", d.pos.line}, {"column", d.pos.column}, {"pointer", d.pointer},
                         {"severity", SeverityName(d.severity)}, {"code", d.code}, {"message", d.message}});
      const char* kind = f.kind == FileKind::Scenario ? "scenario" : f.kind == FileKind::Catalogue ? "sop_catalogue" : f.kind == FileKind::Guide ? "facilitator_guide" : "unknown";
      files.push_back({{"path", f.path}, {"kind", kind}, {"errors", f.errors}, {"warnings", f.warnings}, {"diagnostics", diags}});
    }
    nlohmann::json out{{"files", files}, {"errors", lib.ErrorCount()}, {"warnings", lib.WarningCount()}};
    std::cout << out.dump(2) << "\n";
  } else {
    for (const auto& f : lib.files)
      for (const auto& d : f.diagnostics) std::cout << FormatDiagnostic(d) << "\n";
    std::size_t ok = 0;
    for (const auto& f : lib.files) ok += f.ok();
    std::cout << lib.files.size() << (lib.files.size() == 1 ? " file" : " files") << " checked, " << ok << " ok: "
              << lib.ErrorCount() << (lib.ErrorCount() == 1 ? " error, " : " errors, ") << lib.WarningCount()
              << (lib.WarningCount() == 1 ? " warning" : " warnings") << "\n";
  }
  if (lib.files.empty()) {
    std::fprintf(stderr, "sigap validate: no .json files found in the given paths\n");
    return 2;
  }
  if (io_failure) return 2;
  return lib.ErrorCount() > 0 ? 1 : 0;
}

}  // namespace sigap::cli
