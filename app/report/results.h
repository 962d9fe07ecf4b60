// What the HTML report reads from a results.json (docs/outputs.md), in plain
// structs: the scenario's description, every strategy's metrics and, for a
// sweep, its points, SLO, selection and Pareto fronts.
#ifndef SCALESIM_APP_REPORT_RESULTS_H_
#define SCALESIM_APP_REPORT_RESULTS_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace app::report {

struct Value {
  double mean = 0;
  std::optional<double> half_width;  // none with one replication
};

struct StrategyResults {
  std::string name;          // "ASG [target=40]" in a sweep
  std::string base;          // the strategy a sweep varied ("ASG"); else the name
  std::optional<int> point;  // the sweep point, when the sweep varies this strategy
  std::vector<std::pair<std::string, Value>> metrics;  // in file order

  const Value* metric(const std::string& metric_name) const;
};

struct SweepPoint {
  int index = 0;
  std::vector<std::pair<std::string, std::string>> values;  // parameter, value as text
  std::map<std::string, double> numbers;                    // the numeric values
};

struct Constraint {
  std::string metric;  // "latency.p99_ms"
  std::string op;      // "<", "<=", ">", ">="
  double threshold = 0;
};

// How one candidate of a selection fared. scalesim writes `entry`, the index of
// its strategies[] entry; without it (a hand-written file) the candidate is
// found by the selection's strategy and `point`.
struct PointVerdict {
  std::optional<int> entry;
  std::optional<int> point;  // none for a strategy the sweep does not vary
  std::string name;          // the entry's name, when given
  std::string status;        // "wins", "meets", "fails", ...
  std::string reason;
};

struct Selection {
  std::optional<std::string> strategy;  // none: the selection across all strategies
  std::optional<int> winner;            // the winning point
  std::optional<int> winner_entry;      // the winning strategies[] entry
  std::optional<double> confidence;
  std::string verdict;
  std::vector<PointVerdict> points;
};

struct ParetoFront {
  std::optional<std::string> strategy;  // none: across all strategies
  std::string objective;                // y
  std::string against;                  // x
  std::vector<std::optional<int>> points;
  std::vector<int> entries;  // strategies[] entries on the front, when given
};

struct Sweep {
  std::vector<std::string> parameters;
  std::vector<SweepPoint> points;
  std::string slo_text;
  std::string objective = "cost.per_month_usd";
  std::vector<Constraint> constraints;
  std::vector<Selection> selection;
  std::vector<ParetoFront> pareto;

  const SweepPoint* find_point(int index) const;
};

struct Results {
  std::string scenario_name;
  std::string scenario_file;
  std::string generator;
  double seed = 0;
  int replications = 0;
  double horizon_s = 0;
  double warmup_s = 0;
  double interval_s = 0;
  std::string clock_start;
  std::string pricing;  // "us-east-1 prices of 2026-11-01, no free tier"; empty when unpriced
  double confidence = 0.95;
  std::vector<StrategyResults> strategies;
  std::optional<Sweep> sweep;
};

// Reads results.json text. Throws InputError naming `file` and the JSON pointer
// of each problem when it is not valid JSON or not scalesim's results format
// (version 1). Fields it does not use are ignored, so newer files still read.
Results read_results(const std::string& text, const std::string& file);

}  // namespace app::report

#endif  // SCALESIM_APP_REPORT_RESULTS_H_
