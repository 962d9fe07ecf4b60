// The HTML report: what the page holds, how large it grows, bad input to
// `scalesim report`, and where `scalesim run --report` writes. Whether its charts
// draw is tested in a browser (tests/report/check_report.py).
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

#include "app/report/report.h"
#include "app/report/timeline.h"
#include "app/scenario/input_error.h"
#include "binary.h"

namespace fs = std::filesystem;

namespace {

std::string source(const std::string& relative) {
  return std::string(SCALESIM_SOURCE_DIR) + "/" + relative;
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The results.json of one strategy named `name` over `horizon_s`.
std::string results_json(const std::string& name, double horizon_s) {
  return R"({"format": "scalesim-results", "version": 1, "generator": "scalesim test",
    "scenario": {"name": "t", "file": "t.json", "seed": 1, "replications": 2,
                 "horizon_s": )" +
         std::to_string(horizon_s) + R"(, "warmup_s": 0, "interval_s": 60,
                 "clock": {"start": "mon 00:00", "utc_offset": null}},
    "confidence": 0.95,
    "strategies": [{"name": ")" +
         name + R"(", "description": "", "events": 1, "metrics": {
      "requests.arrivals": {"mean": 100, "half_width": 1, "unit": "count"},
      "rate.ok": {"mean": 0.99, "half_width": 0.001, "unit": "ratio"},
      "rate.no_capacity": {"mean": 0.01, "half_width": 0.001, "unit": "ratio"},
      "rate.error": {"mean": 0.01, "half_width": 0.001, "unit": "ratio"},
      "cost.service.ec2_usd": {"mean": 2.5, "half_width": null, "unit": "usd"}}}]})";
}

// A timeseries.csv of one strategy: `intervals` one-minute rows, arrivals 100
// but 5000 in interval `spike`.
std::string timeseries_csv(const std::string& quoted_name, size_t intervals, size_t spike) {
  std::string text =
      "# scalesim timeseries version 2; means over replications\n# clock starts mon 00:00\n"
      "strategy,interval_start_s,interval_end_s,local_time,arrivals,ok,no_capacity,error_rate,"
      "instances,spend_usd,latency_p50_ms,latency_p99_ms\n";
  for (size_t i = 0; i < intervals; ++i) {
    const std::string arrivals = i == spike ? "5000" : "100";
    text += quoted_name + "," + std::to_string(i * 60) + "," + std::to_string(i * 60 + 60) +
            ",mon 00:00," + arrivals + ",99,1,0.01,3,0.01,80," + (i % 7 == 0 ? "" : "400") + "\n";
  }
  return text;
}

const char* kNoEvents =
    "# scalesim events version 1\nstrategy,replication,time_s,source,what,detail\n";

}  // namespace

TEST_CASE("decimation keeps a long series' extremes in time order within its budget", "[report]") {
  app::report::Series s{"arrivals", {}, {}};
  for (int i = 0; i < 43200; ++i) {
    s.x.push_back(i * 60.0);
    s.y.push_back(i == 30001 ? 9000.0 : (i == 12345 ? -5.0 : 100.0 + std::sin(i / 500.0)));
  }
  s.y[20000] = std::nan("");
  const app::report::Series d = app::report::decimate(s, 2000);
  CHECK(d.x.size() <= 2000);
  CHECK(d.x.size() == d.y.size());
  CHECK(std::is_sorted(d.x.begin(), d.x.end()));
  CHECK(std::find(d.y.begin(), d.y.end(), 9000.0) != d.y.end());  // the spike
  CHECK(std::find(d.y.begin(), d.y.end(), -5.0) != d.y.end());    // the trough
  // Every value kept is one of the series' own, at its own time.
  for (size_t i = 0; i < d.x.size(); ++i) {
    const auto at = static_cast<size_t>(d.x[i] / 60);
    CHECK(d.y[i] == s.y[at]);
  }
  // A series within the budget is kept whole, gaps included.
  const app::report::Series short_series{"p99", {0, 60, 120}, {1, std::nan(""), 3}};
  const app::report::Series kept = app::report::decimate(short_series, 2000);
  CHECK(kept.x == short_series.x);
  CHECK(std::isnan(kept.y[1]));
}

TEST_CASE("the page of a 30-day run at one-minute intervals stays small, with its spike",
          "[report]") {
  const size_t intervals = 30 * 24 * 60;
  const app::report::ReportSources sources{results_json("web", intervals * 60.0),
                                           timeseries_csv("web", intervals, 40000), kNoEvents};
  const std::string page = app::report::render_report(sources);
  CHECK(sources.timeseries_csv.size() > 2'000'000);
  CHECK(page.size() < 400'000);
  CHECK(count(page, "\"></figure>") == 6);        // cost by service, five over time
  CHECK(page.find("5000") != std::string::npos);  // the spike survives decimation
  // Nothing is loaded from elsewhere.
  CHECK(page.find(" src=") == std::string::npos);
  CHECK(page.find(" href=") == std::string::npos);
}

TEST_CASE("names are escaped in the page and cannot end its data script", "[report]") {
  const std::string name = "</script><b>x & y</b>";
  const app::report::ReportSources sources{results_json(name, 600),
                                           timeseries_csv("\"" + name + "\"", 10, 3), kNoEvents};
  const std::string page = app::report::render_report(sources);
  CHECK(page.find("&lt;/script&gt;&lt;b&gt;x &amp; y&lt;/b&gt;") != std::string::npos);
  CHECK(page.find("</script><b>") == std::string::npos);
  CHECK(page.find("<\\/script><b>x & y<\\/b>") != std::string::npos);  // in the JSON data
}

TEST_CASE("the sweep's selection and charts appear when results.json has a sweep", "[report]") {
  const std::string dir = source("tests/report/sweep-fixture/");
  const app::report::ReportSources sources{test::slurp(dir + "results.json"),
                                           test::slurp(dir + "timeseries.csv"),
                                           test::slurp(dir + "events.csv")};
  const std::string page = app::report::render_report(sources);
  CHECK(page.find("target=50 is the cheapest point that meets the SLO") != std::string::npos);
  CHECK(page.find("p99 1150 ms &gt; 800 ms") != std::string::npos);
  // ASG's cost by target and against p99 (its selection as in a hand-written file,
  // found by strategy and point), the same across strategies against p99 (by entry),
  // three Pareto fronts, cost by service, and five charts over time per entry.
  CHECK(count(page, "\"></figure>") == 2 + 1 + 3 + 1 + 4 * 5);
  CHECK(page.find("\"title\":\"Across strategies: Pareto front of cost.per_month_usd against "
                  "rate.error\"") != std::string::npos);
  CHECK(page.find("\"label\":\"SLO latency.p99_ms < 800\"") != std::string::npos);
}

TEST_CASE("report DIR refuses a missing directory or file and bad files, naming them", "[report]") {
  const fs::path dir = test::scratch("report-bad");
  const fs::path run = dir / "run";
  fs::create_directories(run);

  test::Outcome o = test::scalesim("report " + (dir / "nothing").string(), dir);
  CHECK(o.status == 2);
  CHECK(o.err == (dir / "nothing").string() +
                     ": expected a directory holding results.json, timeseries.csv and events.csv, "
                     "found nothing\n");

  o = test::scalesim("report " + run.string(), dir);
  CHECK(o.status == 2);
  CHECK(o.err.find((run / "results.json").string() + ": expected a readable results file") == 0);

  write(run / "results.json", results_json("web", 600));
  write(run / "timeseries.csv", timeseries_csv("web", 10, 3));
  write(run / "events.csv", kNoEvents);
  o = test::scalesim("report " + run.string(), dir);
  CHECK(o.status == 0);
  CHECK(o.err == "scalesim: wrote " + (run / "report.html").string() + "\n");
  fs::remove(run / "report.html");

  SECTION("malformed JSON") {
    write(run / "results.json", "{\"format\": ");
    o = test::scalesim("report " + run.string(), dir);
    CHECK(o.status == 2);
    CHECK(o.err.find((run / "results.json").string() + ":") == 0);
  }
  SECTION("a value of the wrong kind, named by its pointer") {
    std::string text = results_json("web", 600);
    text.replace(text.find("\"mean\": 100"), 11, "\"mean\": \"a\"");
    write(run / "results.json", text);
    o = test::scalesim("report " + run.string(), dir);
    CHECK(o.status == 2);
    CHECK(o.err.find((run / "results.json").string() +
                     ":/strategies/0/metrics/requests.arrivals/mean: expected") == 0);
  }
  SECTION("not a results file") {
    write(run / "results.json", R"({"format": "something else", "version": 1})");
    o = test::scalesim("report " + run.string(), dir);
    CHECK(o.status == 2);
    CHECK(o.err.find(":/format: expected \"scalesim-results\"") != std::string::npos);
  }
  SECTION("a CSV field that is not a number, named by its line") {
    std::string text = timeseries_csv("web", 10, 3);
    text.replace(text.find(",100,"), 5, ",lots,");
    write(run / "timeseries.csv", text);
    o = test::scalesim("report " + run.string(), dir);
    CHECK(o.status == 2);
    CHECK(o.err == (run / "timeseries.csv").string() +
                       ":4: column arrivals: expected a number, found \"lots\"\n");
  }
  SECTION("a CSV of another format") {
    write(run / "events.csv", "strategy,time_s\n");
    o = test::scalesim("report " + run.string(), dir);
    CHECK(o.status == 2);
    CHECK(o.err == (run / "events.csv").string() +
                       ":1: expected the line \"# scalesim events version 1\" first\n");
  }
  // Nothing was written.
  CHECK(test::listing(run) ==
        std::vector<std::string>{"events.csv", "results.json", "timeseries.csv"});
}

TEST_CASE("run --report writes the page with the outputs, or alone, and checks it first",
          "[report]") {
  const fs::path dir = test::scratch("run-report");
  const std::string scenario = source("scenarios/checkout-replay.json");

  SECTION("alone, into a directory it creates") {
    const fs::path page = dir / "pages" / "r.html";
    const test::Outcome o =
        test::scalesim("run " + scenario + " -q --report " + page.string(), dir);
    CHECK(o.status == 0);
    CHECK(test::listing(dir / "pages") == std::vector<std::string>{"r.html"});
    CHECK(test::slurp(page).rfind("<!DOCTYPE html>", 0) == 0);
  }
  SECTION("in the output directory, as one unit with the other files") {
    const fs::path out = dir / "out";
    const test::Outcome o = test::scalesim(
        "run " + scenario + " -q --out " + out.string() + " --report " + (out / "r.html").string(),
        dir);
    CHECK(o.status == 0);
    CHECK(test::listing(out) == std::vector<std::string>{"costs.csv", "events.csv", "r.html",
                                                         "results.json", "timeseries.csv"});
    // report DIR renders the same page from the files.
    const test::Outcome again = test::scalesim("report -q " + out.string(), dir);
    CHECK(again.status == 0);
    CHECK(test::slurp(out / "report.html") == test::slurp(out / "r.html"));
  }
  SECTION("refused before the run: a directory, or one of the run's own files") {
    test::Outcome o = test::scalesim("run " + scenario + " -q --report " + dir.string(), dir);
    CHECK(o.status == 2);
    CHECK(o.err.find("--report: expected a file scalesim can write") != std::string::npos);
    o = test::scalesim("run " + scenario + " -q --out " + (dir / "out").string() + " --report " +
                           (dir / "out" / "results.json").string(),
                       dir);
    CHECK(o.status == 2);
    CHECK(o.err.find("the run's own results.json") != std::string::npos);
    CHECK(o.out.empty());  // nothing was simulated
    CHECK(!fs::exists(dir / "out"));
  }
}

TEST_CASE("a sweep object of the wrong shape is refused at its pointer", "[report]") {
  std::string text = test::slurp(source("tests/report/sweep-fixture/results.json"));
  const std::string from = "\"selection\": [";
  text.replace(text.find(from), from.size(), "\"selection\": [3, ");
  const app::report::ReportSources sources{text, "", ""};
  try {
    app::report::render_report(sources);
    FAIL("no error");
  } catch (const app::InputError& e) {
    CHECK(std::string(e.what()) ==
          "results.json:/sweep/selection/0: expected a selection object, found 3\n");
  }
}

TEST_CASE("report -o refuses a directory before writing anything", "[report]") {
  const fs::path dir = test::scratch("report-out-dir");
  const std::string fixture = source("tests/report/sweep-fixture");
  const test::Outcome o = test::scalesim("report " + fixture + " -o " + dir.string(), dir);
  CHECK(o.status == 2);
  CHECK(o.err == "scalesim: -o: expected a file scalesim can write, found " + dir.string() +
                     " (a directory)\n");
  CHECK(test::listing(dir) == std::vector<std::string>{"stderr", "stdout"});
}

TEST_CASE("run --report draws a real sweep's selection and fronts", "[report]") {
  const fs::path dir = test::scratch("run-report-sweep");
  write(dir / "s.json", R"({
  "name": "sweep-report", "horizon": "10m", "warmup": "1m", "seed": 5, "replications": 3,
  "workload": { "arrivals": { "process": "poisson", "rate": "20/s" },
                "service_time": { "distribution": "exponential", "mean": "100ms" } },
  "strategies": [
    { "name": "fleet", "components": {
        "lb": { "kind": "alb", "next": "web" },
        "web": { "kind": "server_fleet", "instance_type": "m5.large", "count": 2, "slots": 2 } } },
    { "name": "lambda", "components": {
        "api": { "kind": "api_gateway", "next": "fn" },
        "fn": { "kind": "lambda_function", "memory_mb": 512 } } }
  ],
  "sweep": { "parameters": [
    { "name": "count", "pointer": "/strategies/0/components/web/count", "values": [1, 2, 3] } ] }
})");
  const fs::path page = dir / "out" / "report.html";
  const test::Outcome o =
      test::scalesim("run " + (dir / "s.json").string() + " -q -j1 --slo 'latency.p99<800ms' " +
                         "--out " + (dir / "out").string() + " --report " + page.string(),
                     dir);
  REQUIRE(o.status == 0);
  const std::string html = test::slurp(page);
  CHECK(html.find("\"title\":\"fleet: cost.per_month_usd by count\"") != std::string::npos);
  CHECK(html.find("\"title\":\"Across strategies: cost.per_month_usd against latency.p99_ms\"") !=
        std::string::npos);
  CHECK(html.find("Pareto front of cost.per_month_usd against rate.error") != std::string::npos);
  CHECK(html.find("<th>across strategies</th>") != std::string::npos);
}
