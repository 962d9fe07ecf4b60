#include "models/control/cloudwatch.h"

#include <algorithm>

#include "sim/check.h"

namespace models {

namespace {

UsageSnapshot sorted(UsageSnapshot snapshot) {
  std::sort(snapshot.in_service.begin(), snapshot.in_service.end(),
            [](const InstanceUsage& a, const InstanceUsage& b) { return a.id < b.id; });
  return snapshot;
}

}  // namespace

CloudWatch::CloudWatch(sim::Simulation& simulation)
    : sim_(simulation), periods_(simulation, *this, 0) {}

void CloudWatch::subscribe(MetricSource& source, MetricSubscriber& subscriber, int tag,
                           sim::Duration delay) {
  SCALESIM_CHECK(delay >= sim::Duration(), "a negative publication delay");
  source.track_usage();
  auto subscription = std::make_unique<Subscription>();
  subscription->source = &source;
  subscription->subscriber = &subscriber;
  subscription->tag = tag;
  subscription->delay = delay;
  subscription->last = sorted(source.usage());
  subscription->last_at = sim_.now();
  subscriptions_.push_back(std::move(subscription));
  if (!periods_.running()) {
    const int64_t period = kPeriod.us();
    periods_.start(sim::Time::micros((sim_.now().us() / period + 1) * period), kPeriod);
  }
}

void CloudWatch::on_tick(int /*tag*/) {
  for (size_t s = 0; s < subscriptions_.size(); ++s) {
    Subscription& subscription = *subscriptions_[s];
    Datapoints datapoints = measure(subscription);
    if (subscription.delay == sim::Duration()) {
      subscription.subscriber->on_published(subscription.tag, datapoints);
      continue;
    }
    subscription.unpublished.push_back(std::move(datapoints));
    sim_.schedule_after(subscription.delay, *this, s);
  }
}

void CloudWatch::on_event(uint64_t s) {
  Subscription& subscription = *subscriptions_[s];
  const Datapoints datapoints = subscription.unpublished.pop_front();
  subscription.subscriber->on_published(subscription.tag, datapoints);
}

// The change since the last period: each instance's CPU over the part of the
// period it was in service, the requests received, their mean response time,
// the provisioned concurrency's utilisation.
Datapoints CloudWatch::measure(Subscription& subscription) {
  const sim::Time now = sim_.now();
  UsageSnapshot current = sorted(subscription.source->usage());
  Datapoints out;
  out.period_start = subscription.last_at;
  out.period_end = now;
  const std::vector<InstanceUsage>& before = subscription.last.in_service;
  auto previous = before.begin();
  for (const InstanceUsage& instance : current.in_service) {
    while (previous != before.end() && previous->id < instance.id) ++previous;
    const double busy_before =
        previous != before.end() && previous->id == instance.id ? previous->cpu_busy_seconds : 0;
    const sim::Time from = std::max(out.period_start, instance.in_service_since);
    const double seconds = (now - from).seconds();
    if (seconds <= 0) continue;  // entered service at the very end
    out.instances.push_back({instance.id, instance.in_service_since,
                             100 * (instance.cpu_busy_seconds - busy_before) / seconds});
  }
  out.request_count = static_cast<double>(current.requests - subscription.last.requests);
  const uint64_t responses = current.responses - subscription.last.responses;
  if (responses > 0) {
    out.target_response_seconds = (current.response_seconds - subscription.last.response_seconds) /
                                  static_cast<double>(responses);
  }
  const double busy = current.provisioned_busy_seconds - subscription.last.provisioned_busy_seconds;
  const double ready =
      current.provisioned_ready_seconds - subscription.last.provisioned_ready_seconds;
  const double period_seconds = (now - out.period_start).seconds();
  if (period_seconds > 0) out.provisioned_allocated = ready / period_seconds;
  if (busy > 0 && ready > 0) out.provisioned_utilization = busy / ready;
  subscription.last = std::move(current);
  subscription.last_at = now;
  return out;
}

}  // namespace models
