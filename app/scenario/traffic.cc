#include "app/scenario/traffic.h"

#include <array>
#include <filesystem>
#include <regex>

#include "app/scenario/quantities.h"
#include "app/trace/timestamp.h"
#include "app/trace/trace_file.h"
#include "models/traffic/trace_arrivals.h"

namespace app {

namespace {

const std::vector<std::string> kCurves = {"constant", "steps",   "hourly", "sinusoid",
                                          "weekly",   "trend",   "spike",  "window",
                                          "sum",      "product", "clip"};

models::Curve make(models::CurveSpec spec) {
  return std::make_shared<const models::CurveSpec>(std::move(spec));
}

// "16:00" as time since midnight.
std::optional<sim::Duration> read_time_of_day(const Json& value, const std::string& pointer,
                                              Problems& problems) {
  static const std::regex kPattern("([01][0-9]|2[0-3]):([0-5][0-9])");
  std::smatch match;
  std::string text = value.is_string() ? value.get<std::string>() : "";
  if (!value.is_string() || !std::regex_match(text, match, kPattern)) {
    problems.expected(pointer, "a time of day such as \"16:00\"", &value);
    return std::nullopt;
  }
  return sim::Duration::hours(std::stoi(match[1])) + sim::Duration::minutes(std::stoi(match[2]));
}

// "of": the curve a part modifies.
models::Curve read_of(ObjectReader& r) {
  const Json* of = r.field("of", Presence::kRequired, "a rate or curve");
  if (!of) return nullptr;
  return read_curve(*of, r.pointer("of"), r.problems()).value_or(nullptr);
}

std::vector<models::Curve> read_parts(ObjectReader& r) {
  std::vector<models::Curve> parts;
  const Json* of = r.field("of", Presence::kRequired, "an array of rates or curves");
  if (!of) return parts;
  if (!of->is_array() || of->empty()) {
    r.problems().expected(r.pointer("of"), "a non-empty array of rates or curves", of);
    return parts;
  }
  for (size_t i = 0; i < of->size(); ++i) {
    if (auto part = read_curve((*of)[i], child_pointer(r.pointer("of"), i), r.problems()))
      parts.push_back(*part);
  }
  return parts;
}

template <size_t N>
std::optional<std::array<double, N>> read_values(ObjectReader& r, std::string_view key,
                                                 bool rates) {
  const Json* values =
      r.field(key, Presence::kRequired, "an array of " + std::to_string(N) + " values");
  if (!values) return std::nullopt;
  if (!values->is_array() || values->size() != N) {
    r.problems().expected(r.pointer(key),
                          "an array of " + std::to_string(N) + (rates ? " rates" : " factors"),
                          values);
    return std::nullopt;
  }
  std::array<double, N> out{};
  bool ok = true;
  for (size_t i = 0; i < N; ++i) {
    const std::string at = child_pointer(r.pointer(key), i);
    const auto v = rates ? read_rate((*values)[i], at, r.problems())
                         : read_number((*values)[i], at, r.problems(), 0, 1e6);
    ok = ok && v.has_value();
    out[i] = v.value_or(0);
  }
  return ok ? std::optional(out) : std::nullopt;
}

std::optional<models::StepsCurve> read_steps(ObjectReader& r) {
  models::StepsCurve steps;
  steps.repeat = r.boolean("repeat").value_or(false);
  const Json* segments =
      r.field("segments", Presence::kRequired, "an array of {\"duration\", \"rate\"}");
  if (!segments) return std::nullopt;
  if (!segments->is_array() || segments->empty()) {
    r.problems().expected(r.pointer("segments"), "a non-empty array of {\"duration\", \"rate\"}",
                          segments);
    return std::nullopt;
  }
  const size_t before = r.problems().list().size();
  for (size_t i = 0; i < segments->size(); ++i) {
    ObjectReader s((*segments)[i], child_pointer(r.pointer("segments"), i), r.problems());
    const auto duration = s.duration("duration", Presence::kRequired);
    const auto rate = s.rate("rate", Presence::kRequired);
    s.reject_unknown_keys();
    if (duration && duration->us() == 0)
      r.problems().expected(s.pointer("duration"), "a duration above 0s", s.field("duration"));
    if (duration && rate) steps.segments.push_back({*duration, *rate});
  }
  if (r.problems().list().size() != before) return std::nullopt;
  return steps;
}

std::optional<models::CurveSpec> read_spike(ObjectReader& r) {
  models::SpikeCurve c;
  const Json* at = r.field("at");
  const Json* start = r.field("start");
  if (!at == !start) {
    r.problems().add(
        r.pointer(),
        std::string("expected exactly one of \"at\" (a daily time such as \"16:00\") or "
                    "\"start\" (a duration from the start of the run), found ") +
            (at ? "both" : "neither"));
  } else if (at) {
    c.daily_at = read_time_of_day(*at, r.pointer("at"), r.problems());
  } else {
    c.start = read_duration(*start, r.pointer("start"), r.problems()).value_or(sim::Duration());
  }
  c.rise = r.duration("rise", Presence::kRequired).value_or(sim::Duration());
  c.decay = r.duration("decay", Presence::kRequired).value_or(sim::Duration());
  const auto peak = r.number("peak", 1, 1e6);
  c.extra_per_second = r.rate("extra_rate");
  if (peak.has_value() == c.extra_per_second.has_value()) {
    r.problems().add(r.pointer(),
                     "expected exactly one of \"peak\" (a multiplier) or \"extra_rate\", found " +
                         std::string(peak ? "both" : "neither"));
  }
  c.peak = peak.value_or(1);
  c.of = read_of(r);
  if (!c.of) return std::nullopt;
  return models::CurveSpec{c};
}

std::optional<models::CurveSpec> read_part(ObjectReader& r, const std::string& kind) {
  if (kind == "constant")
    return models::CurveSpec{
        models::ConstantCurve{r.rate("rate", Presence::kRequired).value_or(0)}};
  if (kind == "steps") {
    if (auto steps = read_steps(r)) return models::CurveSpec{*steps};
  } else if (kind == "hourly") {
    if (auto rates = read_values<24>(r, "rates", true))
      return models::CurveSpec{models::HourlyCurve{*rates}};
  } else if (kind == "sinusoid") {
    models::SinusoidCurve c;
    c.mean = r.rate("mean", Presence::kRequired).value_or(0);
    c.peak_hour = r.number("peak_hour", 0, 24).value_or(c.peak_hour);
    c.peak_to_trough = r.number("peak_to_trough", 1, 1e6).value_or(c.peak_to_trough);
    return models::CurveSpec{c};
  } else if (kind == "weekly") {
    auto factors = read_values<7>(r, "factors", false);
    auto of = read_of(r);
    if (factors && of) return models::CurveSpec{models::WeeklyCurve{*factors, of}};
  } else if (kind == "trend") {
    models::TrendCurve c;
    c.exponential =
        r.choice("growth", {"linear", "exponential"}, Presence::kRequired) == "exponential";
    c.per_day = r.number("per_day", -1, 10, false, Presence::kRequired).value_or(0);
    c.of = read_of(r);
    if (c.of) return models::CurveSpec{c};
  } else if (kind == "spike") {
    return read_spike(r);
  } else if (kind == "window") {
    models::WindowCurve c;
    c.start = r.duration("start", Presence::kRequired).value_or(sim::Duration());
    c.end = r.duration("end", Presence::kRequired).value_or(sim::Duration());
    if (c.end <= c.start)
      r.problems().expected(r.pointer("end"), "a duration after \"start\"", r.field("end"));
    c.factor = r.number("factor", 0, 1e6, false, Presence::kRequired).value_or(1);
    c.of = read_of(r);
    if (c.of) return models::CurveSpec{c};
  } else if (kind == "sum" || kind == "product") {
    auto parts = read_parts(r);
    if (parts.empty()) return std::nullopt;
    if (kind == "sum") return models::CurveSpec{models::SumCurve{parts}};
    return models::CurveSpec{models::ProductCurve{parts}};
  } else if (kind == "clip") {
    models::ClipCurve c;
    c.min = r.rate("min").value_or(0);
    c.max = r.rate("max", Presence::kRequired).value_or(0);
    if (c.max < c.min)
      r.problems().expected(r.pointer("max"), "a rate no less than \"min\"", r.field("max"));
    c.of = read_of(r);
    if (c.of) return models::CurveSpec{c};
  }
  return std::nullopt;
}

// The trace option "start": the trace instant that becomes t = 0.
std::optional<Timestamp> read_trace_start(ObjectReader& r) {
  const Json* start = r.field("start");
  if (!start) return std::nullopt;
  std::optional<Timestamp> stamp;
  if (start->is_string()) stamp = parse_timestamp(start->get<std::string>());
  if (start->is_number() && start->get<double>() >= 0) stamp = parse_timestamp(start->dump());
  if (!stamp)
    r.problems().expected(r.pointer("start"),
                          "an ISO 8601 date-time such as \"2026-11-17T09:00:00Z\" or seconds",
                          start);
  return stamp;
}

// Moves a trace file to run time: rows before `origin` dropped, `shift` added.
std::shared_ptr<models::TraceData> to_run_time(const TraceFile& file, int64_t origin,
                                               sim::Duration shift) {
  auto data = std::make_shared<models::TraceData>();
  const auto run_time = [&](int64_t us) {
    return sim::Time::zero() + shift + sim::Duration::micros(us - origin);
  };
  data->per_interval = !file.counts.empty();
  data->period = sim::Duration::micros(file.period_us);
  for (size_t i = 0; i < file.times_us.size(); ++i) {
    if (file.times_us[i] < origin) continue;
    if (!data->per_interval) {
      data->requests.push_back(run_time(file.times_us[i]));
    } else {
      if (data->counts.empty()) data->first = run_time(file.times_us[i]);
      data->counts.push_back(file.counts[i]);
    }
  }
  return data;
}

void read_trace(ObjectReader& r, const std::string& scenario_file,
                models::ArrivalConfig& arrivals) {
  Problems& problems = r.problems();
  const size_t before = problems.list().size();
  const auto file = r.string("file", Presence::kRequired);
  const auto format = r.choice("format", {"timestamps", "counts"}, Presence::kRequired);
  TraceReadOptions options;
  options.format = format == "counts" ? TraceFormat::kCounts : TraceFormat::kTimestamps;
  auto replay = std::make_shared<models::TraceReplay>();
  const auto spread = r.choice("spread", {"poisson", "uniform"});
  replay->uniform_spread = spread == "uniform";
  if (const auto period = r.duration("period")) {
    if (period->us() == 0)
      problems.expected(r.pointer("period"), "a duration above 0s", r.field("period"));
    options.period_us = period->us();
  }
  options.gaps_are_zero = r.choice("gaps", {"error", "zero"}) == "zero";
  if (options.format == TraceFormat::kTimestamps) {
    for (const char* key : {"spread", "period", "gaps"}) {
      if (r.field(key))
        problems.add(r.pointer(key), "expected no \"" + std::string(key) +
                                         "\" with \"format\": \"timestamps\" (it is for counts)");
    }
  }
  const auto start = read_trace_start(r);
  const sim::Duration shift = r.duration("shift").value_or(sim::Duration());
  replay->scale = r.number("scale", 0, 1000, true).value_or(1);
  if (!file || problems.list().size() != before) return;

  const std::filesystem::path path = std::filesystem::path(scenario_file).parent_path() / *file;
  TraceFile trace;
  try {
    trace = read_trace_file(path.lexically_normal().string(), options);
  } catch (const InputError& e) {
    for (const Problem& p : e.problems()) problems.add(p);  // each names the trace file and line
    return;
  }
  if (start && start->date_time != trace.date_times) {
    problems.add(r.pointer("start"),
                 std::string("expected ") + (trace.date_times ? "a date-time" : "seconds") +
                     ", as in the trace file, found " + describe(r.field("start")));
    return;
  }
  auto data = to_run_time(trace, start ? start->us : trace.times_us.front(), shift);
  if (data->requests.empty() && data->counts.empty()) {
    problems.add(r.pointer("start"),
                 "expected a start no later than the trace's last row, " +
                     format_timestamp({trace.times_us.back(), trace.date_times, 0}));
    return;
  }
  replay->data = std::move(data);
  arrivals.kind = models::ArrivalConfig::Kind::kTrace;
  arrivals.trace = std::move(replay);
}

}  // namespace

std::optional<models::Curve> read_curve(const Json& value, const std::string& pointer,
                                        Problems& problems) {
  if (!value.is_object()) {
    auto rate = read_rate(value, pointer, problems);
    if (!rate) return std::nullopt;
    return models::constant_curve(*rate);
  }
  ObjectReader r(value, pointer, problems, "a rate or a curve object");
  const size_t before = problems.list().size();
  const auto kind = r.choice("curve", kCurves, Presence::kRequired);
  if (!kind) return std::nullopt;  // other keys can't be judged without the kind
  std::optional<models::CurveSpec> spec = read_part(r, *kind);
  r.reject_unknown_keys();
  if (!spec || problems.list().size() != before) return std::nullopt;
  return make(std::move(*spec));
}

std::optional<sim::Duration> read_week_time(const Json& value, const std::string& pointer,
                                            Problems& problems) {
  static const std::regex kPattern("(mon|tue|wed|thu|fri|sat|sun) ([01][0-9]|2[0-3]):([0-5][0-9])");
  static const std::array<std::string, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  std::smatch match;
  const std::string text = value.is_string() ? value.get<std::string>() : "";
  if (const auto stamp = parse_timestamp(text); stamp && stamp->date_time) {
    return sim::Duration::micros(week_time_us(stamp->us, stamp->utc_offset_minutes));
  }
  if (!value.is_string() || !std::regex_match(text, match, kPattern)) {
    problems.expected(pointer,
                      "a day and local time such as \"mon 00:00\", or a date-time such as "
                      "\"2026-11-17T00:00:00+09:00\"",
                      &value);
    return std::nullopt;
  }
  const auto day = std::find(kDays.begin(), kDays.end(), match[1].str()) - kDays.begin();
  return sim::Duration::hours(24 * day + std::stoi(match[2])) +
         sim::Duration::minutes(std::stoi(match[3]));
}

void read_arrivals(const Json& value, const std::string& pointer, const std::string& scenario_file,
                   Problems& problems, models::ArrivalConfig& arrivals) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  const auto process =
      r.choice("process", {"poisson", "overdispersed", "periodic", "trace", "schedule"},
               Presence::kRequired);
  if (!process) return;
  if (*process == "poisson" || *process == "overdispersed") {
    if (const Json* rate = r.field("rate", Presence::kRequired, "a rate or curve")) {
      arrivals.rate = read_curve(*rate, r.pointer("rate"), problems).value_or(arrivals.rate);
    }
    // A traffic factor a sweep can vary without rewriting the curve.
    const double scale = r.number("scale", 0, 1000, true).value_or(1);
    if (scale != 1) {
      arrivals.rate = make(models::CurveSpec{models::ProductCurve{
          {make(models::CurveSpec{models::ConstantCurve{scale}}), arrivals.rate}}});
    }
  }
  if (*process == "overdispersed") {
    arrivals.kind = models::ArrivalConfig::Kind::kOverdispersed;
    arrivals.rate_cv = r.number("rate_cv", 0, 10, false, Presence::kRequired).value_or(0);
    arrivals.window = r.duration("window").value_or(arrivals.window);
    if (arrivals.window.us() == 0)
      problems.expected(r.pointer("window"), "a duration above 0s", r.field("window"));
  } else if (*process == "periodic") {
    arrivals.kind = models::ArrivalConfig::Kind::kPeriodic;
    arrivals.every = r.duration("every", Presence::kRequired).value_or(arrivals.every);
    if (arrivals.every.us() == 0)
      problems.expected(r.pointer("every"), "a duration above 0s", r.field("every"));
    arrivals.offset = r.duration("offset").value_or(arrivals.offset);
    arrivals.burst = static_cast<uint32_t>(r.integer("burst", 1, 100000).value_or(1));
  } else if (*process == "trace") {
    read_trace(r, scenario_file, arrivals);
  } else if (*process == "schedule") {
    // The first form of a piecewise schedule, kept: Poisson over a "steps" curve.
    if (auto steps = read_steps(r)) arrivals.rate = make(models::CurveSpec{*steps});
  }
  r.reject_unknown_keys();
}

}  // namespace app
