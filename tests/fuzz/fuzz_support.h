// Shared by the libFuzzer targets: the bundled content, loaded once per process, and a
// deterministic walk that plays a loaded scenario to the end.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "file_io.h"
#include "library.h"
#include "scoring.h"
#include "session.h"

namespace sigap::fuzz {

// Stops the run with a message when an invariant the engine promises does not hold.
#define SIGAP_FUZZ_CHECK(cond)                                                                \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (0)

// The bundled scenarios and catalogue ($SIGAP_FUZZ_SCENARIOS, else <source>/scenarios).
inline const ContentLibrary& BundledLibrary() {
  static const ContentLibrary library = [] {
    const char* env = std::getenv("SIGAP_FUZZ_SCENARIOS");
    std::string dir = env && *env ? env : std::string(SIGAP_SOURCE_DIR) + "/scenarios";
    ContentLibrary lib = LoadLibrary({dir});
    if (lib.Scenarios().empty() || !lib.FindCatalogue("sop-tppo")) {
      std::fprintf(stderr, "fuzz: the bundled scenarios were not found in %s\n", dir.c_str());
      std::abort();
    }
    return lib;
  }();
  return library;
}

inline void CheckDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) {
    SIGAP_FUZZ_CHECK(!d.code.empty());
    SIGAP_FUZZ_CHECK(!d.message.empty());
    SIGAP_FUZZ_CHECK(d.pos.line >= 0 && d.pos.column >= 0);
  }
}

// Plays `scenario` to an ending (or `max_steps`), choosing by `choice_bytes`, and scores it.
// A scenario the validator accepted must never make the session refuse its own offers.
inline void PlayThrough(const std::shared_ptr<const Scenario>& scenario, const std::shared_ptr<const SopCatalogue>& catalogue,
                        std::string_view choice_bytes, int max_steps = 300) {
  SessionInfo info;
  info.session_id = "fuzz";
  info.team = "fuzz";
  Session s(scenario, catalogue, info);
  std::size_t k = 0;
  auto next_byte = [&]() -> unsigned { return choice_bytes.empty() ? 0u : static_cast<unsigned char>(choice_bytes[k++ % choice_bytes.size()]); };
  for (int step = 0; step < max_steps && s.state() != SessionState::Ended; ++step) {
    (void)s.CurrentText();
    (void)s.TimerSeconds();
    switch (s.state()) {
      case SessionState::AtScene: SIGAP_FUZZ_CHECK(!s.Continue().has_value()); break;
      case SessionState::AwaitingChoice: {
        auto choices = s.AvailableChoices();
        SIGAP_FUZZ_CHECK(!choices.empty());  // the validator promises a choice is always offered
        unsigned b = next_byte();
        if (b == 255 && s.TimerSeconds()) {
          // The clock runs out: the default is taken unless its condition hides it (refused, no change).
          auto prepared = s.PrepareTimeout(1000, step * 1000);
          if (auto* r = std::get_if<DecisionRecord>(&prepared)) {
            SIGAP_FUZZ_CHECK(!s.Apply(*r).has_value());
            break;
          }
        }
        auto prepared = s.PrepareChoice(choices[b % choices.size()]->id, 1000, step * 1000);
        auto* r = std::get_if<DecisionRecord>(&prepared);
        SIGAP_FUZZ_CHECK(r != nullptr);  // an offered choice is never refused
        SIGAP_FUZZ_CHECK(!s.Apply(*r).has_value());
        break;
      }
      case SessionState::AwaitingChecklist: {
        std::vector<std::string> ticked;
        unsigned mask = next_byte();
        auto items = s.ChecklistItems();
        for (std::size_t i = 0; i < items.size(); ++i)
          if (mask & (1u << (i % 8))) ticked.push_back(items[i]->id);
        auto prepared = s.PrepareChecklist(ticked, 1000, step * 1000);
        auto* r = std::get_if<DecisionRecord>(&prepared);
        SIGAP_FUZZ_CHECK(r != nullptr);
        SIGAP_FUZZ_CHECK(!s.Apply(*r).has_value());
        break;
      }
      case SessionState::Ended: break;
    }
  }
  SessionScore score = ScoreDecisions(*scenario, *catalogue, s.History());
  for (const auto& a : score.axes)
    if (auto p = a.Percent()) SIGAP_FUZZ_CHECK(*p >= 0.0 && *p <= 100.0);
  // The progress round-trips through its own serialisation.
  auto back = Session::FromJson(s.ToJson(), scenario, catalogue);
  SIGAP_FUZZ_CHECK(std::holds_alternative<Session>(back));
  SIGAP_FUZZ_CHECK(std::get<Session>(back).History() == s.History());
}

}  // namespace sigap::fuzz
