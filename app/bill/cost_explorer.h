// Reading a Cost Explorer export: the CSV the console's "Download as CSV" writes
// for a report of cost grouped by service at daily granularity.
//
// Assumed layout (the console's, as of 2024; docs/importing.md says more):
//
//   "Service","EC2-Instances($)","Elastic Load Balancing($)",...,"Total costs($)"
//   "Service total","40.12","9.40",...,"49.52"
//   "2026-11-16","20.06","4.70",...,"24.76"
//   "2026-11-17","20.06","4.70",...,"24.76"
//
// The first header cell names the row labels; each other header cell is a
// service, its unit suffix ("($)", " ($)") dropped, and a last column whose name
// starts with "Total cost" is the day's total. Rows are days ("YYYY-MM-DD", a
// time after the date ignored) or a total row (a label starting with "Service
// total" or "Total"), in any order. Empty cells are 0.
#ifndef SCALESIM_APP_BILL_COST_EXPLORER_H_
#define SCALESIM_APP_BILL_COST_EXPLORER_H_

#include <optional>
#include <string>
#include <vector>

namespace app {

namespace report {
struct CsvRow;
}

struct BillDay {
  std::string date;         // "2026-11-16"
  std::vector<double> usd;  // one per service, as BillExport::services
  double total = 0;         // the total column, or the sum of the services without one
};

struct BillExport {
  std::vector<std::string> services;  // "EC2-Instances", as the header names them
  std::vector<BillDay> days;          // in date order, each date once
  bool has_total_column = false;
};

// Throws InputError naming the file and line for a file that is not a Cost
// Explorer export of this layout. The file may be gzip-compressed.
BillExport read_cost_explorer_csv(const std::string& path);

// A bill's amount in USD from cell `index` of `row`: 0 when empty. Throws
// InputError naming the file, line and column for one that is not a number or
// lies beyond +-1e15 USD (so that no sum of a bill's amounts overflows).
double bill_amount(const report::CsvRow& row, size_t index, const std::string& column,
                   const std::string& path);

// A Cost Explorer export, or a Cost and Usage Report (cost_and_usage_report.h),
// told apart by the header. Throws InputError as the reader of its kind does.
BillExport read_bill_export(const std::string& path);

}  // namespace app

#endif  // SCALESIM_APP_BILL_COST_EXPLORER_H_
