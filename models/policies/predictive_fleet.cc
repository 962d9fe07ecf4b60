// The predictive group keeping its fleet at the desired capacity, by the rules
// of an Auto Scaling group (asg.h, asg_group.cc): RunInstances and
// TerminateInstances without retries (the next reconciliation asks again),
// pending instances terminated first, then instances in service at random.
#include <algorithm>

#include "models/policies/predictive_scaler.h"

namespace models {

namespace {

const RetryPolicy kNoRetry{1, sim::Duration(), sim::Duration(), Jitter::kNone};

}  // namespace

// Launches what is missing and terminates what is too much. Capacity counts the
// instances pending or in service, and those asked for; instances already being
// terminated do not count.
void PredictiveScaler::reconcile() {
  uint32_t live = launching_;
  for (const InstanceView& instance : fleet_.instances()) {
    const bool counts =
        instance.state == InstanceState::kPending || instance.state == InstanceState::kInService;
    if (counts && !being_terminated(instance.id)) ++live;
  }
  const uint32_t existing = live - launching_;
  if (live < desired_) request_launch(desired_ - live);
  if (live > desired_ && existing > 0) request_termination(std::min(live - desired_, existing));
}

uint32_t PredictiveScaler::batch_limit(ApiId api) const {
  const ApiSpec& spec = context_.control_plane.spec(api);
  if (!spec.resources) return UINT32_MAX;
  return std::max<uint32_t>(1, static_cast<uint32_t>(spec.resources->burst));
}

void PredictiveScaler::request_launch(uint32_t count) {
  const uint32_t batch = batch_limit(run_instances_);
  while (count > 0) {
    const uint32_t n = std::min(count, batch);
    launching_ += n;
    const uint64_t tag = remember({true, n, {}});
    context_.control_plane.call(run_instances_, name(), *this, tag, kNoRetry, n);
    count -= n;
  }
}

void PredictiveScaler::request_termination(uint32_t count) {
  const std::vector<uint64_t> ids = pick_for_termination(count);
  const size_t batch = batch_limit(terminate_instances_);
  for (size_t from = 0; from < ids.size(); from += batch) {
    const size_t to = std::min(ids.size(), from + batch);
    std::vector<uint64_t> some(ids.begin() + static_cast<std::ptrdiff_t>(from),
                               ids.begin() + static_cast<std::ptrdiff_t>(to));
    const auto resources = static_cast<uint32_t>(some.size());
    const uint64_t tag = remember({false, 0, std::move(some)});
    context_.control_plane.call(terminate_instances_, name(), *this, tag, kNoRetry, resources);
  }
}

std::vector<uint64_t> PredictiveScaler::pick_for_termination(uint32_t count) {
  std::vector<uint64_t> pending;
  std::vector<uint64_t> serving;
  for (const InstanceView& instance : fleet_.instances()) {
    if (being_terminated(instance.id)) continue;
    if (instance.state == InstanceState::kPending) pending.push_back(instance.id);
    if (instance.state == InstanceState::kInService) serving.push_back(instance.id);
  }
  std::vector<uint64_t> chosen;
  while (chosen.size() < count && !pending.empty()) {
    chosen.push_back(pending.back());
    pending.pop_back();
  }
  while (chosen.size() < count && !serving.empty()) {
    const size_t pick = termination_rng_.below(serving.size());
    chosen.push_back(serving[pick]);
    serving.erase(serving.begin() + static_cast<std::ptrdiff_t>(pick));
  }
  return chosen;
}

bool PredictiveScaler::being_terminated(uint64_t id) const {
  for (const std::optional<PendingCall>& call : calls_) {
    if (call && !call->launch &&
        std::find(call->ids.begin(), call->ids.end(), id) != call->ids.end())
      return true;
  }
  return false;
}

uint64_t PredictiveScaler::remember(PendingCall call) {
  for (size_t i = 0; i < calls_.size(); ++i) {
    if (!calls_[i]) {
      calls_[i] = std::move(call);
      return i;
    }
  }
  calls_.push_back(std::move(call));
  return calls_.size() - 1;
}

void PredictiveScaler::on_call_done(uint64_t tag, const CallResult& result) {
  PendingCall call = std::move(*calls_[tag]);
  calls_[tag].reset();
  if (call.launch) {
    launching_ -= call.count;
    if (!result.ok) return;  // throttled: the next reconciliation asks again
    forget_warm_instances();
    for (uint32_t i = 0; i < call.count; ++i) {
      if (const std::optional<uint64_t> id = fleet_.launch(true)) {
        launched_ids_.push_back(*id);
      } else if (context_.run.events) {
        context_.run.events->add(sim_.now(), name(), "launch_failed",
                                 "the fleet holds no more instances (its max_instances)");
      }
    }
    return;
  }
  if (!result.ok) return;
  std::vector<uint64_t> alive;
  for (const InstanceView& instance : fleet_.instances()) alive.push_back(instance.id);
  for (uint64_t id : call.ids) {
    if (std::find(alive.begin(), alive.end(), id) != alive.end()) {
      fleet_.terminate(id, Termination::kDrain);
    }
  }
}

void PredictiveScaler::forget_warm_instances() {
  std::vector<uint64_t> warming;
  for (const InstanceView& instance : fleet_.instances()) {
    const bool ours =
        std::find(launched_ids_.begin(), launched_ids_.end(), instance.id) != launched_ids_.end();
    if (!ours) continue;
    if (!instance.in_service_since ||
        *instance.in_service_since + config_.group.instance_warmup > sim_.now())
      warming.push_back(instance.id);
  }
  launched_ids_ = std::move(warming);
}

// No scale-in while a scale-out is under way: an instance pending, or one the
// group launched still in its warm-up.
bool PredictiveScaler::scale_in_blocked() const {
  if (launching_ > 0) return true;
  for (const InstanceView& instance : fleet_.instances()) {
    if (instance.state == InstanceState::kPending) return true;
    const bool ours =
        std::find(launched_ids_.begin(), launched_ids_.end(), instance.id) != launched_ids_.end();
    if (ours && instance.state == InstanceState::kInService &&
        *instance.in_service_since + config_.group.instance_warmup > sim_.now())
      return true;
  }
  return false;
}

}  // namespace models
