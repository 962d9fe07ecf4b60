#include "app/import/endpoint.h"

#include <algorithm>

namespace app {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !is_hex(s[i])) return false;
  }
  return true;
}

const char* placeholder(std::string_view s) {
  if (s.empty()) return nullptr;
  if (std::all_of(s.begin(), s.end(), is_digit)) return "{id}";
  if (is_uuid(s)) return "{uuid}";
  if (!std::all_of(s.begin(), s.end(), is_hex)) return nullptr;
  const bool digit = std::any_of(s.begin(), s.end(), is_digit);
  const bool letter = !std::all_of(s.begin(), s.end(), is_digit);
  if (s.size() >= 16 || (s.size() >= 8 && digit && letter)) return "{hex}";
  return nullptr;
}

void append_segment(std::string& out, std::string_view segment) {
  const size_t dot = segment.rfind('.');
  const std::string_view stem = dot == segment.npos || dot == 0 ? segment : segment.substr(0, dot);
  if (const char* p = placeholder(stem)) {
    out += p;
    out += segment.substr(stem.size());
  } else {
    out += segment;
  }
}

}  // namespace

std::string endpoint_pattern(std::string_view path) {
  if (path.empty()) return "/";
  std::string out;
  size_t begin = 0;
  for (;;) {
    const size_t slash = path.find('/', begin);
    append_segment(out, path.substr(begin, slash == path.npos ? path.npos : slash - begin));
    if (slash == path.npos) return out;
    out += '/';
    begin = slash + 1;
  }
}

}  // namespace app
