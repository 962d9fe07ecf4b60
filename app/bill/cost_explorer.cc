#include "app/bill/cost_explorer.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "app/bill/cost_and_usage_report.h"
#include "app/import/line_source.h"
#include "app/report/csv.h"
#include "app/scenario/input_error.h"
#include "app/scenario/input_file.h"
#include "app/trace/timestamp.h"

namespace app {

namespace {

// A Cost Explorer export is a few hundred rows; a Cost and Usage Report of a
// small account's month, hourly and per resource, a few hundred MB. Either is
// held in memory while it is read.
constexpr uint64_t kMaxExportBytes = uint64_t{1} << 30;
const std::string kWhat = "Cost Explorer export or Cost and Usage Report";

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return std::string(text);
}

// "EC2-Instances($)" and "EC2-Instances ($)" -> "EC2-Instances".
std::string service_name(std::string_view header) {
  std::string name = trimmed(header);
  const size_t paren = name.rfind('(');
  if (paren != std::string::npos && name.back() == ')' && paren > 0)
    name = trimmed(name.substr(0, paren));
  return name;
}

// "2026-11-16", or "2026-11-16 00:00:00": the date, if the cell starts with one.
std::optional<std::string> date_of(const std::string& cell) {
  const std::string date = cell.substr(0, 10);
  if (date.size() != 10 || !parse_timestamp(date + "T00:00:00Z")) return std::nullopt;
  if (cell.size() > 10 && cell[10] != ' ' && cell[10] != 'T') return std::nullopt;
  return date;
}

[[noreturn]] void fail(const std::string& file, size_t line, const std::string& message) {
  throw InputError(file, {{line > 0 ? std::to_string(line) : "", message}});
}

// The file's text, decompressed when it is gzip (AWS delivers reports as .csv.gz).
std::string read_export_text(const std::string& path) {
  check_input_file(path, kWhat, UINT64_MAX);
  LineSource lines(path);
  std::string text;
  std::string_view line;
  while (lines.next(line)) {
    if (text.size() + line.size() >= kMaxExportBytes) {
      fail(path, static_cast<size_t>(lines.line_number()),
           "expected a " + kWhat + " of at most 1 GiB, found a larger one");
    }
    text.append(line);
    text += '\n';
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // the BOM spreadsheets add
  return text;
}

BillExport read_cost_explorer_text(const std::string& text, const std::string& path) {
  report::CsvReader reader(text, path);
  const std::vector<std::string>& header = reader.header();
  const std::string layout =
      "a Cost Explorer export of cost by service and day (a header row \"Service\", the "
      "services, \"Total costs($)\"; then a row per day)";
  if (header.size() < 2) {
    fail(path, reader.header_line(),
         "expected " + layout + ", found a header of " + std::to_string(header.size()) + " column");
  }
  BillExport bill;
  std::vector<size_t> service_columns;
  std::optional<size_t> total_column;
  for (size_t i = 1; i < header.size(); ++i) {
    const std::string name = service_name(header[i]);
    if (lower(name).starts_with("total cost")) {
      total_column = i;
    } else {
      if (name.empty())
        fail(path, reader.header_line(),
             "expected a service name in column " + std::to_string(i + 1) + ", found none");
      bill.services.push_back(name);
      service_columns.push_back(i);
    }
  }
  bill.has_total_column = total_column.has_value();
  report::CsvRow row;
  while (reader.next(row)) {
    const std::string label = trimmed(row.fields[0]);
    const auto date = date_of(label);
    if (!date) {
      const std::string l = lower(label);
      if (l.starts_with("service total") || l.starts_with("total")) continue;
      fail(path, row.line,
           "expected a date such as 2026-11-16, or the \"Service total\" row, found \"" +
               label.substr(0, 40) + "\"");
    }
    BillDay day;
    day.date = *date;
    for (size_t k = 0; k < service_columns.size(); ++k) {
      day.usd.push_back(bill_amount(row, service_columns[k], bill.services[k], path));
      day.total += day.usd.back();
    }
    if (total_column) {
      day.total = bill_amount(row, *total_column, "Total costs", path);
    }
    const bool seen = std::any_of(bill.days.begin(), bill.days.end(),
                                  [&](const BillDay& d) { return d.date == day.date; });
    if (seen) fail(path, row.line, "expected each date once, found " + day.date + " again");
    bill.days.push_back(std::move(day));
  }
  if (bill.days.empty()) fail(path, 0, "expected " + layout + ", found no row of a day");
  std::sort(bill.days.begin(), bill.days.end(),
            [](const BillDay& a, const BillDay& b) { return a.date < b.date; });
  return bill;
}

}  // namespace

double bill_amount(const report::CsvRow& row, size_t index, const std::string& column,
                   const std::string& path) {
  constexpr double kMaxAmount = 1e15;
  const double usd = report::csv_number(row, index, column, path);
  if (std::isnan(usd)) return 0;
  if (!(std::abs(usd) <= kMaxAmount)) {
    throw InputError(path, {{std::to_string(row.line),
                             "column " + column + ": expected an amount within +-1e15 USD, found " +
                                 quoted_excerpt(row.fields[index])}});
  }
  return usd;
}

BillExport read_cost_explorer_csv(const std::string& path) {
  return read_cost_explorer_text(read_export_text(path), path);
}

BillExport read_bill_export(const std::string& path) {
  const std::string text = read_export_text(path);
  const bool report = is_cost_and_usage_report(report::CsvReader(text, path).header());
  return report ? read_cost_and_usage_report(text, path) : read_cost_explorer_text(text, path);
}

}  // namespace app
