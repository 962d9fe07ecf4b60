// The scalesim binary, as a user runs it: exit statuses, messages, files written.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include "binary.h"

namespace fs = std::filesystem;

namespace {

using test::Outcome;
using test::scalesim;
using test::scratch;
using test::slurp;

std::string source(const std::string& relative) {
  return std::string(SCALESIM_SOURCE_DIR) + "/" + relative;
}

std::vector<fs::path> shipped_scenarios() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(source("scenarios"))) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("The version and help flags succeed") {
  const fs::path dir = scratch("version");
  const Outcome version = scalesim("--version", dir);
  CHECK(version.status == 0);
  CHECK(version.out.starts_with("scalesim "));
  CHECK(scalesim("run --help", dir).status == 0);
  CHECK(scalesim("validate --help", dir).status == 0);
  CHECK(scalesim("diff --help", dir).status == 0);
}

TEST_CASE("Usage errors exit with status 2") {
  const fs::path dir = scratch("usage");
  CHECK(scalesim("", dir).status == 2);
  CHECK(scalesim("run", dir).status == 2);
  CHECK(scalesim("diff one.json", dir).status == 2);
  CHECK(scalesim("frobnicate", dir).status == 2);
  CHECK(scalesim("run " + source("scenarios/fleet-sizing.json") + " --jobs 0", dir).status == 2);
}

TEST_CASE("A seed outside 0 to 2^63 - 1 is a usage error, never wrapped or clamped") {
  const fs::path dir = scratch("seed");
  const std::string run = "run " + source("scenarios/fleet-sizing.json") + " -r 1 -q --seed ";
  for (const char* bad : {"-1", "9223372036854775808", "99999999999999999999", "12a"}) {
    INFO(bad);
    const Outcome outcome = scalesim(run + bad, dir);
    CHECK(outcome.status == 2);
    CHECK(outcome.err.starts_with(
        "--seed: expected a whole number from 0 to 9223372036854775807, found \"" +
        std::string(bad) + "\""));
  }
  CHECK(scalesim(run + "9223372036854775807", dir).status == 0);
}

TEST_CASE("A bad scenario exits 2 with the documented message and writes nothing") {
  const fs::path dir = scratch("bad");
  std::ofstream(dir / "bad.json")
      << R"({"name": "x", "horizon": "1h", "workload": {}, "strategies": []})";
  const Outcome outcome =
      scalesim("run " + (dir / "bad.json").string() + " --out " + (dir / "out").string(), dir);
  CHECK(outcome.status == 2);
  CHECK(outcome.out.empty());
  const std::string file = (dir / "bad.json").string();
  CHECK(outcome.err ==
        file + ":/workload/arrivals: expected an arrival process object, found nothing\n" + file +
            ":/workload/service_time: expected a duration or distribution, found nothing\n" + file +
            ":/strategies: expected a non-empty array of strategies, found an array\n");
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("validate reports each file, and fails if any is bad") {
  const fs::path dir = scratch("validate");
  std::ofstream(dir / "bad.json") << "[1, 2";
  const Outcome outcome = scalesim(
      "validate " + source("scenarios/fleet-sizing.json") + " " + (dir / "bad.json").string(), dir);
  CHECK(outcome.status == 2);
  CHECK(outcome.out == source("scenarios/fleet-sizing.json") +
                           ": ok (4 strategies; a run simulates about 17.3 million requests (432 "
                           "thousand per replication x 4 strategies x 10 replications))\n");
  CHECK(outcome.err.starts_with((dir / "bad.json").string() +
                                ": expected valid JSON, found a parse error"));
}

TEST_CASE("An unknown --strategy is bad input that lists the strategies") {
  const fs::path dir = scratch("strategy");
  const Outcome outcome =
      scalesim("run " + source("scenarios/fleet-sizing.json") + " --strategy nope", dir);
  CHECK(outcome.status == 2);
  CHECK(outcome.err.starts_with("scalesim: --strategy: expected one of \"9x t3.small\", "));
}

TEST_CASE("Results are byte-identical for --jobs 1 and --jobs 2") {
  const fs::path dir = scratch("jobs");
  const std::string run = "run " + source("scenarios/fleet-sizing.json") + " -r 3 -q --out ";
  REQUIRE(scalesim(run + (dir / "one").string() + " --jobs 1", dir).status == 0);
  const std::string table = slurp(dir / "stdout");
  REQUIRE(scalesim(run + (dir / "two").string() + " --jobs 2", dir).status == 0);
  CHECK(slurp(dir / "stdout") == table);
  CHECK(slurp(dir / "one" / "results.json") == slurp(dir / "two" / "results.json"));
  CHECK(slurp(dir / "one" / "timeseries.csv") == slurp(dir / "two" / "timeseries.csv"));
  CHECK(slurp(dir / "one" / "results.json").find("\"version\": 1") != std::string::npos);
}

TEST_CASE("Every shipped scenario validates and runs") {
  const auto files = shipped_scenarios();
  REQUIRE_FALSE(files.empty());
  for (const fs::path& file : files) {
    INFO(file.string());
    const fs::path dir = scratch("shipped-" + file.stem().string());
    CHECK(scalesim("validate " + file.string(), dir).status == 0);
    const Outcome run =
        scalesim("run " + file.string() + " -r 2 -q --out " + (dir / "out").string(), dir);
    CHECK(run.status == 0);
    CHECK(run.err.empty());
    CHECK(run.out.find("Latency of successful requests") != std::string::npos);
    CHECK(fs::exists(dir / "out" / "results.json"));
    CHECK(fs::exists(dir / "out" / "timeseries.csv"));
  }
}

TEST_CASE("An output directory that cannot be written is refused before simulating") {
  const fs::path dir = scratch("unwritable");
  std::ofstream(dir / "file") << "not a directory";
  const Outcome outcome = scalesim("run " + source("scenarios/fleet-sizing.json") + " -r 2 --out " +
                                       (dir / "file" / "out").string(),
                                   dir);
  CHECK(outcome.status == 2);
  CHECK(outcome.out.empty());
  CHECK(outcome.err.starts_with(
      "scalesim: --out: expected a directory scalesim can write to, found "));
}
