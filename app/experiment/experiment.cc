#include "app/experiment/experiment.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "app/experiment/metric_probe.h"
#include "app/scenario/input_file.h"
#include "app/scenario/json_reader.h"
#include "app/scenario/loader.h"

namespace app {

namespace {

// Top-level keys a sweep may not vary: they shape every output file, or name it.
const std::set<std::string> kFixedKeys = {"",      "$schema",     "name",   "description",
                                          "sweep", "horizon",     "warmup", "interval",
                                          "seed",  "replications"};

// Where a parameter's values came from, for messages about one of them.
struct ParameterSource {
  std::string pointer;  // "/sweep/parameters/0"
  bool listed = false;  // "values" (one pointer per value) rather than a range
  std::string value_pointer(size_t index) const {
    return listed ? child_pointer(child_pointer(pointer, "values"), index) : pointer;
  }
};

struct SweepBlock {
  bool zip = false;
  std::vector<SweepParameter> parameters;
  std::vector<ParameterSource> sources;
  std::optional<std::string> slo;
  SelectionSettings selection;
};

std::string first_token(const std::string& pointer) {
  const size_t end = pointer.find('/', 1);
  return pointer.empty() ? "" : pointer.substr(1, end == std::string::npos ? end : end - 1);
}

// "target" from "/strategies/1/controllers/0/target".
std::string last_token(const std::string& pointer) {
  const std::string escaped = pointer.substr(pointer.rfind('/') + 1);
  std::string token;
  for (size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] == '~' && i + 1 < escaped.size()) {
      token += escaped[++i] == '1' ? '/' : '~';
    } else {
      token += escaped[i];
    }
  }
  return token;
}

// A pointer names a value the scenario has, or a key its object may have (an
// optional setting left at its default): the loader then judges each value.
bool names_a_place(const Json& scenario, const Json::json_pointer& pointer) {
  if (scenario.contains(pointer)) return true;
  if (pointer.empty()) return false;
  const Json::json_pointer parent = pointer.parent_pointer();
  return scenario.contains(parent) && scenario.at(parent).is_object();
}

void read_pointer(const Json& value, const std::string& at, const Json& scenario,
                  Problems& problems, std::vector<std::string>& pointers) {
  const auto text = read_string(value, at, problems);
  if (!text) return;
  if (kFixedKeys.count(first_token(*text))) {
    problems.expected(at, "a pointer to a value of the workload, strategies or pricing", &value);
    return;
  }
  try {
    if (names_a_place(scenario, Json::json_pointer(*text))) {
      pointers.push_back(*text);
      return;
    }
  } catch (const Json::exception&) {
    problems.expected(at, "a JSON pointer such as \"/strategies/0/components/1/count\"", &value);
    return;
  }
  problems.expected(at, "a pointer to a value the scenario has, or to a key of an object it has",
                    &value);
}

void read_pointers(ObjectReader& r, const Json& scenario, SweepParameter& parameter) {
  const Json* value = r.field("pointer", Presence::kRequired, "a JSON pointer");
  if (!value) return;
  const std::string at = r.pointer("pointer");
  if (!value->is_array()) {
    read_pointer(*value, at, scenario, r.problems(), parameter.pointers);
    return;
  }
  if (value->empty()) r.problems().expected(at, "a pointer or a non-empty array of them", value);
  for (size_t i = 0; i < value->size(); ++i)
    read_pointer((*value)[i], child_pointer(at, i), scenario, r.problems(), parameter.pointers);
}

// from, from + step, ... up to `to`, as integers when all three are.
void read_range(ObjectReader& r, SweepParameter& parameter) {
  const Json* from_json = r.field("from", Presence::kRequired, "a number");
  const Json* to_json = r.field("to", Presence::kRequired, "a number");
  const Json* step_json = r.field("step", Presence::kRequired, "a number");
  const auto from = r.number("from", -1e15, 1e15);
  const auto to = r.number("to", -1e15, 1e15);
  const auto step = r.number("step", 0, 1e15, true);
  if (!from || !to || !step) return;
  const double count = std::floor((*to - *from) / *step + 1e-9) + 1;
  if (*to < *from || count > static_cast<double>(kMaxSweepPoints)) {
    r.problems().expected(
        r.pointer("to"),
        "a value at least \"from\", at most " + std::to_string(kMaxSweepPoints) + " steps above it",
        to_json);
    return;
  }
  const bool integers = from_json->is_number_integer() && to_json->is_number_integer() &&
                        step_json->is_number_integer();
  for (size_t i = 0; i < static_cast<size_t>(count); ++i) {
    const double value = *from + static_cast<double>(i) * *step;
    if (integers) {
      parameter.values.push_back(Json(static_cast<int64_t>(std::llround(value))).dump());
    } else {
      char text[32];
      std::snprintf(text, sizeof text, "%.12g", value);  // 0.3, not 0.30000000000000004
      parameter.values.push_back(Json(std::strtod(text, nullptr)).dump());
    }
  }
}

std::optional<SweepParameter> read_parameter(const Json& value, const std::string& at,
                                             const Json& scenario, Problems& problems,
                                             ParameterSource& source) {
  ObjectReader r(value, at, problems, "a parameter object");
  if (!r.valid()) return std::nullopt;
  SweepParameter parameter;
  read_pointers(r, scenario, parameter);
  parameter.name = r.string("name").value_or(
      parameter.pointers.empty() ? "" : last_token(parameter.pointers.front()));
  source.pointer = at;
  if (const Json* values = r.field("values")) {
    source.listed = true;
    if (!values->is_array() || values->empty())
      problems.expected(r.pointer("values"), "a non-empty array of values", values);
    else
      for (const Json& v : *values) parameter.values.push_back(v.dump());
    for (const char* key : {"from", "to", "step"}) {
      if (r.field(key))
        problems.add(r.pointer(key), "expected either \"values\" or a range, found both");
    }
  } else {
    read_range(r, parameter);
  }
  r.reject_unknown_keys();
  return parameter;
}

SweepBlock read_sweep(const Json& value, const Json& scenario, Problems& problems) {
  SweepBlock sweep;
  ObjectReader r(value, "/sweep", problems, "a sweep object");
  if (!r.valid()) return sweep;
  if (const Json* list = r.field("parameters")) {
    if (!list->is_array() || list->empty())
      problems.expected(r.pointer("parameters"), "a non-empty array of parameters", list);
    for (size_t i = 0; list->is_array() && i < list->size(); ++i) {
      ParameterSource source;
      auto parameter = read_parameter((*list)[i], child_pointer(r.pointer("parameters"), i),
                                      scenario, problems, source);
      if (!parameter) continue;
      sweep.parameters.push_back(std::move(*parameter));
      sweep.sources.push_back(source);
    }
  }
  sweep.zip = r.choice("mode", {"grid", "zip"}).value_or("grid") == "zip";
  for (size_t i = 1; sweep.zip && i < sweep.parameters.size(); ++i) {
    if (sweep.parameters[i].values.size() != sweep.parameters[0].values.size())
      problems.add(sweep.sources[i].pointer, "expected as many values as the first parameter (" +
                                                 std::to_string(sweep.parameters[0].values.size()) +
                                                 ", \"mode\": \"zip\"), found " +
                                                 std::to_string(sweep.parameters[i].values.size()));
  }
  sweep.slo = r.string("slo");
  sweep.selection.objective = r.string("objective").value_or(sweep.selection.objective);
  sweep.selection.confidence = r.number("confidence", 0.5, 0.9999).value_or(0.95);
  sweep.selection.max_replications =
      static_cast<int>(r.integer("max_replications", 2, 10000).value_or(40));
  r.reject_unknown_keys();
  std::set<std::string> names;
  for (size_t i = 0; i < sweep.parameters.size(); ++i) {
    if (!names.insert(sweep.parameters[i].name).second)
      problems.add(child_pointer(sweep.sources[i].pointer, "name"),
                   "expected a name no other parameter has, found \"" + sweep.parameters[i].name +
                       "\" again");
  }
  return sweep;
}

// The points: the grid, the first parameter varying slowest; or zipped, the
// parameters' i-th values together.
std::vector<std::vector<size_t>> points_of(const std::vector<SweepParameter>& parameters,
                                           bool zip) {
  if (zip) {
    std::vector<std::vector<size_t>> points(parameters.empty() ? 0 : parameters[0].values.size());
    for (size_t i = 0; i < points.size(); ++i) points[i].assign(parameters.size(), i);
    return points;
  }
  std::vector<std::vector<size_t>> points(1);
  for (const SweepParameter& parameter : parameters) {
    std::vector<std::vector<size_t>> next;
    for (const auto& point : points) {
      for (size_t v = 0; v < parameter.values.size(); ++v) {
        next.push_back(point);
        next.back().push_back(v);
      }
    }
    points = std::move(next);
  }
  return points;
}

Json point_document(Json scenario, const std::vector<SweepParameter>& parameters,
                    const std::vector<size_t>& choice) {
  for (size_t p = 0; p < parameters.size(); ++p) {
    for (const std::string& pointer : parameters[p].pointers)
      scenario[Json::json_pointer(pointer)] = Json::parse(parameters[p].values[choice[p]]);
  }
  return scenario;
}

bool within(const std::string& pointer, const std::string& outer) {
  return pointer == outer || pointer.rfind(outer + "/", 0) == 0;
}

// A point the loader rejects: each problem is told at the sweep value that
// caused it when it lies under a swept pointer, else where it is, with the point.
void point_problems(const InputError& error, const Experiment& experiment, size_t point,
                    const std::vector<ParameterSource>& sources, Problems& problems,
                    std::set<std::string>& seen) {
  const std::vector<size_t>& choice = experiment.points[point].choice;
  for (const Problem& problem : error.problems()) {
    if (!seen.insert(problem.file + problem.pointer + problem.message).second) continue;
    std::optional<size_t> cause;
    for (size_t p = 0; p < experiment.parameters.size() && !cause; ++p) {
      for (const std::string& pointer : experiment.parameters[p].pointers) {
        if (problem.file.empty() && within(problem.pointer, pointer)) cause = p;
      }
    }
    const std::string where = "at sweep point " + std::to_string(point) + " (" +
                              experiment.label(point) + "), " + error.file();
    if (cause) {
      problems.add({sources[*cause].value_pointer(choice[*cause]),
                    "the scenario rejects this value: " + where + ":" + problem.pointer + ": " +
                        problem.message,
                    ""});
    } else {
      problems.add({problem.pointer, where + ": " + problem.message,
                    problem.file.empty() ? error.file() : problem.file});
    }
  }
}

void apply_overrides(models::Scenario& scenario, const ExperimentOverrides& overrides) {
  if (overrides.replications) scenario.replications = *overrides.replications;
  if (overrides.seed) scenario.seed = *overrides.seed;
}

// Loads every point; throws the problems of all of them (each once).
void load_points(Experiment& experiment, const Json& scenario_doc, const SweepBlock& sweep,
                 const ExperimentOverrides& overrides) {
  const std::vector<ParameterSource>& sources = sweep.sources;
  Problems problems;
  std::set<std::string> seen;
  for (const std::vector<size_t>& choice : points_of(experiment.parameters, sweep.zip)) {
    experiment.points.push_back({choice, {}});
    const size_t point = experiment.points.size() - 1;
    try {
      const Json doc = point_document(scenario_doc, experiment.parameters, choice);
      experiment.points.back().scenario = parse_scenario(
          doc.dump(-1, ' ', false, Json::error_handler_t::replace), experiment.scenario_file);
      apply_overrides(experiment.points.back().scenario, overrides);
    } catch (const InputError& error) {
      point_problems(error, experiment, point, sources, problems, seen);
    }
  }
  if (!problems.empty()) throw InputError(experiment.experiment_file, problems.list());
}

// A strategy's run is the same at two points when its JSON, the workload and
// every setting are: the key is the point's document with that strategy alone.
void find_same_runs(Experiment& experiment, const Json& scenario_doc) {
  const size_t strategies = experiment.base().strategies.size();
  std::vector<std::map<std::string, size_t>> first_seen(strategies);
  for (size_t point = 0; point < experiment.points.size(); ++point) {
    Json doc = point_document(scenario_doc, experiment.parameters, experiment.points[point].choice);
    const Json all = doc["strategies"];
    experiment.same_run_as.emplace_back();
    for (size_t s = 0; s < strategies; ++s) {
      doc["strategies"] = Json::array({all[s]});
      const std::string key = doc.dump(-1, ' ', false, Json::error_handler_t::replace);
      experiment.same_run_as.back().push_back(first_seen[s].emplace(key, point).first->second);
    }
  }
}

// A parameter varies a strategy when a step of it alone changes the run; zipped
// parameters step together, so all vary a strategy whose runs differ.
void find_variation(Experiment& experiment, bool zip) {
  const size_t strategies = experiment.base().strategies.size();
  const size_t n = experiment.parameters.size();
  experiment.varies.assign(strategies, std::vector<bool>(n, false));
  if (zip) {
    for (size_t s = 0; s < strategies; ++s) {
      for (size_t point = 0; point < experiment.points.size(); ++point) {
        if (experiment.same_run_as[point][s] != 0) experiment.varies[s].assign(n, true);
      }
    }
    return;
  }
  std::vector<size_t> stride(n, 1);
  for (size_t p = n; p-- > 1;) stride[p - 1] = stride[p] * experiment.parameters[p].values.size();
  for (size_t point = 0; point < experiment.points.size(); ++point) {
    for (size_t p = 0; p < n; ++p) {
      if (experiment.points[point].choice[p] + 1 >= experiment.parameters[p].values.size())
        continue;
      for (size_t s = 0; s < strategies; ++s) {
        if (experiment.same_run_as[point][s] != experiment.same_run_as[point + stride[p]][s])
          experiment.varies[s][p] = true;
      }
    }
  }
}

// Every metric the strategies report at some point, from a probe run of each.
std::vector<std::string> all_reported_metrics(const Experiment& experiment) {
  std::set<std::string> reported;
  for (size_t point = 0; point < experiment.points.size(); ++point) {
    for (size_t s = 0; s < experiment.base().strategies.size(); ++s) {
      if (experiment.same_run_as[point][s] != point) continue;
      for (std::string& name : reported_metrics(experiment.points[point].scenario, s))
        reported.insert(std::move(name));
    }
  }
  return {reported.begin(), reported.end()};
}

// The SLO from --slo (`from_flag`) or the sweep, and the objective, against the
// metrics the strategies report.
void check_slo(Experiment& experiment, const std::string& text, bool from_flag) {
  const std::string file = from_flag ? "scalesim" : experiment.experiment_file;
  const std::string pointer = from_flag ? "" : "/sweep/slo";
  const std::string flag = from_flag ? "--slo: " : "";
  const std::vector<std::string> reported = all_reported_metrics(experiment);
  std::string error;
  experiment.slo = parse_slo(text, error, &reported);
  if (!experiment.slo) throw InputError(file, {{pointer, flag + error, ""}});
  if (auto problem = unknown_metric(experiment.selection.objective, "an objective", reported))
    throw InputError(experiment.experiment_file, {{"/sweep/objective", *problem, ""}});
}

std::string sibling_path(const std::string& file, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  return (std::filesystem::path(file).parent_path() / p).lexically_normal().string();
}

}  // namespace

std::string Experiment::label(size_t point, std::optional<size_t> strategy) const {
  std::string text;
  for (size_t p = 0; p < parameters.size(); ++p) {
    if (strategy && !varies[*strategy][p]) continue;
    if (!text.empty()) text += ", ";
    const std::string& value = parameters[p].values[points[point].choice[p]];
    const bool quoted = value.size() >= 2 && value.front() == '"';
    text += parameters[p].name + "=" + (quoted ? value.substr(1, value.size() - 2) : value);
  }
  return text;
}

bool Experiment::varied(size_t strategy) const {
  for (bool v : varies[strategy]) {
    if (v) return true;
  }
  return false;
}

Experiment load_experiment_file(const std::string& path, const ExperimentOverrides& overrides) {
  return parse_experiment(read_input_file(path, "scenario file", kMaxJsonFileBytes), path,
                          overrides);
}

Experiment parse_experiment(const std::string& text, const std::string& path,
                            const ExperimentOverrides& overrides) {
  Experiment experiment;
  experiment.experiment_file = path;
  experiment.scenario_file = path;
  Json root = parse_json_document(text, path);
  Json scenario_doc;
  if (root.is_object() && root.contains("scenario") && root["scenario"].is_string()) {
    experiment.scenario_file = sibling_path(path, root["scenario"].get<std::string>());
    Problems problems;
    ObjectReader r(root, "", problems, "an experiment object");
    r.string("$schema");
    r.string("description");
    r.string("scenario");
    r.field("sweep", Presence::kRequired, "a sweep object");
    r.reject_unknown_keys();
    if (!problems.empty()) throw InputError(path, problems.list());
    scenario_doc = parse_json_document(
        read_input_file(experiment.scenario_file, "scenario file", kMaxJsonFileBytes),
        experiment.scenario_file);
  } else {
    scenario_doc = root;
  }
  Json sweep_doc;
  if (root.is_object() && root.contains("sweep")) sweep_doc = root["sweep"];
  if (scenario_doc.is_object()) scenario_doc.erase("sweep");

  // The scenario as written first: its own mistakes are told once, plainly.
  models::Scenario base = parse_scenario(
      scenario_doc.dump(-1, ' ', false, Json::error_handler_t::replace), experiment.scenario_file);
  SweepBlock sweep;
  if (!sweep_doc.is_null()) {
    Problems problems;
    sweep = read_sweep(sweep_doc, scenario_doc, problems);
    size_t points = 1;
    for (const SweepParameter& p : sweep.parameters) {
      if (sweep.zip) points = p.values.size();
      if (!sweep.zip)
        points = std::min(points * std::max<size_t>(1, p.values.size()), kMaxSweepPoints + 1);
    }
    if (problems.empty() && points > kMaxSweepPoints)
      problems.add("/sweep/parameters",
                   "expected at most " + std::to_string(kMaxSweepPoints) + " points, found more");
    if (!problems.empty()) throw InputError(path, problems.list());
  }
  experiment.parameters = sweep.parameters;
  experiment.selection = sweep.selection;
  if (overrides.max_replications)
    experiment.selection.max_replications = *overrides.max_replications;
  if (experiment.is_sweep()) {
    load_points(experiment, scenario_doc, sweep, overrides);
  } else {
    apply_overrides(base, overrides);
    experiment.points.push_back({{}, std::move(base)});
  }
  find_same_runs(experiment, scenario_doc);
  find_variation(experiment, sweep.zip);
  if (overrides.slo) {
    check_slo(experiment, *overrides.slo, true);
  } else if (sweep.slo) {
    check_slo(experiment, *sweep.slo, false);
  }
  return experiment;
}

}  // namespace app
