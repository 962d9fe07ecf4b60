// Service level objectives: "latency.p99<800ms,errors<0.1%".
//
// An SLO is a list of terms, each a metric of results.json, a comparison and a
// threshold in the metric's own unit (milliseconds, a ratio, US dollars). Short
// names are accepted for the common ones: `errors` is rate.error, `latency.p99`
// is latency.p99_ms, `cost` is cost.per_month_usd.
#ifndef SCALESIM_APP_EXPERIMENT_SLO_H_
#define SCALESIM_APP_EXPERIMENT_SLO_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace app {

enum class Comparison { kLess, kLessEqual, kGreater, kGreaterEqual };

struct SloTerm {
  std::string metric;  // full name, "latency.p99_ms"
  Comparison comparison = Comparison::kLess;
  double threshold = 0;  // in the metric's unit: ms, a ratio, USD
  std::string text;      // as written: "latency.p99<800ms"

  // Whether `value` meets the term.
  bool met_by(double value) const;
};

struct Slo {
  std::string text;  // as written
  std::vector<SloTerm> terms;
};

// How the cheapest point that meets an SLO is chosen (selection.h).
struct SelectionSettings {
  std::string objective = "cost.per_month_usd";  // minimised
  double confidence = 0.95;                      // joint, over every decision
  int max_replications = 40;                     // per point and strategy
};

// Parses an SLO. On failure returns nothing and sets `error` to "expected ...,
// found ..." about the first bad term. With `known` (sorted), a metric must be
// one of them: that is checked before its threshold, whose unit it decides.
std::optional<Slo> parse_slo(std::string_view text, std::string& error,
                             const std::vector<std::string>* known = nullptr);

// The problem with `metric` unless it is in `known` (sorted): "expected <what>
// a metric the strategies report (docs/outputs.md)[, such as X], found ...".
std::optional<std::string> unknown_metric(const std::string& metric, const std::string& what,
                                          const std::vector<std::string>& known);

// The full metric name for a short one ("errors" -> "rate.error"); others as given.
std::string full_metric_name(std::string_view name);

// Whether a metric is a ratio (a share, shown as a percentage), from its name.
bool is_ratio_metric(std::string_view metric);

// "<", "<=", ">", ">=".
std::string_view comparison_text(Comparison comparison);

// "800 ms", "0.100%", "12.5 USD", "3.00": a value in its metric's unit, with
// its half-width when given ("5,500 ± 2.6 ms"), to the table's precision.
std::string metric_value_text(std::string_view metric, double value,
                              std::optional<double> half_width = std::nullopt);

}  // namespace app

#endif  // SCALESIM_APP_EXPERIMENT_SLO_H_
