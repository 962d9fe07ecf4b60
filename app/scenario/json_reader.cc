#include "app/scenario/json_reader.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "app/scenario/quantities.h"

namespace app {

namespace {
const std::string kDurationExample =
    "a duration such as \"250ms\", \"90s\", \"5m\", \"2h\" or \"7d\"";
}  // namespace

InputError::InputError(const std::string& file, std::vector<Problem> problems)
    : std::runtime_error(format(file, problems)), file_(file), problems_(std::move(problems)) {}

std::string InputError::format(const std::string& file, const std::vector<Problem>& problems) {
  std::string out;
  const size_t shown = std::min(problems.size(), kMaxProblemsShown);
  for (size_t i = 0; i < shown; ++i) {
    const Problem& p = problems[i];
    out += (p.file.empty() ? file : p.file) + (p.pointer.empty() ? "" : ":" + p.pointer) + ": " +
           p.message + "\n";
  }
  if (problems.size() > shown) {
    out += file + ": " + std::to_string(problems.size() - shown) + " more problems not shown\n";
  }
  return out;
}

std::string quoted_excerpt(std::string_view text) {
  constexpr size_t kShown = 60;
  std::string out(1, '"');
  out.append(text.substr(0, kShown));
  if (text.size() > kShown) out += "...";
  out.push_back('"');
  return out;
}

void Problems::add(std::string pointer, std::string message) {
  list_.push_back({std::move(pointer), std::move(message)});
}

void Problems::expected(const std::string& pointer, const std::string& what, const Json* found) {
  add(pointer, "expected " + what + ", found " + describe(found));
}

std::string describe(const Json* value) {
  if (!value) return "nothing";
  switch (value->type()) {
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::null:
      return "null";
    default: {
      // A long string is cut, so one value cannot flood the terminal.
      std::string text = value->dump(-1, ' ', false, Json::error_handler_t::replace);
      constexpr size_t kMaxShown = 80;
      if (text.size() > kMaxShown) text = text.substr(0, kMaxShown) + "...\"";
      return text;
    }
  }
}

std::string child_pointer(const std::string& parent, std::string_view key) {
  std::string escaped;
  for (char c : key) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return parent + "/" + escaped;
}

std::string child_pointer(const std::string& parent, size_t index) {
  return parent + "/" + std::to_string(index);
}

std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& choices) {
  std::optional<std::string> best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const std::string& choice : choices) {
    // A word the user cut short ("least_outstanding") is as good as a typo.
    const bool prefix = word.size() >= 3 && choice.starts_with(word);
    const size_t d = prefix ? 1 : edit_distance(word, choice);
    if (d < best_distance) {
      best_distance = d;
      best = choice;
    }
  }
  return best;
}

std::string join_choices(const std::vector<std::string>& choices) {
  std::string out;
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += i + 1 == choices.size() ? " or " : ", ";
    out += choices[i];
  }
  return out;
}

std::optional<std::string> read_string(const Json& value, const std::string& pointer,
                                       Problems& problems) {
  if (!value.is_string()) {
    problems.expected(pointer, "a string", &value);
    return std::nullopt;
  }
  return value.get<std::string>();
}

std::optional<sim::Duration> read_duration(const Json& value, const std::string& pointer,
                                           Problems& problems) {
  std::optional<sim::Duration> d;
  if (value.is_string()) d = parse_duration(value.get<std::string>());
  if (!d) problems.expected(pointer, kDurationExample, &value);
  return d;
}

std::optional<double> read_bytes(const Json& value, const std::string& pointer,
                                 Problems& problems) {
  std::optional<double> bytes;
  if (value.is_string()) bytes = parse_bytes(value.get<std::string>());
  if (!bytes)
    problems.expected(pointer, "a size such as \"512B\", \"20KB\", \"1.5MB\" or \"64KiB\"", &value);
  return bytes;
}

std::optional<double> read_rate(const Json& value, const std::string& pointer, Problems& problems) {
  std::optional<double> rate;
  if (value.is_number() && value.get<double>() >= 0) rate = value.get<double>();
  if (value.is_string()) rate = parse_rate(value.get<std::string>());
  if (!rate) {
    problems.expected(pointer, "a rate such as \"200/s\", \"12000/min\" or 200 (per second)",
                      &value);
  }
  return rate;
}

namespace {

std::string integer_range(int64_t min, int64_t max) {
  return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

// Whole numbers in full ("1000000000", not "1e+09"), others as streams print them.
std::string number_text(double x) {
  if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15) {
    return std::to_string(static_cast<int64_t>(x));
  }
  std::ostringstream out;
  out << x;
  return out.str();
}

std::string number_range(double min, double max, bool min_exclusive) {
  std::string what =
      "a number " + std::string(min_exclusive ? "above " : "from ") + number_text(min);
  return what + (std::isinf(max) ? std::string()
                                 : (min_exclusive ? " up to " : " to ") + number_text(max));
}

}  // namespace

std::optional<int64_t> read_integer(const Json& value, const std::string& pointer,
                                    Problems& problems, int64_t min, int64_t max) {
  if (value.is_number_integer()) {
    // Unsigned values above int64 range would wrap; compare them as unsigned first.
    const bool too_big =
        value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(max);
    const int64_t n = too_big ? max : value.get<int64_t>();
    if (!too_big && n >= min && n <= max) return n;
  }
  problems.expected(pointer, integer_range(min, max), &value);
  return std::nullopt;
}

std::optional<double> read_number(const Json& value, const std::string& pointer, Problems& problems,
                                  double min, double max, bool min_exclusive) {
  if (value.is_number()) {
    const double x = value.get<double>();
    if (std::isfinite(x) && (min_exclusive ? x > min : x >= min) && x <= max) return x;
  }
  problems.expected(pointer, number_range(min, max, min_exclusive), &value);
  return std::nullopt;
}

std::optional<std::string> read_choice(const Json& value, const std::string& pointer,
                                       Problems& problems,
                                       const std::vector<std::string>& choices) {
  if (value.is_string()) {
    const auto text = value.get<std::string>();
    if (std::find(choices.begin(), choices.end(), text) != choices.end()) return text;
    if (auto guess = nearest(text, choices)) {
      problems.expected(pointer,
                        "one of " + join_choices(choices) + " (did you mean \"" + *guess + "\"?)",
                        &value);
      return std::nullopt;
    }
  }
  problems.expected(pointer, "one of " + join_choices(choices), &value);
  return std::nullopt;
}

ObjectReader::ObjectReader(const Json& value, std::string pointer, Problems& problems,
                           std::string what)
    : object_(value.is_object() ? &value : nullptr),
      pointer_(std::move(pointer)),
      problems_(problems) {
  if (!object_) problems_.expected(pointer_, what, &value);
}

const Json* ObjectReader::field(std::string_view key, Presence presence, const std::string& what) {
  known_.emplace_back(key);
  if (!object_) return nullptr;
  auto it = object_->find(std::string(key));
  if (it != object_->end()) return &*it;
  if (presence == Presence::kRequired) problems_.expected(pointer(key), what, nullptr);
  return nullptr;
}

std::optional<std::string> ObjectReader::string(std::string_view key, Presence presence) {
  const Json* v = field(key, presence, "a string");
  return v ? read_string(*v, pointer(key), problems_) : std::nullopt;
}

std::optional<sim::Duration> ObjectReader::duration(std::string_view key, Presence presence) {
  const Json* v = field(key, presence, kDurationExample);
  return v ? read_duration(*v, pointer(key), problems_) : std::nullopt;
}

std::optional<double> ObjectReader::rate(std::string_view key, Presence presence) {
  const Json* v = field(key, presence, "a rate such as \"200/s\"");
  return v ? read_rate(*v, pointer(key), problems_) : std::nullopt;
}

std::optional<int64_t> ObjectReader::integer(std::string_view key, int64_t min, int64_t max,
                                             Presence presence) {
  const Json* v = field(key, presence, integer_range(min, max));
  return v ? read_integer(*v, pointer(key), problems_, min, max) : std::nullopt;
}

std::optional<double> ObjectReader::number(std::string_view key, double min, double max,
                                           bool min_exclusive, Presence presence) {
  const Json* v = field(key, presence, number_range(min, max, min_exclusive));
  return v ? read_number(*v, pointer(key), problems_, min, max, min_exclusive) : std::nullopt;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, Presence presence) {
  const Json* v = field(key, presence, "true or false");
  if (!v) return std::nullopt;
  if (v->is_boolean()) return v->get<bool>();
  problems_.expected(pointer(key), "true or false", v);
  return std::nullopt;
}

std::optional<std::string> ObjectReader::choice(std::string_view key,
                                                const std::vector<std::string>& choices,
                                                Presence presence) {
  const Json* v = field(key, presence, "one of " + join_choices(choices));
  return v ? read_choice(*v, pointer(key), problems_, choices) : std::nullopt;
}

void ObjectReader::reject_unknown_keys() {
  if (!object_) return;
  for (const auto& [key, value] : object_->items()) {
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::vector<std::string> known = known_;
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    std::string message = "expected one of the keys " + join_choices(known);
    if (auto guess = nearest(key, known))
      message = "expected a known key (did you mean \"" + *guess + "\"?)";
    problems_.add(pointer(key), message + ", found unknown key \"" + key + "\"");
  }
}

}  // namespace app
