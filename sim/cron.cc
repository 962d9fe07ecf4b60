#include "sim/cron.h"

#include <bit>
#include <charconv>
#include <cstddef>
#include <utility>
#include <vector>

namespace sim {

namespace {

constexpr int64_t kMinuteUs = 60'000'000;
constexpr int64_t kMinutesPerDay = 24 * 60;
constexpr int64_t kMinutesPerWeek = 7 * kMinutesPerDay;

// The grammar of one list field.
struct Field {
  const char* value;  // what a value is, for messages: "a minute"
  int low;
  int high;
  bool weekday_names;  // accepts mon..sun
};

constexpr Field kMinute = {"a minute", 0, 59, false};
constexpr Field kHour = {"an hour", 0, 23, false};
constexpr Field kWeekday = {"a day of the week", 0, 7, true};

// Appends, where "\"" + std::string(text) + "\"" trips GCC 12's -Wrestrict.
std::string quoted(std::string_view text) {
  std::string out(1, '"');
  out.append(text);
  out.push_back('"');
  return out;
}

// Sets *error (when not null) and returns false, for `return fail(...)`.
bool fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (c != b[i]) return false;
  }
  return true;
}

// A plain decimal number (no sign, no blanks), or nullopt.
std::optional<int> parse_number(std::string_view text) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, status] = std::from_chars(text.data(), end, value);
  if (text.empty() || status != std::errc() || stop != end || text[0] == '-') return std::nullopt;
  return value;
}

// One value of `field`: a number in its range or, for the day of the week, a name.
// With `sunday_is_7` (the end of a range that starts after Sunday) "sun" is 7, so
// that "fri-sun" is a range; "sun-sun" stays Sunday alone.
bool parse_value(std::string_view text, const Field& field, bool sunday_is_7, int* value,
                 std::string* error) {
  if (field.weekday_names) {
    static constexpr const char* kNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    for (int day = 0; day < 7; ++day) {
      if (equal_ignoring_case(text, kNames[day])) {
        *value = day == 0 && sunday_is_7 ? 7 : day;
        return true;
      }
    }
  }
  const std::optional<int> number = parse_number(text);
  if (number && *number >= field.low && *number <= field.high) {
    *value = *number;
    return true;
  }
  std::string expected = std::string("expected ") + field.value + " from " +
                         std::to_string(field.low) + " to " + std::to_string(field.high);
  if (field.weekday_names) expected += " (0 and 7 are Sunday) or a name mon to sun";
  return fail(error, expected + ", found " + quoted(text));
}

// One item of a list: *, a, a-b, */n or a-b/n. Sets bit v of *bits for each value v.
bool parse_item(std::string_view item, const Field& field, uint64_t* bits, std::string* error) {
  std::string_view range = item;
  int step = 1;
  const size_t slash = item.find('/');
  if (slash != std::string_view::npos) {
    range = item.substr(0, slash);
    const std::string_view step_text = item.substr(slash + 1);
    const std::optional<int> n = parse_number(step_text);
    if (!n || *n < 1 || *n > field.high) {
      return fail(error, "expected a step from 1 to " + std::to_string(field.high) + ", found " +
                             quoted(step_text));
    }
    step = *n;
  }
  int first = field.low;
  int last = field.high;
  const size_t dash = range.find('-');
  if (range == "*") {
    // every value
  } else if (dash != std::string_view::npos) {
    // An empty end ("-5", "5-") fails as the whole range: found "" would not say where.
    const std::string_view low = range.substr(0, dash);
    const std::string_view high = range.substr(dash + 1);
    if (!parse_value(low.empty() ? range : low, field, false, &first, error) ||
        !parse_value(high.empty() ? range : high, field, first > 0, &last, error)) {
      return false;
    }
    if (first > last) {
      return fail(error,
                  "expected a range whose first value is at most its last, found " + quoted(range));
    }
  } else if (slash != std::string_view::npos) {
    return fail(error, "expected * or a range such as 0-30 before a step, found " + quoted(item));
  } else {
    if (!parse_value(range, field, false, &first, error)) return false;
    last = first;
  }
  for (int v = first; v <= last; v += step) *bits |= uint64_t{1} << v;
  return true;
}

// A comma-separated list of items.
bool parse_list(std::string_view text, const Field& field, uint64_t* bits, std::string* error) {
  for (;;) {
    const size_t comma = text.find(',');
    if (!parse_item(text.substr(0, comma), field, bits, error)) return false;
    if (comma == std::string_view::npos) return true;
    text.remove_prefix(comma + 1);
  }
}

// A field that must be "*", for want of calendar dates.
bool parse_star(std::string_view text, const char* name, std::string* error) {
  if (text == "*") return true;
  return fail(error, std::string("expected * for the ") + name +
                         " (the simulator's clock knows the weekday and the time of day, not "
                         "calendar dates), found " +
                         quoted(text));
}

std::vector<std::string_view> split_blanks(std::string_view text) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == '\t') {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    fields.push_back(text.substr(start, i - start));
  }
  return fields;
}

// Cron's days of the week (bit 0 and bit 7 Sunday) as the clock's (bit 0 Monday).
uint32_t clock_weekdays(uint64_t cron_days) {
  const uint32_t sunday = (cron_days & 1) || ((cron_days >> 7) & 1) ? 1u << 6 : 0;
  return static_cast<uint32_t>((cron_days >> 1) & 0x3f) | sunday;
}

// The first set bit of `bits` at or after `from`, or -1 if none.
int first_from(uint64_t bits, int from) {
  if (from >= 64) return -1;
  const uint64_t rest = bits & (~uint64_t{0} << from);
  return rest ? std::countr_zero(rest) : -1;
}

int64_t floor_div(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

std::optional<CronSchedule> CronSchedule::parse(std::string_view text, std::string* error) {
  const std::vector<std::string_view> fields = split_blanks(text);
  if (fields.size() != 5) {
    fail(error, "expected 5 fields (minute hour day-of-month month day-of-week), found " +
                    std::to_string(fields.size()));
    return std::nullopt;
  }
  uint64_t minutes = 0;
  uint64_t hours = 0;
  uint64_t days = 0;
  if (!parse_list(fields[0], kMinute, &minutes, error) ||
      !parse_list(fields[1], kHour, &hours, error) ||
      !parse_star(fields[2], "day of the month", error) || !parse_star(fields[3], "month", error) ||
      !parse_list(fields[4], kWeekday, &days, error)) {
    return std::nullopt;
  }
  return CronSchedule(minutes, static_cast<uint32_t>(hours), clock_weekdays(days));
}

// Starts at the first minute boundary after t, then moves to the next listed
// weekday, hour and minute in turn, each found with one bit scan: at most two
// passes of the loop (the rest of the first day, then the next listed day).
Time CronSchedule::next_after(Time t, Duration local_offset) const {
  if (t == Time::never() || minutes_ == 0 || hours_ == 0 || weekdays_ == 0) return Time::never();
  const int64_t local = local_offset.us() + t.us();
  const int64_t first = floor_div(local, kMinuteUs) + 1;  // in minutes
  int64_t week = floor_div(first, kMinutesPerWeek);
  const int64_t in_week = first - week * kMinutesPerWeek;
  int day = static_cast<int>(in_week / kMinutesPerDay);
  int hour = static_cast<int>(in_week / 60 % 24);
  int minute = static_cast<int>(in_week % 60);
  for (;;) {
    if ((weekdays_ >> day) & 1) {
      for (int h = first_from(hours_, hour); h >= 0; h = first_from(hours_, h + 1)) {
        const int m = first_from(minutes_, h == hour ? minute : 0);
        if (m < 0) continue;  // past the last listed minute of the first hour
        const int64_t at = week * kMinutesPerWeek + day * kMinutesPerDay + h * 60 + m;
        return Time::micros(t.us() + (at * kMinuteUs - local));
      }
    }
    int next = first_from(weekdays_, day + 1);
    if (next < 0) {
      next = first_from(weekdays_, 0);
      ++week;
    }
    day = next;
    hour = 0;
    minute = 0;
  }
}

bool CronSchedule::matches(Time t, Duration local_offset) const {
  const int64_t local = local_offset.us() + t.us();
  const int64_t minute = floor_div(local, kMinuteUs);
  if (minute * kMinuteUs != local) return false;
  const int64_t in_week = minute - floor_div(minute, kMinutesPerWeek) * kMinutesPerWeek;
  return ((weekdays_ >> (in_week / kMinutesPerDay)) & 1) && ((hours_ >> (in_week / 60 % 24)) & 1) &&
         ((minutes_ >> (in_week % 60)) & 1);
}

}  // namespace sim
