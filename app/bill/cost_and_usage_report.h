// Reading an AWS Cost and Usage Report (the legacy CUR, or CUR 2.0 from Data
// Exports) as a bill of cost by service and day, grouped as Cost Explorer groups
// it, so that `scalesim bill` reads either file (docs/importing.md).
//
// The columns used, by their legacy and CUR 2.0 names:
//   lineItem/UsageStartDate  line_item_usage_start_date  the line's day (UTC)
//   lineItem/UnblendedCost   line_item_unblended_cost    its cost in USD
//   lineItem/ProductCode     line_item_product_code      its service ("AmazonEC2")
//   lineItem/UsageType       line_item_usage_type        EC2 instances or EC2-Other
//   lineItem/LineItemType    line_item_line_item_type    "Tax" lines are Tax
// Every other column is ignored, in any order; lines of any granularity (hourly,
// daily, monthly) are summed into the day they start.
#ifndef SCALESIM_APP_BILL_COST_AND_USAGE_REPORT_H_
#define SCALESIM_APP_BILL_COST_AND_USAGE_REPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "app/bill/cost_explorer.h"

namespace app {

// Whether a CSV header is a Cost and Usage Report's (it has a usage start date
// column under either name).
bool is_cost_and_usage_report(const std::vector<std::string>& header);

// The Cost Explorer service a line is billed under: "EC2-Instances" for EC2's
// instance usage (BoxUsage, SpotUsage, DedicatedUsage, HostUsage), "EC2-Other"
// for the rest of EC2 (NAT gateways, EBS, data transfer, idle addresses), "Tax"
// for tax lines, Cost Explorer's name for the other products scalesim models, and
// the product code itself for any other.
std::string cost_explorer_service(std::string_view product_code, std::string_view usage_type,
                                  std::string_view line_item_type);

// Reads the report in `text` (the file's contents, `path` for messages). Throws
// InputError naming the file and line for a missing column, a date or a cost
// that does not parse, or a report without lines.
BillExport read_cost_and_usage_report(std::string_view text, const std::string& path);

}  // namespace app

#endif  // SCALESIM_APP_BILL_COST_AND_USAGE_REPORT_H_
