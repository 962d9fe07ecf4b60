// The CloudWatch statistics that turn one period's samples into the datapoint an
// alarm evaluates (CW-ALARMS, alarm.h): Average, Sum, Maximum, Minimum and
// SampleCount.
#ifndef SCALESIM_MODELS_CONTROL_STATISTIC_H_
#define SCALESIM_MODELS_CONTROL_STATISTIC_H_

#include <algorithm>
#include <numeric>
#include <optional>
#include <span>

namespace models {

enum class Statistic { kAverage, kSum, kMaximum, kMinimum, kSampleCount };

// The statistic of `values`; nullopt for no values, which is a missing datapoint
// to an alarm (CloudWatch has no datapoint for a period without samples, not even
// a SampleCount of 0).
inline std::optional<double> statistic(Statistic kind, std::span<const double> values) {
  if (values.empty()) return std::nullopt;
  const auto count = static_cast<double>(values.size());
  switch (kind) {
    case Statistic::kAverage:
      return std::accumulate(values.begin(), values.end(), 0.0) / count;
    case Statistic::kSum:
      return std::accumulate(values.begin(), values.end(), 0.0);
    case Statistic::kMaximum:
      return *std::max_element(values.begin(), values.end());
    case Statistic::kMinimum:
      return *std::min_element(values.begin(), values.end());
    case Statistic::kSampleCount:
      return count;
  }
  return std::nullopt;
}

}  // namespace models

#endif  // SCALESIM_MODELS_CONTROL_STATISTIC_H_
