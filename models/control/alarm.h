// A CloudWatch metric alarm, fed one datapoint per period (or none, for a period
// without data) and evaluated after each, as CloudWatch evaluates an alarm
// (source key CW-ALARMS: "Using Amazon CloudWatch alarms" and its section
// "Configuring how CloudWatch alarms treat missing data", with the tables of how
// each treatment evaluates partial data,
// docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
// and .../alarms-and-missing-data.html, read as of 2023-2025).
//
// A datapoint breaches when `datapoint <comparison> threshold`. With N evaluation
// periods and M datapoints to alarm, the alarm is in ALARM when at least M of the
// N datapoints evaluated breach, and OK otherwise; the breaching ones need not be
// consecutive. When data is missing CloudWatch looks back further than N periods,
// over an "evaluation range" whose length it does not publish (it "depends on the
// length of the alarm period and whether it is based on a metric with standard
// resolution or high resolution"). Here it is N + `extra_lookback` periods, 2 by
// default, which is the range of every worked example on the page (N = 3, range 5).
// Within that range, with R real datapoints:
//  - R >= N: the newest N real datapoints are evaluated; the treatment of missing
//    data does not matter.
//  - R < N, breaching / notBreaching: all R real datapoints are evaluated, with
//    N - R missing ones counted as breaching / not breaching.
//  - R < N, missing / ignore: ALARM if at least M real datapoints breach; else OK
//    if any real datapoint does not breach; else (no datapoints, or only breaching
//    ones, fewer than M) missing goes to ALARM if the oldest breaching datapoint is
//    at least M periods old (the page's "premature alarm state" rule: "- - X - -"
//    alarms a 3-of-3 alarm) and to INSUFFICIENT_DATA otherwise, while ignore keeps
//    the current state.
// This reproduces every row of the page's two tables (see alarm_test.cc).
//
// Periods before the first add() count as missing: the metric did not exist
// before the run, so an alarm starts in INSUFFICIENT_DATA (CloudWatch would look
// at data from before an alarm's creation if there were any). Not modelled: the
// AWS/DynamoDB namespace, whose alarms always ignore missing data, and percentile
// statistics with few samples.
#ifndef SCALESIM_MODELS_CONTROL_ALARM_H_
#define SCALESIM_MODELS_CONTROL_ALARM_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace models {

enum class Comparison { kGreater, kGreaterOrEqual, kLess, kLessOrEqual };
// CloudWatch's TreatMissingData: missing, notBreaching, breaching, ignore.
enum class MissingData { kMissing, kNotBreaching, kBreaching, kIgnore };
enum class AlarmState { kInsufficientData, kOk, kAlarm };

struct AlarmConfig {
  Comparison comparison;
  double threshold;
  int evaluation_periods;   // N
  int datapoints_to_alarm;  // M
  MissingData missing = MissingData::kMissing;
  // Periods before the newest N that are also looked at when data is missing.
  int extra_lookback = 2;
};

class Alarm {
 public:
  // REQUIRES: 1 <= datapoints_to_alarm <= evaluation_periods; extra_lookback >= 0.
  explicit Alarm(const AlarmConfig& config);

  // Adds the datapoint of the period just ended (nullopt: none was reported),
  // evaluates, and returns the state after evaluation.
  AlarmState add(std::optional<double> datapoint);
  AlarmState state() const { return state_; }
  // Whether the last add() changed the state (CloudWatch invokes most actions
  // only on a change).
  bool changed() const { return changed_; }
  bool breaches(double datapoint) const;
  const AlarmConfig& config() const { return config_; }

 private:
  enum class Point : uint8_t { kMissing, kFine, kBreaching };

  AlarmState evaluate() const;
  AlarmState evaluate_partial(int real, int breaching) const;
  // The point `age` periods old; the newest has age 1. REQUIRES: 1 <= age <= range.
  Point at(int age) const;

  AlarmConfig config_;
  std::vector<Point> range_;  // a ring over the evaluation range
  size_t newest_ = 0;         // index of the newest point in range_
  AlarmState state_ = AlarmState::kInsufficientData;
  bool changed_ = false;
};

}  // namespace models

#endif  // SCALESIM_MODELS_CONTROL_ALARM_H_
