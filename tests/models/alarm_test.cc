#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/control/alarm.h"
#include "models/control/statistic.h"

using models::Alarm;
using models::AlarmConfig;
using models::AlarmState;
using models::Comparison;
using models::MissingData;

namespace {

constexpr AlarmState kInsufficient = AlarmState::kInsufficientData;
constexpr AlarmState kOk = AlarmState::kOk;
constexpr AlarmState kAlarm = AlarmState::kAlarm;
constexpr std::optional<double> kNone = std::nullopt;

// Feeds `points` and returns the state after each.
std::vector<AlarmState> feed(Alarm& alarm, const std::vector<std::optional<double>>& points) {
  std::vector<AlarmState> states;
  for (const auto& point : points) states.push_back(alarm.add(point));
  return states;
}

// The tables' notation, oldest first: "0" not breaching, "X" breaching, "-" missing.
std::vector<std::optional<double>> points(const std::string& row) {
  std::vector<std::optional<double>> out;
  for (char c : row) {
    if (c == '0') out.push_back(0.0);
    if (c == 'X') out.push_back(100.0);
    if (c == '-') out.push_back(std::nullopt);
  }
  return out;
}

}  // namespace

TEST_CASE("An alarm starts in INSUFFICIENT_DATA and leaves it with enough data", "[control]") {
  Alarm alarm({Comparison::kGreater, 10, 3, 3});
  CHECK(alarm.state() == kInsufficient);
  CHECK_FALSE(alarm.changed());
  CHECK(alarm.add(kNone) == kInsufficient);
  CHECK_FALSE(alarm.changed());
  // Breaching datapoints younger than 3 periods could still be followed by good
  // ones: the alarm waits rather than alarm prematurely.
  CHECK(feed(alarm, {20, 20}) == std::vector{kInsufficient, kInsufficient});
  CHECK(alarm.add(20) == kAlarm);
  CHECK(alarm.changed());

  Alarm healthy({Comparison::kGreater, 10, 3, 3});
  CHECK(healthy.add(5) == kOk);  // one good datapoint settles a 3 of 3 alarm
  CHECK(healthy.changed());
}

TEST_CASE("Three of three above the threshold alarms on the third and clears on one below",
          "[control]") {
  Alarm alarm({Comparison::kGreater, 70, 3, 3});
  // 70 itself does not breach "greater than 70".
  CHECK(feed(alarm, {50, 80, 80, 70, 80, 80, 80, 80, 60, 80}) ==
        std::vector{kOk, kOk, kOk, kOk, kOk, kOk, kAlarm, kAlarm, kOk, kOk});
  CHECK(alarm.changed() == false);
  alarm.add(80);
  CHECK(alarm.state() == kOk);
  alarm.add(80);
  CHECK(alarm.state() == kAlarm);
  CHECK(alarm.changed());
}

TEST_CASE("Fifteen of fifteen below the threshold alarms only after fifteen in a row",
          "[control]") {
  // A scale-in alarm: CPU below 63 % for 15 one-minute periods.
  Alarm alarm({Comparison::kLess, 63, 15, 15});
  CHECK(alarm.add(80) == kOk);
  for (int i = 1; i <= 14; ++i) {
    INFO("low datapoint " << i);
    CHECK(alarm.add(50) == kOk);  // the 80 is still among the last 15
  }
  CHECK(alarm.add(50) == kAlarm);
  CHECK(alarm.changed());
  CHECK(alarm.add(63) == kOk);  // 63 is not below 63
  CHECK(alarm.changed());
}

TEST_CASE("Two of three alarms on any two breaching datapoints among the last three", "[control]") {
  Alarm alarm({Comparison::kGreater, 10, 3, 2});
  CHECK(feed(alarm, {20, 0, 20, 0, 0, 20, 20, 0, 0}) ==
        std::vector{kInsufficient, kOk, kAlarm, kOk, kOk, kOk, kAlarm, kAlarm, kOk});
}

TEST_CASE("Comparisons at the threshold follow their operator", "[control]") {
  CHECK_FALSE(Alarm({Comparison::kGreater, 5, 1, 1}).breaches(5));
  CHECK(Alarm({Comparison::kGreaterOrEqual, 5, 1, 1}).breaches(5));
  CHECK_FALSE(Alarm({Comparison::kLess, 5, 1, 1}).breaches(5));
  CHECK(Alarm({Comparison::kLessOrEqual, 5, 1, 1}).breaches(5));
  CHECK(Alarm({Comparison::kGreater, 5, 1, 1}).breaches(5.000001));
  CHECK(Alarm({Comparison::kLess, 5, 1, 1}).breaches(4.999999));
}

namespace {

// A row of CW-ALARMS' tables: the evaluation range's datapoints and the state each
// treatment of missing data sets (nullopt: "Retain current state").
struct Row {
  const char* points;
  std::optional<AlarmState> missing, ignore, breaching, not_breaching;
};

void check_row(int datapoints_to_alarm, const Row& row) {
  const std::pair<MissingData, std::optional<AlarmState>> cases[] = {
      {MissingData::kMissing, row.missing},
      {MissingData::kIgnore, row.ignore},
      {MissingData::kBreaching, row.breaching},
      {MissingData::kNotBreaching, row.not_breaching}};
  for (const auto& [treatment, expected] : cases) {
    // Five datapoints before the row leave the alarm OK or ALARM; none of them is
    // in the row's evaluation range of 5.
    for (const char* before : {"00000", "XXXXX"}) {
      INFO(row.points << " treated " << static_cast<int>(treatment) << " after " << before);
      Alarm alarm({Comparison::kGreater, 50, 3, datapoints_to_alarm, treatment});
      feed(alarm, points(before));
      const auto row_points = points(row.points);
      feed(alarm, {row_points.begin(), row_points.end() - 1});
      const AlarmState prior = alarm.state();
      alarm.add(row_points.back());
      CHECK(alarm.state() == expected.value_or(prior));
      if (!expected) CHECK_FALSE(alarm.changed());
    }
  }
}

constexpr std::optional<AlarmState> kRetain = std::nullopt;

}  // namespace

TEST_CASE("A 3 of 3 alarm evaluates partial data as CloudWatch's table shows", "[control]") {
  const Row rows[] = {
      // Missing, ignore, breaching, not breaching.
      {"0-X-X", kOk, kOk, kOk, kOk},
      {"0----", kOk, kOk, kOk, kOk},
      {"-----", kInsufficient, kRetain, kAlarm, kOk},
      {"0XX-X", kAlarm, kAlarm, kAlarm, kAlarm},
      {"--X--", kAlarm, kRetain, kAlarm, kOk},  // the premature-alarm rule
      // Two rows from an earlier version of the same page's table.
      {"----X", kInsufficient, kRetain, kAlarm, kOk},
      {"X----", kAlarm, kRetain, kAlarm, kOk},
  };
  for (const Row& row : rows) check_row(3, row);
}

TEST_CASE("A 2 of 3 alarm evaluates partial data as CloudWatch's table shows", "[control]") {
  const Row rows[] = {
      {"0-X-X", kAlarm, kAlarm, kAlarm, kAlarm}, {"00X0X", kAlarm, kAlarm, kAlarm, kAlarm},
      {"0-X--", kOk, kOk, kAlarm, kOk},          {"----0", kOk, kOk, kAlarm, kOk},
      {"---X-", kAlarm, kRetain, kAlarm, kOk},
  };
  for (const Row& row : rows) check_row(2, row);
}

TEST_CASE("Each treatment of missing data evaluates a sequence with gaps", "[control]") {
  // 2 of 3, evaluation range 5. The windows after each datapoint, oldest first:
  //   ----0 ---00 --000 -000X 000X- 00X-- 0X--- X---- ----- ----0 ---0X --0XX
  // From the 3rd to the 6th there are 3 real datapoints in the range, so the
  // treatment does not matter; otherwise it does.
  const auto sequence = points("000X-----0XX");
  const auto run = [&](MissingData treatment) {
    Alarm alarm({Comparison::kGreater, 50, 3, 2, treatment});
    return feed(alarm, sequence);
  };
  CHECK(run(MissingData::kBreaching) == std::vector{kAlarm, kOk, kOk, kOk, kOk, kOk, kAlarm, kAlarm,
                                                    kAlarm, kAlarm, kAlarm, kAlarm});
  CHECK(run(MissingData::kNotBreaching) ==
        std::vector{kOk, kOk, kOk, kOk, kOk, kOk, kOk, kOk, kOk, kOk, kOk, kAlarm});
  // X---- alarms: the breaching datapoint is 5 periods old, at least M = 2.
  CHECK(run(MissingData::kMissing) ==
        std::vector{kOk, kOk, kOk, kOk, kOk, kOk, kOk, kAlarm, kInsufficient, kOk, kOk, kAlarm});
  CHECK(run(MissingData::kIgnore) ==
        std::vector{kOk, kOk, kOk, kOk, kOk, kOk, kOk, kOk, kOk, kOk, kOk, kAlarm});
}

TEST_CASE("Looking back past the evaluation periods fills fewer missing datapoints", "[control]") {
  // "00X-": the newest three real datapoints are 0 0 X, so with the default look-back
  // nothing is filled; without it, "0X-" has one missing datapoint, filled as breaching.
  AlarmConfig config{Comparison::kGreater, 50, 3, 2, MissingData::kBreaching};
  Alarm with_lookback(config);
  CHECK(feed(with_lookback, points("00X-")).back() == kOk);
  config.extra_lookback = 0;
  Alarm without(config);
  CHECK(feed(without, points("00X-")).back() == kAlarm);
}

TEST_CASE("Statistics summarise a period's samples, and no samples are no datapoint", "[control]") {
  using models::Statistic;
  const std::vector<double> values = {3, 1, 2, 6};
  CHECK(models::statistic(Statistic::kAverage, values) == 3.0);
  CHECK(models::statistic(Statistic::kSum, values) == 12.0);
  CHECK(models::statistic(Statistic::kMaximum, values) == 6.0);
  CHECK(models::statistic(Statistic::kMinimum, values) == 1.0);
  CHECK(models::statistic(Statistic::kSampleCount, values) == 4.0);
  for (Statistic s : {Statistic::kAverage, Statistic::kSum, Statistic::kMaximum,
                      Statistic::kMinimum, Statistic::kSampleCount}) {
    CHECK_FALSE(models::statistic(s, {}).has_value());
  }
}
