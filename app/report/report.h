// The HTML report of a run: one self-contained page (no network, no other file)
// with the comparison table, cost by service, each strategy's charts over time
// with its scaling events, and a sweep's cost-versus-SLO charts and Pareto fronts.
//
// The page is rendered from the texts of the three output files, so `scalesim run
// --report` (with the texts it is about to write) and `scalesim report DIR` (with
// the files it reads) share one code path. Charts are drawn in the browser by the
// page's own script (report.js) from data embedded as JSON, at most a few
// thousand points per chart (timeline.h).
#ifndef SCALESIM_APP_REPORT_REPORT_H_
#define SCALESIM_APP_REPORT_REPORT_H_

#include <string>

namespace app::report {

struct ReportSources {
  std::string results_json;
  std::string timeseries_csv;
  std::string events_csv;
  // Names for messages.
  std::string results_file = "results.json";
  std::string timeseries_file = "timeseries.csv";
  std::string events_file = "events.csv";
};

// The page. Throws InputError naming the file (and the JSON pointer, or the line
// of a CSV file) when a text is not of the documented format.
std::string render_report(const ReportSources& sources);

// How many points the charts over time keep in all, shared among the charts: a
// page of a few megabytes at most, whatever the horizon.
inline constexpr size_t kPagePointBudget = 400000;
inline constexpr size_t kMaxPointsPerChart = 3000;
inline constexpr size_t kMinPointsPerChart = 300;

}  // namespace app::report

#endif  // SCALESIM_APP_REPORT_REPORT_H_
