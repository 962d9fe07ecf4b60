// `scalesim import`: ALB and CloudFront lines, endpoint patterns, plain and gzip
// files in any order, bad lines and wrong formats, and the round trip
// log -> trace -> run, whose arrivals per minute are the log's.
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "app/import/access_log.h"
#include "app/import/endpoint.h"
#include "app/import/import_text.h"
#include "app/import/log_import.h"
#include "app/trace/timestamp.h"
#include "binary.h"

namespace fs = std::filesystem;

namespace {

using test::Outcome;
using test::slurp;

const fs::path kData = fs::path(SCALESIM_SOURCE_DIR) / "tests/data/import";

fs::path scratch() {
  static const fs::path dir = test::scratch("import");
  return dir;
}

fs::path write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

fs::path write_gzip(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  gzFile out = gzopen(path.string().c_str(), "wb");
  gzwrite(out, text.data(), static_cast<unsigned>(text.size()));
  gzclose(out);
  return path;
}

std::string import_error(const std::vector<std::string>& files, app::ImportOptions options = {}) {
  try {
    app::import_logs(files, options);
  } catch (const app::InputError& e) {
    return e.what();
  }
  return "no error";
}

int64_t at(const std::string& iso) {
  return app::parse_timestamp(iso)->us;
}

// An ALB line of the documented layout: received at `created`, answered
// `target` seconds later ("-1": no target answered).
std::string alb_line(const std::string& created_iso, const std::string& request,
                     const std::string& target = "0.020", int status = 200,
                     const std::string& type = "https") {
  const int64_t done = at(created_iso) + (target == "-1" ? 1000 : 21000);
  return type + " " + app::format_timestamp({done, true, 0}) +
         " app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 " + target +
         " 0.001 " + std::to_string(status) + " " + (target == "-1" ? "-" : "200") + " 34 366 \"" +
         request + "\" \"curl/7.46.0\" - - " +
         "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/"
         "73e2d6bc24d8a067 "
         "\"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 " +
         created_iso + " \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\"\n";
}

const std::string kCloudFrontHeader =
    "#Version: 1.0\n"
    "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "
    "cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id "
    "x-host-header cs-protocol cs-bytes time-taken\n";

std::string cloudfront_line(const std::string& date, const std::string& time,
                            const std::string& path, const std::string& status = "200",
                            const std::string& taken = "0.250",
                            const std::string& protocol = "https") {
  return date + "\t" + time +
         "\tSEA19-C1\t2390\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t" + path + "\t" +
         status + "\t-\tMozilla/5.0\t-\t-\tMiss\tabc123\td111111abcdef8.cloudfront.net\t" +
         protocol + "\t105\t" + taken + "\n";
}

}  // namespace

TEST_CASE("Endpoint patterns replace numeric, UUID and long hex segments", "[import]") {
  using app::endpoint_pattern;
  CHECK(endpoint_pattern("/users/42") == "/users/{id}");
  CHECK(endpoint_pattern("/users/42/orders/7") == "/users/{id}/orders/{id}");
  CHECK(endpoint_pattern("/orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301") == "/orders/{uuid}");
  CHECK(endpoint_pattern("/objects/5f1d7a3b9c0e4d21a8b6c3f0/meta") == "/objects/{hex}/meta");
  CHECK(endpoint_pattern("/commits/a1b2c3d4") == "/commits/{hex}");
  CHECK(endpoint_pattern("/invoices/42.pdf") == "/invoices/{id}.pdf");
  // Words and versions stay, even when their letters are hex digits.
  CHECK(endpoint_pattern("/v2/feed") == "/v2/feed");
  CHECK(endpoint_pattern("/cafe/deadbeef/facade") == "/cafe/deadbeef/facade");
  CHECK(endpoint_pattern("/") == "/");
  CHECK(endpoint_pattern("") == "/");
  CHECK(endpoint_pattern("/users/") == "/users/");
}

TEST_CASE("ALB lines: the documented fields, -1 timings, WebSockets and unreadable requests",
          "[import]") {
  std::string error;
  // The example of AWS's documentation, an HTTP entry.
  const std::string doc =
      "http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 "
      "192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "
      "\"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - "
      "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "
      "\"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 2018-07-02T22:22:48.364000Z "
      "\"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\"";
  auto e = app::parse_alb_line(doc, error);
  REQUIRE(e);
  CHECK(e->time_us == at("2018-07-02T22:22:48.364Z"));  // request_creation_time
  CHECK(e->method == "GET");
  CHECK(e->path == "/");
  CHECK(e->status == 200);
  CHECK(e->service_us == 1000);
  CHECK(e->response_bytes == 366);
  CHECK(e->http);

  // Without the later fields, the request arrived its processing times before `time`.
  e = app::parse_alb_line(
      "h2 2026-11-17T09:00:01.500000Z app/x/1 1.2.3.4:5 10.0.0.1:80 0.001 0.250 0.002 201 201 "
      "10 20 \"POST https://api.example.com:443/orders/77?x=1 HTTP/2.0\" \"a \\\"quoted\\\" "
      "agent\"",
      error);
  REQUIRE(e);
  CHECK(e->time_us == at("2026-11-17T09:00:01.247Z"));
  CHECK(e->path == "/orders/77");

  e = app::parse_alb_line(
      alb_line("2026-11-17T09:00:00Z", "GET https://a:443/x HTTP/1.1", "-1", 502), error);
  REQUIRE(e);
  CHECK(e->service_us == -1);
  CHECK(e->status == 502);
  e = app::parse_alb_line(
      alb_line("2026-11-17T09:00:00Z", "GET https://a:443/ws HTTP/1.1", "0.1", 101, "wss"), error);
  REQUIRE(e);
  CHECK_FALSE(e->http);
  e = app::parse_alb_line(alb_line("2026-11-17T09:00:00Z", "- https://a:443- -", "-1", 400), error);
  REQUIRE(e);
  CHECK_FALSE(e->http);

  CHECK_FALSE(app::parse_alb_line("https 2026-11-17T09:00:00Z app/x/1 1.2.3.4:5", error));
  CHECK(error ==
        "expected at least 14 space-separated fields (type through \"user_agent\"), found 4");
  CHECK_FALSE(app::parse_alb_line(
      "https 2026-11-17T09:00:00Z app/x/1 1.2.3.4:5 10.0.0.1:80 0.000 fast 0.000 200 200 34 366 "
      "\"GET http://a/ HTTP/1.1\" \"curl\"",
      error));
  CHECK(error == "expected the target_processing_time in seconds (or -1), found \"fast\"");
}

TEST_CASE("CloudFront lines: columns by the #Fields line, 000 status and WebSockets", "[import]") {
  std::string error;
  const auto columns = app::read_cloudfront_fields(
      kCloudFrontHeader.substr(kCloudFrontHeader.find("#Fields:"),
                               kCloudFrontHeader.size() - kCloudFrontHeader.find("#Fields:") - 1),
      error);
  REQUIRE(columns);
  CHECK(columns->uri_stem == 7);
  CHECK(columns->time_taken == 18);
  std::string line = cloudfront_line("2026-11-17", "09:00:05", "/api/users/9", "000", "0.002");
  line.pop_back();
  auto e = app::parse_cloudfront_line(line, *columns, error);
  REQUIRE(e);
  CHECK(e->time_us == at("2026-11-17T09:00:05Z"));
  CHECK(e->status == 0);
  CHECK(e->service_us == 2000);
  CHECK(e->path == "/api/users/9");
  line = cloudfront_line("2026-11-17", "09:00:05", "/ws", "101", "30.000", "wss");
  line.pop_back();
  e = app::parse_cloudfront_line(line, *columns, error);
  REQUIRE(e);
  CHECK_FALSE(e->http);
  CHECK_FALSE(app::read_cloudfront_fields("#Fields: date time cs-uri-stem", error));
  CHECK(error ==
        "expected a #Fields line naming date, time, cs-method, cs-uri-stem, sc-status, sc-bytes "
        "and time-taken, found one without cs-method, sc-status, sc-bytes, time-taken");
}

TEST_CASE("The shipped ALB sample: plain and gzip files, every line accounted for", "[import]") {
  const app::ImportResult r = app::import_logs({(kData / "alb").string()}, {});
  CHECK(r.format == app::LogFormat::kAlb);
  CHECK(r.counts.files == 2);
  CHECK(r.counts.lines == 150);
  CHECK(r.counts.requests == 148);
  CHECK(r.counts.non_http == 2);  // a wss connection and a request ALB could not read
  CHECK(r.counts.failed == 2);    // a 502 and a 503
  CHECK(r.counts.untimed == 1);   // a 460: the client left before the target answered
  CHECK(r.counts.lines == r.counts.requests + r.counts.non_http + r.counts.bad);
  CHECK(r.arrivals_us.size() == 148);
  CHECK(std::is_sorted(r.arrivals_us.begin(), r.arrivals_us.end()));
  REQUIRE(r.endpoints.size() == 6);
  CHECK(r.endpoints[0].name == "GET /api/users/{id}");
  uint64_t calls = 0, timed = 0;
  for (const app::Endpoint& e : r.endpoints) {
    calls += e.requests;
    timed += e.service_us.size();
    CHECK(e.requests == e.failed + e.untimed + e.service_us.size());
  }
  CHECK(calls == 148);
  CHECK(timed == 148 - 3);
}

TEST_CASE("Files in any order, lines a little out of order: the same trace", "[import]") {
  std::string a, b;
  // Lines in the order of the response time; request times interleave across files.
  a += alb_line("2026-11-17T09:00:00.500000Z", "GET https://x:443/a HTTP/1.1", "0.900");
  a += alb_line("2026-11-17T09:00:00.900000Z", "GET https://x:443/a HTTP/1.1", "0.100");
  a += alb_line("2026-11-17T09:00:00.700000Z", "GET https://x:443/a HTTP/1.1");
  b += alb_line("2026-11-17T09:00:00.100000Z", "GET https://x:443/b/1 HTTP/1.1");
  b += alb_line("2026-11-17T09:00:00.800000Z", "GET https://x:443/b/2 HTTP/1.1");
  const fs::path fa = write(scratch() / "order/a.log", a);
  const fs::path fb = write_gzip(scratch() / "order/b.log.gz", b);
  const auto one = app::import_logs({fa.string(), fb.string()}, {});
  const auto two = app::import_logs({fb.string(), fa.string()}, {});
  const std::vector<int64_t> expected = {at("2026-11-17T09:00:00.1Z"), at("2026-11-17T09:00:00.5Z"),
                                         at("2026-11-17T09:00:00.7Z"), at("2026-11-17T09:00:00.8Z"),
                                         at("2026-11-17T09:00:00.9Z")};
  CHECK(one.arrivals_us == expected);
  CHECK(two.arrivals_us == expected);
  CHECK(app::render_trace(one) == app::render_trace(two));
  REQUIRE(one.endpoints.size() == 2);
  CHECK(one.endpoints[0].name == "GET /a");
  CHECK(one.endpoints[1].name == "GET /b/{id}");
  CHECK(one.endpoints[1].requests == 2);
}

TEST_CASE("CloudFront's whole seconds: requests spread over their second, less time-taken",
          "[import]") {
  const std::string log = kCloudFrontHeader +
                          cloudfront_line("2026-11-17", "09:00:05", "/a", "200", "0.000") +
                          cloudfront_line("2026-11-17", "09:00:05", "/a", "200", "0.000") +
                          cloudfront_line("2026-11-17", "09:00:05", "/a", "200", "2.000") +
                          cloudfront_line("2026-11-17", "09:00:05", "/a", "200", "0.000");
  const fs::path file = write_gzip(scratch() / "cf/E1.2026-11-17-09.x.gz", log);
  app::ImportOptions options;
  auto r = app::import_logs({file.string()}, options);
  // Four requests finished in 09:00:05: at 1/8, 3/8, 5/8 and 7/8 of it, the longest last.
  const int64_t s = at("2026-11-17T09:00:05Z");
  CHECK(r.arrivals_us ==
        std::vector<int64_t>{s + 875000 - 2000000, s + 125000, s + 375000, s + 625000});
  options.spread = false;
  r = app::import_logs({file.string()}, options);
  CHECK(r.arrivals_us == std::vector<int64_t>{s - 2000000, s, s, s});
}

TEST_CASE("The shipped CloudFront sample: a gzip file, failures and a WebSocket", "[import]") {
  const app::ImportResult r = app::import_logs({(kData / "cloudfront").string()}, {});
  CHECK(r.format == app::LogFormat::kCloudFront);
  CHECK(r.counts.lines == 120);
  CHECK(r.counts.requests == 119);
  CHECK(r.counts.non_http == 1);
  CHECK(r.counts.failed == 2);  // a 503 and a 000
  CHECK(r.counts.untimed == 0);
}

TEST_CASE("Bad lines are named by file and line, and fail the import unless allowed", "[import]") {
  const std::string good = alb_line("2026-11-17T09:00:00Z", "GET https://x:443/a HTTP/1.1");
  std::string bad_time = good;
  bad_time.replace(bad_time.find("2026-11-17T09:00:00.021Z"), 24, "17/11/2026");
  const fs::path file =
      write(scratch() / "bad/a.log",
            good + good + "https 2026-11-17T09:00:01Z truncated\n" + good + bad_time);
  std::string message = import_error({file.string()});
  CHECK(message ==
        file.string() +
            ":3: expected at least 14 space-separated fields (type through \"user_agent\"), "
            "found 3\n" +
            file.string() + ":5: expected the time, an ISO 8601 date-time, found \"17/11/2026\"\n" +
            file.string() +
            ": 2 of 5 lines could not be read; nothing was written (--max-bad-lines 2 leaves them "
            "out)\n");
  app::ImportOptions options;
  options.max_bad_lines = 2;
  const app::ImportResult r = app::import_logs({file.string()}, options);
  CHECK(r.counts.bad == 2);
  CHECK(r.counts.requests == 3);
  REQUIRE(r.bad_lines.size() == 2);
  CHECK(r.bad_lines[0].file == file.string() + ":3");
  CHECK(app::render_import_summary(r).find("  2 bad lines left out (--max-bad-lines):\n    " +
                                           file.string() + ":3: expected") != std::string::npos);

  // Many bad lines: the first ones shown, the rest counted.
  std::string many;
  for (int i = 0; i < 100; ++i) many += "https 2026-11-17T09:00:01Z truncated\n";
  const fs::path many_file = write(scratch() / "bad/many.log", many);
  message = import_error({many_file.string()});
  CHECK(std::count(message.begin(), message.end(), '\n') == 20);
  CHECK(message.find(many_file.string() + ": 82 more bad lines not shown\n") != std::string::npos);
  CHECK(message.find("100 of 100 lines could not be read") != std::string::npos);
}

TEST_CASE("A file of the wrong format is named as such", "[import]") {
  const std::string cf = (kData / "cloudfront/E2EXAMPLE1ABCD.2026-11-17-09.a1b2c3d4.gz").string();
  app::ImportOptions alb;
  alb.format = app::LogFormat::kAlb;
  CHECK(import_error({cf}, alb) ==
        cf + ": expected an ALB access log, found a CloudFront standard log\n");
  // Detected from the first file; a later file of the other format is refused.
  const fs::path alb_file = write(scratch() / "mixed/a.log",
                                  alb_line("2026-11-17T09:00:00Z", "GET https://x:443/ HTTP/1.1"));
  CHECK(import_error({alb_file.string(), cf}) ==
        cf + ": expected an ALB access log (the format of " + alb_file.string() +
            "), found a CloudFront standard log\n");
  const fs::path csv = write(scratch() / "mixed/t.csv", "timestamp\n2026-11-17T09:00:00Z\n");
  CHECK(import_error({csv.string()}) ==
        csv.string() +
            ": expected an ALB access log or a CloudFront standard log, found a first line of "
            "neither format, \"timestamp\"\n");
}

TEST_CASE("A gzip file cut short is reported, not read as a shorter log", "[import]") {
  std::string log;
  for (int i = 0; i < 2000; ++i)
    log +=
        alb_line("2026-11-17T09:00:00Z", "GET https://x:443/a/" + std::to_string(i) + " HTTP/1.1");
  const fs::path whole = write_gzip(scratch() / "cut/whole.log.gz", log);
  const std::string bytes = slurp(whole);
  const fs::path cut = write(scratch() / "cut/cut.log.gz", bytes.substr(0, bytes.size() / 2));
  CHECK(app::import_logs({whole.string()}, {}).counts.requests == 2000);
  const std::string message = import_error({cut.string()});
  CHECK(message.starts_with(cut.string() + ": expected intact gzip data, found "));
}

TEST_CASE("import on the command line: bad input writes nothing and exits 2", "[import]") {
  const fs::path dir = test::scratch("import-cli");
  const std::string cf = (kData / "cloudfront").string();
  Outcome o =
      test::scalesim("import " + cf + " --format alb --trace " + (dir / "out/t.csv").string(), dir);
  CHECK(o.status == 2);
  CHECK(o.err.find("expected an ALB access log, found a CloudFront standard log") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out"));
  CHECK(test::scalesim("import " + cf + " --classes 0", dir).status == 2);
  o = test::scalesim("import " + cf + " --utc-offset 9", dir);
  CHECK(o.status == 2);
  CHECK(o.err == "scalesim: --utc-offset: expected an offset such as \"+09:00\", found \"9\"\n");
}

// Per-minute counts of a log with a known number of requests in each minute,
// in two files (one gzip), lines in the order ALB writes them; the run's
// timeseries.csv must count the same arrivals in each minute.
TEST_CASE("Round trip: log -> trace -> run, the run's arrivals per minute are the log's",
          "[import]") {
  const fs::path dir = test::scratch("import-roundtrip");
  std::mt19937_64 rng(7);
  std::vector<std::pair<int64_t, std::string>> lines;  // by response time
  std::vector<int> per_minute;
  const int64_t start = at("2026-11-17T09:00:00Z");
  for (int m = 0; m < 12; ++m) {
    per_minute.push_back(3 + 7 * m % 23);
    for (int k = 0; k < per_minute.back(); ++k) {
      const int64_t t = start + m * 60'000'000 + static_cast<int64_t>(rng() % 60'000'000);
      const std::string path = "/items/" + std::to_string(rng() % 1000);
      const std::string target = k % 9 == 4 ? "-1" : "0.040";
      lines.emplace_back(t + 41000, alb_line(app::format_timestamp({t, true, 0}),
                                             "GET https://x:443" + path + " HTTP/1.1", target,
                                             target == "-1" ? 502 : 200));
    }
  }
  std::sort(lines.begin(), lines.end());
  std::string first, second;
  for (size_t i = 0; i < lines.size(); ++i) (i % 2 ? first : second) += lines[i].second;
  write(dir / "logs/node-a.log", first);
  write_gzip(dir / "logs/node-b.log.gz", second);

  Outcome o =
      test::scalesim("import " + (dir / "logs").string() + " --trace " +
                         (dir / "trace.csv").string() + " -o " + (dir / "block.json").string(),
                     dir);
  REQUIRE(o.status == 0);
  CHECK(o.err == "scalesim: wrote " + (dir / "trace.csv").string() + " (" +
                     std::to_string(lines.size()) + " requests) and " +
                     (dir / "block.json").string() + "\n");
  const std::string block = slurp(dir / "block.json");
  CHECK(block.find("\"file\": \"trace.csv\"") != std::string::npos);
  write(dir / "s.json",
        R"({"name": "roundtrip", "horizon": "12m", "interval": "1m", "replications": 1,
    "workload": )" +
            block.substr(0, block.rfind('}')) + R"(},
    "strategies": [{"name": "fleet", "components": {
      "web": {"kind": "server_fleet", "instance_type": "c6g.large", "count": 4, "slots": 8}}}]})");
  o = test::scalesim("run " + (dir / "s.json").string() + " -q -o " + (dir / "out").string(), dir);
  REQUIRE(o.status == 0);
  std::istringstream csv(slurp(dir / "out/timeseries.csv"));
  std::string line;
  std::vector<int> run_minutes;
  while (std::getline(csv, line)) {
    if (!line.starts_with("fleet,")) continue;
    std::vector<std::string> fields;
    std::istringstream row(line);
    for (std::string f; std::getline(row, f, ',');) fields.push_back(f);
    run_minutes.push_back(std::stoi(fields[4]));  // arrivals
  }
  CHECK(run_minutes == per_minute);
}
