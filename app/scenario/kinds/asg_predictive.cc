// Reads an asg's predictive scaling policy (docs/scenarios.md#predictive-scaling),
// AWS's PredictiveScalingConfiguration.
#include <regex>

#include "app/scenario/kinds/policy_fields.h"

namespace app {

namespace {

// AWS: SchedulingBufferTime "must be less than the forecast interval duration
// of 3600 seconds".
constexpr sim::Duration kMostBuffer = sim::Duration::seconds(3600);

std::optional<sim::Duration> read_time_of_day(ObjectReader& r, std::string_view key) {
  const Json* value = r.field(key, Presence::kRequired, "a time of day such as \"16:00\"");
  if (!value) return std::nullopt;
  static const std::regex kPattern("([01][0-9]|2[0-3]):([0-5][0-9])");
  const std::string text = value->is_string() ? value->get<std::string>() : "";
  std::smatch match;
  if (!std::regex_match(text, match, kPattern)) {
    r.problems().expected(r.pointer(key), "a time of day such as \"16:00\"", value);
    return std::nullopt;
  }
  return sim::Duration::hours(std::stoi(match[1])) + sim::Duration::minutes(std::stoi(match[2]));
}

// A positive duration of whole minutes, at most `most`.
std::optional<sim::Duration> read_minutes(ObjectReader& r, std::string_view key, sim::Duration most,
                                          const std::string& what,
                                          Presence presence = Presence::kOptional) {
  const std::optional<sim::Duration> d = r.duration(key, presence);
  if (!d) return std::nullopt;
  const int64_t minute = sim::Duration::minutes(1).us();
  if (d->us() <= 0 || d->us() % minute != 0 || *d > most) {
    r.problems().expected(r.pointer(key), what, r.field(key));
    return std::nullopt;
  }
  return d;
}

void read_spikes(const Json& value, const std::string& pointer, Problems& problems,
                 models::PredictiveScalingPolicy& policy) {
  for_each_element(
      value, pointer, problems, "known spikes", [&](const Json& element, const std::string& at) {
        ObjectReader s(element, at, problems);
        if (!s.valid()) return;
        const auto when = read_time_of_day(s, "at");
        const auto duration = read_minutes(s, "duration", sim::Duration::hours(12),
                                           "whole minutes from 1m to 12h", Presence::kRequired);
        s.reject_unknown_keys();
        if (when && duration) policy.known_spikes.push_back({*when, *duration});
      });
}

void read_policy(ObjectReader& p, models::PredictiveScalingPolicy& policy) {
  const auto metric = p.choice("metric", {"request_count", "cpu"});
  if (metric == "cpu") policy.metric = models::PredictiveMetric::kCpu;
  policy.target = p.number("target", 0, 1e9, true, Presence::kRequired).value_or(1);
  if (metric == "cpu" && policy.target > 100) {
    p.problems().expected(p.pointer("target"), "a CPU utilisation from 0 to 100 percent",
                          p.field("target"));
  }
  if (p.choice("mode", {"forecast_only", "forecast_and_scale"}) == "forecast_and_scale") {
    policy.mode = models::PredictiveMode::kForecastAndScale;
  }
  if (const auto buffer = p.duration("scheduling_buffer")) {
    if (buffer->us() < 0 || *buffer >= kMostBuffer) {
      p.problems().expected(p.pointer("scheduling_buffer"),
                            "a duration from 0s to less than 3600s (the forecast's hour)",
                            p.field("scheduling_buffer"));
    } else {
      policy.scheduling_buffer = *buffer;
    }
  }
  const auto breach =
      p.choice("max_capacity_breach", {"honor_max_capacity", "increase_max_capacity"});
  policy.increase_max = breach == "increase_max_capacity";
  if (const auto buffer = p.integer("max_capacity_buffer", 0, 100)) {
    policy.max_capacity_buffer = static_cast<uint32_t>(*buffer);
    if (!policy.increase_max) {
      p.problems().expected(p.pointer("max_capacity_buffer"),
                            "no buffer unless \"max_capacity_breach\" is "
                            "\"increase_max_capacity\"",
                            p.field("max_capacity_buffer"));
    }
  }
  policy.refresh =
      read_minutes(p, "refresh", sim::Duration::hours(48), "whole minutes from 1m to 48h")
          .value_or(policy.refresh);
  if (const auto interval = read_minutes(p, "forecast_interval", sim::Duration::hours(1),
                                         "whole minutes that divide an hour (1m to 1h)")) {
    if (sim::Duration::hours(1).us() % interval->us() == 0) {
      policy.forecast_interval = *interval;
    } else {
      p.problems().expected(p.pointer("forecast_interval"),
                            "whole minutes that divide an hour (1m to 1h)",
                            p.field("forecast_interval"));
    }
  }
  policy.daily_harmonics =
      static_cast<int>(p.integer("daily_harmonics", 0, 11).value_or(policy.daily_harmonics));
  if (const Json* spikes = p.field("known_spikes")) {
    read_spikes(*spikes, p.pointer("known_spikes"), p.problems(), policy);
  }
  p.reject_unknown_keys();
}

}  // namespace

std::optional<models::PredictiveScalingPolicy> read_predictive_scaling(const Json& value,
                                                                       const std::string& pointer,
                                                                       Problems& problems) {
  ObjectReader p(value, pointer, problems);
  if (!p.valid()) return std::nullopt;
  const size_t before = problems.list().size();
  models::PredictiveScalingPolicy policy;
  read_policy(p, policy);
  if (problems.list().size() != before) return std::nullopt;
  return policy;
}

}  // namespace app
