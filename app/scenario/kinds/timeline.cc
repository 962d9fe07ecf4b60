// Reads a timeline controller (docs/scenarios.md#timeline).
#include "models/policies/timeline.h"

#include <regex>

#include "app/scenario/kinds/kind_table.h"
#include "app/scenario/kinds/lambda_vpc.h"
#include "app/scenario/kinds/policy_fields.h"
#include "app/scenario/traffic.h"

namespace app {

namespace {

// "90m" from the start; "16:00", the next time the local clock reads it; "tue
// 16:00", the next time it is that time on a Tuesday.
void read_instant(ObjectReader& e, models::TimelineEvent& event) {
  const Json* at = e.field("at", Presence::kRequired, "a duration or local time");
  if (!at) return;
  static const std::regex kTimeOfDay("([01][0-9]|2[0-3]):([0-5][0-9])");
  static const std::regex kTimeOfWeek("(mon|tue|wed|thu|fri|sat|sun) [0-9]{2}:[0-9]{2}");
  const std::string text = at->is_string() ? at->get<std::string>() : "";
  std::smatch match;
  if (std::regex_match(text, match, kTimeOfDay)) {
    event.anchor = models::TimelineEvent::Anchor::kTimeOfDay;
    event.at =
        sim::Duration::hours(std::stoi(match[1])) + sim::Duration::minutes(std::stoi(match[2]));
  } else if (std::regex_match(text, kTimeOfWeek)) {
    event.anchor = models::TimelineEvent::Anchor::kTimeOfWeek;
    event.at = read_week_time(*at, e.pointer("at"), e.problems()).value_or(event.at);
  } else if (!text.empty() && text.find(':') != std::string::npos) {
    e.problems().expected(e.pointer("at"),
                          "a duration, a local time such as \"16:00\" or a day and local time "
                          "such as \"tue 16:00\"",
                          at);
  } else {
    event.at = read_duration(*at, e.pointer("at"), e.problems()).value_or(event.at);
  }
}

uint32_t count(ObjectReader& e, std::string_view key, std::optional<uint32_t>& into, int64_t min) {
  if (auto v = e.integer(key, min, 1'000'000)) into = static_cast<uint32_t>(*v);
  return into ? 1 : 0;
}

// The Lambda limits an event changes; how many.
int read_lambda_changes(ObjectReader& e, models::TimelineEvent& event) {
  int changes = 0;
  changes += count(e, "account_concurrency", event.account_concurrency, 1);
  if (const Json* reserved = e.field("reserved_concurrency"); reserved && reserved->is_null()) {
    event.unreserve = true;  // null deletes the reservation
    ++changes;
  } else {
    changes += count(e, "reserved_concurrency", event.reserved_concurrency, 0);
  }
  changes += count(e, "provisioned_concurrency", event.provisioned_concurrency, 0);
  changes += count(e, "eni_quota", event.eni_quota, 1);
  if (const Json* subnet = e.field("add_subnet")) {
    event.add_subnet = read_subnet(*subnet, e.pointer("add_subnet"), e.problems());
    ++changes;
  }
  if (auto name = e.string("remove_subnet")) {
    event.remove_subnet = *name;
    ++changes;
  }
  return changes;
}

}  // namespace

std::optional<std::any> read_timeline(ObjectReader& r) {
  models::TimelineConfig c;
  Problems& problems = r.problems();
  const size_t before = problems.list().size();
  const Json* events = r.field("events", Presence::kRequired, "an array of events");
  if (events) {
    for_each_element(*events, r.pointer("events"), problems, "events",
                     [&](const Json& element, const std::string& at) {
                       ObjectReader e(element, at, problems);
                       if (!e.valid()) return;
                       models::TimelineEvent event;
                       read_instant(e, event);
                       int changes = read_lambda_changes(e, event);
                       if (auto n = e.integer("terminate_instances", 1, 100000)) {
                         event.terminate_instances = static_cast<uint32_t>(*n);
                         ++changes;
                       }
                       if (changes == 0 && e.field("at")) {
                         problems.add(
                             at,
                             "expected an event that changes something (terminate_instances, "
                             "account_concurrency, reserved_concurrency, provisioned_concurrency, "
                             "eni_quota, add_subnet or remove_subnet), found none");
                       }
                       e.reject_unknown_keys();
                       c.events.push_back(event);
                     });
  }
  if (problems.list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
