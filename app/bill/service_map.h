// Which scalesim service (a service in costs.csv) each line of an AWS bill
// corresponds to. docs/importing.md has the same table.
#ifndef SCALESIM_APP_BILL_SERVICE_MAP_H_
#define SCALESIM_APP_BILL_SERVICE_MAP_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace app {

struct BillMapping {
  std::string_view service;                 // scalesim's: "ec2", "alb", ...
  std::vector<std::string_view> aws_names;  // Cost Explorer's, as the API and the console name them
  std::string_view caveat;  // what else the bill line holds, which the model leaves out
};

// Every mapping, in the order the docs list them.
const std::vector<BillMapping>& bill_mappings();

// The mapping of a bill's service name (case and spacing around " - " ignored),
// if scalesim models it.
const BillMapping* map_bill_service(std::string_view aws_name);

}  // namespace app

#endif  // SCALESIM_APP_BILL_SERVICE_MAP_H_
