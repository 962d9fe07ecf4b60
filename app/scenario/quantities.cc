#include "app/scenario/quantities.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

namespace app {

namespace {

// Splits "12.5ms" into 12.5 and "ms". Only plain decimals (".5" included): no
// sign, exponent, or spaces, so that "1e3s" or "-5s" are rejected rather than
// guessed at.
std::optional<std::pair<double, std::string_view>> split_number(std::string_view text) {
  size_t i = 0;
  bool digits = false;
  bool dot = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (!digits || text[i - 1] == '.') return std::nullopt;
  const std::string number(text.substr(0, i));
  return std::make_pair(std::strtod(number.c_str(), nullptr), text.substr(i));
}

struct Unit {
  std::string_view suffix;
  int64_t micros;
};

constexpr std::array kDurationUnits = {
    Unit{"d", 86'400'000'000}, Unit{"h", 3'600'000'000}, Unit{"m", 60'000'000},
    Unit{"s", 1'000'000},      Unit{"ms", 1'000},        Unit{"us", 1},
};

}  // namespace

// "1h30m": parts from the largest unit down, each unit at most once.
std::optional<sim::Duration> parse_duration(std::string_view text) {
  double us = 0;
  size_t previous_unit = 0;  // index into kDurationUnits, which runs from days down
  bool first = true;
  while (!text.empty()) {
    const auto parts = split_number(text);
    if (!parts) return std::nullopt;
    const std::string_view rest = parts->second;
    const size_t letters = std::min(rest.find_first_of("0123456789."), rest.size());
    const std::string_view suffix = rest.substr(0, letters);
    size_t unit = 0;
    while (unit < kDurationUnits.size() && kDurationUnits[unit].suffix != suffix) ++unit;
    if (unit == kDurationUnits.size() || (!first && unit <= previous_unit)) return std::nullopt;
    us += parts->first * static_cast<double>(kDurationUnits[unit].micros);
    previous_unit = unit;
    first = false;
    text = rest.substr(letters);
  }
  // A whole number of microseconds, up to the error of the decimal-to-binary
  // conversion: "1.5us" and "1.0000005s" are refused, "0.1s" is 100000us.
  if (first || us > 9e15 || std::fabs(us - std::round(us)) > 1e-9 * std::max(1.0, us))
    return std::nullopt;
  return sim::Duration::micros(static_cast<int64_t>(std::llround(us)));
}

std::string format_duration(sim::Duration d) {
  if (d.us() == 0) return "0s";
  for (const Unit& unit : kDurationUnits) {
    if (d.us() % unit.micros == 0)
      return std::to_string(d.us() / unit.micros) + std::string(unit.suffix);
  }
  return std::to_string(d.us()) + "us";
}

std::optional<double> parse_rate(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto parts = split_number(text.substr(0, slash));
  if (!parts || !parts->second.empty()) return std::nullopt;
  constexpr std::array<std::pair<std::string_view, double>, 4> kPer = {
      std::pair{"s", 1.0}, std::pair{"min", 60.0}, std::pair{"h", 3600.0}, std::pair{"d", 86400.0}};
  for (const auto& [unit, seconds] : kPer) {
    if (text.substr(slash + 1) == unit) return parts->first / seconds;
  }
  return std::nullopt;
}

std::optional<double> parse_bytes(std::string_view text) {
  const auto parts = split_number(text);
  if (!parts) return std::nullopt;
  constexpr std::array<std::pair<std::string_view, double>, 7> kUnits = {
      std::pair{"B", 1.0},           std::pair{"KB", 1e3},     std::pair{"MB", 1e6},
      std::pair{"GB", 1e9},          std::pair{"KiB", 1024.0}, std::pair{"MiB", 1048576.0},
      std::pair{"GiB", 1073741824.0}};
  for (const auto& [unit, bytes] : kUnits) {
    if (parts->second == unit) return parts->first * bytes;
  }
  return std::nullopt;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace app
