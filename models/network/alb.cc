#include "models/network/alb.h"

#include "sim/check.h"

namespace models {

Alb::Alb(std::string name, const AlbConfig& config, std::vector<Target> targets,
         const RunContext& context)
    : Component(std::move(name)),
      config_(config),
      sim_(context.simulation),
      rng_(context.stream("alb:" + this->name() + ".routing")),
      targets_(std::move(targets)) {
  SCALESIM_CHECK(!targets_.empty(), "an alb needs at least one target");
  double total = 0;
  for (const Target& target : targets_) {
    SCALESIM_CHECK(target.weight > 0, "alb target weights must be positive");
    total += target.weight;
    cumulative_weight_.push_back(total);
  }
}

void Alb::accept(const Request& request) {
  if (config_.latency == sim::Duration()) return forward(request);
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
  if (targets_.size() == 1) return targets_.front().component->accept(request);
  const double pick = rng_.uniform_open01() * cumulative_weight_.back();
  size_t chosen = 0;
  while (chosen + 1 < targets_.size() && pick >= cumulative_weight_[chosen]) ++chosen;
  targets_[chosen].component->accept(request);
}

}  // namespace models
