#include "app/dryrun/metric_history.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include "app/scenario/input_error.h"
#include "app/scenario/input_file.h"
#include "app/scenario/json_reader.h"
#include "app/trace/timestamp.h"
#include "app/trace/trace_file.h"

namespace app {

namespace {

// One datapoint as read, with where it was: a JSON pointer or a line number.
struct Point {
  Timestamp time;
  std::optional<double> value;
  std::string pointer;  // JSON
  int line = 0;         // CSV
};

class ProblemList {
 public:
  explicit ProblemList(std::string path) : path_(std::move(path)) {}
  void at_pointer(std::string pointer, std::string message) {
    add({std::move(pointer), std::move(message), ""});
  }
  void at_line(int line, std::string message) {
    add({"", std::move(message), line > 0 ? path_ + ":" + std::to_string(line) : path_});
  }
  void at(const Point& point, std::string message) {
    if (point.line > 0) return at_line(point.line, std::move(message));
    at_pointer(point.pointer, std::move(message));
  }
  void throw_if_any() const {
    if (list_.empty()) return;
    std::vector<Problem> shown = list_;
    if (not_shown_ > 0)
      shown.push_back({"", std::to_string(not_shown_) + " more problems not shown", path_});
    throw InputError(path_, shown);
  }

 private:
  // A wrong file can have millions of bad lines: keep the first.
  void add(Problem problem) {
    if (list_.size() + 1 >= kMaxProblemsShown) {
      ++not_shown_;
      return;
    }
    list_.push_back(std::move(problem));
  }
  std::string path_;
  std::vector<Problem> list_;
  size_t not_shown_ = 0;
};

std::string seconds_text(int64_t us) {
  const double s = static_cast<double>(us) / 1e6;
  char text[32];
  std::snprintf(text, sizeof text, "%gs", s);
  return text;
}

// Sorts the points, infers the period, lays them on its grid and finds the gaps.
MetricSeries make_series(std::vector<Point> points, std::string name, ProblemList& problems) {
  // Periods without data before the first datapoint or after the last are no
  // part of the history.
  std::stable_sort(points.begin(), points.end(),
                   [](const Point& a, const Point& b) { return a.time.us < b.time.us; });
  while (!points.empty() && !points.back().value) points.pop_back();
  while (!points.empty() && !points.front().value) points.erase(points.begin());
  if (points.empty()) {
    problems.at_line(0, "expected at least one datapoint, found none");
    problems.throw_if_any();
  }
  MetricSeries series;
  series.name = std::move(name);
  series.start_us = points.front().time.us;
  series.date_times = points.front().time.date_time;
  series.utc_offset_minutes = points.front().time.utc_offset_minutes;
  int64_t period = 0;
  for (size_t i = 1; i < points.size(); ++i) {
    const int64_t step = points[i].time.us - points[i - 1].time.us;
    if (step == 0) {
      problems.at(points[i], "expected one datapoint per timestamp, found a second at " +
                                 format_timestamp(points[i].time));
    } else if (period == 0 || step < period) {
      period = step;
    }
    if (points[i].time.date_time != series.date_times)
      problems.at(points[i], "expected every timestamp in the same form (date-times or seconds)");
  }
  problems.throw_if_any();
  if (period == 0) period = 60'000'000;  // one datapoint: CloudWatch's detailed period
  series.period_us = period;
  for (const Point& point : points) {
    const int64_t since = point.time.us - series.start_us;
    if (since % period != 0) {
      problems.at(point, "expected timestamps on one grid of " + seconds_text(period) +
                             " steps from " + format_timestamp(points.front().time) + ", found " +
                             format_timestamp(point.time));
      continue;
    }
    if (since / period >= kMaxHistoryPeriods) {
      problems.at(point, "expected a history of at most " + std::to_string(kMaxHistoryPeriods) +
                             " periods of " + seconds_text(period) + ", found one reaching " +
                             format_timestamp(point.time));
      break;
    }
  }
  problems.throw_if_any();
  series.values.assign(static_cast<size_t>((points.back().time.us - series.start_us) / period + 1),
                       std::nullopt);
  for (const Point& point : points)
    series.values[static_cast<size_t>((point.time.us - series.start_us) / period)] = point.value;
  for (size_t i = 0; i < series.values.size(); ++i) {
    if (series.values[i]) continue;
    if (!series.gaps.empty() && series.gaps.back().from_us + series.gaps.back().periods * period ==
                                    series.start_us + static_cast<int64_t>(i) * period) {
      ++series.gaps.back().periods;
    } else {
      series.gaps.push_back({series.start_us + static_cast<int64_t>(i) * period, 1});
    }
  }
  return series;
}

std::string choices_text(const std::vector<std::string>& names) {
  std::vector<std::string> quoted_names;
  for (const std::string& n : names) quoted_names.push_back(quoted_excerpt(n));
  return join_choices(quoted_names);
}

// --- GetMetricData JSON -------------------------------------------------------

MetricSeries parse_json(const std::string& text, const std::string& path,
                        const std::optional<std::string>& name) {
  const Json root = parse_json_document(text, path);
  ProblemList problems(path);
  const Json* results = root.is_object() && root.contains("MetricDataResults")
                            ? &root.at("MetricDataResults")
                            : nullptr;
  if (!results || !results->is_array()) {
    problems.at_pointer(results ? "/MetricDataResults" : "",
                        "expected GetMetricData output, an object with a MetricDataResults "
                        "array, found " +
                            describe(results ? results : &root));
    problems.throw_if_any();
  }
  std::vector<std::string> ids;
  std::optional<size_t> chosen;
  for (size_t i = 0; i < results->size(); ++i) {
    const Json& result = (*results)[i];
    const std::string pointer = child_pointer("/MetricDataResults", i);
    if (!result.is_object() || !result.contains("Id") || !result["Id"].is_string()) {
      problems.at_pointer(pointer,
                          "expected a result with a string Id, found " + describe(&result));
      continue;
    }
    const std::string id = result["Id"].get<std::string>();
    const std::string label = result.contains("Label") && result["Label"].is_string()
                                  ? result["Label"].get<std::string>()
                                  : "";
    ids.push_back(id);
    if (name && !chosen && (*name == id || *name == label)) chosen = i;
  }
  problems.throw_if_any();
  if (!chosen && !name && results->size() == 1) chosen = 0;
  if (!chosen) {
    problems.at_pointer("/MetricDataResults",
                        name ? "expected a result whose Id or Label is " + quoted_excerpt(*name) +
                                   ", found Ids " + choices_text(ids)
                             : "expected one result, or --metric naming one of the Ids " +
                                   choices_text(ids) + ", found " +
                                   std::to_string(results->size()) + " results");
    problems.throw_if_any();
  }
  const Json& result = (*results)[*chosen];
  const std::string base = child_pointer("/MetricDataResults", *chosen);
  const Json* status = result.contains("StatusCode") ? &result["StatusCode"] : nullptr;
  if (status && !(status->is_string() && status->get<std::string>() == "Complete")) {
    problems.at_pointer(base + "/StatusCode",
                        "expected \"Complete\", found " + describe(status) +
                            " (fetch every page, following NextToken, and merge them)");
  }
  const Json* times = result.contains("Timestamps") ? &result["Timestamps"] : nullptr;
  const Json* values = result.contains("Values") ? &result["Values"] : nullptr;
  if (!times || !times->is_array())
    problems.at_pointer(base + "/Timestamps",
                        "expected an array of timestamps, found " + describe(times));
  if (!values || !values->is_array())
    problems.at_pointer(base + "/Values",
                        "expected an array of numbers, found " + describe(values));
  problems.throw_if_any();
  if (times->size() != values->size()) {
    problems.at_pointer(base + "/Values", "expected as many values as Timestamps (" +
                                              std::to_string(times->size()) + "), found " +
                                              std::to_string(values->size()));
    problems.throw_if_any();
  }
  std::vector<Point> points;
  for (size_t j = 0; j < times->size(); ++j) {
    const Json& t = (*times)[j];
    const Json& v = (*values)[j];
    const std::optional<Timestamp> stamp =
        t.is_string() ? parse_timestamp(t.get<std::string>()) : std::nullopt;
    if (!stamp || !stamp->date_time) {
      problems.at_pointer(child_pointer(base + "/Timestamps", j),
                          "expected an ISO 8601 date-time such as \"2026-11-17T09:00:00Z\", "
                          "found " +
                              describe(&t));
      continue;
    }
    if (!v.is_number() || !std::isfinite(v.get<double>())) {
      problems.at_pointer(child_pointer(base + "/Values", j),
                          "expected a number, found " + describe(&v));
      continue;
    }
    points.push_back({*stamp, v.get<double>(), child_pointer(base + "/Timestamps", j), 0});
  }
  problems.throw_if_any();
  const std::string label =
      result.contains("Label") && result["Label"].is_string() && !result["Label"].empty()
          ? result["Label"].get<std::string>()
          : result["Id"].get<std::string>();
  return make_series(std::move(points), label, problems);
}

// --- CSV ----------------------------------------------------------------------

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

MetricSeries parse_csv(const std::string& text, const std::string& path,
                       const std::optional<std::string>& name) {
  ProblemList problems(path);
  std::vector<std::string> columns;  // value columns' names
  bool header = false;
  std::optional<size_t> column;  // the chosen one, once known
  std::vector<Point> points;
  int number = 0;
  size_t begin = 0;
  while (begin < text.size()) {
    const size_t newline = text.find('\n', begin);
    std::string_view line(text.data() + begin,
                          (newline == std::string::npos ? text.size() : newline) - begin);
    begin = newline == std::string::npos ? text.size() : newline + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') continue;
    const std::vector<std::string_view> fields = split_csv_fields(line);
    const std::optional<Timestamp> stamp = parse_timestamp(fields[0]);
    if (!stamp && !header && points.empty() && !column) {
      header = true;
      for (size_t f = 1; f < fields.size(); ++f) columns.emplace_back(fields[f]);
      continue;
    }
    if (!column) {
      if (!header) {
        for (size_t f = 1; f < fields.size(); ++f)
          columns.push_back(fields.size() == 2 ? "value" : "column " + std::to_string(f + 1));
      }
      for (size_t c = 0; c < columns.size() && name; ++c) {
        if (columns[c] == *name) column = c;
      }
      if (!column && !name && columns.size() == 1) column = 0;
      if (!column) {
        problems.at_line(number, name ? "expected a column named " + quoted_excerpt(*name) +
                                            ", found " + choices_text(columns)
                                      : "expected one value column, or --metric naming one of " +
                                            choices_text(columns));
        problems.throw_if_any();
      }
    }
    if (!stamp) {
      problems.at_line(number,
                       "expected a timestamp (an ISO 8601 date-time such as "
                       "2026-11-17T09:00:00Z, or seconds), found " +
                           quoted_excerpt(fields[0]));
      continue;
    }
    if (fields.size() != columns.size() + 1) {
      problems.at_line(number, "expected " + std::to_string(columns.size() + 1) +
                                   " fields, found " + std::to_string(fields.size()));
      continue;
    }
    const std::string_view cell = fields[*column + 1];
    std::optional<double> value;
    if (!cell.empty()) {
      value = parse_number(cell);
      if (!value) {
        problems.at_line(number, "expected a number in column " + quoted_excerpt(columns[*column]) +
                                     ", found " + quoted_excerpt(cell));
        continue;
      }
    }
    points.push_back({*stamp, value, "", number});
  }
  problems.throw_if_any();
  return make_series(std::move(points), column ? columns[*column] : "value", problems);
}

}  // namespace

MetricSeries parse_metric_history(const std::string& text, const std::string& path,
                                  const std::optional<std::string>& name) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return parse_json(text, path, name);
  return parse_csv(text, path, name);
}

MetricSeries read_metric_history(const std::string& path, const std::optional<std::string>& name) {
  return parse_metric_history(read_input_file(path, "a metric history file", kMaxJsonFileBytes),
                              path, name);
}

}  // namespace app
