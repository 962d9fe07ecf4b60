#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <regex>

#include "app/scenario/distributions.h"

namespace app {

namespace {

const std::vector<std::string> kDistributions = {"constant",  "uniform", "exponential", "normal",
                                                 "lognormal", "gamma",   "empirical"};

double micros(sim::Duration d) {
  return static_cast<double>(d.us());
}

// lognormal takes {mean, cv} or {median, p99}: whichever the user knows.
std::optional<sim::Distribution> read_lognormal(ObjectReader& r) {
  const auto mean = r.duration("mean");
  const auto cv = r.number("cv", 0, 100, true);
  const auto median = r.duration("median");
  const auto p99 = r.duration("p99");
  if (mean && cv && !median && !p99 && mean->us() > 0)
    return sim::Distribution::lognormal_with_mean(micros(*mean), *cv);
  if (median && p99 && !mean && !cv && median->us() > 0 && *p99 > *median) {
    constexpr double kZ99 = 2.3263478740408408;  // standard normal quantile at 0.99
    const double mu = std::log(micros(*median));
    return sim::Distribution::lognormal(mu, (std::log(micros(*p99)) - mu) / kZ99);
  }
  r.problems().add(r.pointer(),
                   "expected a lognormal given by \"mean\" (above 0s) and \"cv\", or by "
                   "\"median\" (above 0s) and a larger \"p99\", found another combination");
  return std::nullopt;
}

// "percentiles": {"0": "20ms", "50": "120ms", "99": "2s", "100": "5s"}: the
// measured table, from the minimum (0) to the maximum (100).
std::optional<sim::Distribution> read_empirical(ObjectReader& r) {
  // A plain decimal from 0 to 100, as the schema says: no sign, exponent, leading
  // zero or blank, which strtod alone would take.
  static const std::regex kPercentile(R"(([0-9]|[1-9][0-9])(\.[0-9]+)?|\.[0-9]+|100(\.0+)?)");
  const Json* table = r.field("percentiles", Presence::kRequired, "an object of percentiles");
  if (!table) return std::nullopt;
  const std::string what =
      "an object of durations by percentile from \"0\" (the minimum) to \"100\" (the maximum)";
  if (!table->is_object() || table->size() < 2) {
    r.problems().expected(r.pointer("percentiles"), what, table);
    return std::nullopt;
  }
  sim::Distribution::Quantiles points;
  std::map<double, std::string> keys_by_percent;  // "50" and "50.0" name one percentile
  bool ok = true;
  for (const auto& [key, value] : table->items()) {
    const std::string at = child_pointer(r.pointer("percentiles"), key);
    const double percent = std::strtod(key.c_str(), nullptr);
    const auto d = read_duration(value, at, r.problems());
    if (!std::regex_match(key, kPercentile)) {
      r.problems().add(at, "expected a percentile from 0 to 100 as the key, found \"" + key + "\"");
      ok = false;
    } else if (const auto [seen, first] = keys_by_percent.emplace(percent, key); !first) {
      r.problems().add(at, "expected each percentile once, found \"" + key +
                               "\", the same percentile as \"" + seen->second + "\"");
      ok = false;
    } else if (d) {
      points.emplace_back(percent / 100, micros(*d));
    }
    ok = ok && d.has_value();
  }
  if (!ok) return std::nullopt;
  std::sort(points.begin(), points.end());
  if (points.front().first != 0 || points.back().first != 1) {
    r.problems().expected(r.pointer("percentiles"), what, table);
    return std::nullopt;
  }
  for (size_t i = 1; i < points.size(); ++i) {
    if (points[i].second < points[i - 1].second) {
      r.problems().add(r.pointer("percentiles"),
                       "expected durations that do not decrease as the percentile rises");
      return std::nullopt;
    }
  }
  return sim::Distribution::empirical(std::move(points));
}

std::optional<sim::Distribution> read_shape(ObjectReader& r, const std::string& kind) {
  if (kind == "constant") {
    if (auto v = r.duration("value", Presence::kRequired))
      return sim::Distribution::constant(micros(*v));
  } else if (kind == "uniform") {
    const auto low = r.duration("min", Presence::kRequired);
    const auto high = r.duration("max", Presence::kRequired);
    if (low && high && *low <= *high)
      return sim::Distribution::uniform(micros(*low), micros(*high));
    if (low && high)
      r.problems().expected(r.pointer("max"), "a duration no less than \"min\"", r.field("max"));
  } else if (kind == "exponential") {
    const auto mean = r.duration("mean", Presence::kRequired);
    if (mean && mean->us() > 0) return sim::Distribution::exponential(micros(*mean));
    if (mean) r.problems().expected(r.pointer("mean"), "a duration above 0s", r.field("mean"));
  } else if (kind == "normal") {
    const auto mean = r.duration("mean", Presence::kRequired);
    const auto stddev = r.duration("stddev", Presence::kRequired);
    if (mean && stddev) return sim::Distribution::normal(micros(*mean), micros(*stddev));
  } else if (kind == "lognormal") {
    return read_lognormal(r);
  } else if (kind == "empirical") {
    return read_empirical(r);
  } else if (kind == "gamma") {
    const auto mean = r.duration("mean", Presence::kRequired);
    const auto cv = r.number("cv", 0, 100, true, Presence::kRequired);
    if (mean && cv && mean->us() > 0) return sim::Distribution::gamma_with_mean(micros(*mean), *cv);
    if (mean && mean->us() == 0)
      r.problems().expected(r.pointer("mean"), "a duration above 0s", r.field("mean"));
  }
  return std::nullopt;
}

}  // namespace

std::optional<sim::DurationDistribution> read_duration_distribution(const Json& value,
                                                                    const std::string& pointer,
                                                                    Problems& problems) {
  if (value.is_string()) {
    auto d = read_duration(value, pointer, problems);
    if (!d) return std::nullopt;
    return sim::DurationDistribution::constant(*d);
  }
  ObjectReader r(value, pointer, problems, "a duration such as \"80ms\" or a distribution object");
  if (!r.valid()) return std::nullopt;
  const auto kind = r.choice("distribution", kDistributions, Presence::kRequired);
  if (!kind) return std::nullopt;  // other keys can't be judged without the kind
  const std::optional<sim::Distribution> shape = read_shape(r, *kind);
  r.reject_unknown_keys();
  if (!shape) return std::nullopt;
  return sim::DurationDistribution(*shape);
}

}  // namespace app
