#include "models/control/control_plane.h"

#include <string>

#include "sim/check.h"

namespace models {

ControlPlane::ControlPlane(sim::Simulation& simulation, std::vector<ApiSpec> apis,
                           sim::RandomStream rng, EventLog* log)
    : sim_(simulation), specs_(std::move(apis)), rng_(rng), log_(log) {
  apis_.reserve(specs_.size());
  for (const ApiSpec& spec : specs_) {
    SCALESIM_CHECK(find_api(specs_, spec.service + ":" + spec.name) == &spec,
                   "two control-plane APIs share a service and name");
    std::optional<TokenBucket> resources;
    if (spec.resources) resources.emplace(spec.resources->burst, spec.resources->per_second);
    apis_.push_back(Api{TokenBucket(spec.burst, spec.per_second), resources, {}});
  }
}

std::optional<ApiId> ControlPlane::find(std::string_view name) const {
  const ApiSpec* spec = find_api(specs_, name);
  if (spec == nullptr) return std::nullopt;
  return static_cast<ApiId>(spec - specs_.data());
}

void ControlPlane::call(ApiId api, std::string_view caller, CallObserver& observer, uint64_t tag,
                        const RetryPolicy& retry, uint32_t resources) {
  SCALESIM_CHECK(api < specs_.size(), "no such control-plane API");
  SCALESIM_CHECK(retry.attempts >= 1, "a call makes at least one attempt");
  uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  slots_[slot] = Pending{api, caller, &observer, tag, retry, resources, 0, false};
  attempt(slot);
}

void ControlPlane::count(ApiId api, uint64_t CallCounters::*counter) {
  ++(apis_[api].counters.*counter);
  ++(totals_.*counter);
}

// Takes the tokens now; the answer is an event `latency` later.
void ControlPlane::attempt(uint32_t slot) {
  Pending& call = slots_[slot];
  const ApiSpec& spec = specs_[call.api];
  Api& api = apis_[call.api];
  const sim::Time now = sim_.now();
  ++call.attempts;
  count(call.api, &CallCounters::attempts);
  if (call.attempts > 1) count(call.api, &CallCounters::retries);
  call.admitted =
      api.requests.take(now) && (!api.resources || api.resources->take(now, call.resources));
  if (!call.admitted) {
    count(call.api, &CallCounters::throttled);
    if (log_) {
      log_->add(now, call.caller, "throttled",
                spec.name + " attempt " + std::to_string(call.attempts) + " of " +
                    std::to_string(call.retry.attempts) + " (" + spec.throttle_error + ")");
    }
  }
  sim_.schedule_after(spec.latency.sample(rng_), *this, (uint64_t{slot} << 1) | kAnswer);
}

void ControlPlane::on_event(uint64_t payload) {
  const auto slot = static_cast<uint32_t>(payload >> 1);
  if ((payload & 1) == kRetry) return attempt(slot);
  answered(slot);
}

void ControlPlane::answered(uint32_t slot) {
  Pending& call = slots_[slot];
  if (call.admitted) return finish(slot, true);
  if (call.attempts < call.retry.attempts) {
    sim_.schedule_after(backoff(call.retry, call.attempts), *this, (uint64_t{slot} << 1) | kRetry);
    return;
  }
  count(call.api, &CallCounters::failures);
  if (log_) {
    const ApiSpec& spec = specs_[call.api];
    log_->add(sim_.now(), call.caller, "gave_up",
              spec.name + " failed after " + std::to_string(call.attempts) + " attempts (" +
                  spec.throttle_error + ")");
  }
  finish(slot, false);
}

// Frees the slot before telling the observer, which may call again and reuse it.
void ControlPlane::finish(uint32_t slot, bool ok) {
  const Pending call = slots_[slot];
  free_.push_back(slot);
  call.observer->on_call_done(call.tag, CallResult{ok, call.attempts, &specs_[call.api]});
}

// min(cap, base * 2^(k-1)) for the k-th retry, doubling only while under the cap
// so that many retries cannot overflow; full jitter draws whole microseconds
// uniformly from [0, that].
sim::Duration ControlPlane::backoff(const RetryPolicy& retry, int retry_number) {
  sim::Duration wait = retry.base;
  for (int k = 1; k < retry_number && wait < retry.cap; ++k) wait = wait * 2;
  if (wait > retry.cap) wait = retry.cap;
  if (retry.jitter == Jitter::kNone) return wait;
  return sim::Duration::micros(
      static_cast<int64_t>(rng_.below(static_cast<uint64_t>(wait.us()) + 1)));
}

}  // namespace models
