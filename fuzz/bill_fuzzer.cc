// Fuzzes the bill readers of `scalesim bill` (app/bill/cost_explorer.h,
// cost_and_usage_report.h): the input is a Cost Explorer CSV export or a Cost and Usage
// Report (legacy or CUR 2.0), plain or gzip.
#include <cmath>
#include <string>

#include "app/bill/cost_explorer.h"
#include "app/scenario/input_error.h"
#include "app/trace/timestamp.h"
#include "fuzz/fuzz_input.h"

namespace {

bool same(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

// The promises of cost_explorer.h about what a read returns.
void check(const app::BillExport& bill) {
  fuzz::require(!bill.days.empty(), "a bill has at least one day");
  for (size_t i = 0; i < bill.days.size(); ++i) {
    const app::BillDay& day = bill.days[i];
    fuzz::require(day.date.size() == 10 && app::parse_timestamp(day.date + "T00:00:00Z"),
                  "a day is a date YYYY-MM-DD");
    if (i > 0) fuzz::require(bill.days[i - 1].date < day.date, "days in date order, each once");
    fuzz::require(day.usd.size() == bill.services.size(), "a cost per service");
    if (!bill.has_total_column) {
      double sum = 0;
      for (double usd : day.usd) sum += usd;
      fuzz::require(same(sum, day.total), "without a total column, the total is the sum");
    }
    for (double usd : day.usd) fuzz::require(!std::isnan(usd), "a cost is a number (empty: 0)");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = fuzz::write_input_file(data, size);
  app::BillExport bill;
  try {
    bill = app::read_bill_export(path);
  } catch (const app::InputError&) {
    return 0;  // the expected answer to bad input
  }
  check(bill);
  return 0;
}
