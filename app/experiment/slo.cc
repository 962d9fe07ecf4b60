#include "app/experiment/slo.h"

#include "app/output/number_text.h"
#include "app/scenario/json_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace app {

namespace {

enum class MetricUnit { kMilliseconds, kRatio, kUsd, kNumber };

bool ends_with(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

bool starts_with(std::string_view text, std::string_view start) {
  return text.substr(0, start.size()) == start;
}

// The unit a metric is reported in, known from its name (docs/outputs.md).
MetricUnit unit_of(std::string_view metric) {
  if (ends_with(metric, "_ms")) return MetricUnit::kMilliseconds;
  if (ends_with(metric, "_usd")) return MetricUnit::kUsd;
  if (starts_with(metric, "rate.") || metric.find(".rate.") != std::string_view::npos ||
      ends_with(metric, "_rate") || ends_with(metric, "utilisation") ||
      ends_with(metric, "probability"))
    return MetricUnit::kRatio;
  return MetricUnit::kNumber;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

std::optional<double> plain_number(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// A threshold in the metric's unit: "800ms", "0.8s", "0.1%", "$20", "20USD".
std::optional<double> threshold_value(std::string_view text, MetricUnit unit) {
  switch (unit) {
    case MetricUnit::kMilliseconds:
      if (ends_with(text, "ms")) return plain_number(text.substr(0, text.size() - 2));
      if (ends_with(text, "s")) {
        const auto seconds = plain_number(text.substr(0, text.size() - 1));
        return seconds ? std::optional<double>(*seconds * 1000) : std::nullopt;
      }
      return plain_number(text);
    case MetricUnit::kRatio:
      if (ends_with(text, "%")) {
        const auto percent = plain_number(text.substr(0, text.size() - 1));
        return percent ? std::optional<double>(*percent / 100) : std::nullopt;
      }
      return plain_number(text);
    case MetricUnit::kUsd:
      if (starts_with(text, "$")) text.remove_prefix(1);
      if (ends_with(text, "USD") || ends_with(text, "usd")) text.remove_suffix(3);
      return plain_number(trim(text));
    case MetricUnit::kNumber:
      return plain_number(text);
  }
  return std::nullopt;
}

std::string_view unit_hint(MetricUnit unit) {
  switch (unit) {
    case MetricUnit::kMilliseconds:
      return "a duration such as 800ms or 1.5s";
    case MetricUnit::kRatio:
      return "a percentage such as 0.1% or a ratio such as 0.001";
    case MetricUnit::kUsd:
      return "an amount in US dollars such as 200 or $200";
    case MetricUnit::kNumber:
      return "a number";
  }
  return "a number";
}

std::optional<SloTerm> parse_term(std::string_view text, std::string& error,
                                  const std::vector<std::string>* known) {
  const size_t op = text.find_first_of("<>");
  if (op == std::string_view::npos) {
    error = "expected METRIC<VALUE, METRIC<=VALUE, METRIC>VALUE or METRIC>=VALUE, found \"" +
            std::string(text) + "\"";
    return std::nullopt;
  }
  SloTerm term;
  term.text = std::string(text);
  const bool less = text[op] == '<';
  const bool or_equal = op + 1 < text.size() && text[op + 1] == '=';
  term.comparison = less ? (or_equal ? Comparison::kLessEqual : Comparison::kLess)
                         : (or_equal ? Comparison::kGreaterEqual : Comparison::kGreater);
  const std::string_view name = trim(text.substr(0, op));
  const std::string_view value = trim(text.substr(op + (or_equal ? 2 : 1)));
  if (name.empty()) {
    error = "expected a metric before \"" + std::string(text.substr(op)) + "\", found nothing";
    return std::nullopt;
  }
  term.metric = full_metric_name(name);
  if (known) {
    if (auto problem = unknown_metric(term.metric, "an SLO on", *known)) {
      error = *problem;
      return std::nullopt;
    }
  }
  const MetricUnit unit = unit_of(term.metric);
  const auto threshold = threshold_value(value, unit);
  if (!threshold) {
    error = "expected " + std::string(unit_hint(unit)) + " for " + term.metric + ", found \"" +
            std::string(value) + "\"";
    return std::nullopt;
  }
  term.threshold = *threshold;
  return term;
}

}  // namespace

bool SloTerm::met_by(double value) const {
  switch (comparison) {
    case Comparison::kLess:
      return value < threshold;
    case Comparison::kLessEqual:
      return value <= threshold;
    case Comparison::kGreater:
      return value > threshold;
    case Comparison::kGreaterEqual:
      return value >= threshold;
  }
  return false;
}

std::optional<std::string> unknown_metric(const std::string& metric, const std::string& what,
                                          const std::vector<std::string>& known) {
  if (std::binary_search(known.begin(), known.end(), metric)) return std::nullopt;
  const auto near = nearest(metric, known);
  return "expected " + what + " a metric the strategies report (docs/outputs.md)" +
         (near ? ", such as " + *near : "") + ", found \"" + metric + "\"";
}

std::optional<Slo> parse_slo(std::string_view text, std::string& error,
                             const std::vector<std::string>* known) {
  Slo slo;
  slo.text = std::string(text);
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view part = trim(text.substr(start, comma - start));
    if (part.empty()) {
      error = "expected terms separated by commas, found an empty term in \"" + std::string(text) +
              "\"";
      return std::nullopt;
    }
    auto term = parse_term(part, error, known);
    if (!term) return std::nullopt;
    slo.terms.push_back(std::move(*term));
    start = comma + 1;
  }
  return slo;
}

std::string full_metric_name(std::string_view name) {
  if (name == "errors" || name == "error_rate") return "rate.error";
  if (name == "cost") return "cost.per_month_usd";
  if (name == "cold_starts") return "lambda.cold_start_rate";
  for (std::string_view p : {"mean", "p50", "p90", "p99", "p999", "max"}) {
    if (name == "latency." + std::string(p) || name == p)
      return "latency." + std::string(p) + "_ms";
  }
  return std::string(name);
}

bool is_ratio_metric(std::string_view metric) {
  return unit_of(metric) == MetricUnit::kRatio;
}

std::string_view comparison_text(Comparison comparison) {
  switch (comparison) {
    case Comparison::kLess:
      return "<";
    case Comparison::kLessEqual:
      return "<=";
    case Comparison::kGreater:
      return ">";
    case Comparison::kGreaterEqual:
      return ">=";
  }
  return "<";
}

std::string metric_value_text(std::string_view metric, double value,
                              std::optional<double> half_width) {
  double scale = 1;
  const char* suffix = "";
  switch (unit_of(metric)) {
    case MetricUnit::kMilliseconds:
      suffix = " ms";
      break;
    case MetricUnit::kRatio:
      scale = 100;
      suffix = "%";
      break;
    case MetricUnit::kUsd:
      suffix = " USD";
      break;
    case MetricUnit::kNumber:
      break;
  }
  if (half_width) *half_width *= scale;
  // One unit at the end: "5,500 ± 2.6 ms", but "0.10% ± 0.02%" as the table shows it.
  if (scale == 100) return estimate_text(value * scale, half_width, suffix);
  return estimate_text(value * scale, half_width) + suffix;
}

}  // namespace app
