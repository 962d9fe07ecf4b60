// api_gateway: an Amazon API Gateway REST or HTTP API in front of a backend.
//
// Admission is a token bucket (AWSDOCS-APIGW): `burst` tokens, refilled
// continuously at `rate_per_second`; a request that finds less than one token
// ends as apigw_throttled (429) and is not billed. An admitted request is billed
// per million (tiered) and forwarded. If the backend has not answered within the
// integration timeout (29 s for REST, 30 s for HTTP APIs), the client gets
// apigw_timeout (504) then; the backend's later answer is dropped, while the work
// it did is still billed where it ran (in Lambda, say).
#ifndef SCALESIM_MODELS_SERVERLESS_API_GATEWAY_H_
#define SCALESIM_MODELS_SERVERLESS_API_GATEWAY_H_

#include <cstdint>
#include <vector>

#include "models/pricing/batched_meter.h"
#include "models/request_ring.h"
#include "models/token_bucket.h"
#include "models/topology/component.h"
#include "models/topology/kind.h"

namespace models {

enum class ApiType { kRest, kHttp };

struct ApiGatewayConfig {
  static const ComponentKind& kind();  // "api_gateway": forwards to one lambda_function
  ApiType type = ApiType::kRest;
  // The account-level defaults per region (AWSDOCS-APIGW limits, 2023-06).
  double rate_per_second = 10000;
  double burst = 5000;
  sim::Duration integration_timeout = sim::Duration::seconds(29);  // REST; HTTP APIs: 30 s

  // AWS's defaults for an API of `api_type` (AWSDOCS-APIGW limits, 2023-06).
  static ApiGatewayConfig defaults(ApiType api_type);
  // The integration timeouts AWS allows: REST APIs 50 ms to 29 s, or up to
  // 300 s on request since 2024-06; HTTP APIs at most 30 s.
  static sim::Duration min_integration_timeout() { return sim::Duration::millis(50); }
  static sim::Duration max_integration_timeout(ApiType api_type) {
    return sim::Duration::seconds(api_type == ApiType::kRest ? 300 : 30);
  }
};

class ApiGateway final : public Component, private sim::EventHandler, private RequestSink {
 public:
  // REQUIRES: backend outlives the gateway.
  ApiGateway(std::string name, const ApiGatewayConfig& config, Component& backend,
             const RunContext& context);

  void accept(const Request& request) override;
  // How many requests `request` is billed as.
  double metered_requests(const Request& request) const;
  // The backend holds what the gateway forwarded; requests that timed out here
  // while the backend still works on them have ended, so they are subtracted.
  int64_t held() const override { return -static_cast<int64_t>(orphans_); }
  void settle(sim::Time end) override { requests_meter_.flush(end); }

 private:
  // A request forwarded and not answered yet, in a slot that is reused once it
  // is answered or timed out: the slots number those in flight. Behind one slow
  // invocation, every request since it waits in waiting_ (up to a timeout's
  // worth of arrivals), as an 8-byte ticket rather than a whole request.
  struct Pending {
    Request request;  // as the client sent it; while free, request.ticket is the next free slot
    sim::Time entered;
    // The forwarded request's ticket: the slot's index in the low 32 bits, how
    // many times the slot was freed above them. Freeing raises it, so a late
    // answer to an earlier use of the slot no longer matches. (It would match
    // again after 2^32 more uses of one slot within one late answer's delay:
    // 4 billion requests in Lambda's 15-minute timeout, far past what AWS admits.)
    uint64_t ticket = 0;
  };
  static constexpr uint64_t kNoSlot = UINT64_MAX;
  static uint32_t slot_of(uint64_t ticket) { return static_cast<uint32_t>(ticket); }

  void on_event(uint64_t payload) override;                       // the timeout timer
  void finish(const Request& request, Outcome outcome) override;  // the backend's answer
  [[gnu::noinline]] void add_free_slot();  // out of the request path: the vector may grow
  void free_slot(uint32_t slot);
  // Whether the forwarded request `ticket` has had its answer or its 504.
  bool done(uint64_t ticket) const { return slots_[slot_of(ticket)].ticket != ticket; }
  void drop_done();  // REQUIRES: the front is done. Drops it and the done ones after it.
  sim::Time deadline(uint32_t slot) const {
    return slots_[slot].entered + config_.integration_timeout;
  }
  void arm_timer();

  ApiGatewayConfig config_;
  Component& backend_;
  sim::Simulation& sim_;
  TokenBucket bucket_;
  std::vector<Pending> slots_;
  uint64_t free_slot_ = kNoSlot;  // the first free slot; the rest follow from it
  // The tickets forwarded, in arrival order (so in deadline order too), from
  // the oldest request still waiting: done tickets leave once they reach the
  // front, so the front's deadline is the next timeout.
  Ring<uint64_t> waiting_;
  uint64_t orphans_ = 0;  // timed out, the backend not done yet
  bool timer_armed_ = false;
  BatchedMeter requests_meter_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_SERVERLESS_API_GATEWAY_H_
