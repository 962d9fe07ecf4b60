// The database kind (models/infrastructure/database.h) through the loader and a
// run: RDS instance hours and Aurora ACU-hours reproduced by hand from the
// us-east-1 price book, the latency it adds to the requests of what it drives,
// and each mistake with its file and pointer.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

#include "app/scenario/loader.h"
#include "input_errors.h"
#include "models/strategy_run.h"
#include "run_metrics.h"

namespace {

using test::error_of;

const std::string kDb = "s.json:/strategies/0/controllers/db";

// A day of two requests a second to a function, at each whole second from 0s to
// 24h inclusive (172,802 requests), with the database `db` watching it.
std::string scenario(const std::string& db) {
  return R"({"name": "db", "horizon": "24h",
    "workload": {"arrivals": {"process": "periodic", "every": "1s", "burst": 2},
                 "service_time": "10ms"},
    "strategies": [{"name": "a", "components": {"fn": {"kind": "lambda_function"}},
                    "controllers": {"db": {"kind": "database", "drives": "fn", )" +
         db + "}}}]}";
}

// An hour of two requests a second, each 10 ms of work, to `component`, with a
// db.t4g.micro watching it that adds `db` (more keys, or nothing).
std::string hour_with_database(const std::string& component, const std::string& db) {
  return R"({"name": "db", "horizon": "1h",
    "workload": {"arrivals": {"process": "periodic", "every": "1s", "burst": 2},
                 "service_time": "10ms"},
    "strategies": [{"name": "a", "components": {"web": )" +
         component + R"(},
                    "controllers": {"db": {"kind": "database", "drives": "web",
                      "engine": "postgres", "instance_class": "db.t4g.micro")" +
         db + "}}}]}";
}

const std::string kFunction = R"({"kind": "lambda_function"})";

}  // namespace

TEST_CASE("A database's latency is waited in every invocation and billed as duration",
          "[database]") {
  const auto without = test::metrics_of(hour_with_database(kFunction, ""));
  const auto with = test::metrics_of(hour_with_database(kFunction, R"(, "latency": "25ms")"));
  // Every invocation in the hour waited 25 ms more: at 128 MB, 25 ms is
  // 0.003125 GB-s, and nothing else about the runs differs.
  const double waited = test::at(with, "controller.db.latency_requests");
  CHECK(waited == 7202);  // 3,601 instants from 0 s to 3,600 s, two requests each
  CHECK(test::at(with, "controller.db.latency_mean_ms") == 25);
  CHECK(test::at(with, "usage.meter.web.duration") -
            test::at(without, "usage.meter.web.duration") ==
        Approx(waited * 0.025 * 0.125).epsilon(1e-12));
  CHECK(test::at(with, "latency.p50_ms") == Approx(35).margin(0.1));
  CHECK(test::at(without, "latency.p50_ms") == Approx(10).margin(0.1));
  CHECK(without.count("controller.db.latency_mean_ms") == 0);
}

TEST_CASE("A database's latency holds a fleet's slot and is drawn from its distribution",
          "[database]") {
  const std::string fleet =
      R"({"kind": "server_fleet", "instance_type": "t3.micro", "count": 1, "slots": 4})";
  const auto m = test::metrics_of(hour_with_database(
      fleet, R"(, "latency": {"distribution": "lognormal", "mean": "20ms", "cv": 1})"));
  // 7,202 draws of a lognormal with mean 20 ms and sd 20 ms: the sample mean is
  // within four standard errors (4 * 20 / sqrt(7202) = 0.94 ms) of 20.
  const double mean_wait = test::at(m, "controller.db.latency_mean_ms");
  CHECK(std::abs(mean_wait - 20) < 4 * 20 / std::sqrt(7202.0));
  // Nothing queues (two requests, four slots), so a request's latency is its
  // 10 ms of work and its wait; both means are over nearly the same requests.
  CHECK(test::at(m, "latency.mean_ms") == Approx(10 + mean_wait).margin(0.05));
  CHECK(test::at(m, "component.web.in_service_mean") ==
        Approx(2 * (0.010 + mean_wait / 1e3)).margin(1e-4));

  // An ECS service's tasks wait alike.
  const auto tasks = test::metrics_of(hour_with_database(
      R"({"kind": "ecs_service", "vcpu": 0.25, "memory_gb": 0.5, "desired": 1, "slots": 4})",
      R"(, "latency": "25ms")"));
  CHECK(test::at(tasks, "latency.p50_ms") == Approx(35).margin(0.1));
}

TEST_CASE("An RDS instance costs its hours and its storage, both twice with Multi-AZ",
          "[database]") {
  // us-east-1: db.t4g.micro PostgreSQL 0.016 an hour, gp3 0.115 per GB-month.
  const auto one = test::metrics_of(
      scenario(R"("engine": "postgres", "instance_class": "db.t4g.micro", "storage_gb": 50)"));
  CHECK(test::at(one, "controller.db.instance_hours") == Approx(24));
  CHECK(test::at(one, "cost.meter.db.instance_hours_usd") == Approx(24 * 0.016));
  CHECK(test::at(one, "cost.meter.db.storage_usd") == Approx(50 * 24.0 / 730 * 0.115));
  CHECK(test::at(one, "cost.service.rds_usd") == Approx(24 * 0.016 + 50 * 24.0 / 730 * 0.115));

  const auto two = test::metrics_of(scenario(
      R"("engine": "mysql", "instance_class": "db.t3.large", "multi_az": true, "storage_gb": 20)"));
  CHECK(test::at(two, "controller.db.instance_hours") == Approx(48));
  CHECK(test::at(two, "cost.meter.db.instance_hours_usd") == Approx(2 * 24 * 0.136));
  CHECK(test::at(two, "cost.meter.db.storage_usd") == Approx(2 * 20 * 24.0 / 730 * 0.115));
}

TEST_CASE("Aurora Serverless v2 bills the ACU-hours its watched load asks for", "[database]") {
  // 2 rps at 1 rps per ACU wants 2 ACUs, the max: from 0.5 the capacity takes 3 s
  // (0.5, 1, 1.5), then holds 2 for the rest of the day (the last instant's extra
  // requests would want 2.5, beyond the max). Storage and I/O at 0.10 and 0.20.
  const double acu_seconds = 0.5 + 1 + 1.5 + 2 * (86400 - 3);
  const auto m = test::metrics_of(scenario(
      R"("engine": "aurora-postgresql", "min_acu": 0.5, "max_acu": 2,
         "requests_per_second_per_acu": 1, "storage_gb": 100, "io_per_request": 5)"));
  CHECK(test::at(m, "controller.db.acu_hours") == Approx(acu_seconds / 3600));
  CHECK(test::at(m, "controller.db.acu_mean") == Approx(acu_seconds / 86400));
  CHECK(test::at(m, "controller.db.acu_peak") == 2);
  CHECK(test::at(m, "cost.meter.db.acu_hours_usd") == Approx(acu_seconds / 3600 * 0.12));
  CHECK(test::at(m, "cost.meter.db.storage_usd") == Approx(100 * 24.0 / 730 * 0.10));
  CHECK(test::at(m, "cost.meter.db.io_usd") == Approx(172802 * 5 / 1e6 * 0.20));

  // A reader in promotion tier 0-1 scales with the writer and is billed alike; the
  // cluster's storage is billed once. A floor above the load holds the floor.
  const auto floor = test::metrics_of(scenario(
      R"("engine": "aurora-mysql", "min_acu": 4, "max_acu": 16, "readers": 1,
         "requests_per_second_per_acu": 1, "storage_gb": 100)"));
  CHECK(test::at(floor, "controller.db.acu_hours") == Approx(2 * 4 * 24));
  CHECK(test::at(floor, "controller.db.acu_peak") == 4);
  CHECK(test::at(floor, "cost.meter.db.acu_hours_usd") == Approx(2 * 4 * 24 * 0.12));
  CHECK(test::at(floor, "cost.meter.db.storage_usd") == Approx(100 * 24.0 / 730 * 0.10));
}

TEST_CASE("A database refuses bad input with its pointer", "[database]") {
  CHECK(error_of(scenario(R"("engine": "postgres", "instance_class": "db.t9.huge")")) ==
        kDb +
            "/instance_class: expected one of db.t3.micro, db.t3.small, db.t3.medium, "
            "db.t3.large, db.t4g.micro, db.t4g.small or db.m5.large, found \"db.t9.huge\"\n");
  CHECK(error_of(scenario(R"("engine": "oracle", "instance_class": "db.t3.micro")")) ==
        kDb +
            "/engine: expected one of mysql, postgres, aurora-mysql or aurora-postgresql, found "
            "\"oracle\"\n");
  CHECK(error_of(scenario(R"("engine": "aurora-mysql", "min_acu": 16, "max_acu": 8,
                             "requests_per_second_per_acu": 10)")) ==
        kDb + "/min_acu: expected a min_acu no more than max_acu (8), found 16\n");
  CHECK(error_of(scenario(R"("engine": "aurora-mysql", "max_acu": 512,
                             "requests_per_second_per_acu": 10)")) ==
        kDb +
            "/max_acu: expected ACUs in steps of 0.5 from 1 to 256 (Aurora Serverless v2's "
            "limit), found 512\n");
  CHECK(error_of(scenario(R"("engine": "aurora-mysql", "min_acu": 0.7, "max_acu": 8,
                             "requests_per_second_per_acu": 10)")) ==
        kDb +
            "/min_acu: expected ACUs in steps of 0.5 from 0.5 to 256 (Aurora Serverless v2's "
            "limit), found 0.7\n");
  CHECK(error_of(scenario(R"("engine": "aurora-mysql", "max_acu": 8)")) ==
        kDb +
            "/requests_per_second_per_acu: expected a number above 0 up to 1000000000, found "
            "nothing\n");
  CHECK(error_of(scenario(R"("engine": "postgres", "instance_class": "db.t3.micro",
                             "max_acu": 8)")) ==
        kDb +
            "/max_acu: expected no such key for an RDS DB instance (\"engine\": \"postgres\"); "
            "it belongs to Aurora Serverless v2, found 8\n");
  CHECK(error_of(scenario(R"("engine": "aurora-postgresql", "multi_az": true, "max_acu": 8,
                             "requests_per_second_per_acu": 10)")) ==
        kDb +
            "/multi_az: expected no \"multi_az\" for Aurora: its Multi-AZ standby is a reader "
            "(\"readers\": 1), found true\n");
}

TEST_CASE("A database's latency needs a component that serves requests", "[database]") {
  const std::string alb = R"({"name": "db", "horizon": "1h",
    "workload": {"arrivals": {"process": "periodic", "every": "1s"}, "service_time": "10ms"},
    "strategies": [{"name": "a", "components": {
        "lb": {"kind": "alb", "next": "web"},
        "web": {"kind": "server_fleet", "instance_type": "t3.micro", "count": 1}},
      "controllers": {"db": {"kind": "database", "drives": "lb", "engine": "postgres",
                             "instance_class": "db.t4g.micro", "latency": "5ms"}}}]})";
  CHECK(error_of(alb) == kDb +
                             "/latency: expected a latency on a database that drives a "
                             "component serving requests itself (ecs_service, lambda_function, "
                             "server_fleet), found one that drives alb \"lb\", which forwards "
                             "them\n");
  CHECK(error_of(hour_with_database(kFunction, R"(, "latency": "soon")")) ==
        kDb +
            "/latency: expected a duration such as \"250ms\", \"90s\", \"5m\", \"2h\" or "
            "\"7d\", found \"soon\"\n");
}

TEST_CASE("A database whose class the price book lacks is refused before the run", "[database]") {
  // db.t3.micro is priced for MySQL only in us-east-1.
  CHECK(error_of(scenario(R"("engine": "postgres", "instance_class": "db.t3.micro")"))
            .find(kDb + ": expected a controller the us-east-1 price book") == 0);
}
