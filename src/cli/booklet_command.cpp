// `sigap booklet SCENARIO --html FILE`
// Writes the review booklet of one scenario (a file, or a bundled scenario's id): a printable
// HTML document for a subject-matter or legal reviewer (src/engine/booklet.h).
// Exit: 0 written; 1 the scenario has errors or its catalogue is missing; 2 usage or I/O error.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "booklet.h"
#include "cli_commands.h"
#include "explore.h"
#include "file_io.h"
#include "library.h"
#include "paths.h"
#include "platform/utf8_path.h"

namespace sigap::cli {

namespace {

int Usage(const std::string& problem) {
  std::fprintf(stderr, "sigap booklet: %s\nusage: sigap booklet SCENARIO --html FILE\n", problem.c_str());
  return 2;
}

}  // namespace

int RunBooklet(const std::vector<std::string>& args) {
  std::string scenario_arg, html;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& k = args[i];
    if (k == "--html") {
      if (i + 1 >= args.size()) return Usage("--html needs a file name");
      html = args[++i];
    } else if (!k.empty() && k[0] == '-') {
      return Usage("unknown option '" + k + "'");
    } else if (scenario_arg.empty()) {
      scenario_arg = k;
    } else {
      return Usage("name one scenario (a file or a bundled scenario's id), not '" + k + "' as well");
    }
  }
  if (scenario_arg.empty()) return Usage("name a scenario: a file or a bundled scenario's id");
  if (html.empty()) return Usage("--html FILE is required: where to write the booklet");

  std::error_code ec;
  const bool is_file = std::filesystem::is_regular_file(platform::PathFromUtf8(scenario_arg), ec);
  // A file is loaded with the catalogue and guide beside it; an id from the bundled scenarios.
  std::string folder = platform::PathToUtf8(platform::PathFromUtf8(scenario_arg).parent_path());
  ContentLibrary lib = LoadLibrary({is_file ? (folder.empty() ? std::string(".") : folder) : ScenariosDir()});
  std::shared_ptr<const Scenario> scenario;
  if (is_file) {
    for (const auto& f : lib.files)
      if (std::filesystem::equivalent(platform::PathFromUtf8(f.path), platform::PathFromUtf8(scenario_arg), ec)) {
        for (const auto& d : f.diagnostics)
          if (d.severity == Severity::Error) std::cerr << FormatDiagnostic(d) << "\n";
        scenario = f.scenario;
        if (!scenario) {
          std::fprintf(stderr, "sigap booklet: %s is not a valid scenario; fix the errors above (sigap validate)\n", scenario_arg.c_str());
          return 1;
        }
      }
  } else {
    scenario = lib.FindScenario(scenario_arg);
  }
  if (!scenario) {
    std::fprintf(stderr, "sigap booklet: '%s' is neither a scenario file nor a bundled scenario's id\n", scenario_arg.c_str());
    return is_file ? 1 : 2;
  }
  auto catalogue = CatalogueFor(lib, *scenario);
  if (!catalogue) {
    std::fprintf(stderr, "sigap booklet: SOP catalogue '%s' not found; put its file beside the scenario\n", scenario->sop_catalogue.c_str());
    return 1;
  }
  if (std::filesystem::equivalent(platform::PathFromUtf8(html), platform::PathFromUtf8(scenario->path), ec)) {
    std::fprintf(stderr, "sigap booklet: '%s' is the scenario itself; write the booklet to another file\n", html.c_str());
    return 2;
  }
  std::string error;
  if (!WriteFileDurably(html, ReviewBookletHtml(*scenario, *catalogue, lib.FindGuide(scenario->id).get()), error)) {
    std::fprintf(stderr, "sigap booklet: %s\n", error.c_str());
    return 2;
  }
  std::printf("Buku tinjauan ditulis / review booklet written: %s (%d nodes, %d decisions)\n", html.c_str(),
              static_cast<int>(scenario->nodes.size()), scenario->DecisionCount());
  return 0;
}

}  // namespace sigap::cli
