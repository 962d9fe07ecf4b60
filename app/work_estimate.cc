#include "app/work_estimate.h"

#include <cmath>
#include <cstdio>

#include "app/scenario/input_error.h"
#include "models/traffic/expected_arrivals.h"

namespace app {

namespace {

std::string printed(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// Three significant figures, without trailing zeros: "14.4", "144", "1.5".
std::string significant(double value) {
  std::string text = printed(value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%.0f", value);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

std::string duration_text(double seconds) {
  if (seconds < 90) return significant(std::max(seconds, 1.0)) + " s";
  if (seconds < 90 * 60) return significant(seconds / 60) + " minutes";
  if (seconds < 48 * 3600) return significant(seconds / 3600) + " hours";
  return significant(seconds / 86400) + " days";
}

std::string plural(long long n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::string count_text(double count) {
  if (!std::isfinite(count)) return "infinitely many";
  if (count < 1e3) return printed("%.0f", count);
  if (count < 1e6) return significant(count / 1e3) + " thousand";
  if (count < 1e9) return significant(count / 1e6) + " million";
  if (count < 1e12) return significant(count / 1e9) + " billion";
  return printed("%.2g", count);
}

WorkEstimate estimate_work(const models::Scenario& scenario, size_t strategies) {
  WorkEstimate work;
  work.requests_per_run = models::estimate_workload(scenario.workload, scenario.horizon).arrivals;
  work.strategies = strategies;
  work.replications = scenario.replications;
  return work;
}

WorkEstimate estimate_work(const std::vector<RunUnit>& units, size_t points, double growth) {
  WorkEstimate work;
  work.points = points;
  work.growth = growth;
  for (const RunUnit& unit : units) {
    work.sweep_requests +=
        estimate_work(*unit.scenario, 1).requests_per_run * static_cast<double>(unit.replications);
  }
  work.strategies = units.size();  // distinct runs of a strategy at a point
  return work;
}

std::string describe_work(const WorkEstimate& work) {
  if (work.sweep_requests > 0) {
    std::string text = "about " + count_text(work.requests()) + " requests (" +
                       plural(static_cast<long long>(work.strategies), "distinct run") + " over " +
                       plural(static_cast<long long>(work.points), "sweep point");
    if (work.growth > 1)
      text +=
          ", with up to " + significant(work.growth) + " times the first replications for the SLO";
    return text + ")";
  }
  const std::string strategies =
      work.strategies == 1 ? "1 strategy" : std::to_string(work.strategies) + " strategies";
  return "about " + count_text(work.requests()) + " requests (" +
         count_text(work.requests_per_run) + " per replication x " + strategies + " x " +
         plural(work.replications, "replication") + ")";
}

void check_work(const WorkEstimate& work, double max_requests, int threads) {
  if (work.requests() <= max_requests) return;
  const double seconds = work.requests() / (kRequestsPerSecondPerThread * std::max(threads, 1));
  throw InputError(
      "scalesim",
      {{"", "this run would simulate " + describe_work(work) +
                ", more than --max-requests allows (" + count_text(max_requests) + "); at about " +
                count_text(kRequestsPerSecondPerThread) + " requests/s per thread that is some " +
                duration_text(seconds) + " on " + plural(threads, "thread") +
                ". Raise --max-requests to run it anyway, or shorten the horizon, lower the rate, "
                "or run fewer replications or strategies"}});
}

}  // namespace app
