#include "app/trace/trace_file.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <string_view>

#include "app/scenario/input_error.h"
#include "app/scenario/input_file.h"
#include "app/trace/timestamp.h"

namespace app {

namespace {

class Reader {
 public:
  Reader(const std::string& path, const TraceReadOptions& options)
      : path_(path), options_(options) {
    out_.period_us = options.period_us.value_or(0);
  }

  TraceFile read() {
    check_input_file(path_, "trace file", kMaxTraceFileBytes);
    std::ifstream in(path_, std::ios::binary);
    if (!in) {
      throw InputError(
          path_, {{"", std::string("expected a readable trace file, found ") + std::strerror(errno),
                   path_}});
    }
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) read_line(line, number);
    if (problems_.empty() && rows_ == 0) add(0, "expected at least one row of data, found none");
    if (!problems_.empty()) throw_problems();
    return std::move(out_);
  }

 private:
  // Keeps the first problems only: a wrong file can have millions of bad lines.
  void add(int line, std::string message) {
    if (problems_.size() + 1 >= kMaxProblemsShown) {
      ++not_shown_;
      return;
    }
    problems_.push_back(
        {"", std::move(message), line > 0 ? path_ + ":" + std::to_string(line) : path_});
  }

  void throw_problems() {
    if (not_shown_ > 0)
      problems_.push_back({"", std::to_string(not_shown_) + " more problems not shown", path_});
    throw InputError(path_, problems_);
  }

  void read_line(std::string_view line, int number) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') return;
    const std::vector<std::string_view> fields = split_csv_fields(line);
    const auto stamp = parse_timestamp(fields[0]);
    if (!stamp && rows_ == 0 && !seen_header_) {
      seen_header_ = true;  // a header row
      return;
    }
    if (!stamp) {
      add(number,
          "expected a timestamp (an ISO 8601 date-time such as 2026-11-17T09:00:00Z, or seconds), "
          "found " +
              quoted_excerpt(fields[0]));
      return;
    }
    if (rows_ == 0) {
      out_.date_times = stamp->date_time;
      out_.utc_offset_minutes = stamp->utc_offset_minutes;
    } else if (stamp->date_time != out_.date_times) {
      add(number, std::string("expected a timestamp of the same form as the first row's (") +
                      (out_.date_times ? "a date-time" : "seconds") + "), found " +
                      quoted_excerpt(fields[0]));
      return;
    }
    if (options_.format == TraceFormat::kTimestamps) {
      add_request(*stamp, number);
    } else {
      add_count(*stamp, fields, number);
    }
  }

  void add_request(const Timestamp& stamp, int number) {
    if (rows_ > 0 && stamp.us < last_.us) {
      add(number, "expected rows in time order, found " + format_timestamp(stamp) + " after line " +
                      std::to_string(last_line_) + "'s " + format_timestamp(last_));
      return;
    }
    out_.times_us.push_back(stamp.us);
    remember(stamp, number);
  }

  void add_count(const Timestamp& stamp, const std::vector<std::string_view>& fields, int number) {
    if (fields.size() < 2 || fields.size() > 3) {
      add(number, "expected 2 or 3 fields (timestamp, value[, period]), found " +
                      std::to_string(fields.size()));
      return;
    }
    const auto value = number_field(fields[1], number, "value");
    const auto period = period_field(fields, number);
    if (!value || !period) return;
    if (rows_ > 0 && !follows(stamp, number)) return;
    out_.times_us.push_back(stamp.us);
    out_.counts.push_back(*value);
    remember(stamp, number);
  }

  std::optional<double> number_field(std::string_view text, int number, const char* what) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
        !std::isfinite(value) || value < 0) {
      add(number,
          std::string("expected the ") + what + ", a number >= 0, found " + quoted_excerpt(text));
      return std::nullopt;
    }
    return value;
  }

  // The row's period: its third field (seconds), else the option; one for all rows.
  std::optional<int64_t> period_field(const std::vector<std::string_view>& fields, int number) {
    int64_t period = options_.period_us.value_or(0);
    if (fields.size() == 3) {
      const auto seconds = number_field(fields[2], number, "period in seconds");
      if (!seconds) return std::nullopt;
      period = std::llround(*seconds * 1e6);
    }
    if (period <= 0) {
      add(number,
          "expected a period above 0 (a third field in seconds, or \"period\" in the scenario), "
          "found " +
              (fields.size() == 3 ? quoted_excerpt(fields[2]) : std::string("none")));
      return std::nullopt;
    }
    if (out_.period_us == 0) out_.period_us = period;
    if (period != out_.period_us) {
      add(number, "expected the period of the first row (" +
                      format_timestamp({out_.period_us, false, 0}) + "), found " +
                      quoted_excerpt(fields[2]));
      return std::nullopt;
    }
    return period;
  }

  // A counts row must be the next interval, or a later one on the grid.
  bool follows(const Timestamp& stamp, int number) {
    const int64_t expected = last_.us + out_.period_us;
    const int64_t step = stamp.us - last_.us;
    Timestamp wanted = last_;
    wanted.us = expected;
    if (step <= 0) {
      add(number, "expected rows in time order, found " + format_timestamp(stamp) + " after line " +
                      std::to_string(last_line_) + "'s " + format_timestamp(last_));
      return false;
    }
    if (step % out_.period_us != 0) {
      add(number, "expected a timestamp on the grid of the period, such as " +
                      format_timestamp(wanted) + ", found " + format_timestamp(stamp));
      return false;
    }
    if (stamp.us != expected && !options_.gaps_are_zero) {
      add(number, "expected the next interval, " + format_timestamp(wanted) + ", found " +
                      format_timestamp(stamp) + ": a gap of " +
                      std::to_string(step / out_.period_us - 1) +
                      " intervals (set \"gaps\": \"zero\" to count missing intervals as 0)");
      return false;
    }
    const uint64_t filled = static_cast<uint64_t>(step / out_.period_us - 1);
    if (filled > kMaxTraceIntervals - out_.counts.size() - 1) {
      add(number, "expected at most " + std::to_string(kMaxTraceIntervals) +
                      " intervals in all, found a gap of " + std::to_string(filled) +
                      " intervals to fill after line " + std::to_string(last_line_));
      return false;
    }
    for (int64_t t = expected; t < stamp.us; t += out_.period_us) {
      out_.times_us.push_back(t);
      out_.counts.push_back(0);
    }
    return true;
  }

  void remember(const Timestamp& stamp, int number) {
    last_ = stamp;
    last_line_ = number;
    ++rows_;
  }

  const std::string& path_;
  const TraceReadOptions& options_;
  TraceFile out_;
  std::vector<Problem> problems_;
  size_t not_shown_ = 0;
  Timestamp last_;
  int last_line_ = 0;
  size_t rows_ = 0;
  bool seen_header_ = false;
};

}  // namespace

TraceFile read_trace_file(const std::string& path, const TraceReadOptions& options) {
  return Reader(path, options).read();
}

std::vector<std::string_view> split_csv_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t begin = 0;
  for (;;) {
    const size_t comma = line.find(',', begin);
    std::string_view field =
        line.substr(begin, comma == std::string_view::npos ? line.npos : comma - begin);
    while (!field.empty() && (field.front() == ' ' || field.front() == '\t'))
      field.remove_prefix(1);
    while (!field.empty() &&
           (field.back() == ' ' || field.back() == '\t' || field.back() == '\r')) {
      field.remove_suffix(1);
    }
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"')
      field = field.substr(1, field.size() - 2);
    fields.push_back(field);
    if (comma == std::string_view::npos) return fields;
    begin = comma + 1;
  }
}

}  // namespace app
