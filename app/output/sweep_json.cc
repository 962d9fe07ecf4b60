#include "app/output/sweep_json.h"

namespace app {

namespace {

using Json = nlohmann::ordered_json;

Json optional_index(std::optional<size_t> index) {
  return index ? Json(*index) : Json(nullptr);
}

Json parameters_json(const Experiment& experiment) {
  Json list = Json::array();
  for (const SweepParameter& p : experiment.parameters) {
    Json values = Json::array();
    for (const std::string& v : p.values) values.push_back(Json::parse(v));
    list.push_back({{"name", p.name}, {"pointers", p.pointers}, {"values", std::move(values)}});
  }
  return list;
}

Json points_json(const Experiment& experiment) {
  Json list = Json::array();
  for (size_t i = 0; i < experiment.points.size(); ++i) {
    Json values = Json::object();
    for (size_t p = 0; p < experiment.parameters.size(); ++p) {
      const SweepParameter& parameter = experiment.parameters[p];
      values[parameter.name] = Json::parse(parameter.values[experiment.points[i].choice[p]]);
    }
    list.push_back({{"index", i}, {"values", std::move(values)}});
  }
  return list;
}

Json slo_json(const Experiment& experiment) {
  if (!experiment.slo) return nullptr;
  Json terms = Json::array();
  for (const SloTerm& t : experiment.slo->terms) {
    terms.push_back({{"metric", t.metric},
                     {"op", std::string(comparison_text(t.comparison))},
                     {"threshold", t.threshold}});
  }
  return {{"text", experiment.slo->text},
          {"objective", experiment.selection.objective},
          {"confidence", experiment.selection.confidence},
          {"max_replications", experiment.selection.max_replications},
          {"constraints", std::move(terms)}};
}

std::optional<size_t> point_of(const SweepResult& sweep, size_t entry) {
  return sweep.result.strategies[entry].point;
}

Json strategy_name(const Experiment& experiment, const CandidateSet& set) {
  if (!set.strategy) return nullptr;
  return experiment.base().strategies[*set.strategy].name;
}

Json selection_json(const Experiment& experiment, const SweepResult& sweep,
                    const SelectionResult& s) {
  std::vector<std::string> names;
  Json candidates = Json::array();
  for (size_t i = 0; i < s.over.entries.size(); ++i) {
    const size_t e = s.over.entries[i];
    const CandidateVerdict& v = s.selection.verdicts[i];
    names.push_back(sweep.result.strategies[e].name);
    candidates.push_back({{"entry", e},
                          {"name", names.back()},
                          {"point", optional_index(point_of(sweep, e))},
                          {"replications", sweep.result.strategies[e].replications},
                          {"status", std::string(candidate_status_name(v.status))},
                          {"reason", v.reason}});
  }
  std::optional<size_t> winner_entry;
  if (s.selection.winner) winner_entry = s.over.entries[*s.selection.winner];
  return {{"strategy", strategy_name(experiment, s.over)},
          {"winner", winner_entry ? optional_index(point_of(sweep, *winner_entry)) : Json(nullptr)},
          {"winner_entry", optional_index(winner_entry)},
          {"decided", s.selection.decided},
          {"confidence", experiment.selection.confidence},
          {"verdict", verdict_text(s.selection, names, experiment.selection)},
          {"points", std::move(candidates)}};
}

Json front_json(const Experiment& experiment, const SweepResult& sweep, const ParetoFront& f) {
  Json points = Json::array();
  for (size_t e : f.entries) points.push_back(optional_index(point_of(sweep, e)));
  return {{"strategy", strategy_name(experiment, f.over)},
          {"objective", experiment.selection.objective},
          {"against", f.against},
          {"points", std::move(points)},
          {"entries", f.entries}};
}

}  // namespace

void add_sweep(Json& root, const Experiment& experiment, const SweepResult& sweep) {
  for (size_t e = 0; e < sweep.result.strategies.size(); ++e) {
    const StrategySummary& summary = sweep.result.strategies[e];
    Json& entry = root["strategies"][e];
    entry["strategy"] = summary.strategy;
    entry["point"] = optional_index(summary.point);
    entry["replications"] = summary.replications;
  }
  Json selections = Json::array();
  for (const SelectionResult& s : sweep.selections)
    selections.push_back(selection_json(experiment, sweep, s));
  Json fronts = Json::array();
  for (const ParetoFront& f : sweep.fronts) fronts.push_back(front_json(experiment, sweep, f));
  root["sweep"] = {{"parameters", parameters_json(experiment)},
                   {"points", points_json(experiment)},
                   {"rounds", sweep.rounds},
                   {"slo", slo_json(experiment)},
                   {"selection", std::move(selections)},
                   {"pareto", std::move(fronts)}};
}

}  // namespace app
