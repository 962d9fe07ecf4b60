// `scalesim fit`, as a user runs it: the summary, a block that loads, and errors.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/scenario/loader.h"
#include "binary.h"

namespace fs = std::filesystem;

namespace {

using test::Outcome;
using test::slurp;

// Files a test writes: made once per process, apart from where runs put their output.
fs::path scratch() {
  static const fs::path dir = test::scratch("fit");
  return dir;
}

Outcome fit(const std::string& args) {
  return test::scalesim("fit " + args, test::scratch("fit-run"));
}

const std::string kTrace =
    std::string(SCALESIM_SOURCE_DIR) + "/scenarios/traces/api-invocations-5m.csv";

}  // namespace

TEST_CASE("fit summarises the shipped CloudWatch trace and writes a block that loads") {
  const fs::path block = scratch() / "block.json";
  const Outcome outcome = fit(kTrace + " -o " + block.string());
  REQUIRE(outcome.status == 0);
  CHECK(outcome.err.empty());
  CHECK(outcome.out.find(
            "4032 rows, 2026-11-01T15:00:00Z to 2026-11-15T14:55:00Z, 4032 intervals of 5m\n") !=
        std::string::npos);
  CHECK(outcome.out.find("weekly pattern: fitted") != std::string::npos);
  CHECK(outcome.out.find("burstier than Poisson") !=
        std::string::npos);  // generated with a gamma factor
  const std::string text = slurp(block);
  CHECK(text.find("\"start\": \"2026-11-02T00:00:00+09:00\"") != std::string::npos);
  // The block is a workload's clock and arrivals: splice it into a scenario.
  const std::string scenario =
      R"({"name": "t", "horizon": "1d", "workload": )" + text.substr(0, text.rfind('}')) +
      R"(, "service_time": "10ms"}, "strategies": [{"name": "a", "components": {
      "web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 1}}}]})";
  const models::Scenario s = app::parse_scenario(scenario, "s.json");
  CHECK(s.workload.arrivals.kind == models::ArrivalConfig::Kind::kOverdispersed);
  // The trace's hourly profile peaks in the afternoon (generated at 16/s x the push at 16:00)
  // and bottoms out at night (1.5/s): the loaded curve says the same, local time from the clock.
  const auto rate = models::make_rate(s.workload.arrivals.rate, s.workload.local_offset);
  CHECK(rate->at(16.5 * 3600) > 5 * rate->at(3.5 * 3600));
  CHECK(rate->at(3.5 * 3600) == Approx(1.5).epsilon(0.2));
}

TEST_CASE("fit rejects bad traces, short traces and bad flags with exit status 2") {
  const fs::path bad = scratch() / "bad.csv";
  std::ofstream(bad) << "0,5,60\n120,5,60\n";
  Outcome outcome = fit(bad.string());
  CHECK(outcome.status == 2);
  CHECK(outcome.err ==
        bad.string() +
            ":2: expected the next interval, 60s, found 120s: a gap of 1 intervals (set \"gaps\": "
            "\"zero\" to count missing intervals as 0)\n");
  outcome = fit(bad.string() + " --gaps zero");
  CHECK(outcome.status == 2);
  CHECK(outcome.err ==
        bad.string() + ": cannot fit: seasonal fit: 3 intervals of 60 s cover less than a day\n");
  outcome = fit(kTrace + " --utc-offset 9");
  CHECK(outcome.status == 2);
  CHECK(outcome.err ==
        "scalesim: --utc-offset: expected an offset such as \"+09:00\", found \"9\"\n");
  CHECK(fit(kTrace + " --format csv").status == 2);
}
