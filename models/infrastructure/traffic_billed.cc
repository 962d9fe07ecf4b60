#include "models/infrastructure/traffic_billed.h"

#include <algorithm>
#include <cmath>

#include "models/infrastructure/request_count.h"
#include "models/pricing/billing_rules.h"

namespace models {

namespace {

constexpr double kBytesPerGb = 1e9;  // AWS bills data in decimal GB, as the ALB's LCUs

// Interval i of a run's series, clipped to its end.
struct Span {
  sim::Time from;
  sim::Time to;
};
Span interval_span(size_t i, sim::Duration interval, sim::Time end) {
  const sim::Time from = sim::Time::micros(static_cast<int64_t>(i) * interval.us());
  return {from, std::min(end, from + interval)};
}

// The hours' key first, the public IPv4 addresses' last.
std::vector<std::string> nat_gateway_price_keys(const NatGatewayConfig& c) {
  if (!c.instance_type.empty()) return {"ec2.instance." + c.instance_type, "public_ipv4.hour"};
  return {"nat_gateway.hour", "nat_gateway.data", "public_ipv4.hour"};
}

// What both kinds share: the count of the driven component's requests, turned
// into GB per interval at settle().
class TrafficBilled : public Controller {
 public:
  TrafficBilled(std::string name, double bytes_per_request, Component& driven,
                ControlContext& context)
      : Controller(std::move(name)),
        bytes_per_request_(bytes_per_request),
        count_(driven, context.run),
        run_(context.run) {}

  void start() override { count_.start(); }

 protected:
  // GB per interval of the series, over [0, end).
  std::vector<double> gigabytes(sim::Time end) {
    std::vector<double> gb = count_.per_interval(end);
    for (double& g : gb) g *= bytes_per_request_ / kBytesPerGb;
    return gb;
  }
  double measured(const std::vector<double>& per_interval, sim::Time end) const {
    return measured_part(per_interval, run_.series.interval(), run_.measure_from, end);
  }
  // Bills per_interval[i] units of `meter` over interval i.
  void charge_intervals(Ledger::Meter meter, const std::vector<double>& per_interval,
                        sim::Time end) {
    for (size_t i = 0; i < per_interval.size(); ++i) {
      const Span s = interval_span(i, run_.series.interval(), end);
      if (per_interval[i] > 0 && s.from < s.to)
        run_.ledger->charge_span(meter, s.from, s.to, per_interval[i]);
    }
  }

  double bytes_per_request_;
  RequestCount count_;
  const RunContext& run_;
};

class NatGateway final : public TrafficBilled {
 public:
  NatGateway(std::string name, const NatGatewayConfig& config, Component& driven,
             ControlContext& context)
      : TrafficBilled(std::move(name), config.bytes_per_request, driven, context), config_(config) {
    Ledger* ledger = run_.ledger;
    if (!ledger) return;
    const std::vector<std::string> keys = nat_gateway_price_keys(config_);
    if (config_.instance_type.empty()) {
      hours_ = ledger->meter(this->name() + ".hours", "nat_gateway", keys[0]);
      data_ = ledger->meter(this->name() + ".data", "nat_gateway", keys[1]);
    } else {
      hours_ = ledger->meter(this->name() + ".instance_hours", "ec2", keys[0]);
    }
    ipv4_ = ledger->meter(this->name() + ".public_ipv4", "public_ipv4", keys.back());
  }

  void settle(sim::Time end) override {
    const std::vector<double> gb = gigabytes(end);
    processed_gb_ = measured(gb, end);
    if (!run_.ledger) return;
    const double hours = config_.count * (end - sim::Time::zero()).seconds() / 3600;
    run_.ledger->charge_span(hours_, sim::Time::zero(), end, hours);
    run_.ledger->charge_span(ipv4_, sim::Time::zero(), end, hours);
    // A NAT instance's traffic costs only what any instance's does (data transfer).
    if (config_.instance_type.empty()) charge_intervals(data_, gb, end);
  }

  void report(MetricList& metrics) const override {
    metrics.push_back({"controller." + name() + ".processed_gb", processed_gb_, Unit::kNumber});
  }

 private:
  NatGatewayConfig config_;
  Ledger::Meter hours_ = 0;
  Ledger::Meter data_ = 0;
  Ledger::Meter ipv4_ = 0;
  double processed_gb_ = 0;  // in the measured window
};

class CloudWatchLogs final : public TrafficBilled {
 public:
  CloudWatchLogs(std::string name, const CloudWatchLogsConfig& config, Component& driven,
                 ControlContext& context)
      : TrafficBilled(std::move(name), config.bytes_per_request, driven, context), config_(config) {
    if (Ledger* ledger = run_.ledger) {
      ingestion_ = ledger->meter(this->name() + ".ingestion", "cloudwatch_logs",
                                 "cloudwatch_logs.ingestion");
      storage_ =
          ledger->meter(this->name() + ".storage", "cloudwatch_logs", "cloudwatch_logs.storage");
    }
  }

  void settle(sim::Time end) override {
    const std::vector<double> gb = gigabytes(end);
    ingested_gb_ = measured(gb, end);
    std::vector<double> stored = stored_gb_seconds(gb, run_.series.interval(), end,
                                                   config_.retention, config_.stored_gb_at_start);
    stored_gb_end_ = stored_at(gb, end);
    if (!run_.ledger) return;
    charge_intervals(ingestion_, gb, end);
    for (double& s : stored) s /= kBillingMonth.seconds();  // GB-months
    charge_intervals(storage_, stored, end);
  }

  void report(MetricList& metrics) const override {
    const std::string prefix = "controller." + name() + ".";
    metrics.push_back({prefix + "ingested_gb", ingested_gb_, Unit::kNumber});
    metrics.push_back({prefix + "stored_gb_end", stored_gb_end_, Unit::kNumber});
  }

 private:
  // GB stored at `end`: what arrived within the retention before it, and what was there.
  double stored_at(const std::vector<double>& gb, sim::Time end) const {
    double stored = config_.stored_gb_at_start;
    const sim::Time kept_from =
        config_.retention ? end - *config_.retention : sim::Time::micros(INT64_MIN / 2);
    for (size_t i = 0; i < gb.size(); ++i) {
      const Span s = interval_span(i, run_.series.interval(), end);
      if (s.to <= kept_from || s.to <= s.from) continue;
      const sim::Time start = std::max(s.from, kept_from);
      stored += gb[i] * static_cast<double>((s.to - start).us()) /
                static_cast<double>((s.to - s.from).us());
    }
    return stored;
  }

  CloudWatchLogsConfig config_;
  Ledger::Meter ingestion_ = 0;
  Ledger::Meter storage_ = 0;
  double ingested_gb_ = 0;  // in the measured window
  double stored_gb_end_ = 0;
};

std::unique_ptr<Controller> make_nat_gateway(const ControllerSpec& spec,
                                             const std::vector<Component*>& driven,
                                             ControlContext& context) {
  return std::make_unique<NatGateway>(spec.name, spec.config_as<NatGatewayConfig>(),
                                      *driven.front(), context);
}

std::vector<std::string> nat_gateway_prices(const ControllerSpec& spec) {
  return nat_gateway_price_keys(spec.config_as<NatGatewayConfig>());
}

std::unique_ptr<Controller> make_cloudwatch_logs(const ControllerSpec& spec,
                                                 const std::vector<Component*>& driven,
                                                 ControlContext& context) {
  return std::make_unique<CloudWatchLogs>(spec.name, spec.config_as<CloudWatchLogsConfig>(),
                                          *driven.front(), context);
}

std::vector<std::string> cloudwatch_logs_prices(const ControllerSpec&) {
  return {"cloudwatch_logs.ingestion", "cloudwatch_logs.storage"};
}

// F(t) = the integral of cumulative ingestion from 0 to t, in GB-seconds, with
// ingestion piecewise linear between the intervals' ends.
class IngestionIntegral {
 public:
  IngestionIntegral(const std::vector<double>& ingested, sim::Duration interval, sim::Time end)
      : ingested_(ingested), width_(interval.seconds()), end_(end.seconds()) {
    cumulative_.push_back(0);
    integral_.push_back(0);
    for (size_t i = 0; i < ingested.size(); ++i) {
      const double length = length_of(i);
      integral_.push_back(integral_.back() + (cumulative_.back() + ingested[i] / 2) * length);
      cumulative_.push_back(cumulative_.back() + ingested[i]);
    }
  }

  double at(double t) const {
    if (t <= 0 || ingested_.empty()) return 0;
    const size_t i = std::min(static_cast<size_t>(t / width_), ingested_.size() - 1);
    const double x = std::min(t, end_) - static_cast<double>(i) * width_;
    const double length = length_of(i);
    const double rate = length > 0 ? ingested_[i] / length : 0;
    return integral_[i] + cumulative_[i] * x + rate * x * x / 2;
  }

 private:
  double length_of(size_t i) const {
    return std::max(0.0, std::min(width_, end_ - static_cast<double>(i) * width_));
  }

  const std::vector<double>& ingested_;
  double width_;
  double end_;
  std::vector<double> cumulative_;  // at each interval's start
  std::vector<double> integral_;    // F at each interval's start
};

}  // namespace

const std::vector<int>& cloudwatch_logs_retention_days() {
  static const std::vector<int> days = {1,    3,    5,    7,    14,   30,  60,  90,
                                        120,  150,  180,  365,  400,  545, 731, 1096,
                                        1827, 2192, 2557, 2922, 3288, 3653};
  return days;
}

std::vector<double> stored_gb_seconds(const std::vector<double>& ingested, sim::Duration interval,
                                      sim::Time end, std::optional<sim::Duration> retention,
                                      double at_start) {
  const IngestionIntegral f(ingested, interval, end);
  const double kept = retention ? retention->seconds() : 0;
  std::vector<double> out(ingested.size(), 0.0);
  for (size_t i = 0; i < ingested.size(); ++i) {
    const Span s = interval_span(i, interval, end);
    if (s.to <= s.from) continue;
    const double a = s.from.seconds();
    const double b = s.to.seconds();
    double stored = at_start * (b - a) + f.at(b) - f.at(a);
    if (retention) stored -= f.at(b - kept) - f.at(a - kept);
    out[i] = std::max(0.0, stored);
  }
  return out;
}

const ControllerKind& NatGatewayConfig::kind() {
  static const ControllerKind row{"nat_gateway",    request_counted_kinds(), 1, 1, false,
                                  make_nat_gateway, nat_gateway_prices};
  return row;
}

const ControllerKind& CloudWatchLogsConfig::kind() {
  static const ControllerKind row{"cloudwatch_logs",    request_counted_kinds(), 1, 1, false,
                                  make_cloudwatch_logs, cloudwatch_logs_prices};
  return row;
}

}  // namespace models
