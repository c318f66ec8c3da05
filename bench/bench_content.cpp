#include "bench_content.h"

#include <cstdio>
#include <optional>
#include <random>

#include "recorded_session.h"
#include "scoring.h"
#include "session_log.h"

namespace sigap::bench {

using nlohmann::json;

namespace {

json Text(const std::string& id, const std::string& en) { return json{{"id", id}, {"en", en}}; }

std::string NodeId(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "n%05d", i);
  return buf;
}

}  // namespace

std::string GenerateScenario(int nodes, const SopCatalogue& catalogue, std::uint32_t seed) {
  std::mt19937 rng(seed);
  const int endings = 3;
  const int body = std::max(nodes - endings, 5);
  std::vector<const SopStep*> plain, critical;
  for (const auto& st : catalogue.steps) (st.critical ? critical : plain).push_back(&st);
  std::vector<std::string> assesses;
  for (std::size_t i = 0; i < plain.size() && i < 10; ++i) assesses.push_back(plain[i]->id);
  std::size_t tag_cursor = 0;
  auto next_step = [&]() -> const std::string& { return assesses[tag_cursor++ % assesses.size()]; };

  auto target = [&](int i) { return i < body ? NodeId(i) : "end" + std::to_string(1 + (i - body) % endings); };
  auto narration = [&](int i) {
    return Text("Adegan " + std::to_string(i) + ": tim mendengarkan keterangan saksi dan mencatat hal-hal yang janggal.",
                "Scene " + std::to_string(i) + ": the team listens to the witness and notes what does not add up.");
  };

  json out_nodes = json::array();
  for (int i = 0; i < body; ++i) {
    json n{{"id", NodeId(i)}, {"title", Text("Bagian " + std::to_string(i), "Part " + std::to_string(i))}, {"text", narration(i)}};
    const int kind = i == body - 1 ? 4 : i % 5;  // scene, decision, scene, timed decision or checklist, scene
    if (kind == 0 || kind == 2 || kind == 4) {
      n["type"] = "scene";
      if (i % 7 == 0) n["lines"] = json::array({json{{"speaker", "saksi"}, {"text", Text("Saya tidak tahu apa-apa.", "I don't know anything.")}}});
      if (i % 11 == 0) n["next"] = json::array({json{{"if", json{{"flag", "alert"}}}, {"to", target(i + 1)}}, json{{"to", target(i + 1)}}});
      else if (i == body - 1)  // the last scene leads to every ending, by the story so far
        n["next"] = json::array({json{{"if", json{{"flag", "alert"}}}, {"to", "end3"}},
                                 json{{"if", json{{"var", "trust"}, {"op", "<"}, {"value", 4}}}, {"to", "end2"}}, json{{"to", "end1"}}});
      else n["next"] = target(i + 1);
    } else if (kind == 1 || (kind == 3 && (i / 5) % 2 == 0)) {
      n["type"] = "decision";
      json choices = json::array();
      const std::string step = next_step();
      choices.push_back(json{{"id", "a"}, {"text", Text("Wawancarai secara terpisah.", "Interview separately.")},
                             {"sop", json{{step, "follows"}}}, {"effects", json{{"trust", 1}}},
                             {"feedback", Text("Tepat: ini sesuai SOP.", "Right: this follows the SOP.")}, {"source", "UU21 Ps 1"},
                             {"next", target(i + 1)}});
      choices.push_back(json{{"id", "b"}, {"text", Text("Minta pendamping ikut masuk.", "Let the companion come in.")},
                             {"if", json{{"var", "trust"}, {"op", ">="}, {"value", 2 + static_cast<int>(rng() % 3)}}},
                             {"sop", json{{step, "violates"}}}, {"effects", json{{"trust", -1}, {"alert", true}}},
                             {"feedback", Text("Pendamping bisa jadi calo.", "The companion may be the recruiter.")}, {"source", "UU21 Ps 1"},
                             {"next", target(i + 2)}});
      choices.push_back(json{{"id", "c"}, {"text", Text("Tunda dan laporkan.", "Wait and report.")},
                             {"sop", json{{step, "follows"}}}, {"effects", json{{"trust", json{{"set", 5}}}}},
                             {"feedback", Text("Masuk akal.", "Reasonable.")}, {"source", "UU21 Ps 1"},
                             {"next", json::array({json{{"if", json{{"var", "trust"}, {"op", "<"}, {"value", 3}}}, {"to", target(i + 1)}},
                                                   json{{"to", target(i + 1)}}})}});
      json d{{"kind", "single"}, {"prompt", Text("Apa yang Anda lakukan?", "What do you do?")}, {"choices", choices}};
      if (kind == 3) d["timer"] = json{{"seconds", 30 + static_cast<int>(rng() % 60)}, {"default", "c"}};
      n["decision"] = d;
    } else {
      n["type"] = "decision";
      const std::string step = next_step();
      json items = json::array();
      for (int k = 0; k < 4; ++k) {
        bool correct = k < 2;
        items.push_back(json{{"id", "i" + std::to_string(k)}, {"text", Text("Indikator " + std::to_string(k), "Indicator " + std::to_string(k))},
                             {"correct", correct}, {"sop", json{{step, correct ? "follows" : "violates"}}}});
      }
      n["decision"] = json{{"kind", "checklist"}, {"prompt", Text("Mana indikator TPPO?", "Which are trafficking indicators?")},
                           {"items", items}, {"timer", json{{"seconds", 60}}},
                           {"outcomes", json::array({json{{"if", json{{"var", "$hits"}, {"op", ">="}, {"value", 2}}}, {"effects", json{{"trust", 1}}}}})},
                           {"per_false_alarm", json{{"trust", -1}}},
                           {"feedback", Text("Dua indikator benar.", "Two indicators are right.")}, {"source", "UU21 Ps 1"},
                           {"next", target(i + 1)}};
    }
    out_nodes.push_back(n);
  }
  const char* ratings[] = {"good", "mixed", "bad"};
  for (int e = 1; e <= endings; ++e) {
    out_nodes.push_back(json{{"id", "end" + std::to_string(e)}, {"type", "ending"}, {"title", Text("Akhir " + std::to_string(e), "Ending " + std::to_string(e))},
                             {"text", Text("Cerita selesai.", "The story ends.")},
                             {"outcome", json{{"id", "e" + std::to_string(e)}, {"label", Text("Hasil " + std::to_string(e), "Outcome " + std::to_string(e))},
                                              {"rating", ratings[e - 1]}, {"debrief", Text("Bahas hasil ini.", "Discuss this outcome.")}}}});
  }
  json s{{"format", 1}, {"type", "scenario"}, {"id", "bench-" + std::to_string(nodes)},
         {"title", Text("Skenario uji beban", "Load-test scenario")}, {"kind", "other"},
         {"place", Text("Tempat rekaan", "A made-up place")}, {"minutes", 240}, {"languages", json::array({"id", "en"})},
         {"summary", Text("Dibuat otomatis untuk mengukur kecepatan.", "Generated to measure speed.")},
         {"role", Text("Anda adalah tim uji.", "You are the test team.")},
         {"content_warning", Text("Tidak ada.", "None.")}, {"fictional", true}, {"sop_catalogue", catalogue.id},
         {"assesses", assesses}, {"seed", seed},
         {"variables", json::array({json{{"id", "trust"}, {"type", "number"}, {"initial", 3}, {"min", 0}, {"max", 10},
                                         {"label", Text("Kepercayaan", "Trust")}, {"show", true}},
                                    json{{"id", "alert"}, {"type", "flag"}, {"initial", false}}})},
         {"characters", json::array({json{{"id", "saksi"}, {"name", "Saksi"}, {"role", Text("Saksi", "Witness")}}})},
         {"start", NodeId(0)}, {"nodes", out_nodes}};
  return s.dump(2) + "\n";
}

std::string GenerateSessionLog(const std::shared_ptr<const Scenario>& scenario, const std::shared_ptr<const SopCatalogue>& catalogue,
                               const std::string& team, std::uint32_t seed, bool finish) {
  std::mt19937 rng(seed);
  SessionInfo info;
  char id[40];
  std::snprintf(id, sizeof id, "%08x%08x%08x%08x", seed, static_cast<unsigned>(rng()), static_cast<unsigned>(rng()), static_cast<unsigned>(rng()));
  info.session_id = id;
  info.team = team;
  info.seed = seed;
  info.app_version = "bench";
  char started[32];
  std::snprintf(started, sizeof started, "2026-05-12T%02u:%02u:00Z", 1 + seed % 8, seed % 60);
  info.started_utc = started;
  Session s(scenario, catalogue, info);
  std::string text = EncodeLogRecord(MakeLogHeader(info, *scenario, *catalogue), 0);
  std::int64_t seq = 1, at = 0;
  const std::size_t stop = finish ? SIZE_MAX : 3 + seed % 5;
  while (s.state() != SessionState::Ended && s.History().size() < stop) {
    if (s.state() == SessionState::AtScene) { s.Continue(); continue; }
    at += 5000 + rng() % 60000;
    std::optional<DecisionRecord> record;
    if (s.state() == SessionState::AwaitingChoice) {
      auto choices = s.AvailableChoices();
      if (s.TimerSeconds() && rng() % 6 == 0) {
        auto timeout = s.PrepareTimeout(*s.TimerSeconds() * 1000, at);
        if (auto* r = std::get_if<DecisionRecord>(&timeout)) record = *r;
      }
      if (!record) record = std::get<DecisionRecord>(s.PrepareChoice(choices[rng() % choices.size()]->id, 4000 + rng() % 50000, at));
    } else {
      std::vector<std::string> ticked;
      for (const auto* item : s.ChecklistItems())
        if (rng() % 2) ticked.push_back(item->id);
      record = std::get<DecisionRecord>(s.PrepareChecklist(ticked, 8000 + rng() % 50000, at));
    }
    text += EncodeLogRecord(MakeDecisionRecord(*record), seq++);
    if (s.Apply(*record)) break;  // cannot happen: the record was prepared against this state
  }
  if (s.state() == SessionState::Ended)
    text += EncodeLogRecord(MakeEndRecord(s, ScoreDecisions(*scenario, *catalogue, s.History()), at), seq++);
  return text;
}

namespace {

// Depth-first over the offered options (checklists: nothing ticked): the first sequence after
// which the session waits at a timed decision, without a scene in between (the GUI's --choices
// hook does not continue past scenes after the last choice).
bool FindTimed(const Session& s, std::vector<std::string>& choices, int depth) {
  if (!choices.empty() && s.state() != SessionState::AtScene && s.state() != SessionState::Ended && s.TimerSeconds()) return true;
  if (depth == 0 || s.state() == SessionState::Ended) return false;
  Session next = s;
  while (next.state() == SessionState::AtScene) next.Continue();
  std::vector<std::string> options;
  if (next.state() == SessionState::AwaitingChoice)
    for (const Choice* c : next.AvailableChoices()) options.push_back(c->id);
  else if (next.state() == SessionState::AwaitingChecklist)
    options.push_back("-");
  for (const auto& option : options) {
    Session tried = next;
    auto prepared = option == "-" ? tried.PrepareChecklist({}, 1000, 1000) : tried.PrepareChoice(option, 1000, 1000);
    if (!std::holds_alternative<DecisionRecord>(prepared) || tried.Apply(std::get<DecisionRecord>(prepared))) continue;
    choices.push_back(option);
    if (FindTimed(tried, choices, depth - 1)) return true;
    choices.pop_back();
  }
  return false;
}

}  // namespace

std::vector<std::string> ChoicesToFirstTimedDecision(const std::shared_ptr<const Scenario>& scenario,
                                                     const std::shared_ptr<const SopCatalogue>& catalogue, bool& found) {
  SessionInfo info;
  info.session_id = "bench";
  Session s(scenario, catalogue, info);
  std::vector<std::string> choices;
  found = FindTimed(s, choices, 8);
  if (!found) choices.clear();
  return choices;
}

}  // namespace sigap::bench
