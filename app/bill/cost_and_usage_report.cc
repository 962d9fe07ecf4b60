#include "app/bill/cost_and_usage_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "app/report/csv.h"
#include "app/scenario/input_error.h"
#include "app/trace/timestamp.h"

namespace app {

namespace {

// A column by its legacy CUR name and its CUR 2.0 name.
struct Column {
  std::string_view legacy;
  std::string_view cur2;
};
constexpr Column kStart{"lineItem/UsageStartDate", "line_item_usage_start_date"};
constexpr Column kCost{"lineItem/UnblendedCost", "line_item_unblended_cost"};
constexpr Column kProduct{"lineItem/ProductCode", "line_item_product_code"};
constexpr Column kUsageType{"lineItem/UsageType", "line_item_usage_type"};
constexpr Column kLineType{"lineItem/LineItemType", "line_item_line_item_type"};

std::optional<size_t> find(const report::CsvReader& reader, const Column& c) {
  if (auto at = reader.column(c.legacy)) return at;
  return reader.column(c.cur2);
}

size_t require(const report::CsvReader& reader, const Column& c, const std::string& path) {
  if (auto at = find(reader, c)) return *at;
  throw InputError(path, {{std::to_string(reader.header_line()),
                           "expected a Cost and Usage Report column " + std::string(c.legacy) +
                               " (CUR 2.0: " + std::string(c.cur2) + "), found none"}});
}

// Cost Explorer's names for the products scalesim models (AWS Price List
// service codes, as the report's product code column holds them).
std::string_view named_product(std::string_view code) {
  static const std::map<std::string_view, std::string_view> kNames = {
      {"AWSELB", "Elastic Load Balancing"},
      {"AmazonVPC", "VPC"},
      {"AWSLambda", "Lambda"},
      {"AmazonApiGateway", "API Gateway"},
      {"AmazonCloudWatch", "CloudWatch"},
      {"AmazonRDS", "Relational Database Service"},
      {"AmazonLightsail", "Lightsail"},
      {"AmazonECS", "Elastic Container Service"},
  };
  const auto it = kNames.find(code);
  return it == kNames.end() ? code : it->second;
}

bool is_instance_usage(std::string_view usage_type) {
  for (std::string_view kind : {"BoxUsage", "SpotUsage", "DedicatedUsage", "HostUsage"}) {
    if (usage_type.find(kind) != std::string_view::npos) return true;
  }
  return false;
}

// "2026-11-16T00:00:00Z", "2026-11-16 00:00:00.000" or "2026-11-16": the date.
std::optional<std::string> date_of(const std::string& cell) {
  if (cell.size() < 10) return std::nullopt;
  const std::string date = cell.substr(0, 10);
  if (!parse_timestamp(date + "T00:00:00Z")) return std::nullopt;
  if (cell.size() > 10 && cell[10] != ' ' && cell[10] != 'T') return std::nullopt;
  return date;
}

}  // namespace

bool is_cost_and_usage_report(const std::vector<std::string>& header) {
  return std::any_of(header.begin(), header.end(), [](const std::string& name) {
    return name == kStart.legacy || name == kStart.cur2;
  });
}

std::string cost_explorer_service(std::string_view product_code, std::string_view usage_type,
                                  std::string_view line_item_type) {
  if (line_item_type == "Tax") return "Tax";
  if (product_code == "AmazonEC2")
    return is_instance_usage(usage_type) ? "EC2-Instances" : "EC2-Other";
  return std::string(named_product(product_code));
}

BillExport read_cost_and_usage_report(std::string_view text, const std::string& path) {
  report::CsvReader reader(text, path);
  const size_t start = require(reader, kStart, path);
  const size_t cost = require(reader, kCost, path);
  const size_t product = require(reader, kProduct, path);
  const std::optional<size_t> usage_type = find(reader, kUsageType);
  const std::optional<size_t> line_type = find(reader, kLineType);

  std::map<std::string, std::map<std::string, double>> by_day;  // date -> service -> usd
  std::map<std::string, size_t> services;                       // name -> first seen
  report::CsvRow row;
  while (reader.next(row)) {
    const auto date = date_of(row.fields[start]);
    if (!date) {
      throw InputError(path, {{std::to_string(row.line),
                               "column " + reader.header()[start] +
                                   ": expected a date such as 2026-11-16T00:00:00Z, found \"" +
                                   row.fields[start].substr(0, 40) + "\""}});
    }
    const double usd = bill_amount(row, cost, reader.header()[cost], path);
    const std::string service = cost_explorer_service(
        row.fields[product], usage_type ? std::string_view(row.fields[*usage_type]) : "",
        line_type ? std::string_view(row.fields[*line_type]) : "");
    services.emplace(service, services.size());
    by_day[*date][service] += usd;
  }
  if (by_day.empty()) {
    throw InputError(path, {{std::to_string(reader.header_line()),
                             "expected a Cost and Usage Report with line items, found none"}});
  }
  BillExport bill;
  bill.services.resize(services.size());
  for (const auto& [name, order] : services) bill.services[order] = name;
  for (const auto& [date, costs] : by_day) {
    BillDay day;
    day.date = date;
    day.usd.assign(bill.services.size(), 0);
    for (const auto& [name, usd] : costs) day.usd[services.at(name)] = usd;
    for (double usd : day.usd) day.total += usd;
    bill.days.push_back(std::move(day));
  }
  return bill;
}

}  // namespace app
