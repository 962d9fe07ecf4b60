#include "app/scenario/kinds/policy_fields.h"

namespace app {

std::optional<sim::CronSchedule> read_cron(const Json& value, const std::string& pointer,
                                           Problems& problems) {
  if (!value.is_string()) {
    problems.expected(pointer, "a cron expression such as \"0 8 * * mon-fri\"", &value);
    return std::nullopt;
  }
  std::string error;
  std::optional<sim::CronSchedule> schedule =
      sim::CronSchedule::parse(value.get<std::string>(), &error);
  if (!schedule) problems.add(pointer, error);
  return schedule;
}

std::optional<models::RetryPolicy> read_retry(const Json& value, const std::string& pointer,
                                              Problems& problems) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return std::nullopt;
  const size_t before = problems.list().size();
  models::RetryPolicy retry{1, sim::Duration::seconds(1), sim::Duration::seconds(20),
                            models::Jitter::kFull};
  retry.attempts = static_cast<int>(r.integer("attempts", 1, 100).value_or(retry.attempts));
  retry.base = r.duration("base").value_or(retry.base);
  const auto cap = r.duration("cap");
  retry.cap = cap.value_or(std::max(retry.cap, retry.base));
  if (cap && retry.cap < retry.base) {
    problems.expected(r.pointer("cap"), "a duration at least \"base\"", r.field("cap"));
  }
  if (r.choice("jitter", {"full", "none"}) == "none") retry.jitter = models::Jitter::kNone;
  r.reject_unknown_keys();
  if (problems.list().size() != before) return std::nullopt;
  return retry;
}

std::optional<models::FleetMetric> read_fleet_metric_name(ObjectReader& r, std::string_view key,
                                                          Presence presence) {
  const auto name = r.choice(
      key, {"cpu", "request_count", "request_count_per_target", "target_response_time"}, presence);
  if (!name) return std::nullopt;
  if (*name == "request_count") return models::FleetMetric::kRequestCount;
  if (*name == "request_count_per_target") return models::FleetMetric::kRequestCountPerTarget;
  if (*name == "target_response_time") return models::FleetMetric::kTargetResponseTime;
  return models::FleetMetric::kCpu;
}

std::optional<models::Statistic> read_statistic(ObjectReader& r, std::string_view key) {
  const auto name = r.choice(key, {"average", "sum", "maximum", "minimum", "sample_count"});
  if (!name) return std::nullopt;
  if (*name == "sum") return models::Statistic::kSum;
  if (*name == "maximum") return models::Statistic::kMaximum;
  if (*name == "minimum") return models::Statistic::kMinimum;
  if (*name == "sample_count") return models::Statistic::kSampleCount;
  return models::Statistic::kAverage;
}

std::optional<models::AlarmConfig> read_alarm(const Json& value, const std::string& pointer,
                                              Problems& problems) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return std::nullopt;
  const size_t before = problems.list().size();
  models::AlarmConfig alarm{models::Comparison::kGreater, 0, 1, 1};
  const auto comparison = r.choice("comparison", {">", ">=", "<", "<="}, Presence::kRequired);
  if (comparison == ">=") alarm.comparison = models::Comparison::kGreaterOrEqual;
  if (comparison == "<") alarm.comparison = models::Comparison::kLess;
  if (comparison == "<=") alarm.comparison = models::Comparison::kLessOrEqual;
  alarm.threshold = r.number("threshold", -1e12, 1e12, false, Presence::kRequired).value_or(0);
  alarm.evaluation_periods = static_cast<int>(r.integer("periods", 1, 1440).value_or(1));
  const auto datapoints = r.integer("datapoints", 1, 1440);
  alarm.datapoints_to_alarm = static_cast<int>(datapoints.value_or(alarm.evaluation_periods));
  if (alarm.datapoints_to_alarm > alarm.evaluation_periods) {
    problems.expected(r.pointer("datapoints"),
                      "at most \"periods\" (" + std::to_string(alarm.evaluation_periods) + ")",
                      r.field("datapoints"));
  }
  const auto missing = r.choice("missing", {"missing", "not_breaching", "breaching", "ignore"});
  if (missing == "not_breaching") alarm.missing = models::MissingData::kNotBreaching;
  if (missing == "breaching") alarm.missing = models::MissingData::kBreaching;
  if (missing == "ignore") alarm.missing = models::MissingData::kIgnore;
  r.reject_unknown_keys();
  if (problems.list().size() != before) return std::nullopt;
  return alarm;
}

void for_each_element(const Json& value, const std::string& pointer, Problems& problems,
                      const std::string& what,
                      const std::function<void(const Json&, const std::string&)>& each) {
  if (!value.is_array() || value.empty()) {
    problems.expected(pointer, "a non-empty array of " + what, &value);
    return;
  }
  for (size_t i = 0; i < value.size(); ++i) each(value[i], child_pointer(pointer, i));
}

}  // namespace app
