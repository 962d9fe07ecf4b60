// End-of-run figures. Each run yields a flat, ordered list; the runner turns lists
// from replications into means with confidence intervals.
#ifndef SCALESIM_MODELS_METRICS_H_
#define SCALESIM_MODELS_METRICS_H_

#include <string>
#include <vector>

namespace models {

enum class Unit {
  kCount,         // a number of things (requests, instances)
  kRatio,         // a fraction in [0, 1], shown as a percentage
  kMilliseconds,  // a duration
  kUsd,           // money, in US dollars
  kNumber,        // anything else (a time-weighted mean of a count)
};

struct Metric {
  std::string name;  // dotted and stable, e.g. "latency.p99_ms", "component.web.utilisation"
  double value = 0;
  Unit unit = Unit::kNumber;
};

using MetricList = std::vector<Metric>;

}  // namespace models

#endif  // SCALESIM_MODELS_METRICS_H_
