#include "session.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "hash.h"

namespace sigap {

const char* SessionStateName(SessionState s) {
  switch (s) {
    case SessionState::AtScene: return "at_scene";
    case SessionState::AwaitingChoice: return "awaiting_choice";
    case SessionState::AwaitingChecklist: return "awaiting_checklist";
    case SessionState::Ended: return "ended";
  }
  return "?";
}

const char* ModeName(Mode m) { return m == Mode::Assessment ? "assessment" : "training"; }

std::optional<Mode> ParseMode(const std::string& s) {
  if (s == "training") return Mode::Training;
  if (s == "assessment") return Mode::Assessment;
  return std::nullopt;
}

std::string NewSessionId() {
  std::random_device rd;
  std::string out;
  static const char* hex = "0123456789abcdef";
  for (int i = 0; i < 4; ++i) {
    std::uint32_t v = rd();
    for (int k = 0; k < 8; ++k) out += hex[(v >> (4 * k)) & 0xF];
  }
  return out;
}

std::int64_t NewSessionSeed() {
  std::random_device rd;
  std::int64_t seed = static_cast<std::int64_t>(((static_cast<std::uint64_t>(rd()) << 32) | rd()) % 2147483646u) + 1;
  return seed;
}

bool Evaluate(const Condition& c, const std::map<std::string, double>& values, const std::map<std::string, double>* counters) {
  auto lookup = [&](const std::string& var) -> double {
    if (counters) {
      if (auto it = counters->find(var); it != counters->end()) return it->second;
    }
    auto it = values.find(var);
    return it == values.end() ? 0.0 : it->second;
  };
  switch (c.kind) {
    case Condition::Kind::Flag: return lookup(c.var) != 0;
    case Condition::Kind::Not: return !Evaluate(c.children.at(0), values, counters);
    case Condition::Kind::All:
      return std::all_of(c.children.begin(), c.children.end(), [&](const Condition& ch) { return Evaluate(ch, values, counters); });
    case Condition::Kind::Any:
      return std::any_of(c.children.begin(), c.children.end(), [&](const Condition& ch) { return Evaluate(ch, values, counters); });
    case Condition::Kind::Compare: {
      double lhs = lookup(c.var);
      double rhs = std::holds_alternative<bool>(c.value) ? (std::get<bool>(c.value) ? 1.0 : 0.0) : std::get<double>(c.value);
      return Compare(lhs, c.op, rhs);
    }
  }
  return false;
}

bool ItemRight(const ChecklistItem& item, const std::map<std::string, double>& values) {
  return item.correct_if ? Evaluate(*item.correct_if, values) : item.correct;
}

Session::Session(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const SopCatalogue> catalogue, SessionInfo info)
    : scenario_(std::move(scenario)), catalogue_(std::move(catalogue)), info_(std::move(info)) {
  for (const auto& v : scenario_->variables) values_[v.id] = v.initial;
  Enter(scenario_->start);
}

void Session::Enter(const std::string& node_id) {
  node_ = scenario_->FindNode(node_id);
  path_.push_back(node_id);
  // Once per entry, before anything at the node is shown or evaluated: its text variants, choice
  // conditions, timer and routes all see the values after them.
  ApplyEffects(node_->on_enter);
  switch (node_->type) {
    case Node::Type::Scene: state_ = SessionState::AtScene; break;
    case Node::Type::Ending: state_ = SessionState::Ended; break;
    case Node::Type::Decision:
      state_ = node_->decision->kind == Decision::Kind::Checklist ? SessionState::AwaitingChecklist : SessionState::AwaitingChoice;
      break;
  }
}

const Node& Session::CurrentNode() const { return *node_; }

const LocalText& Session::CurrentText() const {
  for (const auto& v : node_->text_if)
    if (Evaluate(v.when, values_)) return v.text;
  return node_->text;
}

const LocalText& Session::ChoiceText(const Choice& choice) const {
  for (const auto& v : choice.text_if)
    if (Evaluate(v.when, values_)) return v.text;
  return choice.text;
}

namespace {
// Deterministic per session seed and node, independent of history, so replays show the same order.
template <typename T>
void ShuffleForSession(std::vector<T>& v, std::int64_t seed, const std::string& node) {
  // SplitMix64: a few instructions per draw and no state to seed (a std::mt19937_64 costs 312
  // words of set-up on every call, which `sigap explore` makes hundreds of thousands of).
  std::uint64_t x = static_cast<std::uint64_t>(seed) ^ (static_cast<std::uint64_t>(Crc32(node)) << 21);
  auto next = [&x] {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[next() % i]);
}
}  // namespace

std::vector<const Choice*> Session::AvailableChoices() const {
  std::vector<const Choice*> out;
  if (state_ != SessionState::AwaitingChoice) return out;
  for (const auto& c : node_->decision->choices)
    if (!c.when || Evaluate(*c.when, values_)) out.push_back(&c);
  if (node_->decision->shuffle) ShuffleForSession(out, info_.seed, node_->id);
  return out;
}

std::vector<const ChecklistItem*> Session::ChecklistItems() const {
  std::vector<const ChecklistItem*> out;
  if (state_ != SessionState::AwaitingChecklist) return out;
  for (const auto& it : node_->decision->items) out.push_back(&it);
  if (node_->decision->shuffle) ShuffleForSession(out, info_.seed, node_->id);
  return out;
}

std::vector<std::string> Session::ShownOptions() const {
  std::vector<std::string> out;
  for (const Choice* c : AvailableChoices()) out.push_back(c->id);
  for (const ChecklistItem* i : ChecklistItems()) out.push_back(i->id);
  return out;
}

std::optional<int> Session::TimerSeconds() const {
  if (!node_->decision || !node_->decision->timer || state_ == SessionState::Ended) return std::nullopt;
  const Timer& t = *node_->decision->timer;
  for (const auto& o : t.seconds_if)
    if (Evaluate(o.when, values_)) return o.seconds;
  return t.seconds;
}

std::optional<Problem> Session::Continue() {
  if (state_ != SessionState::AtScene)
    return Problem{"ENG001", std::string("Continue is only possible on a scene; the session is ") + SessionStateName(state_), {SessionStateName(state_)}};
  // A scene changes nothing but by its "on_enter" effects, so a loop of scenes either changes the
  // values on its way (and may open) or comes back to a node with the values it had there: then
  // it repeats for ever. Refuse rather than spin (issue 18.1). Until the scenes in a row outnumber
  // the nodes no state can repeat, so nothing is recorded.
  if (scene_advances_ >= scenario_->nodes.size()) {
    auto here = std::make_pair(node_, values_);
    if (std::find(scene_trail_.begin(), scene_trail_.end(), here) != scene_trail_.end())
      return Problem{"ENG014",
                     "the story goes round its scenes without ever reaching a decision or an ending (at \"" + node_->id +
                         "\"); the scenario has a loop whose way out never opens: its author should run sigap validate (SCN080)",
                     {node_->id}};
    scene_trail_.push_back(std::move(here));
  }
  ++scene_advances_;
  Enter(Route(node_->next, {}));
  return std::nullopt;
}

const std::string& Session::Route(const std::vector<sigap::Route>& routes, const std::map<std::string, double>& counters) const {
  for (const auto& r : routes)
    if (!r.when || Evaluate(*r.when, values_, &counters)) return r.to;
  return routes.back().to;  // the loader guarantees an unconditional last route
}

void Session::ApplyEffects(const std::vector<Effect>& effects) {
  for (const auto& e : effects) {
    double& v = values_[e.var];
    const Variable* var = scenario_->FindVariable(e.var);
    switch (e.kind) {
      case Effect::Kind::SetFlag: v = e.flag ? 1 : 0; break;
      case Effect::Kind::Set: v = e.number; break;
      case Effect::Kind::Add: v += e.number; break;
    }
    if (var) v = std::clamp(v, var->min, var->max);
  }
}

std::variant<DecisionRecord, Problem> Session::PrepareChoice(const std::string& choice_id, std::int64_t elapsed_ms, std::int64_t at_ms) const {
  if (state_ != SessionState::AwaitingChoice)
    return Problem{"ENG002", std::string("no single-choice decision is waiting; the session is ") + SessionStateName(state_),
                   {SessionStateName(state_)}};
  auto available = AvailableChoices();
  auto it = std::find_if(available.begin(), available.end(), [&](const Choice* c) { return c->id == choice_id; });
  if (it == available.end()) {
    std::string ids;
    for (const Choice* c : available) ids += (ids.empty() ? "" : ", ") + c->id;
    return Problem{"ENG003", "\"" + choice_id + "\" is not an available choice at " + node_->id + "; available: " + ids,
                   {choice_id, node_->id, ids}};
  }
  DecisionRecord r;
  r.node = node_->id;
  r.choice = choice_id;
  r.shown = ShownOptions();
  r.elapsed_ms = std::max<std::int64_t>(0, elapsed_ms);
  r.at_ms = std::max<std::int64_t>(0, at_ms);
  return r;
}

std::variant<DecisionRecord, Problem> Session::PrepareChecklist(const std::vector<std::string>& ticked, std::int64_t elapsed_ms, std::int64_t at_ms) const {
  if (state_ != SessionState::AwaitingChecklist)
    return Problem{"ENG002", std::string("no checklist is waiting; the session is ") + SessionStateName(state_),
                   {SessionStateName(state_)}};
  DecisionRecord r;
  r.node = node_->id;
  r.checklist = true;
  r.shown = ShownOptions();
  r.elapsed_ms = std::max<std::int64_t>(0, elapsed_ms);
  r.at_ms = std::max<std::int64_t>(0, at_ms);
  for (const auto& id : ticked) {
    bool known = std::any_of(node_->decision->items.begin(), node_->decision->items.end(), [&](const ChecklistItem& i) { return i.id == id; });
    if (!known) {
      std::string ids;
      for (const auto& i : node_->decision->items) ids += (ids.empty() ? "" : ", ") + i.id;
      return Problem{"ENG004", "\"" + id + "\" is not an item of the checklist at " + node_->id + "; items: " + ids,
                     {id, node_->id, ids}};
    }
    if (std::find(r.items.begin(), r.items.end(), id) != r.items.end())
      return Problem{"ENG005", "item \"" + id + "\" is ticked twice", {id}};
    r.items.push_back(id);
  }
  // Canonical order: the scenario's order, so equal selections give equal records.
  std::vector<std::string> ordered;
  for (const auto& i : node_->decision->items)
    if (std::find(r.items.begin(), r.items.end(), i.id) != r.items.end()) ordered.push_back(i.id);
  r.items = std::move(ordered);
  return r;
}

std::variant<DecisionRecord, Problem> Session::PrepareTimeout(std::int64_t elapsed_ms, std::int64_t at_ms,
                                                              const std::vector<std::string>& selected) const {
  if (!TimerSeconds()) return Problem{"ENG006", "the current decision has no timer", {}};
  if (state_ == SessionState::AwaitingChecklist) {
    auto r = PrepareChecklist(selected, elapsed_ms, at_ms);
    if (auto* rec = std::get_if<DecisionRecord>(&r)) {
      rec->timed_out = true;
      rec->unconfirmed = !rec->items.empty();
    }
    return r;
  }
  if (selected.size() > 1) return Problem{"ENG012", "a single-choice decision has one answer, not " + std::to_string(selected.size()),
                                                 {std::to_string(selected.size())}};
  if (selected.size() == 1) {
    // The team's selection is their answer, even though the clock ran out before they confirmed.
    auto r = PrepareChoice(selected.front(), elapsed_ms, at_ms);
    if (auto* rec = std::get_if<DecisionRecord>(&r)) rec->timed_out = rec->unconfirmed = true;
    return r;
  }
  if (node_->decision->Timeout()) {
    // The timer's own outcome: no option was taken, so the record names none.
    DecisionRecord r;
    r.node = node_->id;
    r.shown = ShownOptions();
    r.timed_out = true;
    r.elapsed_ms = std::max<std::int64_t>(0, elapsed_ms);
    r.at_ms = std::max<std::int64_t>(0, at_ms);
    return r;
  }
  const std::string& def = node_->decision->timer->default_choice;
  auto r = PrepareChoice(def, elapsed_ms, at_ms);
  if (auto* rec = std::get_if<DecisionRecord>(&r)) rec->timed_out = true;
  else return Problem{"ENG007", "the timeout default \"" + def + "\" is not available here (its condition does not hold)",
                        {def, node_->id}};
  return r;
}

std::variant<DecisionRecord, Problem> Session::PrepareAnswer(const Answer& answer, std::int64_t elapsed_ms, std::int64_t at_ms) const {
  if (answer.timed_out) return PrepareTimeout(elapsed_ms, at_ms, answer.ids);
  if (state_ == SessionState::AwaitingChecklist) return PrepareChecklist(answer.ids, elapsed_ms, at_ms);
  if (state_ == SessionState::AwaitingChoice && answer.ids.size() != 1)
    return Problem{"ENG012", "a single-choice decision has one answer, not " + std::to_string(answer.ids.size()),
                   {std::to_string(answer.ids.size())}};
  return PrepareChoice(answer.ids.empty() ? std::string() : answer.ids.front(), elapsed_ms, at_ms);
}

std::optional<Problem> Session::Apply(const DecisionRecord& record) {
  // Pass through scenes until the recorded node (logs record decisions only).
  std::size_t guard = scenario_->nodes.size() + 1;
  auto saved_path_len = path_.size();
  const Node* saved_node = node_;
  SessionState saved_state = state_;
  const std::size_t saved_advances = scene_advances_;
  // Scenes passed on the way may change values (their "on_enter"), which a refusal undoes too.
  // Copied only when there is a scene to pass: the common case pays nothing.
  std::optional<std::map<std::string, double>> saved_values;
  std::optional<std::vector<std::pair<const Node*, std::map<std::string, double>>>> saved_trail;
  if (state_ == SessionState::AtScene && node_->id != record.node) {
    saved_values = values_;
    saved_trail = scene_trail_;
  }
  while (state_ == SessionState::AtScene && node_->id != record.node && guard-- > 0)
    if (Continue()) break;
  auto restore = [&](Problem r) -> std::optional<Problem> {
    path_.resize(saved_path_len);
    node_ = saved_node;
    state_ = saved_state;
    scene_advances_ = saved_advances;
    if (saved_values) values_ = std::move(*saved_values);
    if (saved_trail) scene_trail_ = std::move(*saved_trail);
    return r;
  };
  if (node_->id != record.node)
    return restore(Problem{"ENG008", "the record is for node \"" + record.node + "\" but the session is at \"" + node_->id + "\"",
                                   {record.node, node_->id}});
  // A timeout into the timer's own outcome names no choice; any other record names an option.
  const TimeoutOutcome* timeout = !record.checklist && record.timed_out && !record.unconfirmed && node_->decision
                                      ? node_->decision->Timeout() : nullptr;
  if (timeout && !record.choice.empty())
    return restore(Problem{"ENG007", "a timeout was recorded with \"" + record.choice + "\", but at " + node_->id +
                                         " time running out has its own outcome, not a choice", {record.choice, node_->id}});
  auto prepared = timeout ? PrepareTimeout(record.elapsed_ms, record.at_ms)
                  : record.checklist ? PrepareChecklist(record.items, record.elapsed_ms, record.at_ms)
                                     : PrepareChoice(record.choice, record.elapsed_ms, record.at_ms);
  if (auto* refusal = std::get_if<Problem>(&prepared)) return restore(*refusal);
  if (record.timed_out && !TimerSeconds()) return restore(Problem{"ENG006", "a timeout was recorded for an untimed decision", {}});
  if (record.unconfirmed && !record.timed_out)
    return restore(Problem{"ENG013", "a decision is recorded as unconfirmed although the clock did not run out", {}});
  // A single-choice timeout with nothing selected takes the default; a record claiming otherwise
  // was not a timeout.
  if (record.timed_out && !record.checklist && !record.unconfirmed && record.choice != node_->decision->timer->default_choice)
    return restore(Problem{"ENG007", "a timeout was recorded with \"" + record.choice + "\", but the timeout default at " + node_->id +
                                         " is \"" + node_->decision->timer->default_choice + "\"", {}});

  const Decision& d = *node_->decision;
  std::map<std::string, double> counters;
  if (timeout) {
    ApplyEffects(timeout->effects);
    for (const auto& o : d.outcomes)
      if (!o.when || Evaluate(*o.when, values_)) ApplyEffects(o.effects);
    history_.push_back(record);
    scene_advances_ = 0;
    scene_trail_.clear();
    Enter(Route(timeout->next, counters));
    return std::nullopt;
  }
  if (!record.checklist) {
    const Choice* choice = d.FindChoice(record.choice);
    ApplyEffects(choice->effects);
    for (const auto& o : d.outcomes)
      if (!o.when || Evaluate(*o.when, values_)) ApplyEffects(o.effects);
    history_.push_back(record);
    scene_advances_ = 0;
    scene_trail_.clear();
    Enter(Route(choice->next, counters));
    return std::nullopt;
  }
  double hits = 0, misses = 0, false_alarms = 0;
  // What is right to tick is judged on the values the team answered with, before any effect.
  std::vector<bool> right;
  right.reserve(d.items.size());
  for (const auto& item : d.items) right.push_back(ItemRight(item, values_));
  for (std::size_t i = 0; i < d.items.size(); ++i) {
    const ChecklistItem& item = d.items[i];
    bool ticked = std::find(record.items.begin(), record.items.end(), item.id) != record.items.end();
    if (ticked) ApplyEffects(item.effects);
    if (right[i] && ticked) { ++hits; ApplyEffects(d.per_hit); }
    else if (right[i]) { ++misses; ApplyEffects(d.per_miss); }
    else if (ticked) { ++false_alarms; ApplyEffects(d.per_false_alarm); }
  }
  counters = {{"$hits", hits}, {"$misses", misses}, {"$false_alarms", false_alarms}};
  for (const auto& o : d.outcomes)
    if (!o.when || Evaluate(*o.when, values_, &counters)) ApplyEffects(o.effects);
  history_.push_back(record);
  scene_advances_ = 0;
  scene_trail_.clear();
  Enter(Route(d.next, counters));
  return std::nullopt;
}

double Session::Value(const std::string& var) const {
  auto it = values_.find(var);
  return it == values_.end() ? 0.0 : it->second;
}

const Outcome* Session::EndingOutcome() const {
  return state_ == SessionState::Ended && node_->outcome ? &*node_->outcome : nullptr;
}

nlohmann::json Session::ToJson() const {
  nlohmann::json decisions = nlohmann::json::array();
  for (const auto& r : history_) {
    nlohmann::json e{{"node", r.node}, {"elapsed_ms", r.elapsed_ms}, {"at_ms", r.at_ms}, {"timed_out", r.timed_out}};
    if (r.checklist) e["items"] = r.items;
    else e["choice"] = r.choice;
    if (r.unconfirmed) e["unconfirmed"] = true;
    if (!r.shown.empty()) e["shown"] = r.shown;
    decisions.push_back(e);
  }
  return nlohmann::json{{"scenario", scenario_->id}, {"scenario_hash", scenario_->content_hash},
                        {"session", info_.session_id}, {"team", info_.team}, {"members", info_.members}, {"laptop", info_.laptop},
                        {"lang", LangCode(info_.lang)}, {"mode", ModeName(info_.mode)}, {"seed", info_.seed},
                        {"started", info_.started_utc}, {"app", info_.app_version}, {"decisions", decisions},
                        {"node", node_->id}, {"state", SessionStateName(state_)}};
}

std::variant<Session, Problem> Session::FromJson(const nlohmann::json& j, std::shared_ptr<const Scenario> scenario,
                                                 std::shared_ptr<const SopCatalogue> catalogue) {
  try {
    if (j.at("scenario").get<std::string>() != scenario->id) return Problem{"ENG009", "the saved session is for another scenario", {}};
    SessionInfo info;
    info.session_id = j.at("session").get<std::string>();
    info.team = j.at("team").get<std::string>();
    info.members = j.value("members", "");
    info.laptop = j.value("laptop", "");
    info.lang = ParseLang(j.value("lang", "id")).value_or(Lang::Id);
    info.mode = ParseMode(j.value("mode", "training")).value_or(Mode::Training);
    info.seed = j.value("seed", std::int64_t{1});
    info.started_utc = j.value("started", "");
    info.app_version = j.value("app", "");
    Session s(std::move(scenario), std::move(catalogue), info);
    for (const auto& e : j.at("decisions")) {
      DecisionRecord r;
      r.node = e.at("node").get<std::string>();
      r.elapsed_ms = e.value("elapsed_ms", std::int64_t{0});
      r.at_ms = e.value("at_ms", std::int64_t{0});
      r.timed_out = e.value("timed_out", false);
      r.unconfirmed = e.value("unconfirmed", false);
      if (e.contains("shown")) r.shown = e["shown"].get<std::vector<std::string>>();
      if (e.contains("items")) { r.checklist = true; r.items = e["items"].get<std::vector<std::string>>(); }
      else r.choice = e.at("choice").get<std::string>();
      if (auto refusal = s.Apply(r)) return *refusal;
    }
    std::string at = j.value("node", s.CurrentNode().id);
    std::size_t guard = s.scenario().nodes.size() + 1;
    while (s.state() == SessionState::AtScene && s.CurrentNode().id != at && guard-- > 0) s.Continue();
    // The decisions and scenes must lead to the saved node; anything else is not this session.
    if (s.CurrentNode().id != at)
      return Problem{"ENG010", "the saved session stands at \"" + at + "\", but its decisions lead to \"" + s.CurrentNode().id + "\"",
                     {at, s.CurrentNode().id}};
    return s;
  } catch (const nlohmann::json::exception& e) {
    return Problem{"ENG010", std::string("the saved session is malformed: ") + e.what(), {}};
  }
}

}  // namespace sigap
