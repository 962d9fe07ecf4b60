#include "models/serverless/api_gateway.h"

#include <algorithm>

namespace models {

ApiGateway::ApiGateway(std::string name, const ApiGatewayConfig& config, Component& backend,
                       const RunContext& context)
    : Component(std::move(name)),
      config_(config),
      backend_(backend),
      sim_(context.simulation),
      bucket_(config.burst, config.rate_per_second) {
  if (Ledger* ledger = context.ledger) {
    const char* price =
        config.type == ApiType::kRest ? "apigw.rest.requests" : "apigw.http.requests";
    requests_meter_ =
        BatchedMeter(ledger, ledger->meter(this->name() + ".requests", "api_gateway", price),
                     context.series.interval());
  }
}

// An HTTP API meters each 512 KB of a request as one request (AWS-WP-APIGW,
// docs/sources.md); a REST API counts requests.
double ApiGateway::metered_requests(const Request& request) const {
  constexpr uint32_t kHttpMeteringUnit = 512 * 1024;
  if (config_.type == ApiType::kRest || request.response_bytes <= kHttpMeteringUnit) return 1;
  return static_cast<double>((request.response_bytes + kHttpMeteringUnit - 1) / kHttpMeteringUnit);
}

void ApiGateway::accept(const Request& request) {
  if (!bucket_.take(sim_.now())) return request.reply_to->finish(request, Outcome::kApigwThrottled);
  requests_meter_.add(sim_.now(), 1e-6 * metered_requests(request));  // priced per million
  if (free_slot_ == kNoSlot) add_free_slot();
  const auto slot = static_cast<uint32_t>(free_slot_);
  // Filled in place: a Pending built on the stack and copied whole stalled store
  // forwarding (wide loads of fields just written narrow).
  Pending& pending = slots_[slot];
  free_slot_ = pending.request.ticket;
  pending.request = request;
  pending.entered = sim_.now();
  waiting_.push_back(pending.ticket);
  Request forwarded = request;
  forwarded.reply_to = this;
  forwarded.ticket = pending.ticket;
  arm_timer();
  backend_.accept(forwarded);
}

// The backend's answer: passed to the client, unless the client already had its 504.
void ApiGateway::finish(const Request& request, Outcome outcome) {
  const uint32_t slot = slot_of(request.ticket);
  const Pending& pending = slots_[slot];
  if (pending.ticket != request.ticket) {
    --orphans_;
    return;
  }
  Request reply = request;
  reply.reply_to = pending.request.reply_to;
  reply.ticket = pending.request.ticket;
  free_slot(slot);
  // Only the front's answer lets tickets leave: the front is waiting otherwise.
  if (waiting_.front() == request.ticket) drop_done();
  reply.reply_to->finish(reply, outcome);
}

void ApiGateway::add_free_slot() {
  const auto slot = static_cast<uint32_t>(slots_.size());
  Pending& added = slots_.emplace_back();
  added.ticket = slot;
  added.request.ticket = free_slot_;
  free_slot_ = slot;
}

// The slot freed last is taken first, while it is still in cache.
void ApiGateway::free_slot(uint32_t slot) {
  Pending& pending = slots_[slot];
  pending.ticket += uint64_t{1} << 32;
  pending.request.ticket = free_slot_;
  free_slot_ = slot;
}

void ApiGateway::drop_done() {
  do {
    waiting_.drop_front();
  } while (!waiting_.empty() && done(waiting_.front()));
}

// One timer at a time, for the oldest request still waiting (the front is never
// done between events): deadlines come in arrival order because the timeout is
// the same for all.
void ApiGateway::arm_timer() {
  if (timer_armed_ || waiting_.empty()) return;
  timer_armed_ = true;
  sim_.schedule(deadline(slot_of(waiting_.front())), *this);
}

// A wait that reaches the timeout exactly has timed out.
void ApiGateway::on_event(uint64_t /*payload*/) {
  timer_armed_ = false;
  const sim::Time now = sim_.now();
  while (!waiting_.empty()) {
    const uint64_t ticket = waiting_.front();
    const uint32_t slot = slot_of(ticket);
    const bool answered = done(ticket);
    if (!answered && deadline(slot) > now) break;
    waiting_.drop_front();
    if (answered) continue;
    const Request expired = slots_[slot].request;
    free_slot(slot);
    ++orphans_;
    expired.reply_to->finish(expired, Outcome::kApigwTimeout);
  }
  arm_timer();
}

ApiGatewayConfig ApiGatewayConfig::defaults(ApiType api_type) {
  ApiGatewayConfig config;
  config.type = api_type;
  if (api_type == ApiType::kHttp) config.integration_timeout = sim::Duration::seconds(30);
  return config;
}

namespace {

std::unique_ptr<Component> make_api_gateway(const ComponentSpec& spec,
                                            const std::vector<Successor>& next,
                                            const RunContext& context) {
  return std::make_unique<ApiGateway>(spec.name, spec.config_as<ApiGatewayConfig>(),
                                      *next.front().component, context);
}

std::vector<std::string> api_gateway_prices(const ComponentSpec& spec) {
  return {spec.config_as<ApiGatewayConfig>().type == ApiType::kRest ? "apigw.rest.requests"
                                                                    : "apigw.http.requests"};
}

}  // namespace

const ComponentKind& ApiGatewayConfig::kind() {
  static const ComponentKind row{
      "api_gateway", true, {"lambda_function"}, 1, 1, make_api_gateway, api_gateway_prices};
  return row;
}

}  // namespace models
