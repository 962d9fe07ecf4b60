// scalesim diff: which changes it calls larger than the noise, what it says of
// strategies and metrics found in one file only, and bad files.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "binary.h"

namespace fs = std::filesystem;

namespace {

// A results.json with one strategy "s" and the given metrics object.
std::string results(const std::string& metrics, const std::string& strategy = "s") {
  return R"({"format": "scalesim-results", "version": 1, "generator": "scalesim 0.1.0",
    "scenario": {"name": "t", "replications": 5}, "confidence": 0.95,
    "strategies": [{"name": ")" +
         strategy + R"(", "description": "", "events": [], "metrics": )" + metrics + "}]}";
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::string source(const std::string& relative) {
  return std::string(SCALESIM_SOURCE_DIR) + "/" + relative;
}

}  // namespace

TEST_CASE("diff shows the changes whose intervals do not overlap", "[diff]") {
  const fs::path dir = test::scratch("diff-changes");
  write(dir / "a.json", results(R"({
    "cost.total_usd": {"mean": 100, "half_width": 1, "unit": "usd"},
    "latency.p99_ms": {"mean": 800, "half_width": 20, "unit": "ms"},
    "requests.ok": {"mean": 5000, "half_width": 0, "unit": "count"},
    "gone": {"mean": 1, "half_width": null, "unit": "count"}})"));
  write(dir / "b.json", results(R"({
    "cost.total_usd": {"mean": 102.5, "half_width": 1, "unit": "usd"},
    "latency.p99_ms": {"mean": 830, "half_width": 20, "unit": "ms"},
    "requests.ok": {"mean": 5000, "half_width": 0, "unit": "count"},
    "new": {"mean": 2, "half_width": null, "unit": "count"}})"));
  const std::string a = (dir / "a.json").string(), b = (dir / "b.json").string();
  const test::Outcome o = test::scalesim("diff " + a + " " + b, dir);
  // cost moved 2.5 against half-widths summing to 2: flagged; p99 moved 30
  // against 40: within the noise; ok did not move.
  CHECK(o.status == 0);
  CHECK(o.err.empty());
  CHECK(o.out ==
        "A = " + a + " (scenario \"t\", 5 replications)\n" + "B = " + b +
            " (scenario \"t\", 5 replications)\n"
            "A change is larger than the noise when the 95% confidence intervals do not overlap.\n"
            "\n"
            "Strategy \"s\"\n"
            "  metric                    A            B        change\n"
            "  cost.total_usd  100.0 ± 1.0  102.5 ± 1.0  +2.5 (+2.5%)  larger than the noise\n"
            "  1 metrics changed within the noise, 1 unchanged\n"
            "  only in A: gone\n"
            "  only in B: new\n");
  const test::Outcome all = test::scalesim("diff --all " + a + " " + b, dir);
  CHECK(all.out.find("800 ± 20       830 ± 20   +30 (+3.8%)  within the noise\n") !=
        std::string::npos);
  CHECK(all.out.find("unchanged\n") != std::string::npos);
}

TEST_CASE("diff names strategies found in one file only", "[diff]") {
  const fs::path dir = test::scratch("diff-strategies");
  write(dir / "a.json",
        results(R"({"m": {"mean": 1, "half_width": null, "unit": "count"}})", "old"));
  write(dir / "b.json",
        results(R"({"m": {"mean": 1, "half_width": null, "unit": "count"}})", "new"));
  const test::Outcome o =
      test::scalesim("diff " + (dir / "a.json").string() + " " + (dir / "b.json").string(), dir);
  CHECK(o.out.find("\nStrategy \"old\": only in A\n\nStrategy \"new\": only in B\n") !=
        std::string::npos);
}

TEST_CASE("diff refuses a file that is not scalesim's results", "[diff]") {
  const fs::path dir = test::scratch("diff-bad");
  write(dir / "a.json", results("{}"));
  write(dir / "b.json", R"({"format": "other", "version": 2, "scenario": {}, "confidence": 0.95,
    "strategies": [{"name": "s", "metrics": {"m": {"mean": "x", "half_width": null}}}]})");
  const std::string b = (dir / "b.json").string();
  const test::Outcome o = test::scalesim("diff " + (dir / "a.json").string() + " " + b, dir);
  CHECK(o.status == 2);
  CHECK(o.out.empty());
  CHECK(o.err == b + ":/format: expected \"scalesim-results\", found \"other\"\n" + b +
                     ":/version: expected an integer from 1 to 1, found 2\n" + b +
                     ":/strategies/0/metrics/m/mean: expected a number, found \"x\"\n");
  CHECK(test::scalesim("diff " + b + " " + (dir / "missing.json").string(), dir).status == 2);
}

TEST_CASE("diff flags a real change between runs, and not the noise of another seed", "[diff]") {
  const fs::path dir = test::scratch("diff-runs");
  const std::string scenario = source("scenarios/compare-strategies.json");
  const std::string one = (dir / "one").string(), two = (dir / "two").string();
  const std::string busier = (dir / "busier").string();
  REQUIRE(test::scalesim("run " + scenario + " -q -r 5 --seed 1 --out " + one, dir).status == 0);
  REQUIRE(test::scalesim("run " + scenario + " -q -r 5 --seed 2 --out " + two, dir).status == 0);
  const test::Outcome noise =
      test::scalesim("diff " + one + "/results.json " + two + "/results.json", dir);
  CHECK(noise.out.find("  larger than the noise\n") == std::string::npos);
  CHECK(noise.out.find("\"Lambda arm64 + HTTP API\": no change larger than the noise\n") !=
        std::string::npos);
  // The same seed with half as much traffic again: arrivals and cost move.
  std::ifstream in(scenario);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t at = text.find("\"40/s\"");
  REQUIRE(at != std::string::npos);
  text.replace(at, 6, "\"60/s\"");
  write(dir / "busier.json", text);
  REQUIRE(test::scalesim(
              "run " + (dir / "busier.json").string() + " -q -r 5 --seed 1 --out " + busier, dir)
              .status == 0);
  const test::Outcome change =
      test::scalesim("diff " + one + "/results.json " + busier + "/results.json", dir);
  CHECK(change.out.find("  requests.arrivals ") != std::string::npos);
  CHECK(change.out.find("(+50.0%)  larger than the noise") != std::string::npos);
}
