// The database kind (models/infrastructure/database.h) through the loader and a
// run: RDS instance hours and Aurora ACU-hours reproduced by hand from the
// us-east-1 price book, and each mistake with its file and pointer.
#include <catch2/catch.hpp>

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

}  // namespace

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

TEST_CASE("A database whose class the price book lacks is refused before the run", "[database]") {
  // db.t3.micro is priced for MySQL only in us-east-1.
  CHECK(error_of(scenario(R"("engine": "postgres", "instance_class": "db.t3.micro")"))
            .find(kDb + ": expected a controller the us-east-1 price book") == 0);
}
