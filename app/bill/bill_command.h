// `scalesim bill EXPORT.csv RUN_DIR`: a Cost Explorer export (cost by service and
// day) beside a run's costs.csv: per day and bill line, the bill, the model and
// their difference, and the bill's services the model lacks.
#ifndef SCALESIM_APP_BILL_BILL_COMMAND_H_
#define SCALESIM_APP_BILL_BILL_COMMAND_H_

#include <iosfwd>
#include <string>

#include "app/bill/cost_explorer.h"

namespace CLI {
class App;
}

namespace app {

struct BillFlags {
  std::string bill;  // the Cost Explorer CSV
  std::string run;   // a directory `scalesim run -o` wrote
  std::string strategy;
};

void add_bill_command(CLI::App& cli, BillFlags& flags);

// Throws InputError for a bad export, a run directory without costs.csv, a
// costs.csv without dates, or an unknown strategy.
int bill_command(const BillFlags& flags, std::ostream& out);

// The model's side: one strategy's cost by local date and service.
struct ModelDays {
  std::vector<std::string> dates;                                     // in order
  std::vector<double> hours;                                          // measured hours of each date
  std::vector<std::vector<std::pair<std::string, double>>> services;  // per date, "total" last
  std::string zone;  // the clock's UTC offset, "+09:00", when timeseries.csv names it
};

// The comparison table, as bill_command prints it.
std::string render_bill_comparison(const BillExport& bill, const ModelDays& model,
                                   const std::string& heading);

}  // namespace app

#endif  // SCALESIM_APP_BILL_BILL_COMMAND_H_
