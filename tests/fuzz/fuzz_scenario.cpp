// libFuzzer target: the scenario / SOP catalogue loader and validator on arbitrary bytes.
// Each input is loaded as a file on its own and again with the bundled SOP catalogue, so the
// scenario-against-catalogue checks run. What loads cleanly must round-trip through its
// canonical JSON and play to an ending; a catalogue that loads is used to validate and play
// the bundled scenarios. Bad input must give diagnostics, never a crash.
#include <filesystem>

#include "fuzz_support.h"

namespace {

using namespace sigap;
using sigap::fuzz::CheckDiagnostics;

struct BundledText {
  std::string path, text;
};

const std::vector<BundledText>& BundledScenarioTexts() {
  static const std::vector<BundledText> texts = [] {
    std::vector<BundledText> out;
    for (const auto& f : sigap::fuzz::BundledLibrary().files) {
      if (f.kind != FileKind::Scenario) continue;
      std::string text, error;
      if (ReadFileToString(f.path, text, error)) out.push_back({f.path, std::move(text)});
    }
    return out;
  }();
  return texts;
}

void CheckLoaded(const LoadedFile& f) {
  CheckDiagnostics(f.diagnostics);
  if (f.ok()) SIGAP_FUZZ_CHECK(f.errors == 0);
  std::size_t errors = 0;
  for (const auto& d : f.diagnostics) errors += d.severity == Severity::Error;
  if (f.errors > 0) SIGAP_FUZZ_CHECK(errors > 0);  // an error count always comes with its message
  if (f.scenario) SIGAP_FUZZ_CHECK(f.kind == FileKind::Scenario);
  if (f.catalogue) SIGAP_FUZZ_CHECK(f.kind == FileKind::Catalogue);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ContentLibrary& lib = sigap::fuzz::BundledLibrary();
  const auto catalogue = lib.FindCatalogue("sop-tppo");
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string_view choice_bytes = text.substr(text.size() > 64 ? text.size() - 64 : 0);

  LoadedFile alone = LoadFromText("fuzz.json", text);
  CheckLoaded(alone);
  LoadedFile with = LoadFromText("fuzz.json", text, catalogue.get());
  CheckLoaded(with);

  if (with.ok() && with.scenario) {
    // Canonical form round trip: ToJson is the inverse of loading.
    std::string canonical = ToJson(*with.scenario).dump(2);
    LoadedFile again = LoadFromText("fuzz-canonical.json", canonical, catalogue.get());
    CheckLoaded(again);
    SIGAP_FUZZ_CHECK(again.ok() && again.scenario);
    SIGAP_FUZZ_CHECK(*again.scenario == *with.scenario);
    sigap::fuzz::PlayThrough(with.scenario, catalogue, choice_bytes);
  }
  if (alone.ok() && alone.catalogue) {
    std::string canonical = ToJson(*alone.catalogue).dump(2);
    LoadedFile again = LoadFromText("fuzz-canonical.json", canonical);
    CheckLoaded(again);
    SIGAP_FUZZ_CHECK(again.ok() && again.catalogue);
    SIGAP_FUZZ_CHECK(ToJson(*again.catalogue) == ToJson(*alone.catalogue));
    // A changed catalogue: the bundled scenarios are validated against it and, when they
    // still pass, played and scored with its weights.
    for (const auto& b : BundledScenarioTexts()) {
      LoadedFile s = LoadFromText(b.path, b.text, alone.catalogue.get());
      CheckLoaded(s);
      if (s.ok() && s.scenario) sigap::fuzz::PlayThrough(s.scenario, alone.catalogue, choice_bytes);
    }
  }
  return 0;
}
