// Trace files: timestamps, the CSV reader's messages, and exact replay.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "app/scenario/loader.h"
#include "app/trace/timestamp.h"
#include "app/trace/trace_file.h"
#include "models/traffic/trace_arrivals.h"

namespace fs = std::filesystem;

namespace {

fs::path scratch_file(const std::string& name, const std::string& text) {
  const fs::path dir =
      fs::temp_directory_path() / ("scalesim-trace-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

// The error reading `text` as a trace file gives, with the file's path shown as "t.csv".
std::string trace_error(const std::string& text, const app::TraceReadOptions& options) {
  const fs::path path = scratch_file("t.csv", text);
  try {
    app::read_trace_file(path.string(), options);
  } catch (const app::InputError& e) {
    std::string message = e.what();
    for (size_t at; (at = message.find(path.string())) != std::string::npos;) {
      message.replace(at, path.string().size(), "t.csv");
    }
    return message;
  }
  return "no error";
}

app::TraceReadOptions counts(std::optional<int64_t> period_us = std::nullopt,
                             bool gaps_are_zero = false) {
  app::TraceReadOptions options;
  options.format = app::TraceFormat::kCounts;
  options.period_us = period_us;
  options.gaps_are_zero = gaps_are_zero;
  return options;
}

std::vector<sim::Time> drain(models::ArrivalProcess& process) {
  std::vector<sim::Time> out;
  for (sim::Time t = process.next(); t != sim::Time::never(); t = process.next()) out.push_back(t);
  return out;
}

}  // namespace

TEST_CASE("Timestamps: ISO date-times with zones, and plain seconds") {
  const auto utc = app::parse_timestamp("2026-11-17T09:00:00Z");
  REQUIRE(utc);
  CHECK(utc->us == 1794906000LL * 1000000);
  CHECK(utc->date_time);
  CHECK(app::parse_timestamp("2026-11-17T18:00+09:00")->us == utc->us);
  CHECK(app::parse_timestamp("2026-11-17 09:00:00")->us == utc->us);  // no zone: UTC
  CHECK(app::parse_timestamp("2026-11-17T09:00:00.25Z")->us == utc->us + 250000);
  CHECK(app::parse_timestamp("12.5")->us == 12500000);
  CHECK_FALSE(app::parse_timestamp("12.5")->date_time);
  for (const char* bad :
       {"2026-02-29T00:00:00Z", "2026-11-17T24:00:00Z", "2026-11-17", "-3", "1e3x",
        "2026-11-17T09:00:00.1234567Z", "2026-11-17T09:00:00+15:00", "nan"}) {
    INFO(bad);
    CHECK_FALSE(app::parse_timestamp(bad));
  }
  CHECK(app::format_timestamp(*utc) == "2026-11-17T09:00:00Z");
  CHECK(app::format_timestamp(*app::parse_timestamp("2024-02-29T23:59:59.5-01:00")) ==
        "2024-03-01T00:59:59.5Z");
  // Tuesday 09:00 UTC is Tuesday 18:00 in Seoul: a day and 18 hours after Monday 00:00.
  CHECK(app::week_time_us(utc->us, 9 * 60) == (24 + 18) * 3600LL * 1000000);
  CHECK(app::week_time_us(utc->us, -10 * 60) == (23) * 3600LL * 1000000);  // Monday 23:00 in Hawaii
}

TEST_CASE("A timestamps trace is read in order, with a header and comments skipped") {
  const fs::path path =
      scratch_file("ok.csv", "# exported\ntimestamp,path\n10.5,/a\n10.5,/b\n\n12,/a\r\n");
  const app::TraceFile file = app::read_trace_file(path.string(), {});
  CHECK(file.times_us == std::vector<int64_t>{10500000, 10500000, 12000000});
  CHECK_FALSE(file.date_times);
}

TEST_CASE("Bad trace rows are reported with the file, the line and what is wrong") {
  CHECK(trace_error("t\n1\n3\n2\nx\n", {}) ==
        "t.csv:4: expected rows in time order, found 2s after line 3's 3s\n"
        "t.csv:5: expected a timestamp (an ISO 8601 date-time such as 2026-11-17T09:00:00Z, or "
        "seconds), "
        "found \"x\"\n");
  CHECK(trace_error("1\n2026-11-17T09:00:00Z\n", {}) ==
        "t.csv:2: expected a timestamp of the same form as the first row's (seconds), found "
        "\"2026-11-17T09:00:00Z\"\n");
  CHECK(trace_error("# nothing\n", {}) == "t.csv: expected at least one row of data, found none\n");
  CHECK(trace_error("", {}).find("t.csv: expected at least one row") == 0);
}

TEST_CASE("Bad counts rows: fields, values, periods, order, grid and gaps") {
  CHECK(trace_error("2026-11-17T09:00:00Z,10\n", counts()) ==
        "t.csv:1: expected a period above 0 (a third field in seconds, or \"period\" in the "
        "scenario), "
        "found none\n");
  CHECK(trace_error("2026-11-17T09:00:00Z,10,60\n"
                    "2026-11-17T09:01:00Z,-1,60\n"
                    "2026-11-17T09:02:00Z,5,300\n"
                    "2026-11-17T09:03:00Z\n"
                    "2026-11-17T09:02:30Z,5,60\n"
                    "2026-11-17T09:00:00Z,5,60\n"
                    "2026-11-17T09:03:00Z,5,60\n",
                    counts()) ==
        "t.csv:2: expected the value, a number >= 0, found \"-1\"\n"
        "t.csv:3: expected the period of the first row (60s), found \"300\"\n"
        "t.csv:4: expected 2 or 3 fields (timestamp, value[, period]), found 1\n"
        "t.csv:5: expected a timestamp on the grid of the period, such as 2026-11-17T09:01:00Z, "
        "found "
        "2026-11-17T09:02:30Z\n"
        "t.csv:6: expected rows in time order, found 2026-11-17T09:00:00Z after line 1's "
        "2026-11-17T09:00:00Z\n"
        "t.csv:7: expected the next interval, 2026-11-17T09:01:00Z, found 2026-11-17T09:03:00Z: a "
        "gap of 2 "
        "intervals (set \"gaps\": \"zero\" to count missing intervals as 0)\n");
}

TEST_CASE("Counts with gaps as zero fill the missing intervals") {
  const fs::path path = scratch_file("gaps.csv", "Timestamp,Sum\n0,6\n120,3\n180,0\n");
  const app::TraceFile file = app::read_trace_file(path.string(), counts(60'000'000, true));
  CHECK(file.times_us == std::vector<int64_t>{0, 60'000'000, 120'000'000, 180'000'000});
  CHECK(file.counts == std::vector<double>{6, 0, 3, 0});
  CHECK(file.period_us == 60'000'000);
}

TEST_CASE("A per-request trace replays exactly: scaled, it keeps order and the expected volume") {
  auto data = std::make_shared<models::TraceData>();
  for (int64_t i = 0; i < 20000; ++i)
    data->requests.push_back(sim::Time::micros(i * i % 7 + i * 1000));
  std::sort(data->requests.begin(), data->requests.end());
  models::TraceReplay replay{data, false, 1};
  CHECK(drain(*models::make_trace_arrivals(replay, sim::RandomStream(1))) == data->requests);

  for (double scale : {0.3, 2.5}) {
    INFO("scale " << scale);
    replay.scale = scale;
    const auto out = drain(*models::make_trace_arrivals(replay, sim::RandomStream(2)));
    CHECK(std::is_sorted(out.begin(), out.end()));
    // Binomial-like count: the mean is 20000 x scale, the standard deviation at most
    // sqrt(20000 x 0.25); 5 of them is a false failure once in 3.5 million seeds.
    CHECK(std::abs(static_cast<double>(out.size()) - 20000 * scale) <= 5 * std::sqrt(20000 * 0.25));
    CHECK(out.back() <= data->requests.back());
  }
}

TEST_CASE("Counts spread uniformly give exactly each interval's count within it") {
  auto data = std::make_shared<models::TraceData>();
  data->per_interval = true;
  data->first = sim::Time::micros(5'000'000);
  data->period = sim::Duration::seconds(60);
  data->counts = {3, 0, 120, 7};
  const auto out = drain(*models::make_trace_arrivals({data, true, 1}, sim::RandomStream(3)));
  std::vector<int> per_interval(4, 0);
  for (sim::Time t : out) per_interval[static_cast<size_t>((t.us() - 5'000'000) / 60'000'000)]++;
  CHECK(per_interval == std::vector<int>{3, 0, 120, 7});
  CHECK(std::is_sorted(out.begin(), out.end()));
  CHECK(out.front().us() >= 5'000'000);
}

TEST_CASE("Counts spread as Poisson average to each interval's count") {
  auto data = std::make_shared<models::TraceData>();
  data->per_interval = true;
  data->period = sim::Duration::seconds(10);
  data->counts.assign(2000, 50);
  const auto out = drain(*models::make_trace_arrivals({data, false, 2}, sim::RandomStream(4)));
  // Poisson with mean 2000 x 50 x 2 = 200,000: within 5 standard deviations (447 x 5).
  CHECK(std::abs(static_cast<double>(out.size()) - 200000) <= 5 * std::sqrt(200000.0));
  CHECK(out.back().us() < 20000LL * 1000000);
}

namespace {

// A scenario in the scratch directory replaying `arrivals` (a JSON object's body).
std::string trace_scenario(const std::string& arrivals) {
  return R"({"name": "t", "horizon": "1h", "workload": {"arrivals": {"process": "trace", )" +
         arrivals +
         R"(}, "service_time": "10ms"}, "strategies": [{"name": "a", "components": {
         "web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 1}}}]})";
}

models::Scenario load_in_scratch(const std::string& arrivals) {
  const fs::path file = scratch_file("s.json", trace_scenario(arrivals));
  return app::parse_scenario(trace_scenario(arrivals), file.string());
}

std::string scratch_error(const std::string& arrivals) {
  const fs::path file = scratch_file("s.json", trace_scenario(arrivals));
  try {
    app::parse_scenario(trace_scenario(arrivals), file.string());
  } catch (const app::InputError& e) {
    std::string message = e.what();
    const std::string dir = file.parent_path().string() + "/";
    for (size_t at; (at = message.find(dir)) != std::string::npos;) message.erase(at, dir.size());
    return message;
  }
  return "no error";
}

}  // namespace

TEST_CASE("A scenario's trace starts the run at its first row, or at \"start\", shifted") {
  scratch_file("r.csv", "2026-11-17T09:00:00Z\n2026-11-17T09:00:01.5Z\n2026-11-17T09:00:03Z\n");
  auto replay = [](const std::string& options) {
    const models::Scenario s =
        load_in_scratch(R"("file": "r.csv", "format": "timestamps")" + options);
    REQUIRE(s.workload.arrivals.kind == models::ArrivalConfig::Kind::kTrace);
    return drain(
        *models::make_arrival_process(s.workload.arrivals, sim::Duration(), sim::RandomStream(1)));
  };
  using sim::Time;
  CHECK(replay("") ==
        std::vector<Time>{Time::micros(0), Time::micros(1'500'000), Time::micros(3'000'000)});
  CHECK(replay(R"(, "start": "2026-11-17T09:00:01Z", "shift": "1m")") ==
        std::vector<Time>{Time::micros(60'500'000), Time::micros(62'000'000)});
}

TEST_CASE("A scenario's counts trace becomes per-interval counts from its start") {
  scratch_file("c.csv", "timestamp,value,period\n0,60,60\n60,0,60\n120,30,60\n");
  const models::Scenario s =
      load_in_scratch(R"("file": "c.csv", "format": "counts", "spread": "uniform", "start": 60)");
  const models::TraceData& data = *s.workload.arrivals.trace->data;
  CHECK(data.per_interval);
  CHECK(data.counts == std::vector<double>{0, 30});
  CHECK(data.first == sim::Time::zero());
  CHECK(data.period == sim::Duration::minutes(1));
  CHECK(s.workload.arrivals.trace->uniform_spread);
}

TEST_CASE("Trace problems in a scenario name the trace file and line, or the JSON path") {
  scratch_file("bad.csv", "5\n4\n");
  CHECK(scratch_error(R"("file": "bad.csv", "format": "timestamps")") ==
        "bad.csv:2: expected rows in time order, found 4s after line 1's 5s\n");
  CHECK(scratch_error(R"("file": "missing.csv", "format": "timestamps")") ==
        "missing.csv: expected a readable trace file, found No such file or directory\n");
  CHECK(scratch_error(
            R"("file": "bad.csv", "format": "timestamps", "spread": "uniform", "scale": 0)") ==
        "s.json:/workload/arrivals/spread: expected no \"spread\" with \"format\": \"timestamps\" "
        "(it is for "
        "counts)\n"
        "s.json:/workload/arrivals/scale: expected a number above 0 up to 1000, found 0\n");
  scratch_file("r.csv", "2026-11-17T09:00:00Z\n");
  CHECK(scratch_error(R"("file": "r.csv", "format": "timestamps", "start": 12)") ==
        "s.json:/workload/arrivals/start: expected a date-time, as in the trace file, found 12\n");
  CHECK(scratch_error(
            R"("file": "r.csv", "format": "timestamps", "start": "2026-11-18T00:00:00Z")") ==
        "s.json:/workload/arrivals/start: expected a start no later than the trace's last row, "
        "2026-11-17T09:00:00Z\n");
}
