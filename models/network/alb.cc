#include "models/network/alb.h"

#include <algorithm>
#include <cstdint>

#include "models/pricing/billing_rules.h"
#include "sim/check.h"

namespace models {

namespace {
constexpr sim::Duration kHour = sim::Duration::hours(1);
}  // namespace

Alb::Alb(std::string name, const AlbConfig& config, std::vector<Successor> targets,
         const RunContext& context)
    : Component(std::move(name)),
      config_(config),
      sim_(context.simulation),
      rng_(context.stream("alb:" + this->name() + ".routing")),
      targets_(std::move(targets)),
      ledger_(context.ledger) {
  SCALESIM_CHECK(!targets_.empty(), "an alb needs at least one target");
  if (ledger_) {
    hours_meter_ = ledger_->meter(this->name() + ".alb_hours", "alb", "alb.hour");
    lcu_meter_ = ledger_->meter(this->name() + ".lcu_hours", "alb", "alb.lcu_hour");
    ipv4_meter_ = ledger_->meter(this->name() + ".public_ipv4", "public_ipv4", "public_ipv4.hour");
  }
  for (const Successor& target : targets_) {
    if (auto* member = dynamic_cast<LoadBalancedTarget*>(target.component))
      member->attach_load_balancer(config.target_group);
  }
  double total = 0;
  for (const Successor& target : targets_) {
    SCALESIM_CHECK(target.weight > 0, "alb target weights must be positive");
    total += target.weight;
    cumulative_weight_.push_back(total);
  }
}

// Every call is a tail call (a new hour and a latency go out of line): the
// common case saves no registers.
void Alb::accept(const Request& request) {
  if (ledger_) {
    if (sim_.now() >= hour_end_) [[unlikely]]
      return accept_in_new_hour(request);
    requests_in_hour_ += 1;
    response_bytes_in_hour_ += request.response_bytes;
  }
  if (config_.latency != sim::Duration()) [[unlikely]]
    return send_after_latency(request);
  forward(request);
}

void Alb::accept_in_new_hour(const Request& request) {
  close_hours_before(sim_.now());
  accept(request);
}

void Alb::send_after_latency(const Request& request) {
  if (in_transit_.empty()) sim_.schedule_after(config_.latency, *this);
  in_transit_.push_back(WaitingRequest{request, sim_.now()});
}

void Alb::on_event(uint64_t /*payload*/) {
  const sim::Time now = sim_.now();
  while (!in_transit_.empty() && in_transit_.front().since + config_.latency <= now) {
    forward(in_transit_.pop_front().request);
  }
  if (!in_transit_.empty()) sim_.schedule(in_transit_.front().since + config_.latency, *this);
}

void Alb::forward(const Request& request) {
  if (targets_.size() == 1) [[likely]]
    return targets_.front().component->accept(request);
  forward_weighted(request);
}

void Alb::forward_weighted(const Request& request) {
  const double pick = rng_.uniform_open01() * cumulative_weight_.back();
  size_t chosen = 0;
  while (chosen + 1 < targets_.size() && pick >= cumulative_weight_[chosen]) ++chosen;
  targets_[chosen].component->accept(request);
}

void Alb::close_hours_before(sim::Time now) {
  const int64_t current = now.us() / kHour.us();
  for (; hour_ < current; ++hour_) {
    bill_lcus(sim::Time::micros(hour_ * kHour.us()), sim::Time::micros((hour_ + 1) * kHour.us()),
              requests_in_hour_, response_bytes_in_hour_);
    requests_in_hour_ = 0;
    response_bytes_in_hour_ = 0;
  }
  hour_end_ = sim::Time::micros((hour_ + 1) * kHour.us());
}

// LCU-hours for `requests` over [from, to): the LCUs their rates need, for the
// part of an hour the span covers. Active connections are taken as the new
// connections of a minute, each lasting under a minute (no long-lived sockets).
void Alb::bill_lcus(sim::Time from, sim::Time to, double requests, double response_bytes) {
  const double seconds = (to - from).seconds();
  if (seconds <= 0) return;
  const double connections = requests / config_.requests_per_connection;
  LcuUsage usage;
  usage.new_connections_per_second = connections / seconds;
  usage.active_connections_per_minute = connections / seconds * 60;
  usage.processed_gb_per_hour =
      (requests * config_.processed_bytes_per_request + response_bytes) / 1e9 / (seconds / 3600);
  usage.rule_evaluations_per_second = requests * std::max(0, config_.rules - 10) / seconds;
  ledger_->charge_span(lcu_meter_, from, to, alb_lcus(usage) * seconds / 3600);
}

void Alb::settle(sim::Time end) {
  if (!ledger_) return;
  close_hours_before(end);
  bill_lcus(sim::Time::micros(hour_ * kHour.us()), end, requests_in_hour_, response_bytes_in_hour_);
  const double hours = end.seconds() / 3600;
  ledger_->charge_span(hours_meter_, sim::Time::zero(), end, hours);
  ledger_->charge_span(ipv4_meter_, sim::Time::zero(), end, hours * config_.availability_zones);
}

namespace {

std::unique_ptr<Component> make_alb(const ComponentSpec& spec, const std::vector<Successor>& next,
                                    const RunContext& context) {
  return std::make_unique<Alb>(spec.name, spec.config_as<AlbConfig>(), next, context);
}

std::vector<std::string> alb_prices(const ComponentSpec&) {
  return {"alb.hour", "alb.lcu_hour", "public_ipv4.hour"};
}

}  // namespace

const ComponentKind& AlbConfig::kind() {
  static const ComponentKind row{"alb",    true,      {"server_fleet", "ecs_service"}, 1, SIZE_MAX,
                                 make_alb, alb_prices};
  return row;
}

}  // namespace models
