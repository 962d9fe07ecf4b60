#include <cstdint>

#include "app/output/outputs.h"
#include "app/output/text.h"

namespace app {

namespace {

// Exact: whole seconds, then the microseconds without trailing zeros.
std::string seconds(sim::Time at) {
  const int64_t us = at.us();
  std::string text = std::to_string(us / 1'000'000);
  int64_t fraction = us % 1'000'000;
  if (fraction == 0) return text;
  std::string digits = std::to_string(fraction);
  digits.insert(0, 6 - digits.size(), '0');
  while (digits.back() == '0') digits.pop_back();
  return text + "." + digits;
}

}  // namespace

// Strategies in their order, replications in theirs, events in time order: the
// same bytes for any number of threads.
std::string render_events_csv(const ExperimentResult& result) {
  std::string out = "# scalesim events version " + std::to_string(kEventsFormatVersion) +
                    "\nstrategy,replication,time_s,source,what,detail\n";
  for (const StrategySummary& strategy : result.strategies) {
    const std::string name = csv_field(strategy.name);
    for (size_t r = 0; r < strategy.logs.size(); ++r) {
      const std::string prefix = name + "," + std::to_string(r) + ",";
      for (const models::LoggedEvent& event : strategy.logs[r]) {
        out += prefix + seconds(event.at) + "," + csv_field(event.source) + "," +
               csv_field(event.what) + "," + csv_field(event.detail) + "\n";
      }
      if (strategy.logs_dropped[r] > 0) {
        out += prefix + ",," + "log_truncated," + std::to_string(strategy.logs_dropped[r]) +
               " later events not kept\n";
      }
    }
  }
  return out;
}

}  // namespace app
