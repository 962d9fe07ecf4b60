#include "models/infrastructure/standing_charges.h"

#include <limits>

#include "models/pricing/billing_rules.h"

namespace models {

namespace {

// Bills `units` per `unit` of time on `meter` from time zero to `end`.
void charge_run(Ledger& ledger, Ledger::Meter meter, sim::Time end, double units,
                sim::Duration unit) {
  const sim::Duration run = end - sim::Time::zero();
  ledger.charge_span(meter, sim::Time::zero(), end, units * run.seconds() / unit.seconds());
}

class LoadBalancers final : public Controller {
 public:
  LoadBalancers(std::string name, const LoadBalancersConfig& config, const RunContext& run)
      : Controller(std::move(name)), config_(config), run_(run) {
    if (!run_.ledger) return;
    hours_ = run_.ledger->meter(this->name() + ".hours", "alb", "alb.hour");
    ipv4_ = run_.ledger->meter(this->name() + ".public_ipv4", "public_ipv4", "public_ipv4.hour");
  }
  void start() override {}
  void settle(sim::Time end) override {
    if (!run_.ledger) return;
    const sim::Duration hour = sim::Duration::hours(1);
    charge_run(*run_.ledger, hours_, end, config_.count, hour);
    charge_run(*run_.ledger, ipv4_, end, config_.count * config_.availability_zones, hour);
  }

 private:
  LoadBalancersConfig config_;
  const RunContext& run_;
  Ledger::Meter hours_ = 0;
  Ledger::Meter ipv4_ = 0;
};

class PublicIpv4 final : public Controller {
 public:
  PublicIpv4(std::string name, const PublicIpv4Config& config, const RunContext& run)
      : Controller(std::move(name)), config_(config), run_(run) {
    if (run_.ledger)
      meter_ = run_.ledger->meter(this->name() + ".addresses", "public_ipv4", "public_ipv4.hour");
  }
  void start() override {}
  void settle(sim::Time end) override {
    if (run_.ledger) charge_run(*run_.ledger, meter_, end, config_.count, sim::Duration::hours(1));
  }

 private:
  PublicIpv4Config config_;
  const RunContext& run_;
  Ledger::Meter meter_ = 0;
};

class FixedCost final : public Controller {
 public:
  FixedCost(std::string name, const FixedCostConfig& config, const RunContext& run)
      : Controller(std::move(name)), config_(config), run_(run) {
    if (!run_.ledger) return;
    Price own;
    own.key = "fixed_cost." + this->name();
    own.per = config.per;
    own.tiers = {{std::numeric_limits<double>::infinity(), config.usd}};
    own.source = "scenario";
    own.status = "scenario";
    meter_ = run_.ledger->meter(this->name(), "fixed_cost", std::move(own));
  }
  void start() override {}
  void settle(sim::Time end) override {
    if (run_.ledger) charge_run(*run_.ledger, meter_, end, 1, fixed_cost_unit(config_.per));
  }

 private:
  FixedCostConfig config_;
  const RunContext& run_;
  Ledger::Meter meter_ = 0;
};

std::unique_ptr<Controller> make_load_balancers(const ControllerSpec& spec,
                                                const std::vector<Component*>&,
                                                ControlContext& context) {
  return std::make_unique<LoadBalancers>(spec.name, spec.config_as<LoadBalancersConfig>(),
                                         context.run);
}

std::vector<std::string> load_balancers_prices(const ControllerSpec&) {
  return {"alb.hour", "public_ipv4.hour"};
}

std::unique_ptr<Controller> make_public_ipv4(const ControllerSpec& spec,
                                             const std::vector<Component*>&,
                                             ControlContext& context) {
  return std::make_unique<PublicIpv4>(spec.name, spec.config_as<PublicIpv4Config>(), context.run);
}

std::vector<std::string> public_ipv4_prices(const ControllerSpec&) {
  return {"public_ipv4.hour"};
}

std::unique_ptr<Controller> make_fixed_cost(const ControllerSpec& spec,
                                            const std::vector<Component*>&,
                                            ControlContext& context) {
  return std::make_unique<FixedCost>(spec.name, spec.config_as<FixedCostConfig>(), context.run);
}

}  // namespace

sim::Duration fixed_cost_unit(const std::string& per) {
  if (per == "hour") return sim::Duration::hours(1);
  if (per == "day") return sim::Duration::hours(24);
  SCALESIM_CHECK(per == "month", "a fixed cost's unit is not hour, day or month");
  return kBillingMonth;
}

const ControllerKind& LoadBalancersConfig::kind() {
  static const ControllerKind row{"load_balancers",     {}, 0, 0, false, make_load_balancers,
                                  load_balancers_prices};
  return row;
}

const ControllerKind& PublicIpv4Config::kind() {
  static const ControllerKind row{"public_ipv4",     {}, 0, 0, false, make_public_ipv4,
                                  public_ipv4_prices};
  return row;
}

// No price book key: its price is its own (Ledger's own-price meter).
const ControllerKind& FixedCostConfig::kind() {
  static const ControllerKind row{"fixed_cost", {}, 0, 0, false, make_fixed_cost};
  return row;
}

}  // namespace models
