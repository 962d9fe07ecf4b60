// Input that used to crash or hang scalesim: each case ends in a clear input
// error (exit status 2) naming the file and the JSON pointer, at load time.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "app/scenario/input_error.h"
#include "app/scenario/loader.h"
#include "app/trace/trace_file.h"
#include "binary.h"
#include "input_errors.h"

namespace {

using test::error_of;

// A valid scenario around `arrivals` (a JSON object) and `horizon`.
std::string with_arrivals(const std::string& arrivals, const std::string& horizon = "1h") {
  return R"({"name": "t", "horizon": ")" + horizon + R"(", "replications": 2,
  "workload": {"arrivals": )" +
         arrivals + R"(, "service_time": "10ms"},
  "strategies": [{"name": "a", "components": {
    "web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 2}}}]})";
}

std::string nested(const std::string& open, const std::string& close, int depth) {
  std::string text;
  for (int i = 0; i < depth; ++i) text += open;
  for (int i = 0; i < depth; ++i) text += close;
  return text;
}

}  // namespace

TEST_CASE("Nesting deeper than the limit is an error at the first level too deep", "[hardening]") {
  // Deep enough to overflow a recursive reader's stack, were it read.
  CHECK(error_of(R"({"name": "t", "workload": )" + nested("[", "]", 100000) + "}") ==
        "s.json:/workload/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/"
        "0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0: expected at most 64 levels of "
        "nested objects and arrays, found more\n");
  std::string curves;
  for (int i = 0; i < 70; ++i) curves += R"({"curve": "clip", "min": 0, "max": 10, "of": )";
  curves += "\"1/s\"" + std::string(70, '}');
  const std::string message =
      error_of(with_arrivals(R"({"process": "poisson", "rate": )" + curves + "}"));
  CHECK(message.starts_with("s.json:/workload/arrivals/rate/of/of/of/"));
  CHECK(
      message.ends_with(": expected at most 64 levels of nested objects and arrays, found "
                        "more\n"));
  // Up to the limit, nesting is fine JSON (and the loader then judges it).
  CHECK(error_of(R"({"x": )" + nested("[", "]", 63) + "}").find("levels") == std::string::npos);
}

TEST_CASE("A number beyond a double is an error at its pointer", "[hardening]") {
  CHECK(error_of(R"({"name": "t", "replications": 1e400})") ==
        "s.json:/replications: expected a number a double can hold (up to about 1.8e308), found "
        "a larger one\n");
  CHECK(error_of(R"({"a": [1, 2, -1e999]})") ==
        "s.json:/a/2: expected a number a double can hold (up to about 1.8e308), found a larger "
        "one\n");
}

TEST_CASE("Messages list the first twenty problems and count the rest", "[hardening]") {
  std::string keys;
  for (int i = 0; i < 25; ++i) keys += "\"unknown" + std::to_string(i) + "\": 1, ";
  const std::string message = error_of(R"({)" + keys + R"("name": "t"})");
  CHECK(std::count(message.begin(), message.end(), '\n') == 21);
  CHECK(message.ends_with("s.json: 8 more problems not shown\n"));  // 25 keys + 3 missing
  // A long value is cut in the message.
  const std::string long_value(1000, 'x');
  const std::string cut = error_of(R"({"name": "t", "horizon": ")" + long_value + R"("})");
  CHECK(cut.find("found \"" + std::string(79, 'x') + "...\"") != std::string::npos);
  CHECK(cut.size() < 400);
}

TEST_CASE("Two keys naming the same percentile are an error", "[hardening]") {
  std::string text = with_arrivals(R"({"process": "poisson", "rate": "1/s"})");
  text.replace(text.find(R"("10ms")"), 6,
               R"({"distribution": "empirical", "percentiles":
                   {"0": "1ms", "50": "2ms", "50.0": "3ms", "100": "4ms"}})");
  CHECK(error_of(text) ==
        "s.json:/workload/service_time/percentiles/50.0: expected each percentile once, found "
        "\"50.0\", the same percentile as \"50\"\n");
}

TEST_CASE("A rate that overflows is caught when the scenario loads", "[hardening]") {
  CHECK(error_of(with_arrivals(R"({"process": "poisson", "rate": {"curve": "trend",
      "growth": "exponential", "per_day": 10, "of": "1/s"}})",
                               "100d")) ==
        "s.json:/workload/arrivals: expected traffic with a finite rate and count, found one "
        "that overflows before t = 70d1h45m\n");  // 8640 e^(10 t) passes 1.8e308
  CHECK(error_of(with_arrivals(R"({"process": "poisson", "rate": 1e308})", "1d")) ==
        "s.json:/workload/arrivals: expected traffic with a finite rate and count, found one "
        "that overflows before t = 1d0h0m\n");
  // Large but finite traffic loads: the run, not the file, is refused (below).
  CHECK(error_of(with_arrivals(R"({"process": "poisson", "rate": 1e12})", "1d")) == "no error");
}

TEST_CASE("Directories, FIFOs, devices and huge files are refused before reading", "[hardening]") {
  const auto dir = test::scratch("input-files");
  const auto error_loading = [](const std::string& path) {
    try {
      app::load_scenario_file(path);
    } catch (const app::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_loading(dir.string()) ==
        dir.string() + ": expected scenario file, found a directory\n");
  const std::string fifo = (dir / "fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(error_loading(fifo) == fifo + ": expected scenario file, found a FIFO (named pipe)\n");
  CHECK(error_loading("/dev/zero") == "/dev/zero: expected scenario file, found a device\n");
  // A sparse file: its size is all that is checked, so nothing is written.
  const auto huge = dir / "huge.json";
  std::ofstream(huge).close();
  std::filesystem::resize_file(huge, (uint64_t{64} << 20) + 1);
  CHECK(error_loading(huge.string()) ==
        huge.string() +
            ": expected scenario file of at most 64 MiB, found one of 67108865 bytes\n");
  try {
    app::read_trace_file("/dev/zero", {});
    FAIL("no error");
  } catch (const app::InputError& e) {
    CHECK(std::string(e.what()) == "/dev/zero: expected trace file, found a device\n");
  }
  // Through the binary: exit status 2 at once, for the scenario and a price book.
  const test::Outcome outcome = test::scalesim("validate /dev/zero", dir);
  CHECK(outcome.status == 2);
  CHECK(outcome.err == "/dev/zero: expected scenario file, found a device\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("A counts trace whose gaps would fill too many intervals is refused", "[hardening]") {
  const auto dir = test::scratch("trace-gaps");
  const auto path = dir / "counts.csv";
  std::ofstream(path) << "0,5,0.000001\n40,7,0.000001\n";
  app::TraceReadOptions options;
  options.format = app::TraceFormat::kCounts;
  options.gaps_are_zero = true;
  try {
    app::read_trace_file(path.string(), options);
    FAIL("no error");
  } catch (const app::InputError& e) {
    CHECK(std::string(e.what()) == path.string() +
                                       ":2: expected at most 32000000 intervals in all, found a "
                                       "gap of 39999999 intervals to fill after line 1\n");
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("fit refuses a period that would cut the trace into too many intervals", "[hardening]") {
  const auto dir = test::scratch("fit-period");
  std::ofstream(dir / "t.csv") << "2026-11-01T00:00:00Z\n2026-11-02T00:00:00Z\n";
  const test::Outcome outcome =
      test::scalesim("fit --format timestamps --period 1us " + (dir / "t.csv").string(), dir);
  CHECK(outcome.status == 2);
  CHECK(outcome.err ==
        "scalesim: --period: expected a period that cuts the trace into at most 32000000 "
        "intervals, found 86400000001 intervals of 1us\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("A run that would take too long is refused with its figure, unless allowed",
          "[hardening]") {
  const auto dir = test::scratch("max-requests");
  const std::string file = (dir / "s.json").string();
  std::ofstream(file) << with_arrivals(R"({"process": "poisson", "rate": "2000/s"})", "1m");
  const test::Outcome refused = test::scalesim("run -q -j 1 --max-requests 2e5 " + file, dir);
  CHECK(refused.status == 2);
  CHECK(refused.out.empty());
  CHECK(refused.err ==
        "scalesim: this run would simulate about 240 thousand requests (120 thousand per "
        "replication x 1 strategy x 2 replications), more than --max-requests allows (200 "
        "thousand); at about 10 million requests/s per thread that is some 1 s on 1 thread. "
        "Raise --max-requests to run it anyway, or shorten the horizon, lower the rate, or run "
        "fewer replications or strategies\n");
  CHECK(test::scalesim("run -q -j 1 --max-requests 3e5 " + file, dir).status == 0);
  CHECK(test::scalesim("run -q -j 1 --max-requests 2e5 -r 1 " + file, dir).status == 0);
  // validate says what a run will ask for.
  CHECK(test::scalesim("validate " + file, dir).out ==
        file +
            ": ok (1 strategy; a run simulates about 240 thousand requests (120 thousand per "
            "replication x 1 strategy x 2 replications))\n");
  std::filesystem::remove_all(dir);
}
