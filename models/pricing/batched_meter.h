// Usage charged per request (an invocation's GB-seconds, an API call), summed per
// time-series interval and billed once per interval, spread over it. The request
// path pays an addition and a comparison instead of a ledger lookup.
#ifndef SCALESIM_MODELS_PRICING_BATCHED_METER_H_
#define SCALESIM_MODELS_PRICING_BATCHED_METER_H_

#include <algorithm>

#include "models/pricing/ledger.h"

namespace models {

class BatchedMeter {
 public:
  BatchedMeter() = default;  // bills nothing: the run is not priced
  BatchedMeter(Ledger* ledger, Ledger::Meter meter, sim::Duration interval)
      : ledger_(ledger), meter_(meter), interval_(interval), end_(sim::Time::zero() + interval) {}

  // REQUIRES: `at` never decreases between calls.
  void add(sim::Time at, double usage) {
    if (!ledger_) return;
    if (at >= end_) roll(at);
    usage_ += usage;
  }
  // Bills what is pending, over the current interval up to `end`. Call once, at
  // the end of the run.
  void flush(sim::Time end) {
    if (ledger_ && usage_ > 0)
      ledger_->charge_span(meter_, end_ - interval_, std::max(end, end_ - interval_), usage_);
    usage_ = 0;
  }

 private:
  void roll(sim::Time at) {
    if (usage_ > 0) ledger_->charge_span(meter_, end_ - interval_, end_, usage_);
    usage_ = 0;
    end_ = sim::Time::micros((at.us() / interval_.us() + 1) * interval_.us());
  }

  Ledger* ledger_ = nullptr;
  Ledger::Meter meter_ = 0;
  sim::Duration interval_;
  sim::Time end_;
  double usage_ = 0;
};

}  // namespace models

#endif  // SCALESIM_MODELS_PRICING_BATCHED_METER_H_
