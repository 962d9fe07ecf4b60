#include "models/control/alarm.h"

#include "sim/check.h"

namespace models {

Alarm::Alarm(const AlarmConfig& config) : config_(config) {
  SCALESIM_CHECK(
      config.datapoints_to_alarm >= 1 && config.datapoints_to_alarm <= config.evaluation_periods,
      "an alarm needs 1 <= datapoints to alarm <= evaluation periods");
  SCALESIM_CHECK(config.extra_lookback >= 0, "an alarm cannot look back a negative range");
  range_.assign(static_cast<size_t>(config.evaluation_periods + config.extra_lookback),
                Point::kMissing);
}

bool Alarm::breaches(double datapoint) const {
  switch (config_.comparison) {
    case Comparison::kGreater:
      return datapoint > config_.threshold;
    case Comparison::kGreaterOrEqual:
      return datapoint >= config_.threshold;
    case Comparison::kLess:
      return datapoint < config_.threshold;
    case Comparison::kLessOrEqual:
      return datapoint <= config_.threshold;
  }
  return false;
}

AlarmState Alarm::add(std::optional<double> datapoint) {
  newest_ = (newest_ + 1) % range_.size();
  range_[newest_] = !datapoint             ? Point::kMissing
                    : breaches(*datapoint) ? Point::kBreaching
                                           : Point::kFine;
  const AlarmState next = evaluate();
  changed_ = next != state_;
  state_ = next;
  return state_;
}

Alarm::Point Alarm::at(int age) const {
  const size_t size = range_.size();
  return range_[(newest_ + size - static_cast<size_t>(age - 1)) % size];
}

AlarmState Alarm::evaluate() const {
  const int n = config_.evaluation_periods;
  const int range = static_cast<int>(range_.size());
  // The newest real datapoints, up to N of them, newest first.
  int real = 0;
  int breaching = 0;
  for (int age = 1; age <= range && real < n; ++age) {
    const Point point = at(age);
    if (point == Point::kMissing) continue;
    ++real;
    if (point == Point::kBreaching) ++breaching;
  }
  if (real == n) {
    return breaching >= config_.datapoints_to_alarm ? AlarmState::kAlarm : AlarmState::kOk;
  }
  return evaluate_partial(real, breaching);
}

// Fewer than N real datapoints in the whole range: the treatment of missing data
// decides (see the rules in alarm.h).
AlarmState Alarm::evaluate_partial(int real, int breaching) const {
  const int m = config_.datapoints_to_alarm;
  const int fill = config_.evaluation_periods - real;
  switch (config_.missing) {
    case MissingData::kBreaching:
      return breaching + fill >= m ? AlarmState::kAlarm : AlarmState::kOk;
    case MissingData::kNotBreaching:
      return breaching >= m ? AlarmState::kAlarm : AlarmState::kOk;
    case MissingData::kMissing:
    case MissingData::kIgnore:
      break;
  }
  if (breaching >= m) return AlarmState::kAlarm;
  if (breaching < real) return AlarmState::kOk;  // a real datapoint does not breach
  if (config_.missing == MissingData::kIgnore) return state_;
  // Only breaching datapoints, if any: the premature-alarm rule.
  for (int age = static_cast<int>(range_.size()); age >= m; --age) {
    if (at(age) == Point::kBreaching) return AlarmState::kAlarm;
  }
  return AlarmState::kInsufficientData;
}

}  // namespace models
