// control_plane: the cloud APIs a scaling policy calls, each a named token bucket
// with a latency (api_catalog.h), and the caller's retries.
//
// An attempt takes one token from the API's request bucket, and `resources`
// tokens from its resource bucket if it has one, at the instant it is made. It is
// throttled if the request bucket has no whole token, or if it has one but the
// resource bucket lacks `resources` tokens; in that case the request token stays
// spent ("each request that you make removes one token", EC2-THROTTLE in
// api_catalog.cc), which is this model's reading, not a documented rule. Either way
// the answer (success, or the API's throttle_error) reaches the caller after the
// API's latency, through the event queue.
//
// A throttled attempt is retried per the caller's RetryPolicy: the k-th retry
// waits min(cap, base * 2^(k-1)) after the throttled answer arrives, or with full
// jitter a uniform draw from [0, that] (AWS-BACKOFF: Marc Brooker, "Exponential
// Backoff And Jitter", AWS Architecture Blog, 2015,
// aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). After the last
// attempt fails the caller hears the failure.
#ifndef SCALESIM_MODELS_CONTROL_CONTROL_PLANE_H_
#define SCALESIM_MODELS_CONTROL_CONTROL_PLANE_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "models/control/api_catalog.h"
#include "models/observe/event_log.h"
#include "models/token_bucket.h"
#include "sim/random.h"
#include "sim/simulation.h"

namespace models {

enum class Jitter { kNone, kFull };

struct RetryPolicy {
  int attempts = 1;  // total tries, the first included; 1 = no retry
  sim::Duration base;
  sim::Duration cap;
  Jitter jitter = Jitter::kNone;
};

struct CallResult {
  bool ok;
  int attempts;        // tries made, the first included
  const ApiSpec* api;  // the control plane's copy; lives as long as the control plane
};

class CallObserver {
 public:
  // The call made with `tag` has ended. The observer may make new calls from here.
  virtual void on_call_done(uint64_t tag, const CallResult& result) = 0;

 protected:
  ~CallObserver() = default;
};

struct CallCounters {
  uint64_t attempts = 0;   // tries made, first tries and retries
  uint64_t throttled = 0;  // tries refused by a bucket
  uint64_t retries = 0;    // tries after a call's first
  uint64_t failures = 0;   // calls that gave up after their last throttled try
};

// Index of an API in a ControlPlane, from find().
using ApiId = uint32_t;

class ControlPlane final : private sim::EventHandler {
 public:
  // `apis` are the APIs callers may use, each with fresh (full) buckets; no two
  // may share both service and name. `rng` draws latencies and jitter. `log`, if not null,
  // receives a row per throttled attempt and per call that gives up.
  // REQUIRES: `simulation` and `log` outlive the control plane, and the control
  // plane outlives every event it scheduled (its pending answers and retries).
  ControlPlane(sim::Simulation& simulation, std::vector<ApiSpec> apis, sim::RandomStream rng,
               EventLog* log = nullptr);

  // The API called `name` or `service:name`; nullopt if there is none.
  std::optional<ApiId> find(std::string_view name) const;
  const ApiSpec& spec(ApiId api) const { return specs_[api]; }
  size_t api_count() const { return specs_.size(); }

  // Calls `api` now for `caller`, touching `resources` resources (instances to
  // launch, say; used only by an API with a resource bucket), and retries per
  // `retry`. `observer` hears on_call_done(tag, ...) once, when the call ends.
  // REQUIRES: api < api_count(); retry.attempts >= 1; `caller` (used in log rows)
  // and `observer` outlive the call.
  void call(ApiId api, std::string_view caller, CallObserver& observer, uint64_t tag,
            const RetryPolicy& retry, uint32_t resources = 1);

  const CallCounters& counters(ApiId api) const { return apis_[api].counters; }
  const CallCounters& totals() const { return totals_; }
  // Calls not yet ended (awaiting an answer or a retry).
  size_t in_flight() const { return slots_.size() - free_.size(); }

 private:
  // The run-time state of specs_[i] is apis_[i].
  struct Api {
    TokenBucket requests;
    std::optional<TokenBucket> resources;
    CallCounters counters;
  };
  // A call under way. Slots are reused through free_, so calls allocate nothing
  // once the vectors have grown to the most calls ever in flight.
  struct Pending {
    ApiId api;
    std::string_view caller;
    CallObserver* observer;
    uint64_t tag;
    RetryPolicy retry;
    uint32_t resources;
    int attempts;   // made so far
    bool admitted;  // the last attempt's fate, delivered with its answer
  };
  // Events carry the slot and what is due: its answer, or its next attempt.
  enum Due : uint64_t { kAnswer = 0, kRetry = 1 };

  void on_event(uint64_t payload) override;
  void attempt(uint32_t slot);
  void answered(uint32_t slot);
  void finish(uint32_t slot, bool ok);
  sim::Duration backoff(const RetryPolicy& retry, int retry_number);
  void count(ApiId api, uint64_t CallCounters::*counter);

  sim::Simulation& sim_;
  std::vector<ApiSpec> specs_;
  std::vector<Api> apis_;
  sim::RandomStream rng_;
  EventLog* log_;
  std::vector<Pending> slots_;
  std::vector<uint32_t> free_;
  CallCounters totals_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_CONTROL_CONTROL_PLANE_H_
