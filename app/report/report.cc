#include "app/report/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/report/assets.h"
#include "app/report/page.h"
#include "app/report/results.h"
#include "app/report/timeline.h"

namespace app::report {

namespace {

using Json = nlohmann::json;

// Charts over time per strategy (timeline.cc's chart_specs).
constexpr size_t kTimeChartsPerStrategy = 5;
// Strategies whose charts over time are shown unfolded; a sweep's many more are folded.
constexpr size_t kUnfolded = 6;

// Four significant digits are plenty for a chart and keep the page small. NaN
// stays NaN, which the JSON writer turns into null: a gap in the line.
double rounded(double v) {
  if (!std::isfinite(v)) return std::numeric_limits<double>::quiet_NaN();
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", v);
  return std::strtod(text, nullptr);
}

Json rounded_array(const std::vector<double>& values) {
  Json out = Json::array();
  for (double v : values) out.push_back(rounded(v));
  return out;
}

// The chart specs for report.js, and the figures that show them.
class Charts {
 public:
  std::string figure(Json spec, const std::string& classes = "chart") {
    specs_.push_back(std::move(spec));
    return "<figure class=\"" + classes + "\" data-chart=\"" + std::to_string(specs_.size() - 1) +
           "\"></figure>\n";
  }
  const Json& specs() const { return specs_; }

 private:
  Json specs_ = Json::array();
};

std::string cost_section(const Results& results, Charts& charts) {
  Json rows = Json::array();
  bool any = false;
  for (const StrategyResults& s : results.strategies) {
    Json parts = Json::array();
    for (const auto& [name, value] : s.metrics) {
      constexpr std::string_view kPrefix = "cost.service.", kSuffix = "_usd";
      if (name.rfind(kPrefix, 0) != 0 || name.size() <= kPrefix.size() + kSuffix.size()) continue;
      const std::string service =
          name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
      parts.push_back({{"name", service}, {"value", rounded(value.mean)}});
      any = true;
    }
    rows.push_back({{"label", s.name}, {"parts", parts}});
  }
  if (!any) return "";
  return "<h2>Cost by service</h2>\n<p class=\"meta\">Over the measured window (after warm-up), "
         "means over replications.</p>\n" +
         charts.figure({{"type", "bars"},
                        {"title", "Cost by service"},
                        {"unit", "USD, measured window"},
                        {"rows", rows}},
                       "chart wide");
}

// The strategies[] entry of a candidate: as scalesim names it, or found by the
// strategy and point (a hand-written file).
std::optional<size_t> entry_of(const Results& results, const std::optional<std::string>& strategy,
                               std::optional<int> entry, std::optional<int> point) {
  if (entry && static_cast<size_t>(*entry) < results.strategies.size())
    return static_cast<size_t>(*entry);
  for (size_t i = 0; i < results.strategies.size(); ++i) {
    const StrategyResults& s = results.strategies[i];
    if (strategy && s.base == *strategy && s.point == point) return i;
  }
  return std::nullopt;
}

// Every entry of `strategy`, or of all strategies.
std::vector<size_t> entries_of(const Results& results, const std::optional<std::string>& strategy) {
  std::vector<size_t> entries;
  for (size_t i = 0; i < results.strategies.size(); ++i) {
    if (!strategy || results.strategies[i].base == *strategy) entries.push_back(i);
  }
  return entries;
}

std::string title_of(const std::optional<std::string>& strategy) {
  return strategy ? *strategy : "Across strategies";
}

// A point in a chart of `strategy`'s points: its parameter values, else its name.
std::string label_of(const Results& results, size_t entry) {
  const StrategyResults& s = results.strategies[entry];
  return s.point ? s.base + " [" + point_label(*results.sweep, *s.point) + "]" : s.name;
}

Json scatter(const std::string& title, const std::string& x_label, const std::string& y_label,
             const std::string& join) {
  return {{"type", "scatter"},      {"title", title},          {"x_label", x_label},
          {"y_label", y_label},     {"points", Json::array()}, {"join", join},
          {"front", Json::array()}, {"vlines", Json::array()}};
}

// Adds the entry at (x, y) when it has both; returns whether it did.
bool add_point(const Results& results, size_t entry, std::optional<double> x,
               const std::string& y_metric, const std::string& status, Json& spec) {
  const Value* y = results.strategies[entry].metric(y_metric);
  if (!x || !y) return false;
  spec["points"].push_back({{"x", rounded(*x)},
                            {"y", rounded(y->mean)},
                            {"label", label_of(results, entry)},
                            {"status", status}});
  return true;
}

std::optional<double> metric_of(const Results& results, size_t entry, const std::string& metric) {
  const Value* v = results.strategies[entry].metric(metric);
  return v ? std::optional<double>(v->mean) : std::nullopt;
}

std::optional<double> parameter_of(const Results& results, size_t entry,
                                   const std::string& parameter) {
  const std::optional<int> point = results.strategies[entry].point;
  const SweepPoint* p = point ? results.sweep->find_point(*point) : nullptr;
  if (!p || !p->numbers.count(parameter)) return std::nullopt;
  return p->numbers.at(parameter);
}

// The SLO's thresholds on `metric`, as vertical lines of a scatter chart.
void add_thresholds(const Sweep& sweep, const std::string& metric, Json& spec) {
  for (const Constraint& c : sweep.constraints) {
    if (c.metric != metric) continue;
    char threshold[32];
    std::snprintf(threshold, sizeof threshold, "%g", c.threshold);
    spec["vlines"].push_back(
        {{"x", c.threshold}, {"label", "SLO " + metric + " " + c.op + " " + threshold}});
  }
}

// A figure for a chart with two points or more; nothing otherwise.
std::string figure_of(Json spec, Charts& charts) {
  return spec["points"].size() < 2 ? "" : charts.figure(std::move(spec));
}

// The objective (cost) of each candidate, coloured by status: against the swept
// parameter when there is one numeric parameter, and against the first
// constrained metric with the SLO's threshold as a line.
std::string slo_charts(const Results& results, const std::vector<size_t>& entries,
                       const std::vector<std::string>& statuses,
                       const std::optional<std::string>& strategy, Charts& charts) {
  const Sweep& sweep = *results.sweep;
  const std::string prefix = title_of(strategy) + ": " + sweep.objective;
  std::string html;
  if (sweep.parameters.size() == 1 && strategy) {
    const std::string& parameter = sweep.parameters[0];
    Json spec = scatter(prefix + " by " + parameter, parameter, sweep.objective, "all");
    for (size_t i = 0; i < entries.size(); ++i) {
      add_point(results, entries[i], parameter_of(results, entries[i], parameter), sweep.objective,
                statuses[i], spec);
    }
    html += figure_of(std::move(spec), charts);
  }
  if (!sweep.constraints.empty()) {
    const std::string& metric = sweep.constraints[0].metric;
    Json spec = scatter(prefix + " against " + metric, metric, sweep.objective, "none");
    for (size_t i = 0; i < entries.size(); ++i) {
      add_point(results, entries[i], metric_of(results, entries[i], metric), sweep.objective,
                statuses[i], spec);
    }
    add_thresholds(sweep, metric, spec);
    html += figure_of(std::move(spec), charts);
  }
  return html;
}

// A front's points among all entries of its strategy (or all strategies), joined.
std::string pareto_chart(const Results& results, const ParetoFront& front, Charts& charts) {
  std::vector<size_t> on_front;
  for (int e : front.entries) {
    if (static_cast<size_t>(e) < results.strategies.size()) on_front.push_back(e);
  }
  if (front.entries.empty()) {
    for (const std::optional<int>& point : front.points) {
      if (auto e = entry_of(results, front.strategy, std::nullopt, point)) on_front.push_back(*e);
    }
  }
  Json spec = scatter(title_of(front.strategy) + ": Pareto front of " + front.objective +
                          " against " + front.against,
                      front.against, front.objective, "front");
  for (size_t e : entries_of(results, front.strategy)) {
    const size_t index = spec["points"].size();
    if (!add_point(results, e, metric_of(results, e, front.against), front.objective, "", spec))
      continue;
    if (std::find(on_front.begin(), on_front.end(), e) != on_front.end())
      spec["front"].push_back(index);
  }
  add_thresholds(*results.sweep, front.against, spec);
  return figure_of(std::move(spec), charts);
}

std::string sweep_section(const Results& results, Charts& charts) {
  if (!results.sweep) return "";
  const Sweep& sweep = *results.sweep;
  std::string html = "<h2>Sweep</h2>\n<p class=\"meta\">" + std::to_string(sweep.points.size()) +
                     (sweep.points.size() == 1 ? " point" : " points");
  if (!sweep.slo_text.empty()) html += "; SLO <code>" + html_escape(sweep.slo_text) + "</code>";
  html += "; objective <code>" + html_escape(sweep.objective) + "</code>.</p>\n" +
          selection_table(results);
  std::string figures;
  std::vector<std::string> charted;  // strategies with a selection
  for (const Selection& s : sweep.selection) {
    std::vector<size_t> entries;
    std::vector<std::string> statuses;
    for (const PointVerdict& v : s.points) {
      if (auto e = entry_of(results, s.strategy, v.entry, v.point)) {
        entries.push_back(*e);
        statuses.push_back(v.status);
      }
    }
    figures += slo_charts(results, entries, statuses, s.strategy, charts);
    if (s.strategy) charted.push_back(*s.strategy);
  }
  // A sweep without an SLO: each varied strategy's cost by the parameter.
  for (const StrategyResults& s : results.strategies) {
    if (!s.point || std::find(charted.begin(), charted.end(), s.base) != charted.end()) continue;
    charted.push_back(s.base);
    const std::vector<size_t> entries = entries_of(results, s.base);
    figures +=
        slo_charts(results, entries, std::vector<std::string>(entries.size()), s.base, charts);
  }
  for (const ParetoFront& front : sweep.pareto) figures += pareto_chart(results, front, charts);
  if (!figures.empty()) html += "<div class=\"charts\">\n" + figures + "</div>\n";
  return html;
}

Json time_chart(const TimeChart& chart, int marks) {
  Json series = Json::array();
  for (const Series& s : chart.series) {
    series.push_back({{"name", s.name}, {"x", rounded_array(s.x)}, {"y", rounded_array(s.y)}});
  }
  return {{"type", "time"},   {"title", chart.title},      {"unit", chart.unit},
          {"series", series}, {"empty", chart.empty_note}, {"marks", marks}};
}

std::string timeline_section(const Timeline& timeline, Charts& charts, Json& marks) {
  std::string html =
      "<h2>Over time</h2>\n<p class=\"meta\">Per interval, " +
      std::string(timeline.per_replication ? "the mean of the replications' rows"
                                           : "means over replications") +
      "; the warm-up is shaded. Long series keep each stretch's lowest and highest values. "
      "The capacity chart marks the scaling events of one replication (events.csv): capacity "
      "added, removed, other changes, and problems such as throttled calls.</p>\n";
  const bool fold = timeline.strategies.size() > kUnfolded;
  for (const StrategyTimeline& s : timeline.strategies) {
    int mark_index = -1;
    if (!s.marks.empty()) {
      Json list = Json::array();
      for (const EventMark& m : s.marks) list.push_back({rounded(m.t), m.kind, m.count, m.label});
      mark_index = static_cast<int>(marks.size());
      marks.push_back(std::move(list));
    }
    html += std::string("<details") + (fold ? "" : " open") + "><summary>" +
            html_escape(s.strategy) + "</summary>\n";
    if (s.marks_replication >= 0) {
      html += "<p class=\"meta\">" + std::to_string(s.events) + " events in replication " +
              std::to_string(s.marks_replication) + ".</p>\n";
    }
    html += "<div class=\"charts\">\n";
    for (const TimeChart& chart : s.charts)
      html += charts.figure(time_chart(chart, chart.title == "Capacity" ? mark_index : -1));
    html += "</div>\n</details>\n";
  }
  return html;
}

// JSON inside a <script> element must not contain "</": "<\/" means the same.
std::string script_safe(std::string json) {
  for (size_t at = json.find("</"); at != std::string::npos; at = json.find("</", at + 3))
    json.replace(at, 2, "<\\/");
  return json;
}

// The first script of the page: every error from here on, thrown or logged,
// shows in the page's error box and is counted on <html data-errors>, where a
// headless browser reads it.
constexpr const char* kErrorCatcher = R"(<script>
window.scalesimReportError = function (message) {
  const box = document.getElementById('report-errors');
  box.hidden = false;
  box.textContent += message + '\n';
  const root = document.documentElement;
  root.dataset.errors = String(Number(root.dataset.errors || 0) + 1);
};
window.addEventListener('error', function (e) {
  window.scalesimReportError('error: ' + e.message + ' (line ' + e.lineno + ')');
});
window.addEventListener('unhandledrejection', function (e) {
  window.scalesimReportError('unhandled rejection: ' + e.reason);
});
const scalesimConsoleError = console.error;
console.error = function () {
  window.scalesimReportError('console.error: ' + Array.from(arguments).join(' '));
  scalesimConsoleError.apply(console, arguments);
};
</script>
)";

}  // namespace

std::string render_report(const ReportSources& sources) {
  const Results results = read_results(sources.results_json, sources.results_file);
  const size_t time_charts =
      std::max<size_t>(1, results.strategies.size()) * kTimeChartsPerStrategy;
  const size_t per_chart =
      std::clamp(kPagePointBudget / time_charts, kMinPointsPerChart, kMaxPointsPerChart);
  const Timeline timeline = read_timeline(
      sources.timeseries_csv, sources.timeseries_file, sources.events_csv, sources.events_file,
      outcome_causes(results), results.horizon_s, results.interval_s, per_chart);

  Charts charts;
  Json marks = Json::array();
  // One statement each: the charts are numbered in the order of the page.
  std::string body = page_heading(results) + "<h2>Comparison</h2>\n" + comparison_table(results);
  body += cost_section(results, charts);
  body += sweep_section(results, charts);
  body += timeline_section(timeline, charts, marks);
  Json ticks = Json::array();
  for (const Tick& t : timeline.ticks) ticks.push_back({{"at", t.t}, {"label", t.label}});
  Json kinds = Json::array();
  for (const char* kind : kEventKinds) kinds.push_back(kind);
  const Json data = {{"horizon", results.horizon_s},
                     {"warmup", results.warmup_s},
                     {"ticks", ticks},
                     {"event_kinds", kinds},
                     {"marks", marks},
                     {"charts", charts.specs()}};

  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         // Nothing may come from elsewhere: the report must open offline, and a
         // request to the network is refused (and logged as an error).
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>scalesim report: " +
         html_escape(results.scenario_name) + "</title>\n<style>\n" + kReportStyle +
         "</style>\n</head>\n<body>\n<pre id=\"report-errors\" hidden></pre>\n" + kErrorCatcher +
         body + "<script type=\"application/json\" id=\"report-data\">\n" +
         script_safe(data.dump(-1, ' ', false, Json::error_handler_t::replace)) +
         "\n</script>\n<script>\n" + kReportScript + "</script>\n</body>\n</html>\n";
}

}  // namespace app::report
