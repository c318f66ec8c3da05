// The authored content: SOP catalogues and scenarios. Both are immutable once loaded; play
// progress lives in Session (session.h). See docs/scenario-format.md for the file format.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics.h"

namespace sigap {

inline constexpr int kFormatVersion = 1;

enum class Lang { Id, En };
const char* LangCode(Lang lang);                 // "id" | "en"
std::optional<Lang> ParseLang(const std::string& code);

// A text every reader sees, in Indonesian (primary) and English.
struct LocalText {
  std::string id;
  std::string en;
  const std::string& Get(Lang lang) const { return lang == Lang::En && !en.empty() ? en : id; }
  bool operator==(const LocalText&) const = default;
};

// ---- SOP catalogue ----------------------------------------------------------------------------

struct ScoreAxis {
  std::string id;
  LocalText label;
  LocalText description;
  bool operator==(const ScoreAxis&) const = default;
};

struct SopPhase {
  std::string id;
  LocalText label;
  bool operator==(const SopPhase&) const = default;
};

struct SopStep {
  std::string id;
  std::string phase;
  LocalText label;
  LocalText correct;          // what a correct action looks like
  std::string source;         // law article / guidance, short codes of domain.md
  std::string basis;          // law | guidance | good_practice
  LocalText note;             // caveats (may be empty)
  int weight = 1;             // 1..5
  bool critical = false;      // breaking it can be a never event
  std::vector<std::string> axes;
  bool operator==(const SopStep&) const = default;
};

struct SopCatalogue {
  std::string id;
  std::string version;
  LocalText title;
  std::vector<ScoreAxis> axes;
  std::vector<SopPhase> phases;
  std::vector<SopStep> steps;
  // What the source codes in `source` fields stand for, in words ("TI" → "trauma-informed
  // interviewing guidance"; "UU21" → "Law 21/2007 on trafficking"), so that teams read a source,
  // not a code. Keys are the codes without brackets.
  std::map<std::string, LocalText> sources;
  std::string content_hash;   // SHA-256 of the canonical JSON
  std::string path;           // where it was loaded from (not part of equality)

  const SopStep* FindStep(const std::string& key) const;
  const ScoreAxis* FindAxis(const std::string& key) const;
  const SopPhase* FindPhase(const std::string& key) const;
  // The codes a source text cites, each with its meaning where the catalogue has one:
  // "UU21 Ps 45; [TI]" → {"UU21 Ps 45", text of UU21}, {"[TI]", text of TI}.
  struct SourcePart {
    std::string cited;               // as written
    const LocalText* meaning = nullptr;
  };
  std::vector<SourcePart> ExplainSource(const std::string& source) const;
  bool operator==(const SopCatalogue& o) const {
    return id == o.id && version == o.version && title == o.title && axes == o.axes && phases == o.phases && steps == o.steps &&
           sources == o.sources;
  }
};

// ---- Conditions and effects -----------------------------------------------------------------

enum class CompareOp { Lt, Le, Eq, Ne, Ge, Gt };
const char* CompareOpText(CompareOp op);
// `lhs op rhs` with a tolerance of 1e-9 (values are sums of authored decimals): the one rule the
// engine, the validator and explore evaluate conditions by.
bool Compare(double lhs, CompareOp op, double rhs);

struct Condition {
  enum class Kind { Flag, Compare, All, Any, Not };
  Kind kind = Kind::Flag;
  std::string var;                  // Flag, Compare
  CompareOp op = CompareOp::Eq;     // Compare
  std::variant<double, bool> value; // Compare
  std::vector<Condition> children;  // All, Any, Not (one child)
  bool operator==(const Condition&) const = default;
};

struct Effect {
  std::string var;
  enum class Kind { Add, Set, SetFlag } kind = Kind::Add;
  double number = 0;
  bool flag = false;
  bool operator==(const Effect&) const = default;
};

struct Route {
  std::optional<Condition> when;  // none: always
  std::string to;
  bool operator==(const Route&) const = default;
};

enum class Verdict { Follows, Violates, Critical };
const char* VerdictName(Verdict v);  // follows | violates | critical

struct SopTag {
  std::string step;
  Verdict verdict = Verdict::Follows;
  bool operator==(const SopTag&) const = default;
};

// ---- Scenario -------------------------------------------------------------------------------

struct Variable {
  std::string id;
  enum class Type { Number, Flag } type = Type::Number;
  double initial = 0;  // flags: 0 or 1
  double min = 0;
  double max = 10;
  LocalText label;
  bool show = false;
  bool saturates = false;  // a gauge meant to stop at min and max: pushing past them is not SCN094
  bool operator==(const Variable&) const = default;
};

struct Character {
  std::string id;
  std::string name;
  LocalText role;
  LocalText description;
  std::string portrait;  // relative to assets/, may be empty
  bool operator==(const Character&) const = default;
};

struct DialogueLine {
  std::string speaker;  // character id
  LocalText text;
  bool operator==(const DialogueLine&) const = default;
};

struct TextVariant {
  Condition when;
  LocalText text;
  bool operator==(const TextVariant&) const = default;
};

struct Choice {
  std::string id;
  LocalText text;
  std::vector<TextVariant> text_if;  // first matching variant replaces `text`
  std::optional<Condition> when;
  std::vector<SopTag> sop;
  std::vector<Effect> effects;
  LocalText feedback;
  std::string source;
  std::vector<Route> next;
  bool operator==(const Choice&) const = default;

  // Every SOP tag says "follows" (and there is at least one): the SOP's answer.
  bool Recommended() const;
};

struct ChecklistItem {
  std::string id;
  LocalText text;
  bool correct = false;                 // right to tick (when `correct_if` is empty)
  // "correct": CONDITION — right to tick when the condition holds at the moment the checklist is
  // answered ("she looks at him before each answer" only while he is in the room). ItemRight, session.h.
  std::optional<Condition> correct_if;
  std::vector<SopTag> sop;
  std::vector<Effect> effects;  // applied when ticked
  LocalText feedback;
  bool operator==(const ChecklistItem&) const = default;
};

struct ConditionalEffects {
  std::optional<Condition> when;
  std::vector<Effect> effects;
  bool operator==(const ConditionalEffects&) const = default;
};

// What happens when a timed single-choice decision runs out and the timer declares it (instead of a
// `default` choice): hesitation as an outcome of its own, never shown as an option.
struct TimeoutOutcome {
  LocalText text;                // what happened, in the narration's voice ("Waktu habis: …")
  std::vector<SopTag> sop;
  std::vector<Effect> effects;
  LocalText feedback;
  std::string source;
  std::vector<Route> next;
  bool operator==(const TimeoutOutcome&) const = default;
};

// The option id a timeout outcome is scored and counted under (ScoredTag::option, the debrief's
// rows). Not a valid authored id, so it can never be a choice's.
inline constexpr const char* kTimeoutOption = "$timeout";

struct Timer {
  int seconds = 0;
  struct Override {
    Condition when;
    int seconds = 0;
    bool operator==(const Override&) const = default;
  };
  std::vector<Override> seconds_if;
  std::string default_choice;  // single-choice; a checklist submits what is ticked at timeout
  std::optional<TimeoutOutcome> timeout;  // single-choice, instead of default_choice
  bool operator==(const Timer&) const = default;
};

// The letter of the option at `index` in authored order: "A", "B", … "Z", "AA" (Decision::OptionLetter).
std::string OptionLetterAt(std::size_t index);

struct Decision {
  enum class Kind { Single, Checklist } kind = Kind::Single;
  LocalText prompt;
  std::optional<Timer> timer;
  bool shuffle = false;
  std::vector<Choice> choices;         // single
  std::vector<ChecklistItem> items;    // checklist
  std::vector<ConditionalEffects> outcomes;
  std::vector<Effect> per_hit, per_miss, per_false_alarm;
  LocalText feedback;                  // checklist
  std::string source;                  // checklist
  std::vector<Route> next;             // checklist
  bool operator==(const Decision&) const = default;

  const Choice* FindChoice(const std::string& key) const;
  const ChecklistItem* FindItem(const std::string& key) const;
  // The timer's timeout outcome, if it declares one (null otherwise).
  const TimeoutOutcome* Timeout() const { return timer && timer->timeout ? &*timer->timeout : nullptr; }
  // A choice's or checklist item's text and SOP tags (null when the decision has no such option);
  // kTimeoutOption names the timeout outcome.
  const LocalText* OptionText(const std::string& option) const;
  const std::vector<SopTag>* OptionTags(const std::string& option) const;
  // The option's own letter, by its authored place: "A" for the first choice (or item), "B" for
  // the second… The team's screen, the facilitator's views and every export use it, whatever
  // order the options were shown in. "" when the decision has no such option.
  std::string OptionLetter(const std::string& option) const;
  // The fully correct answer: a choice whose tags all follow the SOP (and has at least one), or
  // a checklist item marked correct.
  bool Recommended(const std::string& option) const;
};

struct Outcome {
  std::string id;
  LocalText label;
  std::string rating;  // good | mixed | bad
  LocalText debrief;
  bool operator==(const Outcome&) const = default;
};

struct Node {
  std::string id;
  enum class Type { Scene, Decision, Ending } type = Type::Scene;
  LocalText title;
  LocalText text;
  std::vector<TextVariant> text_if;
  std::vector<DialogueLine> lines;
  std::string image;
  std::vector<Effect> on_enter;   // applied each time the story enters the node, before anything is shown
  std::vector<Route> next;        // scene
  std::optional<Decision> decision;
  std::optional<Outcome> outcome; // ending
  bool operator==(const Node&) const = default;

  // The nodes this node can lead to, each once: the scene's routes, then each choice's routes in
  // authored order, then the checklist's routes, then the timeout outcome's.
  std::vector<std::string> Successors() const;
  // Decision::OptionText, null on a node that is not a decision.
  const LocalText* OptionText(const std::string& option) const { return decision ? decision->OptionText(option) : nullptr; }
};

struct Scenario {
  std::string id;
  LocalText title;
  std::string kind;
  LocalText place;
  int minutes = 30;
  std::vector<std::string> languages;
  LocalText summary;
  LocalText role;
  LocalText content_warning;
  bool fictional = true;
  std::string sop_catalogue;
  std::string sop_catalogue_version;  // optional: the catalogue version the author wrote against (SCN086)
  std::vector<std::string> assesses;
  std::int64_t seed = 1;
  std::string notes;
  std::vector<Variable> variables;
  std::vector<Character> characters;
  std::string start;
  std::vector<Node> nodes;

  std::string content_hash;  // SHA-256 of the canonical JSON (not part of equality)
  std::string path;
  std::unordered_map<std::string, std::size_t> node_index;  // id -> first position in `nodes` (not part of equality)

  // By id: a hash look-up once IndexNodes() ran (the loader runs it), verified against the node
  // itself; an id the index does not hold, or a scenario never indexed, is searched linearly.
  const Node* FindNode(const std::string& key) const;
  void IndexNodes();
  // The ids of the nodes linked from the start, following every route whatever its condition
  // (what the graph allows; which of them a play-through reaches is explore's question).
  std::set<std::string> LinkedNodes() const;
  const Variable* FindVariable(const std::string& key) const;
  const Character* FindCharacter(const std::string& key) const;
  int DecisionCount() const;
  // 1-based number of a decision node among the scenario's decisions in file order (0: not one).
  int DecisionNumber(const std::string& node) const;
  bool operator==(const Scenario& o) const;
};

// Canonical JSON of a model (the inverse of loading, in loader.cpp): used for round trips and
// saving. The content hash is taken over the parsed document, so any edit, even to "_comment",
// flags old logs.
nlohmann::json ToJson(const Scenario& s);
nlohmann::json ToJson(const SopCatalogue& c);

// The kinds a scenario may declare (its "kind"), in display order, "other" last; and the name of
// each in both languages: the one wording the start screen, the slides and the reports use.
const std::vector<std::string>& ScenarioKinds();
LocalText ScenarioKindLabel(const std::string& kind);  // unknown kinds read as "other"

// ---- Facilitator guide ----------------------------------------------------------------------
// How to run one scenario in a workshop; kept beside it as <scenario-id>.guide.json.

// The audience tags a guide may use (who the scenario was written for), in display order.
const std::vector<std::string>& GuideAudienceTags();
// A tag's short name for a filter ("UPTD PPA", "Rumah sakit"); the tag itself when unknown.
LocalText GuideAudienceLabel(const std::string& tag);
// The kinds of time-plan entry: brief, play, debrief, break.
const std::vector<std::string>& GuideActivities();

struct GuideGoal {
  std::string step;  // an SOP step id of the scenario's catalogue
  LocalText text;
  bool operator==(const GuideGoal&) const = default;
};

struct GuideSlot {
  std::string activity;  // brief | play | debrief | break
  LocalText label;
  int minutes = 0;
  bool operator==(const GuideSlot&) const = default;
};

struct GuideQuestions {
  std::string node;  // a decision node of the scenario
  std::vector<LocalText> questions;
  bool operator==(const GuideQuestions&) const = default;
};

struct GuideNeverEvent {
  std::string node;    // a decision node
  std::string option;  // a choice or checklist item tagged critical
  LocalText text;      // what the facilitator says about it
  bool operator==(const GuideNeverEvent&) const = default;
};

struct FacilitatorGuide {
  std::string scenario;                  // the scenario id
  std::vector<std::string> audience_tags;
  LocalText audience;                    // short, for a scenario card: "UPTD PPA, Dinas Sosial, rumah sakit"
  LocalText who;                         // who the scenario is for, and what they should already know
  std::vector<GuideGoal> goals;
  std::vector<GuideSlot> time_plan;
  std::vector<GuideQuestions> debrief;   // per key decision
  std::vector<GuideNeverEvent> never_events;
  LocalText distress;                    // what to do if a participant is distressed by the content

  std::string content_hash;  // not part of equality
  std::string path;

  int Minutes(const std::string& activity = "") const;  // sum of the time plan, or of one activity
  const GuideQuestions* QuestionsFor(const std::string& node) const;
  const GuideNeverEvent* NeverEventFor(const std::string& node, const std::string& option) const;
  bool operator==(const FacilitatorGuide& o) const {
    return scenario == o.scenario && audience_tags == o.audience_tags && audience == o.audience && who == o.who &&
           goals == o.goals && time_plan == o.time_plan && debrief == o.debrief && never_events == o.never_events &&
           distress == o.distress;
  }
};

}  // namespace sigap
