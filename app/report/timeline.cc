#include "app/report/timeline.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "app/report/csv.h"
#include "app/scenario/input_error.h"

namespace app::report {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Event marks per kind across the width of a chart: a few per pixel column.
constexpr size_t kEventBins = 600;

// What one chart shows of timeseries.csv: its columns and their names in the legend.
struct ChartSpec {
  const char* title;
  const char* unit;
  std::vector<std::pair<std::string, std::string>> columns;  // column, series name
  const char* empty_note;
  bool drop_zero = false;  // leave out series that are zero throughout
};

std::vector<ChartSpec> chart_specs(const std::vector<std::string>& causes) {
  ChartSpec errors{"Errors by cause", "requests per interval", {}, "no request failed", true};
  for (const std::string& cause : causes) errors.columns.emplace_back(cause, cause);
  return {
      {"Arrivals", "requests per interval", {{"arrivals", "arrivals"}}, "no arrivals"},
      {"Capacity",
       "time-weighted mean",
       {{"instances", "instances (alive, billed)"},
        {"instances_running", "instances in service"},
        {"instances_desired", "desired"},
        {"environments", "Lambda environments"},
        {"concurrency", "busy environments"},
        {"provisioned_configured", "provisioned concurrency"}},
       "no capacity column"},
      {"Latency of successful requests",
       "ms",
       {{"latency_p50_ms", "p50"}, {"latency_p99_ms", "p99"}},
       "no request succeeded"},
      errors,
      {"Spend", "USD per interval", {{"spend_usd", "spend"}}, "nothing billed"},
  };
}

// One strategy's rows, summed per interval over replications.
struct Accumulated {
  std::string strategy;
  std::map<double, size_t> interval;  // interval start -> row
  std::vector<double> starts;
  std::vector<std::vector<double>> sums;  // [column][row]
  std::vector<std::vector<int>> counts;   // values that were not empty
};

void check_version(const CsvReader& csv, const std::string& expected) {
  const auto& comments = csv.comments();
  if (comments.empty() || comments[0].rfind(expected, 0) != 0 ||
      (comments[0].size() > expected.size() && comments[0][expected.size()] != ';')) {
    throw InputError(csv.file(), {{"1", "expected the line \"# " + expected + "\" first"}});
  }
}

size_t required_column(const CsvReader& csv, const std::string& name) {
  if (auto i = csv.column(name)) return *i;
  throw InputError(csv.file(), {{std::to_string(csv.header_line()),
                                 "expected a column \"" + name + "\" in the header"}});
}

// "2026-11-17T16:00:00+09:00" -> "11-17 16:00"; "mon 16:00" stays.
std::string short_time(const std::string& local_time) {
  if (local_time.size() >= 19 && local_time[10] == 'T') {
    std::string text = local_time.substr(5, 5) + " " + local_time.substr(11, 5);
    if (local_time.substr(17, 2) != "00") text += local_time.substr(16, 3);
    return text;
  }
  return local_time;
}

// Tick spacing: the first "round" step that is a multiple of the interval and
// gives at most eight ticks.
double tick_step(double horizon_s, double interval_s) {
  static const double kSteps[] = {60,    300,   600,   900,    1800,   3600,    7200,   10800,
                                  21600, 43200, 86400, 172800, 604800, 1209600, 2592000};
  for (double step : kSteps) {
    if (horizon_s / step <= 8 && (interval_s <= 0 || std::fmod(step, interval_s) == 0)) return step;
  }
  const double unit = interval_s > 0 ? interval_s : 1;
  return unit * std::ceil(horizon_s / 8 / unit);
}

int event_kind(const std::string& what) {
  static const std::map<std::string, int> kKinds = {{"launch", 0},        {"scale_out", 0},
                                                    {"create", 0},        {"created", 0},
                                                    {"in_service", 0},    {"scale_in", 1},
                                                    {"terminate", 1},     {"ended", 1},
                                                    {"delete", 1},        {"terminated_by_hand", 1},
                                                    {"throttled", 3},     {"gave_up", 3},
                                                    {"zombie", 3},        {"alert", 3},
                                                    {"launch_failed", 3}, {"limits_refused", 3},
                                                    {"log_truncated", 3}};
  const auto it = kKinds.find(what);
  return it == kKinds.end() ? 2 : it->second;
}

std::vector<Accumulated> accumulate(CsvReader& csv, const std::vector<std::string>& columns,
                                    double step, std::map<double, std::string>& tick_labels) {
  const std::string& file = csv.file();
  const size_t strategy_col = required_column(csv, "strategy");
  const size_t start_col = required_column(csv, "interval_start_s");
  const std::optional<size_t> time_col = csv.column("local_time");
  std::vector<std::optional<size_t>> index;
  for (const std::string& c : columns) index.push_back(csv.column(c));
  std::vector<Accumulated> out;
  std::map<std::string, size_t> by_name;
  for (CsvRow row; csv.next(row);) {
    const std::string& name = row.fields[strategy_col];
    auto [found, added_strategy] = by_name.emplace(name, out.size());
    if (added_strategy) {
      out.push_back({name,
                     {},
                     {},
                     std::vector<std::vector<double>>(columns.size()),
                     std::vector<std::vector<int>>(columns.size())});
    }
    Accumulated& a = out[found->second];
    const double start = csv_number(row, start_col, "interval_start_s", file);
    if (std::isnan(start)) {
      throw InputError(file, {{std::to_string(row.line),
                               "column interval_start_s: expected a number, found nothing"}});
    }
    auto [at, added] = a.interval.emplace(start, a.starts.size());
    if (added) {
      a.starts.push_back(start);
      for (size_t c = 0; c < columns.size(); ++c) {
        a.sums[c].push_back(0);
        a.counts[c].push_back(0);
      }
    }
    if (time_col && std::fmod(start, step) == 0 && !tick_labels.count(start))
      tick_labels[start] = short_time(row.fields[*time_col]);
    for (size_t c = 0; c < columns.size(); ++c) {
      if (!index[c]) continue;
      const double v = csv_number(row, *index[c], columns[c], file);
      if (std::isnan(v)) continue;
      a.sums[c][at->second] += v;
      a.counts[c][at->second] += 1;
    }
  }
  return out;
}

std::vector<TimeChart> build_charts(const Accumulated& a, const std::vector<ChartSpec>& specs,
                                    const std::vector<std::string>& columns,
                                    size_t points_per_chart) {
  // Rows were appended in file order; sort them by interval start.
  std::vector<size_t> order(a.starts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t l, size_t r) { return a.starts[l] < a.starts[r]; });
  std::vector<TimeChart> charts;
  for (const ChartSpec& spec : specs) {
    TimeChart chart{spec.title, spec.unit, {}, spec.empty_note};
    for (const auto& [column, name] : spec.columns) {
      const size_t c = std::find(columns.begin(), columns.end(), column) - columns.begin();
      Series s{name, {}, {}};
      bool any = false;
      for (size_t i : order) {
        const int n = a.counts[c][i];
        const double v = n > 0 ? a.sums[c][i] / n : kNaN;
        any = any || (!std::isnan(v) && (!spec.drop_zero || v != 0));
        s.x.push_back(a.starts[i]);
        s.y.push_back(v);
      }
      if (any) chart.series.push_back(std::move(s));
    }
    const size_t per_series =
        std::max<size_t>(100, points_per_chart / std::max<size_t>(1, chart.series.size()));
    for (Series& s : chart.series) s = decimate(s, per_series);
    charts.push_back(std::move(chart));
  }
  return charts;
}

void add_marks(std::string_view events, const std::string& file, double horizon_s,
               std::vector<StrategyTimeline>& strategies) {
  CsvReader csv(events, file);
  check_version(csv, "scalesim events version 1");
  const size_t strategy_col = required_column(csv, "strategy");
  const size_t replication_col = required_column(csv, "replication");
  const size_t time_col = required_column(csv, "time_s");
  const size_t what_col = required_column(csv, "what");
  const double bin_width = std::max(horizon_s, 1.0) / kEventBins;
  // Per strategy: (bin, kind) -> word -> count, in bin order.
  std::map<std::string, std::map<std::pair<long, int>, std::map<std::string, int>>> bins;
  for (CsvRow row; csv.next(row);) {
    const std::string& name = row.fields[strategy_col];
    auto it = std::find_if(strategies.begin(), strategies.end(),
                           [&](const StrategyTimeline& s) { return s.strategy == name; });
    const double replication = csv_number(row, replication_col, "replication", file);
    const double t = csv_number(row, time_col, "time_s", file);
    if (it == strategies.end() || std::isnan(t) || std::isnan(replication)) continue;
    if (it->marks_replication < 0) it->marks_replication = static_cast<int>(replication);
    if (replication != it->marks_replication) continue;
    ++it->events;
    const auto bin = static_cast<long>(std::floor(t / bin_width));
    bins[name][{bin, event_kind(row.fields[what_col])}][row.fields[what_col]] += 1;
  }
  for (StrategyTimeline& s : strategies) {
    for (const auto& [key, words] : bins[s.strategy]) {
      EventMark mark{static_cast<double>(key.first) * bin_width, key.second, 0, ""};
      for (const auto& [word, count] : words) {
        mark.count += count;
        if (!mark.label.empty()) mark.label += ", ";
        mark.label += word;
        mark.label += ' ';
        mark.label += std::to_string(count);
      }
      s.marks.push_back(std::move(mark));
    }
  }
}

}  // namespace

Series decimate(const Series& s, size_t max_points) {
  const size_t n = s.x.size();
  if (n <= max_points || max_points < 2) return s;
  const size_t buckets = max_points / 2;
  const size_t width = (n + buckets - 1) / buckets;
  Series out{s.name, {}, {}};
  for (size_t begin = 0; begin < n; begin += width) {
    const size_t end = std::min(n, begin + width);
    std::optional<size_t> lo, hi;
    for (size_t i = begin; i < end; ++i) {
      if (std::isnan(s.y[i])) continue;
      if (!lo || s.y[i] < s.y[*lo]) lo = i;
      if (!hi || s.y[i] > s.y[*hi]) hi = i;
    }
    if (!lo) {  // a gap stays a gap
      out.x.push_back(s.x[begin]);
      out.y.push_back(kNaN);
      continue;
    }
    for (size_t i : {std::min(*lo, *hi), std::max(*lo, *hi)}) {
      if (!out.x.empty() && out.x.back() == s.x[i]) continue;  // lo == hi
      out.x.push_back(s.x[i]);
      out.y.push_back(s.y[i]);
    }
  }
  return out;
}

Timeline read_timeline(std::string_view timeseries, const std::string& timeseries_file,
                       std::string_view events, const std::string& events_file,
                       const std::vector<std::string>& causes, double horizon_s, double interval_s,
                       size_t points_per_chart) {
  CsvReader csv(timeseries, timeseries_file);
  check_version(csv, "scalesim timeseries version 2");
  const std::vector<ChartSpec> specs = chart_specs(causes);
  std::vector<std::string> columns;
  for (const ChartSpec& spec : specs) {
    for (const auto& [column, name] : spec.columns) columns.push_back(column);
  }
  const double step = tick_step(horizon_s, interval_s);
  std::map<double, std::string> tick_labels;
  const std::vector<Accumulated> rows = accumulate(csv, columns, step, tick_labels);

  Timeline timeline;
  timeline.per_replication = csv.column("replication").has_value();
  for (const auto& [t, label] : tick_labels) timeline.ticks.push_back({t, label});
  for (const Accumulated& a : rows) {
    timeline.strategies.push_back({a.strategy, build_charts(a, specs, columns, points_per_chart)});
  }
  add_marks(events, events_file, horizon_s, timeline.strategies);
  return timeline;
}

}  // namespace app::report
