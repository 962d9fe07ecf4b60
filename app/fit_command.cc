#include "app/fit_command.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <stdexcept>

#include "app/cli.h"
#include "app/interrupt.h"
#include "app/output/atomic_file.h"
#include "app/scenario/input_error.h"
#include "app/scenario/json_reader.h"
#include "app/scenario/traffic.h"
#include "app/trace/timestamp.h"
#include "app/trace/trace_file.h"
#include "models/traffic/seasonal_fit.h"

namespace app {

namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;

[[noreturn]] void bad_flag(const std::string& flag, const std::string& message) {
  throw InputError("scalesim", {{"", flag + ": " + message}});
}

int64_t period_flag(const FitFlags& flags) {
  if (!flags.period) return 0;
  Problems problems;
  const auto d = read_duration(Json(*flags.period), "", problems);
  if (!d || d->us() <= 0)
    bad_flag("--period",
             "expected a duration above 0s such as \"5m\", found \"" + *flags.period + "\"");
  return d->us();
}

std::string duration_text(int64_t us);

// Counts per period from the first timestamp's period boundary.
std::vector<double> bin(const TraceFile& trace, int64_t period_us, int64_t& first_us) {
  first_us =
      trace.times_us.front() - ((trace.times_us.front() % period_us) + period_us) % period_us;
  const auto intervals = static_cast<uint64_t>((trace.times_us.back() - first_us) / period_us + 1);
  if (intervals > kMaxTraceIntervals) {
    bad_flag("--period", "expected a period that cuts the trace into at most " +
                             std::to_string(kMaxTraceIntervals) + " intervals, found " +
                             std::to_string(intervals) + " intervals of " +
                             duration_text(period_us));
  }
  std::vector<double> counts(static_cast<size_t>(intervals), 0);
  for (int64_t t : trace.times_us) counts[static_cast<size_t>((t - first_us) / period_us)] += 1;
  return counts;
}

// The zone of the daily pattern: the flag, else the trace's own.
int utc_offset(const FitFlags& flags, const TraceFile& trace) {
  if (!flags.utc_offset) return trace.utc_offset_minutes;
  if (!trace.date_times)
    bad_flag("--utc-offset", "expected no zone for a trace in plain seconds (use --clock)");
  const auto offset = parse_utc_offset(*flags.utc_offset);
  if (!offset)
    bad_flag("--utc-offset",
             "expected an offset such as \"+09:00\", found \"" + *flags.utc_offset + "\"");
  return *offset;
}

std::string iso_local(int64_t epoch_us, int offset_minutes) {
  std::string text =
      format_timestamp({epoch_us + int64_t{offset_minutes} * 60 * kMicrosPerSecond, true, 0});
  text.pop_back();  // the "Z"
  char zone[16];
  const int a = std::abs(offset_minutes);
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
  return text + zone;
}

double round_to(double x, int significant) {
  if (x == 0 || !std::isfinite(x)) return x;
  const double scale =
      std::pow(10.0, significant - 1 - static_cast<int>(std::floor(std::log10(std::abs(x)))));
  return std::round(x * scale) / scale;
}

std::string duration_text(int64_t us) {
  if (us % (60 * kMicrosPerSecond) == 0) return std::to_string(us / (60 * kMicrosPerSecond)) + "m";
  if (us % kMicrosPerSecond == 0) return std::to_string(us / kMicrosPerSecond) + "s";
  return std::to_string(us) + "us";
}

// nlohmann puts each array element on its own line; numbers read better in a row.
std::string with_flat_number_arrays(const std::string& json) {
  std::string out;
  for (size_t i = 0; i < json.size(); ++i) {
    out += json[i];
    if (json[i] != '[') continue;
    const size_t close = json.find(']', i);
    const std::string inside = json.substr(i + 1, close - i - 1);
    if (inside.find_first_of("{[\"") != std::string::npos) continue;
    std::string flat;
    for (char c : inside) {
      if (c == '\n') continue;
      if (c == ' ' && (flat.empty() || flat.back() == ' ')) continue;
      flat += c;
    }
    while (!flat.empty() && flat.back() == ' ') flat.pop_back();
    out += flat + "]";
    i = close;
  }
  return out;
}

Json block(const models::SeasonalFit& fit, const std::string& clock_start, int64_t period_us) {
  Json hourly = Json::array();
  for (double r : fit.hourly_per_second) hourly.push_back(round_to(r, 4));
  Json curve = {{"curve", "hourly"}, {"rates", hourly}};
  if (fit.weekly_factors) {
    Json factors = Json::array();
    for (double f : *fit.weekly_factors) factors.push_back(std::round(f * 1e4) / 1e4);
    curve = {{"curve", "weekly"}, {"factors", factors}, {"of", curve}};
  }
  curve = {{"curve", "trend"},
           {"growth", "exponential"},
           {"per_day", round_to(fit.trend_per_day, 4)},
           {"of", curve}};
  Json arrivals = {{"process", fit.overdispersed ? "overdispersed" : "poisson"}, {"rate", curve}};
  if (fit.overdispersed) {
    arrivals["rate_cv"] = round_to(fit.rate_cv, 3);
    arrivals["window"] = duration_text(period_us);
  }
  return {{"clock", {{"start", clock_start}}}, {"arrivals", arrivals}};
}

void print_summary(std::ostream& out, const FitFlags& flags, const TraceFile& trace,
                   size_t intervals, int64_t period_us, const models::SeasonalFit& fit) {
  char line[256];
  const Timestamp first{trace.times_us.front(), trace.date_times, 0};
  const Timestamp last{trace.times_us.back(), trace.date_times, 0};
  out << flags.trace << ": " << trace.times_us.size() << " rows, " << format_timestamp(first)
      << " to " << format_timestamp(last) << ", " << intervals << " intervals of "
      << duration_text(period_us) << "\n";
  std::snprintf(
      line, sizeof line,
      "fit: R^2 %.4f, MAPE %.2f%% (Fourier model); R^2 %.4f, MAPE %.2f%% (the block below)\n",
      fit.model.r_squared, fit.model.mape * 100, fit.pasted.r_squared, fit.pasted.mape * 100);
  out << line;
  std::snprintf(line, sizeof line, "trend: %+.3f%% a day; weekly pattern: %s\n",
                (std::exp(fit.trend_per_day) - 1) * 100,
                fit.weekly_fitted ? "fitted" : "left out (the trace covers under 14 days)");
  out << line;
  std::snprintf(line, sizeof line, "dispersion index %.2f, rate_cv %.3f: %s\n",
                fit.dispersion_index, fit.rate_cv,
                fit.overdispersed ? "burstier than Poisson (overdispersed arrivals)" : "Poisson");
  out << line;
  out << "Paste as the scenario's workload \"clock\" and \"arrivals\"; the run then starts where "
         "the trace starts "
         "(the trend counts from there).\n";
}

// "tue 09:30" for a local time since Monday 00:00 (to the minute).
std::string week_time_text(int64_t week_us) {
  static const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  const int64_t minutes = week_us / (60 * kMicrosPerSecond);
  char text[32];
  std::snprintf(text, sizeof text, "%s %02d:%02d", kDays[minutes / 1440 % 7],
                static_cast<int>(minutes / 60 % 24), static_cast<int>(minutes % 60));
  return text;
}

// Checks, before any fitting, that -o names a file that can be written; creates
// its directory if needed (removed again, if empty, when the fit fails).

}  // namespace

int fit_command(const FitFlags& flags, std::ostream& out) {
  TraceReadOptions options;
  options.format = flags.format == "timestamps" ? TraceFormat::kTimestamps : TraceFormat::kCounts;
  options.gaps_are_zero = flags.gaps == "zero";
  const int64_t period_flag_us = period_flag(flags);
  std::optional<OutputDirectory> out_dir;
  if (!flags.out_file.empty()) open_output_file_directory(out_dir, "-o", flags.out_file);
  if (period_flag_us > 0 && options.format == TraceFormat::kCounts)
    options.period_us = period_flag_us;
  const TraceFile trace = read_trace_file(flags.trace, options);

  int64_t first_us = trace.times_us.front();
  int64_t period_us = trace.period_us;
  std::vector<double> counts = trace.counts;
  if (options.format == TraceFormat::kTimestamps) {
    period_us = period_flag_us > 0 ? period_flag_us : 5 * 60 * kMicrosPerSecond;
    counts = bin(trace, period_us, first_us);
  }
  const int offset = utc_offset(flags, trace);
  int64_t start_local_us = 0;
  std::string clock_start;
  if (trace.date_times) {
    if (flags.clock)
      bad_flag("--clock",
               "expected no clock for a trace of date-times (its dates give the weekday)");
    start_local_us = week_time_us(first_us, offset);
    clock_start = iso_local(first_us, offset);
  } else {
    clock_start = flags.clock.value_or("mon 00:00");
    Problems problems;
    const auto week = read_week_time(Json(clock_start), "", problems);
    if (!week)
      bad_flag("--clock", "expected a day and local time such as \"mon 00:00\", found \"" +
                              clock_start + "\"");
    start_local_us =
        (week->us() + first_us % (7 * 86400 * kMicrosPerSecond)) % (7 * 86400 * kMicrosPerSecond);
    clock_start = week_time_text(start_local_us);
  }

  models::SeasonalFit fit;
  try {
    fit = models::fit_seasonal(
        {static_cast<double>(start_local_us) / 1e6, static_cast<double>(period_us) / 1e6, counts},
        {flags.daily_harmonics, flags.weekly_harmonics});
  } catch (const std::invalid_argument& e) {
    throw InputError(flags.trace, {{"", std::string("cannot fit: ") + e.what()}});
  }
  print_summary(out, flags, trace, counts.size(), period_us, fit);
  const std::string text =
      with_flat_number_arrays(block(fit, clock_start, period_us).dump(2)) + "\n";
  if (flags.out_file.empty()) {
    out << text;
  } else {
    // Only the write heeds SIGINT and SIGTERM: it then leaves nothing behind.
    InterruptScope interrupt_scope;
    write_files_atomically(out_dir->path(),
                           {{std::filesystem::path(flags.out_file).filename().string(), text}},
                           &InterruptScope::flag());
    out_dir->keep();
    out << "wrote " << flags.out_file << "\n";
  }
  return kExitOk;
}

}  // namespace app
