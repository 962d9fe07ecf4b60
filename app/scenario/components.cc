#include "app/scenario/components.h"

#include <algorithm>
#include <regex>
#include <set>

#include "app/scenario/quantities.h"
#include "models/compute/instance_catalog.h"
#include "models/topology/kinds.h"
#include "models/topology/topology.h"
#include "sim/timer_set.h"

namespace app {

namespace {

std::vector<std::string> strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

// Component names become parts of metric names, stream names and CSV headers.
bool valid_component_name(const std::string& name) {
  static const std::regex kPattern("[A-Za-z][A-Za-z0-9_-]{0,63}");
  return std::regex_match(name, kPattern);
}

// "next": "web", or [{"to": "blue", "weight": 9}, {"to": "green", "weight": 1}].
std::vector<models::Link> read_next(const Json& value, const std::string& pointer,
                                    Problems& problems) {
  std::vector<models::Link> links;
  if (value.is_string()) return {{value.get<std::string>(), 1.0}};
  if (!value.is_array() || value.empty()) {
    problems.expected(pointer, "a component name or a non-empty array of {\"to\", \"weight\"}",
                      &value);
    return links;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    ObjectReader r(value[i], child_pointer(pointer, i), problems,
                   "an object {\"to\": NAME, \"weight\": NUMBER}");
    const auto to = r.string("to", Presence::kRequired);
    const auto weight = r.number("weight", 0, 1e9, true);
    r.reject_unknown_keys();
    if (to) links.push_back({*to, weight.value_or(1.0)});
  }
  return links;
}

std::optional<models::ServerFleetConfig> read_server_fleet(ObjectReader& r) {
  models::ServerFleetConfig c;
  bool ok = true;
  const Json* ec2 = r.field("instance_type");
  const Json* lightsail = r.field("lightsail_bundle");
  if (!ec2 == !lightsail) {
    r.problems().add(r.pointer(), std::string("expected exactly one of \"instance_type\" (EC2) or "
                                              "\"lightsail_bundle\", found ") +
                                      (ec2 ? "both" : "neither"));
    ok = false;
  } else {
    const models::Provider provider = ec2 ? models::Provider::kEc2 : models::Provider::kLightsail;
    const std::string key = ec2 ? "instance_type" : "lightsail_bundle";
    const auto name = read_choice(ec2 ? *ec2 : *lightsail, r.pointer(key), r.problems(),
                                  strings(models::instance_type_names(provider)));
    if (name) c.instance_type = models::find_instance_type(provider, *name);
    ok = ok && name.has_value();
    c.boot_time = models::default_boot_time(provider);
  }
  const auto count = r.integer("count", 1, 100000, Presence::kRequired);
  const auto slots = r.integer("slots", 1, 65535);
  c.count = static_cast<uint32_t>(count.value_or(1));
  c.slots = static_cast<uint32_t>(slots.value_or(1));
  ok = ok && count.has_value();
  if (count && uint64_t{c.count} * c.slots > sim::TimerSet::kMaxIndex + 1) {
    r.problems().add(r.pointer("slots"), "expected count x slots of at most " +
                                             std::to_string(sim::TimerSet::kMaxIndex + 1) +
                                             ", found " +
                                             std::to_string(uint64_t{c.count} * c.slots));
    ok = false;
  }
  c.speed = r.number("speed", 0, 1000, true).value_or(c.speed);
  if (const Json* boot = r.field("boot_time")) {
    auto distribution = read_duration_distribution(*boot, r.pointer("boot_time"), r.problems());
    if (distribution) c.boot_time = *distribution;
    ok = ok && distribution.has_value();
  }
  if (auto start = r.choice("start", {"running", "booting"}))
    c.running_at_start = *start == "running";
  c.public_ipv4 = r.boolean("public_ipv4").value_or(c.public_ipv4);
  if (c.public_ipv4 && lightsail) {
    r.problems().expected(r.pointer("public_ipv4"),
                          "false for a Lightsail bundle, which includes its IPv4 address",
                          r.field("public_ipv4"));
  }
  const auto routing = r.choice("routing", {"round_robin", "least_outstanding_requests", "random"});
  if (routing == "round_robin") c.routing = models::Routing::kRoundRobin;
  if (routing == "least_outstanding_requests") c.routing = models::Routing::kLeastOutstanding;
  if (routing == "random") c.routing = models::Routing::kRandom;
  if (const Json* queue = r.field("queue")) {
    ObjectReader q(*queue, r.pointer("queue"), r.problems());
    c.queue_capacity =
        static_cast<uint32_t>(q.integer("capacity", 0, 1'000'000).value_or(c.queue_capacity));
    c.queue_timeout = q.duration("timeout");
    if (c.queue_timeout && c.queue_timeout->us() == 0) {
      r.problems().expected(q.pointer("timeout"), "a duration above 0s", q.field("timeout"));
    }
    q.reject_unknown_keys();
  }
  if (!ok) return std::nullopt;
  return c;
}

models::AlbConfig read_alb(ObjectReader& r) {
  models::AlbConfig c;
  c.latency = r.duration("latency").value_or(c.latency);
  c.requests_per_connection =
      r.number("requests_per_connection", 1, 1e9).value_or(c.requests_per_connection);
  if (const Json* bytes = r.field("processed_bytes_per_request")) {
    c.processed_bytes_per_request =
        read_bytes(*bytes, r.pointer("processed_bytes_per_request"), r.problems()).value_or(0);
  }
  c.rules = static_cast<int>(r.integer("rules", 1, 100).value_or(c.rules));
  c.availability_zones =
      static_cast<int>(r.integer("availability_zones", 2, 6).value_or(c.availability_zones));
  return c;
}

// Cold starts by runtime, small package, no VPC (MIKHAIL and other blog
// aggregations, secondary; see docs/sources.md): uniform over the reported range.
sim::DurationDistribution init_for_runtime(const std::string& runtime) {
  const auto uniform_ms = [](double low, double high) {
    return sim::DurationDistribution(sim::Distribution::uniform(low * 1e3, high * 1e3));
  };
  if (runtime == "java") return uniform_ms(1000, 3000);
  if (runtime == "dotnet") return uniform_ms(300, 1200);
  if (runtime == "go" || runtime == "custom") return uniform_ms(80, 250);
  return uniform_ms(150, 400);  // python, nodejs
}

std::optional<models::LambdaConfig> read_lambda(ObjectReader& r) {
  models::LambdaConfig c;
  const size_t before = r.problems().list().size();
  c.memory_mb = static_cast<int>(r.integer("memory_mb", 128, 10240).value_or(c.memory_mb));
  if (r.choice("architecture", {"x86_64", "arm64"}) == "arm64")
    c.architecture = models::Architecture::kArm64;
  c.init_duration =
      init_for_runtime(r.choice("runtime", {"python", "nodejs", "java", "dotnet", "go", "custom"})
                           .value_or("python"));
  if (const Json* init = r.field("init_duration")) {
    if (auto d = read_duration_distribution(*init, r.pointer("init_duration"), r.problems()))
      c.init_duration = *d;
  }
  if (auto package = r.number("package_mb", 0, 10240)) {
    c.init_extra = sim::Duration::from_seconds(*package * 0.010);  // 10 ms per MB, see LambdaConfig
  }
  if (const Json* lifetime = r.field("idle_lifetime")) {
    if (auto d = read_duration_distribution(*lifetime, r.pointer("idle_lifetime"), r.problems()))
      c.idle_lifetime = *d;
  }
  if (auto timeout = r.duration("timeout")) {
    if (timeout->us() >= 1000 && *timeout <= sim::Duration::seconds(900)) {
      c.timeout = *timeout;
    } else {
      r.problems().expected(r.pointer("timeout"), "a duration from 1ms to 900s",
                            r.field("timeout"));
    }
  }
  c.speed = r.number("speed", 0, 1000, true).value_or(c.speed);
  c.account_concurrency = static_cast<uint32_t>(
      r.integer("account_concurrency", 1, 1'000'000).value_or(c.account_concurrency));
  if (auto reserved = r.integer("reserved_concurrency", 0, c.account_concurrency)) {
    c.reserved_concurrency = static_cast<uint32_t>(*reserved);  // a share of the account's limit
  }
  if (auto per_10s = r.number("scale_up_per_10s", 0, 1e6, true)) {
    c.scaling_burst = *per_10s;
    c.scaling_per_second = *per_10s / 10;
  }
  c.bill_init = r.boolean("bill_init").value_or(c.bill_init);
  if (r.problems().list().size() != before) return std::nullopt;
  return c;
}

models::ApiGatewayConfig read_api_gateway(ObjectReader& r) {
  models::ApiGatewayConfig c;
  if (r.choice("type", {"rest", "http"}) == "http") {
    c.type = models::ApiType::kHttp;
    c.integration_timeout = sim::Duration::seconds(30);
  }
  c.rate_per_second = r.rate("rate").value_or(c.rate_per_second);
  c.burst = r.number("burst", 1, 1e9).value_or(c.burst);
  // REST APIs allow 50 ms to 29 s, or up to 300 s on request since 2024-06; HTTP APIs at most 30 s.
  const sim::Duration most =
      c.type == models::ApiType::kRest ? sim::Duration::seconds(300) : sim::Duration::seconds(30);
  if (auto timeout = r.duration("integration_timeout")) {
    if (*timeout >= sim::Duration::millis(50) && *timeout <= most) {
      c.integration_timeout = *timeout;
    } else {
      r.problems().expected(r.pointer("integration_timeout"),
                            "a duration from 50ms to " + format_duration(most),
                            r.field("integration_timeout"));
    }
  }
  return c;
}

std::optional<models::ComponentSpec> read_component(const std::string& name, const Json& value,
                                                    const std::string& pointer,
                                                    Problems& problems) {
  if (!valid_component_name(name)) {
    problems.add(pointer,
                 "expected a component name of letters, digits, '_' and '-' starting with a letter "
                 "(at most 64), found \"" +
                     name + "\"");
  }
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return std::nullopt;
  const size_t before = problems.list().size();
  const auto kind = r.choice("kind", strings(models::kind_names()), Presence::kRequired);
  if (!kind) return std::nullopt;  // other keys can't be judged without the kind
  models::ComponentSpec spec{name, {}, models::AlbConfig{}};
  r.string("description");
  if (const Json* next = r.field("next")) spec.next = read_next(*next, r.pointer("next"), problems);
  if (*kind == "server_fleet") {
    if (auto fleet = read_server_fleet(r)) spec.config = *fleet;
  } else if (*kind == "alb") {
    spec.config = read_alb(r);
  } else if (*kind == "lambda_function") {
    if (auto function = read_lambda(r)) spec.config = *function;
  } else if (*kind == "api_gateway") {
    spec.config = read_api_gateway(r);
  }
  r.reject_unknown_keys();
  if (problems.list().size() != before) return std::nullopt;
  return spec;
}

void check_wiring(const models::StrategyConfig& strategy, const std::string& components_pointer,
                  Problems& problems) {
  models::Topology topology;
  for (const models::TopologyProblem& p :
       models::check_topology(models::topology_nodes(strategy), topology)) {
    std::string pointer = child_pointer(components_pointer, p.node);
    if (p.in_next) pointer += "/next";
    problems.add(pointer, "expected a valid topology, found that " + p.message);
  }
}

}  // namespace

std::optional<models::StrategyConfig> read_strategy(const Json& value, const std::string& pointer,
                                                    Problems& problems) {
  ObjectReader r(value, pointer, problems, "a strategy object");
  if (!r.valid()) return std::nullopt;
  const size_t before = problems.list().size();
  models::StrategyConfig strategy;
  strategy.name = r.string("name", Presence::kRequired).value_or("");
  strategy.description = r.string("description").value_or("");
  const Json* components =
      r.field("components", Presence::kRequired, "an object of named components");
  r.reject_unknown_keys();
  if (components && (!components->is_object() || components->empty())) {
    problems.expected(r.pointer("components"), "an object of named components", components);
  } else if (components) {
    for (const auto& [name, body] : components->items()) {
      auto spec =
          read_component(name, body, child_pointer(r.pointer("components"), name), problems);
      if (spec) strategy.components.push_back(std::move(*spec));
    }
  }
  if (problems.list().size() != before) return std::nullopt;
  check_wiring(strategy, r.pointer("components"), problems);
  if (problems.list().size() != before) return std::nullopt;
  return strategy;
}

}  // namespace app
