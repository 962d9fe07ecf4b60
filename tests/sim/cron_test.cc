#include "sim/cron.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/random.h"

namespace {

// Local time since Monday 00:00: day 0 is Monday, 6 Sunday, 7 the next Monday.
sim::Duration local(int64_t day, int64_t hour, int64_t minute) {
  return sim::Duration::hours(24 * day + hour) + sim::Duration::minutes(minute);
}

// The instant of a run started at local time `offset` at which the local clock reads `at`.
sim::Time when(sim::Duration offset, sim::Duration at) {
  return sim::Time::zero() + (at - offset);
}

sim::CronSchedule cron(const std::string& text) {
  std::string error;
  const std::optional<sim::CronSchedule> schedule = sim::CronSchedule::parse(text, &error);
  INFO(text + ": " + error);
  REQUIRE(schedule);
  return *schedule;
}

std::string error_of(const std::string& text) {
  std::string error;
  CHECK_FALSE(sim::CronSchedule::parse(text, &error));
  return error;
}

// The firings of `schedule` after `t`, `count` of them, each strictly after the one before.
std::vector<sim::Time> firings(const sim::CronSchedule& schedule, sim::Time t, sim::Duration offset,
                               int count) {
  std::vector<sim::Time> out;
  for (int i = 0; i < count; ++i) out.push_back(t = schedule.next_after(t, offset));
  return out;
}

uint32_t bits(std::vector<int> days) {
  uint32_t out = 0;
  for (int d : days) out |= 1u << d;
  return out;
}

}  // namespace

TEST_CASE("A working-day schedule in a run that starts Tuesday 09:30 fires Wednesday 09:00",
          "[sim]") {
  const sim::Duration tuesday_0930 = local(1, 9, 30);
  const sim::CronSchedule schedule = cron("0 9 * * 1-5");
  CHECK(schedule.next_after(sim::Time::zero(), tuesday_0930) ==
        sim::Time::zero() + sim::Duration::minutes(23 * 60 + 30));
  // Wednesday, Thursday, Friday, then over the weekend to Monday and Tuesday.
  CHECK(
      firings(schedule, sim::Time::zero(), tuesday_0930, 5) ==
      std::vector<sim::Time>{when(tuesday_0930, local(2, 9, 0)), when(tuesday_0930, local(3, 9, 0)),
                             when(tuesday_0930, local(4, 9, 0)), when(tuesday_0930, local(7, 9, 0)),
                             when(tuesday_0930, local(8, 9, 0))});
}

TEST_CASE("A schedule fires at local minute boundaries, strictly after the given instant",
          "[sim]") {
  // A run that starts Tuesday 08:59:30.5, off the minute grid.
  const sim::Duration offset = local(1, 8, 59) + sim::Duration::micros(30500000);
  const sim::CronSchedule schedule = cron("0 9 * * 1-5");
  const sim::Time nine = schedule.next_after(sim::Time::zero(), offset);
  CHECK(nine == sim::Time::micros(29500000));
  CHECK(schedule.matches(nine, offset));
  CHECK_FALSE(schedule.matches(nine + sim::Duration::micros(1), offset));
  CHECK_FALSE(schedule.matches(nine - sim::Duration::micros(1), offset));
  CHECK_FALSE(schedule.matches(nine + sim::Duration::minutes(1), offset));
  CHECK(schedule.next_after(nine, offset) == when(offset, local(2, 9, 0)));
  CHECK(schedule.next_after(nine - sim::Duration::micros(1), offset) == nine);
}

TEST_CASE("Only the local time matters: an offset a week longer fires at the same instants",
          "[sim]") {
  const sim::CronSchedule schedule = cron("15 7,19 * * sat");
  const sim::Time t = sim::Time::zero() + sim::Duration::hours(5);
  CHECK(firings(schedule, t, local(1, 9, 30), 4) == firings(schedule, t, local(8, 9, 30), 4));
  CHECK(firings(schedule, t, local(1, 9, 30), 3) ==
        std::vector<sim::Time>{when(local(1, 9, 30), local(5, 7, 15)),
                               when(local(1, 9, 30), local(5, 19, 15)),
                               when(local(1, 9, 30), local(12, 7, 15))});
}

TEST_CASE("Steps pick every n-th value of * or of a range", "[sim]") {
  const sim::Duration monday = local(0, 0, 0);
  const sim::Duration offset = local(0, 0, 7) + sim::Duration::seconds(20);
  CHECK(firings(cron("*/15 * * * *"), sim::Time::zero(), offset, 4) ==
        std::vector<sim::Time>{when(offset, local(0, 0, 15)), when(offset, local(0, 0, 30)),
                               when(offset, local(0, 0, 45)), when(offset, local(0, 1, 0))});
  // At exactly 00:00 on the run's first instant, which is not strictly after it.
  CHECK(firings(cron("0 */6 * * *"), sim::Time::zero(), monday, 4) ==
        std::vector<sim::Time>{when(monday, local(0, 6, 0)), when(monday, local(0, 12, 0)),
                               when(monday, local(0, 18, 0)), when(monday, local(1, 0, 0))});
  CHECK(firings(cron("0-30/10 8-10 * * *"), sim::Time::zero(), monday, 13) ==
        std::vector<sim::Time>{when(monday, local(0, 8, 0)), when(monday, local(0, 8, 10)),
                               when(monday, local(0, 8, 20)), when(monday, local(0, 8, 30)),
                               when(monday, local(0, 9, 0)), when(monday, local(0, 9, 10)),
                               when(monday, local(0, 9, 20)), when(monday, local(0, 9, 30)),
                               when(monday, local(0, 10, 0)), when(monday, local(0, 10, 10)),
                               when(monday, local(0, 10, 20)), when(monday, local(0, 10, 30)),
                               when(monday, local(1, 8, 0))});
  CHECK(cron("10-50/20 * * * *").minutes() == ((1ull << 10) | (1ull << 30) | (1ull << 50)));
  CHECK(cron("0 */7 * * *").hours() == bits({0, 7, 14, 21}));
  CHECK(cron("0 0 * * */2").weekdays() == bits({6, 1, 3, 5}));  // Sun, Tue, Thu, Sat
}

TEST_CASE("Lists combine numbers, ranges and steps", "[sim]") {
  const sim::Duration monday = local(0, 0, 0);
  CHECK(firings(cron("5,10,50 3,15 * * *"), sim::Time::zero(), monday, 7) ==
        std::vector<sim::Time>{when(monday, local(0, 3, 5)), when(monday, local(0, 3, 10)),
                               when(monday, local(0, 3, 50)), when(monday, local(0, 15, 5)),
                               when(monday, local(0, 15, 10)), when(monday, local(0, 15, 50)),
                               when(monday, local(1, 3, 5))});
  CHECK(cron("0,30-32,*/20 * * * *").minutes() ==
        ((1ull << 0) | (1ull << 20) | (1ull << 30) | (1ull << 31) | (1ull << 32) | (1ull << 40)));
  CHECK(cron("0 9 * * mon,3-4,sat").weekdays() == bits({0, 2, 3, 5}));
  CHECK(cron("* * * * *").minutes() == (1ull << 60) - 1);
  CHECK(cron("* * * * *").hours() == (1u << 24) - 1);
  CHECK(cron("* * * * *").weekdays() == 0x7fu);
}

TEST_CASE("Sunday is 0 or 7 or sun, and day names are case-insensitive", "[sim]") {
  const uint32_t sunday = bits({6});
  for (const char* text : {"0 12 * * 0", "0 12 * * 7", "0 12 * * sun", "0 12 * * SUN",
                           "0 12 * * 0,7", "0 12 * * sun-sun"}) {
    INFO(text);
    CHECK(cron(text).weekdays() == sunday);
  }
  // A run that starts Monday 00:00 first fires on Sunday; one that starts Sunday
  // 13:00 waits a week.
  CHECK(cron("0 12 * * 7").next_after(sim::Time::zero(), local(0, 0, 0)) ==
        when(local(0, 0, 0), local(6, 12, 0)));
  CHECK(cron("0 12 * * 0").next_after(sim::Time::zero(), local(6, 13, 0)) ==
        when(local(6, 13, 0), local(13, 12, 0)));
  CHECK(cron("0 9 * * MON-fri").weekdays() == cron("0 9 * * 1-5").weekdays());
  CHECK(cron("0 9 * * Mon,wEd,FRI").weekdays() == bits({0, 2, 4}));
  CHECK(cron("0 9 * * fri-sun").weekdays() == bits({4, 5, 6}));
  CHECK(cron("0 9 * * sat-7").weekdays() == bits({5, 6}));
  CHECK(cron("0 9 * * sun-tue").weekdays() == bits({6, 0, 1}));
  CHECK(cron("0 9 * * 1-7").weekdays() == 0x7fu);
  // A weekend schedule from a run that starts Friday 18:00.
  const sim::Duration friday = local(4, 18, 0);
  CHECK(firings(cron("0 8 * * sat,sun"), sim::Time::zero(), friday, 3) ==
        std::vector<sim::Time>{when(friday, local(5, 8, 0)), when(friday, local(6, 8, 0)),
                               when(friday, local(12, 8, 0))});
}

TEST_CASE("next_after agrees with a minute-by-minute search of matches", "[sim]") {
  const sim::Duration minute = sim::Duration::minutes(1);
  sim::RandomStream rng(17);
  for (const char* text :
       {"0 9 * * 1-5", "*/7 */5 * * *", "59 23 * * 0", "0,30 8-17/3 * * mon-fri", "* * * * *",
        "0 0 * * 6", "13 13 * * wed", "45 * * * 2,4", "0 0,23 * * sun"}) {
    INFO(text);
    const sim::CronSchedule schedule = cron(text);
    for (int trial = 0; trial < 100; ++trial) {
      // Offsets and instants on and off the minute grid.
      const sim::Duration offset =
          trial % 4 == 0 ? minute * static_cast<int64_t>(rng.below(7 * 1440))
                         : sim::Duration::micros(static_cast<int64_t>(rng.below(604800000000)));
      const sim::Time t = sim::Time::micros(static_cast<int64_t>(
          trial % 3 == 0 ? rng.below(20160) * 60000000 : rng.below(1209600000000)));
      // The first local minute boundary strictly after t, then minute by minute.
      const int64_t local_us = offset.us() + t.us();
      sim::Time expected =
          t + sim::Duration::micros((local_us / 60000000 + 1) * 60000000 - local_us);
      while (!schedule.matches(expected, offset)) expected += minute;
      REQUIRE(schedule.next_after(t, offset) == expected);
    }
  }
}

TEST_CASE("Cron errors say what was expected and what was found", "[sim]") {
  const std::string fields =
      "expected 5 fields (minute hour day-of-month month day-of-week), found ";
  CHECK(error_of("") == fields + "0");
  CHECK(error_of("0 9 *") == fields + "3");
  CHECK(error_of("0 9 * * 1 2") == fields + "6");
  CHECK(error_of("75 * * * *") == "expected a minute from 0 to 59, found \"75\"");
  CHECK(error_of("1-75 * * * *") == "expected a minute from 0 to 59, found \"75\"");
  CHECK(error_of("1,,2 * * * *") == "expected a minute from 0 to 59, found \"\"");
  CHECK(error_of("-5 * * * *") == "expected a minute from 0 to 59, found \"-5\"");
  CHECK(error_of("5- * * * *") == "expected a minute from 0 to 59, found \"5-\"");
  CHECK(error_of("1.5 * * * *") == "expected a minute from 0 to 59, found \"1.5\"");
  CHECK(error_of("99999999999 * * * *") == "expected a minute from 0 to 59, found \"99999999999\"");
  CHECK(error_of("0 24 * * *") == "expected an hour from 0 to 23, found \"24\"");
  CHECK(error_of("0 9am * * *") == "expected an hour from 0 to 23, found \"9am\"");
  const std::string weekday =
      "expected a day of the week from 0 to 7 (0 and 7 are Sunday) or a "
      "name mon to sun, found ";
  CHECK(error_of("0 9 * * 8") == weekday + "\"8\"");
  CHECK(error_of("0 9 * * funday") == weekday + "\"funday\"");
  CHECK(error_of("0 9 * * monday") == weekday + "\"monday\"");
  const std::string dates =
      " (the simulator's clock knows the weekday and the time of day, not calendar dates), "
      "found ";
  CHECK(error_of("0 9 15 * *") == "expected * for the day of the month" + dates + "\"15\"");
  CHECK(error_of("0 9 */2 * *") == "expected * for the day of the month" + dates + "\"*/2\"");
  CHECK(error_of("0 9 * 1-6 *") == "expected * for the month" + dates + "\"1-6\"");
  CHECK(error_of("0 9 * jan *") == "expected * for the month" + dates + "\"jan\"");
  CHECK(error_of("*/0 * * * *") == "expected a step from 1 to 59, found \"0\"");
  CHECK(error_of("0 */x * * *") == "expected a step from 1 to 23, found \"x\"");
  CHECK(error_of("0 9 * * */8") == "expected a step from 1 to 7, found \"8\"");
  CHECK(error_of("*/5/2 * * * *") == "expected a step from 1 to 59, found \"5/2\"");
  CHECK(error_of("50-10 * * * *") ==
        "expected a range whose first value is at most its last, found \"50-10\"");
  CHECK(error_of("0 9 * * fri-mon") ==
        "expected a range whose first value is at most its last, found \"fri-mon\"");
  CHECK(error_of("5/15 * * * *") ==
        "expected * or a range such as 0-30 before a step, found \"5/15\"");
  // The first bad field is the one reported.
  CHECK(error_of("75 24 * * 8") == "expected a minute from 0 to 59, found \"75\"");
  // A null error pointer is allowed.
  CHECK_FALSE(sim::CronSchedule::parse("75 * * * *", nullptr));
}

TEST_CASE("Blanks around and between the fields are ignored", "[sim]") {
  CHECK(cron("  0\t9  * *   1-5 ").weekdays() == bits({0, 1, 2, 3, 4}));
  CHECK(cron("  0\t9  * *   1-5 ").hours() == bits({9}));
  CHECK(cron("  0\t9  * *   1-5 ").minutes() == 1ull);
}
