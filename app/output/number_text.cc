#include "app/output/number_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace app {

namespace {

std::string with_thousands(const std::string& digits) {
  const size_t dot = digits.find('.');
  const size_t whole_end = dot == std::string::npos ? digits.size() : dot;
  const size_t start = digits[0] == '-' ? 1 : 0;
  std::string out = digits.substr(0, start);
  for (size_t i = start; i < whole_end; ++i) {
    out += digits[i];
    const size_t left = whole_end - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  return out + digits.substr(whole_end);
}

}  // namespace

int decimals_for(double mean, std::optional<double> half_width) {
  const double reference = half_width && *half_width > 0 ? *half_width : std::fabs(mean) * 1e-3;
  if (reference <= 0) return 0;
  return std::clamp(1 - static_cast<int>(std::floor(std::log10(reference))), 0, 6);
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return with_thousands(buffer);
}

size_t width(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad_left(const std::string& text, size_t w) {
  return std::string(w - std::min(w, width(text)), ' ') + text;
}

std::string pad_right(const std::string& text, size_t w) {
  return text + std::string(w - std::min(w, width(text)), ' ');
}

std::string estimate_text(double mean, std::optional<double> half_width,
                          const std::string& suffix) {
  if (half_width && *half_width <= 1e-9 * std::fabs(mean)) half_width = 0.0;
  const int decimals = decimals_for(mean, half_width);
  std::string text = fixed(mean, decimals) + suffix;
  if (half_width) text += " ± " + fixed(*half_width, decimals) + suffix;
  return text;
}

}  // namespace app
