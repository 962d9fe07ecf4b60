// The text parts of the HTML report: escaping, the heading, and the tables (the
// comparison of strategies, the sweep's selection). The charts are report.cc's.
#ifndef SCALESIM_APP_REPORT_PAGE_H_
#define SCALESIM_APP_REPORT_PAGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "app/report/results.h"

namespace app::report {

// Text made safe for HTML element content and attribute values.
std::string html_escape(std::string_view text);

// "2d", "1h 30m", "45s".
std::string duration_text(double seconds);

// The title, and lines naming the scenario, run and prices.
std::string page_heading(const Results& results);

// The outcome causes any strategy has a rate.<cause> metric for, in file order.
std::vector<std::string> outcome_causes(const Results& results);

// One row per strategy: arrivals, ok rate, each failure cause that some strategy
// had, latency p50 and p99, cost. Cells read "mean ± half-width", as in the
// terminal table.
std::string comparison_table(const Results& results);

// Per strategy of a sweep's selection: the winning point, its confidence and
// verdict, then each point's status and reason. Empty without a selection.
std::string selection_table(const Results& results);

// "target=40, count=4" for a sweep point.
std::string point_label(const Sweep& sweep, int point);

}  // namespace app::report

#endif  // SCALESIM_APP_REPORT_PAGE_H_
