#include "scoring.h"

#include <algorithm>
#include <map>
#include <set>

namespace sigap {

StepStatus StatusOf(Verdict v) {
  switch (v) {
    case Verdict::Follows: return StepStatus::Followed;
    case Verdict::Violates: return StepStatus::Violated;
    case Verdict::Critical: return StepStatus::Critical;
  }
  return StepStatus::NotReached;
}

const char* StepStatusName(StepStatus s) {
  switch (s) {
    case StepStatus::NotReached: return "not_reached";
    case StepStatus::Followed: return "followed";
    case StepStatus::Violated: return "violated";
    case StepStatus::Critical: return "critical";
  }
  return "?";
}

const char* TagReasonName(TagReason r) {
  switch (r) {
    case TagReason::Chosen: return "chosen";
    case TagReason::TimedOut: return "timed_out";
    case TagReason::Hit: return "hit";
    case TagReason::Miss: return "miss";
    case TagReason::FalseAlarm: return "false_alarm";
    case TagReason::Unconfirmed: return "unconfirmed";
  }
  return "?";
}

const char* AxisVerdictName(AxisVerdict v) {
  switch (v) {
    case AxisVerdict::NotScored: return "not_scored";
    case AxisVerdict::Passed: return "passed";
    case AxisVerdict::Failed: return "failed";
  }
  return "?";
}

const char* SessionVerdictName(SessionVerdict v) {
  switch (v) {
    case SessionVerdict::Unfinished: return "unfinished";
    case SessionVerdict::Passed: return "passed";
    case SessionVerdict::NotPassed: return "not_passed";
  }
  return "?";
}

AxisVerdict AxisResult::Verdict() const {
  auto p = Percent();
  if (!p) return capped ? AxisVerdict::Failed : AxisVerdict::NotScored;
  // Compared in whole weights' terms: 60 % is a pass however the division rounds.
  return capped || *p < kPassPercent - 1e-9 ? AxisVerdict::Failed : AxisVerdict::Passed;
}

const StepResult* SessionScore::FindStep(const std::string& id) const {
  for (const auto& s : steps)
    if (s.step == id) return &s;
  return nullptr;
}

const AxisResult* SessionScore::FindAxis(const std::string& id) const {
  for (const auto& a : axes)
    if (a.axis == id) return &a;
  return nullptr;
}

namespace {

bool HasStateDependentItems(const Scenario& scenario) {
  for (const auto& n : scenario.nodes)
    if (n.decision)
      for (const auto& it : n.decision->items)
        if (it.correct_if) return true;
  return false;
}

}  // namespace

ValuesAt ReplayValues(const Scenario& scenario, const SopCatalogue& catalogue, const std::vector<DecisionRecord>& decisions) {
  // A session over the caller's scenario, which outlives it: non-owning pointers.
  Session s(std::shared_ptr<const Scenario>(std::shared_ptr<const Scenario>(), &scenario),
            std::shared_ptr<const SopCatalogue>(std::shared_ptr<const SopCatalogue>(), &catalogue), SessionInfo{});
  ValuesAt out;
  out.reserve(decisions.size());
  bool stopped = false;
  for (const auto& r : decisions) {
    while (!stopped && s.state() == SessionState::AtScene && s.CurrentNode().id != r.node)
      if (s.Continue()) stopped = true;
    out.push_back(s.Values());
    if (!stopped && s.Apply(r)) stopped = true;
  }
  return out;
}

SessionScore ScoreDecisions(const Scenario& scenario, const SopCatalogue& catalogue, const std::vector<DecisionRecord>& decisions,
                            const ValuesAt* values) {
  SessionScore score;
  ValuesAt replayed;
  if (!values && HasStateDependentItems(scenario)) {
    replayed = ReplayValues(scenario, catalogue, decisions);
    values = &replayed;
  }
  static const std::map<std::string, double> kNoValues;
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    const DecisionRecord& r = decisions[i];
    const Node* node = scenario.FindNode(r.node);
    if (!node || !node->decision) continue;  // a record the scenario no longer has; flagged elsewhere
    const Decision& d = *node->decision;
    auto add = [&](const std::string& option, const SopTag& t, TagReason reason, const LocalText* fb, const std::string* src) {
      score.tags.push_back(ScoredTag{i, r.node, option, t.step, t.verdict, reason, fb, src});
    };
    if (!r.checklist) {
      if (const Choice* c = d.FindChoice(r.choice)) {
        const TagReason reason = r.unconfirmed ? TagReason::Unconfirmed : r.timed_out ? TagReason::TimedOut : TagReason::Chosen;
        for (const auto& t : c->sop) add(c->id, t, reason, &c->feedback, &c->source);
      } else if (const TimeoutOutcome* to = d.Timeout(); to && r.timed_out && !r.unconfirmed) {
        for (const auto& t : to->sop) add(kTimeoutOption, t, TagReason::TimedOut, &to->feedback, &to->source);
      }
      continue;
    }
    ChecklistResult cl{i, r.node, 0, 0, 0, 0, {}};
    const auto& at = values && i < values->size() ? (*values)[i] : kNoValues;
    for (const auto& item : d.items) {
      bool ticked = std::find(r.items.begin(), r.items.end(), item.id) != r.items.end();
      const LocalText* fb = item.feedback.id.empty() ? &d.feedback : &item.feedback;
      const bool right = ItemRight(item, at);
      cl.right.push_back(right);
      if (right) ++cl.correct_items;
      if (right && ticked) {
        ++cl.hits;
        for (const auto& t : item.sop) add(item.id, t, TagReason::Hit, fb, &d.source);
      } else if (right) {
        ++cl.misses;
        for (const auto& t : item.sop) add(item.id, SopTag{t.step, Verdict::Violates}, TagReason::Miss, fb, &d.source);
      } else if (ticked) {
        ++cl.false_alarms;
        // A state-dependent item is tagged for the state in which it is right (follows, SCN084):
        // ticked where it is wrong, each of its steps is violated, as a miss is.
        for (const auto& t : item.sop)
          add(item.id, item.correct_if ? SopTag{t.step, Verdict::Violates} : t, TagReason::FalseAlarm, fb, &d.source);
      }
    }
    score.checklists.push_back(cl);
  }

  // Per step: the worst verdict wins; a step listed in "assesses" but never tagged is not reached.
  std::map<std::string, StepResult> by_step;
  for (const auto& id : scenario.assesses) by_step[id].step = id;
  for (const auto& t : score.tags) {
    StepResult& s = by_step[t.step];
    s.step = t.step;
    if (t.verdict == Verdict::Follows) ++s.follows;
    else if (t.verdict == Verdict::Violates) ++s.violations;
    else ++s.criticals;
  }
  for (const auto& step : catalogue.steps) {
    auto it = by_step.find(step.id);
    if (it == by_step.end()) continue;
    StepResult s = it->second;
    s.status = s.criticals ? StepStatus::Critical : s.violations ? StepStatus::Violated : s.follows ? StepStatus::Followed : StepStatus::NotReached;
    score.steps.push_back(s);
  }

  for (const auto& axis : catalogue.axes) score.axes.push_back(AxisResult{axis.id, 0, 0});
  for (const auto& t : score.tags) {
    const SopStep* step = catalogue.FindStep(t.step);
    if (!step) continue;
    for (const auto& axis_id : step->axes)
      for (auto& a : score.axes)
        if (a.axis == axis_id) {
          a.possible += step->weight;
          if (t.verdict == Verdict::Follows) a.earned += step->weight;
        }
    if (t.verdict == Verdict::Critical) score.never_events.push_back(t);
  }
  // A never event fails every axis and the session; the percents stay what was earned.
  for (auto& a : score.axes) {
    a.capped = !score.never_events.empty();
    if (a.Percent() && *a.Percent() < kPassPercent - 1e-9) score.axes_below.push_back(a.axis);
  }
  score.verdict = score.never_events.empty() ? SessionVerdict::Unfinished : SessionVerdict::NotPassed;
  return score;
}

void JudgeEnding(SessionScore& score, bool ended, const std::string& rating) {
  score.bad_ending = ended && rating == "bad";
  if (!score.never_events.empty() || score.bad_ending || (ended && !score.axes_below.empty()))
    score.verdict = SessionVerdict::NotPassed;
  else
    score.verdict = ended ? SessionVerdict::Passed : SessionVerdict::Unfinished;
}

SessionScore ScoreSession(const Session& session) {
  SessionScore score = ScoreDecisions(session.scenario(), *session.catalogue(), session.History());
  const Outcome* o = session.EndingOutcome();
  JudgeEnding(score, session.state() == SessionState::Ended, o ? o->rating : std::string());
  return score;
}

}  // namespace sigap
