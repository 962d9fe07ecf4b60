// The table `scalesim run` prints for a sweep or an SLO: one block per strategy,
// a row per point, the SLO's verdicts and the Pareto fronts.
#include <algorithm>
#include <cstdio>

#include "app/experiment/sweep_runner.h"
#include "app/output/number_text.h"
#include "app/output/outputs.h"
#include "app/output/text.h"
#include "app/scenario/quantities.h"

namespace app {

namespace {

struct Column {
  std::string title;
  std::string metric;
  double scale = 1;
  std::string suffix;
};

std::vector<Column> columns(const Experiment& experiment) {
  std::vector<Column> shown = {{"p99 (ms)", "latency.p99_ms"},
                               {"errors", "rate.error", 100, "%"},
                               {"cost per month (USD)", "cost.per_month_usd"}};
  if (!experiment.slo) return shown;
  auto add = [&](const std::string& metric) {
    for (const Column& c : shown) {
      if (c.metric == metric) return;
    }
    if (is_ratio_metric(metric)) {
      shown.push_back({metric, metric, 100, "%"});
    } else {
      shown.push_back({metric, metric});
    }
  };
  for (const SloTerm& term : experiment.slo->terms) add(term.metric);
  add(experiment.selection.objective);
  return shown;
}

std::string cell_of(const StrategySummary& summary, const Column& column) {
  for (const MetricSummary& m : summary.metrics) {
    if (m.name != column.metric) continue;
    std::optional<double> half;
    if (m.estimate.half_width) half = *m.estimate.half_width * column.scale;
    return estimate_text(m.estimate.mean * column.scale, half, column.suffix);
  }
  return "-";
}

// The row label of an entry in its strategy's block.
std::string point_label(const Experiment& experiment, const SweepResult& sweep, size_t entry) {
  const size_t strategy = sweep.entry_strategy[entry];
  if (!experiment.varied(strategy)) return "(not varied)";
  return experiment.label(sweep.entry_point[entry], strategy);
}

const CandidateVerdict* verdict_of(const SelectionResult* selection, size_t entry) {
  if (!selection) return nullptr;
  for (size_t i = 0; i < selection->over.entries.size(); ++i) {
    if (selection->over.entries[i] == entry) return &selection->selection.verdicts[i];
  }
  return nullptr;
}

std::string padded_rows(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], width(row[c]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line = "  " + pad_right(row[0], widths[0]);
    for (size_t c = 1; c < row.size(); ++c)
      line += "   " + (c + 1 == row.size() && row.size() > 2 ? pad_right(row[c], widths[c])
                                                             : pad_left(row[c], widths[c]));
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string block(const Experiment& experiment, const SweepResult& sweep, const CandidateSet& set,
                  const SelectionResult* selection) {
  const std::vector<Column> shown = columns(experiment);
  std::vector<std::vector<std::string>> rows;
  rows.emplace_back(std::vector<std::string>{set.strategy ? "point" : "strategy", "replications"});
  for (const Column& c : shown) rows.back().push_back(c.title);
  if (selection) rows.back().push_back("SLO");
  std::vector<std::string> names;
  for (size_t e : set.entries) {
    const StrategySummary& summary = sweep.result.strategies[e];
    names.push_back(summary.name);
    rows.push_back({set.strategy ? point_label(experiment, sweep, e) : summary.name,
                    std::to_string(summary.replications)});
    for (const Column& c : shown) rows.back().push_back(cell_of(summary, c));
    if (const CandidateVerdict* v = verdict_of(selection, e))
      rows.back().push_back(std::string(candidate_status_name(v->status)));
  }
  std::string out = padded_rows(rows);
  if (selection) {
    out += "  -> " + verdict_text(selection->selection, names, experiment.selection) + "\n";
    for (size_t i = 0; i < set.entries.size(); ++i) {
      const CandidateVerdict& v = selection->selection.verdicts[i];
      out += "     " + rows[i + 1][0] + ": " + v.reason + "\n";
    }
  }
  for (const ParetoFront& front : sweep.fronts) {
    if (front.over.strategy != set.strategy || front.over.entries != set.entries) continue;
    out += "  Pareto front, " + experiment.selection.objective + " against " + front.against + ":";
    for (size_t k = 0; k < front.entries.size(); ++k) {
      const size_t e = front.entries[k];
      out += (k ? "; " : " ") +
             (set.strategy ? point_label(experiment, sweep, e) : sweep.result.strategies[e].name);
    }
    out += "\n";
  }
  return out;
}

std::vector<CandidateSet> sets_of(const SweepResult& sweep) {
  std::vector<CandidateSet> sets;
  for (size_t e = 0; e < sweep.entry_strategy.size(); ++e) {
    if (sets.empty() || sets.back().strategy != sweep.entry_strategy[e])
      sets.push_back({sweep.entry_strategy[e], {}});
    sets.back().entries.push_back(e);
  }
  if (sets.size() > 1) {
    CandidateSet all;
    for (size_t e = 0; e < sweep.entry_strategy.size(); ++e) all.entries.push_back(e);
    sets.push_back(std::move(all));
  }
  return sets;
}

std::string header(const Experiment& experiment, const SweepResult& sweep) {
  const models::Scenario& s = experiment.base();
  std::string out = "Scenario \"" + s.name + "\"";
  if (experiment.is_sweep()) {
    out += ": a sweep of " + std::to_string(experiment.points.size()) + " points over";
    for (size_t p = 0; p < experiment.parameters.size(); ++p)
      out += (p ? ", " : " ") + experiment.parameters[p].name + " (" +
             std::to_string(experiment.parameters[p].values.size()) + " values)";
  }
  out += "; horizon " + format_duration(s.horizon) + " (warm-up " + format_duration(s.warmup) +
         " left out), seed " + std::to_string(s.seed) + "\n";
  if (experiment.slo) {
    char confidence[32];
    std::snprintf(confidence, sizeof confidence, "%g%%", experiment.selection.confidence * 100);
    out += "SLO " + experiment.slo->text + ": the cheapest by " + experiment.selection.objective +
           " that meets it, at " + confidence + " joint confidence; " +
           std::to_string(sweep.rounds) + (sweep.rounds == 1 ? " round" : " rounds") +
           " of replications, up to " + std::to_string(experiment.selection.max_replications) +
           " per run\n";
  }
  out += "Each cell: mean ± 95% confidence half-width over replications.\n";
  return out;
}

}  // namespace

std::string render_sweep_table(const Experiment& experiment, const SweepResult& sweep) {
  std::string out = header(experiment, sweep);
  for (const CandidateSet& set : sets_of(sweep)) {
    const SelectionResult* selection = nullptr;
    for (const SelectionResult& s : sweep.selections) {
      if (s.over.strategy == set.strategy && s.over.entries == set.entries) selection = &s;
    }
    out += "\n" +
           (set.strategy ? experiment.base().strategies[*set.strategy].name
                         : std::string("Across strategies")) +
           "\n";
    out += block(experiment, sweep, set, selection);
  }
  return valid_utf8(out);
}

}  // namespace app
