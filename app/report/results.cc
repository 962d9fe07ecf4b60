#include "app/report/results.h"

#include <limits>

#include "app/scenario/json_reader.h"

namespace app::report {

namespace {

constexpr double kHuge = std::numeric_limits<double>::max();

// A number, or nothing for null or absence; anything else is a problem.
std::optional<double> nullable_number(ObjectReader& r, std::string_view key) {
  const Json* v = r.field(key);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_number()) return v->get<double>();
  r.problems().expected(r.pointer(key), "a number or null", v);
  return std::nullopt;
}

std::optional<std::string> nullable_string(ObjectReader& r, std::string_view key) {
  const Json* v = r.field(key);
  if (!v || v->is_null()) return std::nullopt;
  return read_string(*v, r.pointer(key), r.problems());
}

std::optional<int> nullable_index(ObjectReader& r, std::string_view key) {
  const Json* v = r.field(key);
  if (!v || v->is_null()) return std::nullopt;
  const auto i = read_integer(*v, r.pointer(key), r.problems(), 0, 1 << 30);
  return i ? std::optional<int>(static_cast<int>(*i)) : std::nullopt;
}

// Calls `each(element, pointer)` for every element of the array at `key`.
template <typename Each>
void for_each_element(ObjectReader& r, std::string_view key, Presence presence, Each each) {
  const Json* v = r.field(key, presence, "an array");
  if (!v) return;
  if (!v->is_array()) {
    r.problems().expected(r.pointer(key), "an array", v);
    return;
  }
  for (size_t i = 0; i < v->size(); ++i) each((*v)[i], child_pointer(r.pointer(key), i));
}

std::vector<std::pair<std::string, Value>> read_metrics(const Json& json, const std::string& at,
                                                        Problems& problems) {
  std::vector<std::pair<std::string, Value>> metrics;
  if (!json.is_object()) {
    problems.expected(at, "an object of metrics", &json);
    return metrics;
  }
  for (const auto& [name, value] : json.items()) {
    ObjectReader m(value, child_pointer(at, name), problems, "a metric object");
    if (!m.valid()) continue;
    const auto mean = m.number("mean", -kHuge, kHuge, false, Presence::kRequired);
    const auto half = nullable_number(m, "half_width");
    if (mean) metrics.emplace_back(name, Value{*mean, half});
  }
  return metrics;
}

StrategyResults read_strategy(const Json& json, const std::string& at, Problems& problems) {
  StrategyResults s;
  ObjectReader r(json, at, problems, "a strategy object");
  if (!r.valid()) return s;
  s.name = r.string("name", Presence::kRequired).value_or("");
  s.base = r.string("strategy").value_or(s.name);
  s.point = nullable_index(r, "point");
  if (const Json* metrics = r.field("metrics", Presence::kRequired, "an object of metrics"))
    s.metrics = read_metrics(*metrics, r.pointer("metrics"), problems);
  return s;
}

void read_scenario(const Json& json, const std::string& at, Problems& problems, Results& out) {
  ObjectReader r(json, at, problems, "a scenario object");
  if (!r.valid()) return;
  out.scenario_name = r.string("name", Presence::kRequired).value_or("");
  out.scenario_file = r.string("file").value_or("");
  out.seed = r.number("seed", 0, kHuge).value_or(0);
  out.replications = static_cast<int>(r.integer("replications", 1, 1 << 30).value_or(0));
  out.horizon_s = r.number("horizon_s", 0, kHuge, true, Presence::kRequired).value_or(1);
  out.warmup_s = r.number("warmup_s", 0, kHuge).value_or(0);
  out.interval_s = r.number("interval_s", 0, kHuge, true).value_or(0);
  if (const Json* clock = r.field("clock"); clock && clock->is_object()) {
    ObjectReader c(*clock, r.pointer("clock"), problems);
    out.clock_start = c.string("start").value_or("");
  }
  if (const Json* pricing = r.field("pricing"); pricing && pricing->is_object()) {
    ObjectReader p(*pricing, r.pointer("pricing"), problems);
    const std::string region = p.string("region").value_or("?");
    const std::string date = p.string("price_book_date").value_or("?");
    const bool free_tier = p.boolean("free_tier").value_or(false);
    out.pricing =
        region + " prices of " + date + (free_tier ? ", free tier deducted" : ", no free tier");
  }
}

SweepPoint read_point(const Json& json, const std::string& at, Problems& problems) {
  SweepPoint p;
  ObjectReader r(json, at, problems, "a sweep point object");
  if (!r.valid()) return p;
  p.index = static_cast<int>(r.integer("index", 0, 1 << 30, Presence::kRequired).value_or(0));
  const Json* values = r.field("values", Presence::kRequired, "an object of values");
  if (values && !values->is_object()) problems.expected(r.pointer("values"), "an object", values);
  if (!values || !values->is_object()) return p;
  for (const auto& [name, value] : values->items()) {
    p.values.emplace_back(name, value.is_string() ? value.get<std::string>() : value.dump());
    if (value.is_number()) p.numbers[name] = value.get<double>();
  }
  return p;
}

void read_slo(const Json& json, const std::string& at, Problems& problems, Sweep& sweep) {
  ObjectReader r(json, at, problems, "an SLO object");
  if (!r.valid()) return;
  sweep.slo_text = r.string("text").value_or("");
  sweep.objective = r.string("objective").value_or(sweep.objective);
  for_each_element(r, "constraints", Presence::kOptional, [&](const Json& c, const std::string& p) {
    ObjectReader cr(c, p, problems, "a constraint object");
    if (!cr.valid()) return;
    Constraint constraint;
    constraint.metric = cr.string("metric", Presence::kRequired).value_or("");
    constraint.op = cr.string("op", Presence::kRequired).value_or("");
    constraint.threshold =
        cr.number("threshold", -kHuge, kHuge, false, Presence::kRequired).value_or(0);
    sweep.constraints.push_back(constraint);
  });
}

Selection read_selection(const Json& json, const std::string& at, Problems& problems) {
  Selection s;
  ObjectReader r(json, at, problems, "a selection object");
  if (!r.valid()) return s;
  s.strategy = nullable_string(r, "strategy");
  s.winner = nullable_index(r, "winner");
  s.winner_entry = nullable_index(r, "winner_entry");
  s.confidence = nullable_number(r, "confidence");
  s.verdict = r.string("verdict").value_or("");
  for_each_element(r, "points", Presence::kOptional, [&](const Json& v, const std::string& p) {
    ObjectReader vr(v, p, problems, "a point verdict object");
    if (!vr.valid()) return;
    PointVerdict verdict;
    verdict.entry = nullable_index(vr, "entry");
    verdict.point = nullable_index(vr, "point");
    verdict.name = vr.string("name").value_or("");
    verdict.status = vr.string("status", Presence::kRequired).value_or("");
    verdict.reason = vr.string("reason").value_or("");
    s.points.push_back(verdict);
  });
  return s;
}

ParetoFront read_pareto(const Json& json, const std::string& at, Problems& problems) {
  ParetoFront f;
  ObjectReader r(json, at, problems, "a Pareto front object");
  if (!r.valid()) return f;
  f.strategy = nullable_string(r, "strategy");
  f.objective = r.string("objective", Presence::kRequired).value_or("");
  f.against = r.string("against", Presence::kRequired).value_or("");
  for_each_element(r, "points", Presence::kRequired, [&](const Json& v, const std::string& p) {
    if (v.is_null()) {
      f.points.emplace_back();
    } else if (const auto i = read_integer(v, p, problems, 0, 1 << 30)) {
      f.points.emplace_back(static_cast<int>(*i));
    }
  });
  for_each_element(r, "entries", Presence::kOptional, [&](const Json& v, const std::string& p) {
    if (const auto i = read_integer(v, p, problems, 0, 1 << 30))
      f.entries.push_back(static_cast<int>(*i));
  });
  return f;
}

Sweep read_sweep(const Json& json, const std::string& at, Problems& problems) {
  Sweep sweep;
  ObjectReader r(json, at, problems, "a sweep object");
  if (!r.valid()) return sweep;
  for_each_element(r, "parameters", Presence::kRequired, [&](const Json& v, const std::string& p) {
    ObjectReader pr(v, p, problems, "a parameter object");
    if (pr.valid()) sweep.parameters.push_back(pr.string("name", Presence::kRequired).value_or(""));
  });
  for_each_element(r, "points", Presence::kRequired, [&](const Json& v, const std::string& p) {
    sweep.points.push_back(read_point(v, p, problems));
  });
  if (const Json* slo = r.field("slo"); slo && !slo->is_null())
    read_slo(*slo, r.pointer("slo"), problems, sweep);
  for_each_element(r, "selection", Presence::kOptional, [&](const Json& v, const std::string& p) {
    sweep.selection.push_back(read_selection(v, p, problems));
  });
  for_each_element(r, "pareto", Presence::kOptional, [&](const Json& v, const std::string& p) {
    sweep.pareto.push_back(read_pareto(v, p, problems));
  });
  return sweep;
}

}  // namespace

const Value* StrategyResults::metric(const std::string& metric_name) const {
  for (const auto& [key, value] : metrics) {
    if (key == metric_name) return &value;
  }
  return nullptr;
}

const SweepPoint* Sweep::find_point(int index) const {
  for (const SweepPoint& p : points) {
    if (p.index == index) return &p;
  }
  return nullptr;
}

Results read_results(const std::string& text, const std::string& file) {
  const Json root = parse_json_document(text, file);
  Problems problems;
  Results results;
  ObjectReader r(root, "", problems, "a results object");
  if (r.valid()) {
    const auto format = r.string("format", Presence::kRequired);
    if (format && *format != "scalesim-results")
      problems.expected(r.pointer("format"), "\"scalesim-results\"", r.field("format"));
    r.integer("version", 1, 1, Presence::kRequired);
    results.generator = r.string("generator").value_or("");
    results.confidence = r.number("confidence", 0, 1).value_or(0.95);
    if (const Json* scenario = r.field("scenario", Presence::kRequired, "a scenario object"))
      read_scenario(*scenario, r.pointer("scenario"), problems, results);
    for_each_element(r, "strategies", Presence::kRequired,
                     [&](const Json& v, const std::string& p) {
                       results.strategies.push_back(read_strategy(v, p, problems));
                     });
    if (const Json* sweep = r.field("sweep"); sweep && !sweep->is_null())
      results.sweep = read_sweep(*sweep, r.pointer("sweep"), problems);
  }
  if (!problems.empty()) throw InputError(file, problems.list());
  return results;
}

}  // namespace app::report
