#include "app/experiment/sweep_runner.h"

#include <algorithm>
#include <numeric>

#include "app/work_estimate.h"

namespace app {

namespace {

struct Entry {
  size_t strategy = 0;
  size_t point = 0;
  int replications = 1;
};

std::vector<size_t> all_or(const std::vector<size_t>& strategies, size_t count) {
  if (!strategies.empty()) return strategies;
  std::vector<size_t> all(count);
  std::iota(all.begin(), all.end(), size_t{0});
  return all;
}

std::vector<Entry> entries_of(const Experiment& experiment, const std::vector<size_t>& strategies) {
  std::vector<Entry> entries;
  for (size_t s : all_or(strategies, experiment.base().strategies.size())) {
    for (size_t p = 0; p < experiment.points.size(); ++p) {
      if (experiment.same_run_as[p][s] != p) continue;
      int replications = experiment.points[p].scenario.replications;
      if (experiment.slo) replications = std::max(replications, kMinSelectionReplications);
      entries.push_back({s, p, replications});
    }
  }
  return entries;
}

RunUnit unit_of(const Experiment& experiment, const Entry& entry) {
  return {&experiment.points[entry.point].scenario, entry.strategy, entry.replications};
}

class RoundProgress final : public ProgressObserver {
 public:
  RoundProgress(RoundObserver* observer, int round, const std::vector<RunUnit>& units)
      : observer_(observer), round_(round) {
    for (const RunUnit& unit : units) runs_ += static_cast<size_t>(unit.replications);
    requests_ = estimate_work(units, 1, 1).requests();
  }
  void on_progress(double fraction_done) override {
    if (observer_) observer_->on_round_progress(round_, runs_, requests_, fraction_done);
  }

 private:
  RoundObserver* observer_;
  int round_;
  size_t runs_ = 0;
  double requests_ = 0;
};

std::vector<CandidateSet> candidate_sets(const std::vector<Entry>& entries) {
  std::vector<CandidateSet> sets;
  for (size_t e = 0; e < entries.size(); ++e) {
    if (sets.empty() || sets.back().strategy != entries[e].strategy)
      sets.push_back({entries[e].strategy, {}});
    sets.back().entries.push_back(e);
  }
  if (sets.size() > 1) {
    CandidateSet all;
    all.entries.resize(entries.size());
    std::iota(all.entries.begin(), all.entries.end(), size_t{0});
    sets.push_back(std::move(all));
  }
  return sets;
}

std::vector<SelectionResult> select_all(const std::vector<CandidateSet>& sets,
                                        const std::vector<StrategySummary>& summaries,
                                        const Experiment& experiment) {
  std::vector<SelectionResult> selections;
  for (const CandidateSet& set : sets) {
    std::vector<const StrategySummary*> candidates;
    for (size_t e : set.entries) candidates.push_back(&summaries[e]);
    selections.push_back({set, select_cheapest(candidates, *experiment.slo, experiment.selection)});
  }
  return selections;
}

// Entries some selection wants more of, that are still under the budget.
std::vector<size_t> wanting_more(const std::vector<SelectionResult>& selections,
                                 const std::vector<Entry>& entries, int budget) {
  std::vector<bool> wanted(entries.size(), false);
  for (const SelectionResult& s : selections) {
    for (size_t i = 0; i < s.over.entries.size(); ++i) {
      if (s.selection.verdicts[i].needs_more) wanted[s.over.entries[i]] = true;
    }
  }
  std::vector<size_t> more;
  for (size_t e = 0; e < entries.size(); ++e) {
    if (wanted[e] && entries[e].replications < budget) more.push_back(e);
  }
  return more;
}

std::optional<double> mean_of(const StrategySummary& summary, const std::string& metric) {
  for (const MetricSummary& m : summary.metrics) {
    if (m.name == metric) return m.estimate.mean;
  }
  return std::nullopt;
}

std::vector<ParetoFront> fronts_of(const std::vector<CandidateSet>& sets,
                                   const std::vector<StrategySummary>& summaries,
                                   const std::string& objective) {
  std::vector<ParetoFront> fronts;
  for (const CandidateSet& set : sets) {
    if (set.entries.size() < 2) continue;
    for (const char* against : {"rate.error", "latency.p99_ms"}) {
      std::vector<std::pair<double, double>> points;
      std::vector<size_t> shown;
      for (size_t e : set.entries) {
        const auto x = mean_of(summaries[e], objective);
        const auto y = mean_of(summaries[e], against);
        if (!x || !y) continue;
        points.emplace_back(*x, *y);
        shown.push_back(e);
      }
      ParetoFront front{set, against, {}};
      for (size_t i : pareto_front(points)) front.entries.push_back(shown[i]);
      fronts.push_back(std::move(front));
    }
  }
  return fronts;
}

}  // namespace

std::vector<RunUnit> first_round_units(const Experiment& experiment,
                                       const std::vector<size_t>& strategies) {
  std::vector<RunUnit> units;
  for (const Entry& entry : entries_of(experiment, strategies))
    units.push_back(unit_of(experiment, entry));
  return units;
}

SweepResult run_sweep(const Experiment& experiment, const std::vector<size_t>& strategies,
                      const RunOptions& options, RoundObserver* observer) {
  std::vector<Entry> entries = entries_of(experiment, strategies);
  const std::vector<CandidateSet> sets = candidate_sets(entries);
  SweepResult sweep;
  std::vector<StrategySummary>& summaries = sweep.result.strategies;
  summaries.resize(entries.size());
  std::vector<size_t> to_run(entries.size());
  std::iota(to_run.begin(), to_run.end(), size_t{0});
  for (sweep.rounds = 1;; ++sweep.rounds) {
    std::vector<RunUnit> units;
    for (size_t e : to_run) units.push_back(unit_of(experiment, entries[e]));
    RoundProgress progress(observer, sweep.rounds, units);
    ExperimentResult round = run_units(units, options, &progress);
    for (size_t i = 0; i < to_run.size(); ++i)
      summaries[to_run[i]] = std::move(round.strategies[i]);
    sweep.result.requests += round.requests;
    if (!experiment.slo) break;
    sweep.selections = select_all(sets, summaries, experiment);
    to_run = wanting_more(sweep.selections, entries, experiment.selection.max_replications);
    if (to_run.empty()) break;
    for (size_t e : to_run) {
      entries[e].replications =
          std::min(2 * entries[e].replications, experiment.selection.max_replications);
    }
  }
  for (size_t e = 0; e < entries.size(); ++e) {
    StrategySummary& summary = summaries[e];
    sweep.entry_strategy.push_back(entries[e].strategy);
    sweep.entry_point.push_back(entries[e].point);
    if (!experiment.varied(entries[e].strategy)) continue;
    summary.point = entries[e].point;
    summary.name += " [" + experiment.label(entries[e].point, entries[e].strategy) + "]";
  }
  sweep.fronts = fronts_of(sets, summaries, experiment.selection.objective);
  return sweep;
}

}  // namespace app
