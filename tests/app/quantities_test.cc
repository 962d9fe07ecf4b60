#include "app/scenario/quantities.h"

#include <catch2/catch.hpp>

TEST_CASE("Durations read with their units, and odd forms are refused") {
  CHECK(app::parse_duration("90s")->us() == 90'000'000);
  CHECK(app::parse_duration("5m")->us() == 300'000'000);
  CHECK(app::parse_duration("2h")->us() == 7'200'000'000);
  CHECK(app::parse_duration("7d")->us() == 604'800'000'000);
  CHECK(app::parse_duration("250ms")->us() == 250'000);
  CHECK(app::parse_duration("1.5s")->us() == 1'500'000);
  CHECK(app::parse_duration("40us")->us() == 40);
  CHECK(app::parse_duration("0s")->us() == 0);
  CHECK(app::parse_duration(".5s")->us() == 500'000);
  for (const char* bad :
       {"90", "s", "-5s", "1e3s", "5 s", "5sec", "1.s", "0.5us", "", "5min", "1h30", "1h 30m"}) {
    INFO(bad);
    CHECK_FALSE(app::parse_duration(bad).has_value());
  }
}

TEST_CASE("A duration may add parts from the largest unit down, each unit once") {
  CHECK(app::parse_duration("1h30m")->us() == 5'400'000'000);
  CHECK(app::parse_duration("1d18h")->us() == 151'200'000'000);
  CHECK(app::parse_duration("2m30s")->us() == 150'000'000);
  CHECK(app::parse_duration("1s500ms")->us() == 1'500'000);
  CHECK(app::parse_duration("1h0.5m")->us() == 3'630'000'000);
  for (const char* bad : {"30m1h", "1h1h", "1s1s", "5ms1s", "1hm", "h30m"}) {
    INFO(bad);
    CHECK_FALSE(app::parse_duration(bad).has_value());
  }
}

TEST_CASE("Durations format as the shortest exact text") {
  CHECK(app::format_duration(sim::Duration::seconds(90)) == "90s");
  CHECK(app::format_duration(sim::Duration::hours(48)) == "2d");
  CHECK(app::format_duration(sim::Duration::millis(1500)) == "1500ms");
  CHECK(app::format_duration(sim::Duration()) == "0s");
}

TEST_CASE("Rates read per second, minute, hour or day") {
  CHECK(*app::parse_rate("200/s") == 200);
  CHECK(*app::parse_rate("12000/min") == 200);
  CHECK(*app::parse_rate("7200/h") == 2);
  CHECK(*app::parse_rate("86400/d") == 1);
  for (const char* bad : {"200", "200/sec", "/s", "-1/s", "1/"})
    CHECK_FALSE(app::parse_rate(bad).has_value());
}

TEST_CASE("Edit distance counts insertions, deletions and substitutions") {
  CHECK(app::edit_distance("count", "cuont") == 2);
  CHECK(app::edit_distance("slots", "slot") == 1);
  CHECK(app::edit_distance("", "abc") == 3);
}
