#include "app/bill/bill_command.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <set>

#include "app/bill/service_map.h"
#include "app/output/number_text.h"
#include "app/report/csv.h"
#include "app/scenario/input_error.h"
#include "app/scenario/input_file.h"

namespace app {

namespace fs = std::filesystem;

namespace {

struct Row {
  std::string label;
  std::optional<double> bill, model;
};

std::string money(std::optional<double> usd) {
  return usd ? fixed(*usd, 4) : "-";
}

// `title` on a line with the column names, then the rows under them.
std::string rows_text(const std::string& title, const std::vector<Row>& rows) {
  size_t label_width = 12;
  for (const Row& r : rows) label_width = std::max(label_width, width(r.label));
  std::string out = pad_right(title, label_width + 2) + pad_left("bill", 13) +
                    pad_left("model", 13) + pad_left("model - bill", 14) + "\n";
  for (const Row& r : rows) {
    std::string diff = "-", share = "";
    if (r.bill && r.model) {
      diff = fixed(*r.model - *r.bill, 4);
      if (*r.bill != 0) share = fixed(100 * (*r.model - *r.bill) / std::abs(*r.bill), 1) + "%";
    }
    out += "  " + pad_right(r.label, label_width) + pad_left(money(r.bill), 13) +
           pad_left(money(r.model), 13) + pad_left(diff, 14) + pad_left(share, 9);
    while (out.back() == ' ') out.pop_back();
    out += "\n";
  }
  return out;
}

// The rows of one day (or of a sum of days: the same shape).
std::vector<Row> rows_of(const BillExport& bill, const std::vector<double>& bill_usd,
                         double bill_total, const std::map<std::string, double>& model,
                         const std::set<std::string>& run_services) {
  std::vector<Row> rows;
  std::set<std::string_view> covered;
  for (size_t k = 0; k < bill.services.size(); ++k) {
    const std::string& name = bill.services[k];
    const BillMapping* m = map_bill_service(name);
    Row row{name, bill_usd[k], std::nullopt};
    if (m && run_services.count(std::string(m->service))) {
      row.label += " -> " + std::string(m->service);
      const auto it = model.find(std::string(m->service));
      row.model = it == model.end() ? 0.0 : it->second;
      covered.insert(m->service);
    } else {
      row.label += m ? " (" + std::string(m->service) + ": not in the run)" : " (not modelled)";
    }
    rows.push_back(row);
  }
  for (const std::string& service : run_services) {
    if (covered.count(service)) continue;
    const auto it = model.find(service);
    rows.push_back(
        {service + " (no bill line)", std::nullopt, it == model.end() ? 0.0 : it->second});
  }
  const auto total = model.find("total");
  rows.push_back({"total", bill_total, total == model.end() ? 0.0 : total->second});
  return rows;
}

ModelDays read_model(const std::string& dir, const std::string& strategy) {
  const std::string file = (fs::path(dir) / "costs.csv").string();
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    throw InputError(dir, {{"", "expected a directory `scalesim run -o` wrote, found " +
                                    std::string(fs::exists(dir, error) ? "a file" : "nothing")}});
  }
  const std::string text = read_input_file(file, "costs file", kMaxTraceFileBytes);
  report::CsvReader reader(text, file);
  if (reader.comments().empty() || !reader.comments().front().starts_with("scalesim costs")) {
    throw InputError(file, {{"1", "expected \"# scalesim costs version 1\", found another file"}});
  }
  const char* const kColumns[] = {"strategy", "date", "hours", "service", "usd"};
  size_t at[5];
  for (int i = 0; i < 5; ++i) {
    const auto c = reader.column(kColumns[i]);
    if (!c) {
      throw InputError(file, {{std::to_string(reader.header_line()),
                               std::string("expected a column ") + kColumns[i] + ", found none"}});
    }
    at[i] = *c;
  }
  ModelDays model;
  std::set<std::string> strategies;
  report::CsvRow row;
  while (reader.next(row)) {
    strategies.insert(row.fields[at[0]]);
    if (!strategy.empty() && row.fields[at[0]] != strategy) continue;
    if (strategy.empty() && row.fields[at[0]] != *strategies.begin()) continue;
    const std::string& date = row.fields[at[1]];
    if (date.empty()) {
      throw InputError(file, {{std::to_string(row.line),
                               "expected a date, found none: the scenario's clock has no date; "
                               "give clock.start as a date-time such as "
                               "\"2026-11-16T00:00:00Z\""}});
    }
    if (model.dates.empty() || model.dates.back() != date) {
      model.dates.push_back(date);
      model.hours.push_back(report::csv_number(row, at[2], "hours", file));
      model.services.emplace_back();
    }
    model.services.back().emplace_back(row.fields[at[3]],
                                       report::csv_number(row, at[4], "usd", file));
  }
  std::string names;
  for (const std::string& s : strategies) names += (names.empty() ? "\"" : ", \"") + s + "\"";
  if (strategies.empty())
    throw InputError(file, {{"", "expected cost rows, found none: an unpriced run"}});
  if (strategy.empty() && strategies.size() > 1)
    throw InputError("scalesim", {{"", "--strategy: expected one of " + names + " (the run has " +
                                           std::to_string(strategies.size()) + ")"}});
  if (!strategy.empty() && !strategies.count(strategy))
    throw InputError("scalesim", {{"", "--strategy: expected one of " + names + ", found \"" +
                                           strategy + "\""}});
  return model;
}

// The clock's zone from timeseries.csv's second comment line, if there.
std::string zone_of(const std::string& dir) {
  const std::string file = (fs::path(dir) / "timeseries.csv").string();
  std::error_code error;
  if (!fs::is_regular_file(file, error)) return "";
  std::ifstream in(file);
  std::string line;
  for (int i = 0; i < 3 && std::getline(in, line); ++i) {
    constexpr std::string_view kPrefix = "# clock starts ";
    if (!line.starts_with(kPrefix)) continue;
    const std::string start =
        line.substr(kPrefix.size(), line.find_first_of("; ", kPrefix.size()) - kPrefix.size());
    if (start.size() > 6) return start.substr(start.size() - 6);
  }
  return "";
}

}  // namespace

void add_bill_command(CLI::App& cli, BillFlags& flags) {
  CLI::App* cmd = cli.add_subcommand(
      "bill",
      "Put a bill (a Cost Explorer export of cost by service and day, or a Cost and Usage "
      "Report) beside a run's costs.csv");
  cmd->add_option("export", flags.bill,
                  "Cost Explorer CSV, or a Cost and Usage Report (CSV, plain or gzip; see "
                  "docs/importing.md)")
      ->required();
  cmd->add_option("run", flags.run, "Directory `scalesim run -o` wrote")->required();
  cmd->add_option("--strategy", flags.strategy,
                  "The strategy to compare (required when the run has several)");
}

std::string render_bill_comparison(const BillExport& bill, const ModelDays& model,
                                   const std::string& heading) {
  std::set<std::string> run_services;
  for (const auto& day : model.services) {
    for (const auto& [service, usd] : day)
      if (service != "total") run_services.insert(service);
  }
  std::string out = heading;
  if (!model.zone.empty() && model.zone != "+00:00") {
    out += "The run's days are local days at " + model.zone +
           "; AWS's are UTC days, so each day's figures are shifted against the bill's.\n";
  }
  out += "USD; model - bill also as a share of the bill\n";
  std::vector<double> bill_sum(bill.services.size(), 0);
  double bill_total = 0;
  std::map<std::string, double> model_sum;
  std::vector<std::string> compared, bill_only, run_only;
  for (const BillDay& day : bill.days) {
    size_t i = 0;
    while (i < model.dates.size() && model.dates[i] != day.date) ++i;
    if (i == model.dates.size()) {
      bill_only.push_back(day.date);
      continue;
    }
    compared.push_back(day.date);
    std::map<std::string, double> model_day(model.services[i].begin(), model.services[i].end());
    std::string title = day.date;
    if (model.hours[i] < 24) title += " (the run covers " + fixed(model.hours[i], 2) + " h of it)";
    out += "\n" + rows_text(title, rows_of(bill, day.usd, day.total, model_day, run_services));
    for (size_t k = 0; k < bill.services.size(); ++k) bill_sum[k] += day.usd[k];
    bill_total += day.total;
    for (const auto& [service, usd] : model_day) model_sum[service] += usd;
  }
  for (const std::string& date : model.dates) {
    if (std::none_of(bill.days.begin(), bill.days.end(),
                     [&](const BillDay& d) { return d.date == date; }))
      run_only.push_back(date);
  }
  if (compared.empty()) {
    throw InputError(
        "scalesim bill",
        {{"", "expected days in both the bill (" + bill.days.front().date + " to " +
                  bill.days.back().date + ") and the run (" +
                  (model.dates.empty() ? "no days"
                                       : model.dates.front() + " to " + model.dates.back()) +
                  "), found none in both"}});
  }
  const std::vector<Row> sums = rows_of(bill, bill_sum, bill_total, model_sum, run_services);
  out += "\n" + rows_text(compared.size() == 1
                              ? std::string("The 1 day in both")
                              : "All " + std::to_string(compared.size()) + " days in both",
                          sums);
  std::string lacks;
  for (const Row& r : sums) {
    if (!r.model && r.bill && *r.bill != 0) {
      lacks += (lacks.empty() ? "" : ", ") + r.label.substr(0, r.label.find(" (")) + " " +
               fixed(*r.bill, 2) + " USD";
      if (bill_total != 0) lacks += " (" + fixed(100 * *r.bill / bill_total, 1) + "% of the bill)";
    }
  }
  out += "\nThe model lacks: " + (lacks.empty() ? std::string("nothing the bill lists") : lacks) +
         "\n";
  for (const BillMapping& m : bill_mappings()) {
    if (!m.caveat.empty() && run_services.count(std::string(m.service))) {
      for (const std::string& s : bill.services)
        if (map_bill_service(s) == &m)
          out += "Note: " + s + " on the bill also holds " + std::string(m.caveat) +
                 ", which the model leaves out.\n";
    }
  }
  auto list = [](const std::vector<std::string>& dates) {
    std::string text;
    for (const std::string& d : dates) text += (text.empty() ? "" : ", ") + d;
    return text;
  };
  if (!bill_only.empty()) out += "Bill days not in the run: " + list(bill_only) + "\n";
  if (!run_only.empty()) out += "Run days not in the bill: " + list(run_only) + "\n";
  return out;
}

int bill_command(const BillFlags& flags, std::ostream& out) {
  const BillExport bill = read_bill_export(flags.bill);
  ModelDays model = read_model(flags.run, flags.strategy);
  model.zone = zone_of(flags.run);
  const std::string heading =
      "Bill: " + flags.bill + " (" + std::to_string(bill.days.size()) +
      " days); model: " + flags.run + "/costs.csv" +
      (flags.strategy.empty() ? "" : ", strategy \"" + flags.strategy + "\"") + "\n";
  out << render_bill_comparison(bill, model, heading);
  return 0;
}

}  // namespace app
