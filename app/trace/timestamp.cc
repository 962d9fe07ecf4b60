#include "app/trace/timestamp.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace app {

namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
constexpr int64_t kMicrosPerWeek = 7 * kMicrosPerDay;

// Reads exactly `digits` decimal digits at text[at], advancing `at`.
std::optional<int> digits_at(std::string_view text, size_t& at, size_t digits) {
  if (at + digits > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < digits; ++i) {
    const char c = text[at + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  at += digits;
  return value;
}

bool take(std::string_view text, size_t& at, char c) {
  if (at >= text.size() || text[at] != c) return false;
  ++at;
  return true;
}

// ".250" after the seconds: up to 6 digits count, more are refused.
std::optional<int64_t> fraction_at(std::string_view text, size_t& at) {
  if (!take(text, at, '.')) return 0;
  int64_t micros = 0;
  size_t n = 0;
  for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++n) {
    if (n >= 6) return std::nullopt;
    micros = micros * 10 + (text[at] - '0');
  }
  if (n == 0) return std::nullopt;
  for (; n < 6; ++n) micros *= 10;
  return micros;
}

unsigned days_in_month(int64_t year, unsigned month) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<Timestamp> parse_date_time(std::string_view text) {
  size_t at = 0;
  const auto year = digits_at(text, at, 4);
  if (!year || !take(text, at, '-')) return std::nullopt;
  const auto month = digits_at(text, at, 2);
  if (!month || !take(text, at, '-')) return std::nullopt;
  const auto day = digits_at(text, at, 2);
  if (!day || !(take(text, at, 'T') || take(text, at, ' '))) return std::nullopt;
  const auto hour = digits_at(text, at, 2);
  if (!hour || !take(text, at, ':')) return std::nullopt;
  const auto minute = digits_at(text, at, 2);
  std::optional<int> second = 0;
  if (minute && take(text, at, ':')) second = digits_at(text, at, 2);
  const auto micros = fraction_at(text, at);
  if (!minute || !second || !micros) return std::nullopt;
  if (*year < 1970 || *year > 2200 || *month < 1 || *month > 12 || *day < 1 ||
      *day > static_cast<int>(days_in_month(*year, static_cast<unsigned>(*month))) || *hour > 23 ||
      *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  const auto offset = at == text.size() ? std::optional<int>(0) : parse_utc_offset(text.substr(at));
  if (!offset) return std::nullopt;
  const int64_t local_seconds =
      days_from_civil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day)) * 86400 +
      *hour * 3600 + *minute * 60 + *second;
  Timestamp t;
  t.us = (local_seconds - int64_t{*offset} * 60) * kMicrosPerSecond + *micros;
  t.date_time = true;
  t.utc_offset_minutes = *offset;
  return t;
}

std::optional<Timestamp> parse_seconds(std::string_view text) {
  if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
  double seconds = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (error != std::errc() || end != text.data() + text.size() || !(seconds <= 1e11)) {
    return std::nullopt;
  }
  return Timestamp{static_cast<int64_t>(std::llround(seconds * 1e6)), false, 0};
}

}  // namespace

int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
  // Howard Hinnant's algorithm: eras of 400 years starting in March.
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<int64_t>(day_of_era) - 719468;
}

int64_t week_time_us(int64_t epoch_us, int utc_offset_minutes) {
  // 1970-01-01 was a Thursday: Monday 00:00 came three days later.
  const int64_t since_monday =
      epoch_us + utc_offset_minutes * 60 * kMicrosPerSecond - 4 * kMicrosPerDay;
  return ((since_monday % kMicrosPerWeek) + kMicrosPerWeek) % kMicrosPerWeek;
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  if (text.size() >= 10 && text[4] == '-') return parse_date_time(text);
  return parse_seconds(text);
}

std::optional<int> parse_utc_offset(std::string_view text) {
  if (text == "Z") return 0;
  size_t at = 0;
  const int sign = take(text, at, '+') ? 1 : (take(text, at, '-') ? -1 : 0);
  if (sign == 0) return std::nullopt;
  const auto hours = digits_at(text, at, 2);
  take(text, at, ':');
  const auto minutes = digits_at(text, at, 2);
  if (!hours || !minutes || at != text.size() || *minutes > 59) return std::nullopt;
  const int total = *hours * 60 + *minutes;
  if (total > 14 * 60) return std::nullopt;
  return sign * total;
}

namespace {

// "2026-11-17T09:00:00.25": the civil date and time of `us` since the epoch.
std::string civil_text(int64_t us) {
  char buffer[64];
  const int64_t days = us >= 0 ? us / kMicrosPerDay : (us - kMicrosPerDay + 1) / kMicrosPerDay;
  const int64_t in_day = us - days * kMicrosPerDay;
  // The inverse of days_from_civil (Hinnant's civil_from_days).
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = static_cast<int64_t>(yoe) + era * 400 + (month <= 2);
  const int64_t seconds = in_day / kMicrosPerSecond;
  const int64_t micros = in_day % kMicrosPerSecond;
  int n = std::snprintf(
      buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", static_cast<long long>(year),
      month, day, static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
      static_cast<long long>(seconds % 60));
  if (micros != 0) {
    n += std::snprintf(buffer + n, sizeof buffer - static_cast<size_t>(n), ".%06lld",
                       static_cast<long long>(micros));
    while (buffer[n - 1] == '0') buffer[--n] = '\0';
  }
  return std::string(buffer, static_cast<size_t>(n));
}

}  // namespace

std::string format_timestamp(const Timestamp& t) {
  char buffer[64];
  if (!t.date_time) {
    std::snprintf(buffer, sizeof buffer, "%.6gs", static_cast<double>(t.us) / 1e6);
    return buffer;
  }
  return civil_text(t.us) + "Z";
}

std::string format_utc_offset(int minutes_east) {
  const int minutes = minutes_east < 0 ? -minutes_east : minutes_east;
  char zone[16];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", minutes_east < 0 ? '-' : '+', minutes / 60,
                minutes % 60);
  return zone;
}

std::string format_local_date_time(int64_t epoch_us, int utc_offset_minutes) {
  const int64_t local = epoch_us + int64_t{utc_offset_minutes} * 60 * kMicrosPerSecond;
  return civil_text(local) + format_utc_offset(utc_offset_minutes);
}

}  // namespace app
