// Reads a lambda_function (docs/scenarios.md#lambda_function).
#include "models/serverless/lambda_function.h"
#include "app/scenario/distributions.h"
#include "app/scenario/kinds/kind_table.h"
#include "app/scenario/kinds/lambda_vpc.h"

namespace app {

namespace {

void read_cold_start(ObjectReader& r, models::LambdaConfig& c) {
  const auto runtime = r.choice("runtime", models::LambdaConfig::runtimes());
  c.init_duration = models::LambdaConfig::init_for_runtime(runtime.value_or("python"));
  if (const Json* init = r.field("init_duration")) {
    if (auto d = read_duration_distribution(*init, r.pointer("init_duration"), r.problems()))
      c.init_duration = *d;
  }
  if (auto package = r.number("package_mb", 0, 10240)) {
    c.init_extra = models::LambdaConfig::init_for_package(*package);
  }
}

void read_limits(ObjectReader& r, models::LambdaConfig& c) {
  if (auto timeout = r.duration("timeout")) {
    if (timeout->us() >= 1000 && *timeout <= sim::Duration::seconds(900)) {
      c.timeout = *timeout;
    } else {
      r.problems().expected(r.pointer("timeout"), "a duration from 1ms to 900s",
                            r.field("timeout"));
    }
  }
  c.account_concurrency = static_cast<uint32_t>(
      r.integer("account_concurrency", 1, 1'000'000).value_or(c.account_concurrency));
  if (auto reserved = r.integer("reserved_concurrency", 0, c.account_concurrency)) {
    c.reserved_concurrency = static_cast<uint32_t>(*reserved);  // a share of the account's limit
  }
  if (const Json* pc = r.field("provisioned_concurrency")) {
    const auto amount =
        read_integer(*pc, r.pointer("provisioned_concurrency"), r.problems(), 0, 1'000'000);
    if (amount && *amount > c.most_provisioned()) {
      r.problems().expected(r.pointer("provisioned_concurrency"),
                            "at most " + c.most_provisioned_text(), pc);
    } else if (amount) {
      c.provisioned_concurrency = static_cast<uint32_t>(*amount);
    }
  }
  if (const auto model = r.choice("scaling_model", {"current", "legacy"}); model == "legacy") {
    c.legacy_burst = static_cast<double>(r.integer("legacy_burst", 1, 100000).value_or(500));
  } else if (r.field("legacy_burst")) {
    r.problems().add(r.pointer("legacy_burst"),
                     "expected \"legacy_burst\" only with \"scaling_model\": \"legacy\", found it "
                     "without");
  }
  if (auto per_10s = r.number("scale_up_per_10s", 0, 1e6, true)) {
    c.scaling_burst = *per_10s;
    c.scaling_per_second = *per_10s / 10;
  }
}

}  // namespace

std::optional<std::any> read_lambda_function(ObjectReader& r) {
  models::LambdaConfig c;
  const size_t before = r.problems().list().size();
  c.memory_mb = static_cast<int>(r.integer("memory_mb", 128, 10240).value_or(c.memory_mb));
  if (r.choice("architecture", {"x86_64", "arm64"}) == "arm64")
    c.architecture = models::Architecture::kArm64;
  read_cold_start(r, c);
  if (const Json* lifetime = r.field("idle_lifetime")) {
    if (auto d = read_duration_distribution(*lifetime, r.pointer("idle_lifetime"), r.problems()))
      c.idle_lifetime = *d;
  }
  // Before the limits: the legacy VPC model allows no provisioned concurrency.
  if (const Json* vpc = r.field("vpc")) c.vpc = read_vpc(*vpc, r.pointer("vpc"), r.problems());
  read_limits(r, c);
  c.speed = r.number("speed", 0, 1000, true).value_or(c.speed);
  c.bill_init = r.boolean("bill_init").value_or(c.bill_init);
  if (r.problems().list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
