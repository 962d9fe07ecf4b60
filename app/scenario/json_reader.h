// Reading JSON input with every problem collected, each at its JSON pointer.
//
// Readers never throw on bad input: they note a Problem ("expected ..., found ...")
// and return nothing, so the loader can carry on and report all problems at once.
// Only the scenario loader includes this header (nlohmann_json is heavy).
#ifndef SCALESIM_APP_SCENARIO_JSON_READER_H_
#define SCALESIM_APP_SCENARIO_JSON_READER_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/scenario/input_error.h"
#include "sim/time.h"

namespace app {

// Ordered, so problems are reported in file order.
using Json = nlohmann::ordered_json;

class Problems {
 public:
  void add(std::string pointer, std::string message);
  void add(Problem problem) { list_.push_back(std::move(problem)); }
  // Adds "expected <what>, found <the value>".
  void expected(const std::string& pointer, const std::string& what, const Json* found);
  bool empty() const { return list_.empty(); }
  const std::vector<Problem>& list() const { return list_; }

 private:
  std::vector<Problem> list_;
};

// How a value reads in a message: "nothing", "\"abc\"", "12", "an object".
std::string describe(const Json* value);
// RFC 6901 pointers: "/a~1b" for key "a/b" under "".
std::string child_pointer(const std::string& parent, std::string_view key);
std::string child_pointer(const std::string& parent, size_t index);
// The closest choice to `word`, when it is close enough to be a likely typo.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& choices);
// "a, b or c".
std::string join_choices(const std::vector<std::string>& choices);

// How deep objects and arrays may nest in an input document. Scenarios need
// about ten levels; the limit keeps recursive readers far from the stack's end.
inline constexpr size_t kMaxJsonNesting = 64;

// Parses a JSON document. Throws InputError naming `file` for malformed JSON,
// for an object that names a key twice (which JSON parsers otherwise resolve
// silently, keeping the last), for nesting deeper than kMaxJsonNesting and for
// a number beyond a double's range, each with its pointer.
Json parse_json_document(const std::string& text, const std::string& file);

std::optional<std::string> read_string(const Json& value, const std::string& pointer,
                                       Problems& problems);
std::optional<sim::Duration> read_duration(const Json& value, const std::string& pointer,
                                           Problems& problems);
// Bytes, from a string such as "20KB" or "1.5MiB" (decimal and binary units).
std::optional<double> read_bytes(const Json& value, const std::string& pointer, Problems& problems);
// Requests per second, from a number (per second) or a string such as "12000/min".
std::optional<double> read_rate(const Json& value, const std::string& pointer, Problems& problems);
std::optional<int64_t> read_integer(const Json& value, const std::string& pointer,
                                    Problems& problems, int64_t min, int64_t max);
// REQUIRES: min <= max. With min_exclusive, the value must be above min.
std::optional<double> read_number(const Json& value, const std::string& pointer, Problems& problems,
                                  double min, double max, bool min_exclusive = false);
std::optional<std::string> read_choice(const Json& value, const std::string& pointer,
                                       Problems& problems, const std::vector<std::string>& choices);

enum class Presence { kOptional, kRequired };

// Reads the fields of one JSON object. Every field asked for becomes a known key;
// reject_unknown_keys() then reports the others, suggesting the nearest known key.
class ObjectReader {
 public:
  // Notes a problem, and reads nothing, unless `value` is an object.
  ObjectReader(const Json& value, std::string pointer, Problems& problems,
               std::string what = "an object");

  bool valid() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }
  std::string pointer(std::string_view key) const { return child_pointer(pointer_, key); }
  Problems& problems() { return problems_; }

  // The field's value, or null when absent (noting a problem when required).
  const Json* field(std::string_view key, Presence presence = Presence::kOptional,
                    const std::string& what = "a value");
  // Marks a key as known without reading it.
  void allow(std::string_view key) { known_.emplace_back(key); }

  std::optional<std::string> string(std::string_view key, Presence presence = Presence::kOptional);
  std::optional<sim::Duration> duration(std::string_view key,
                                        Presence presence = Presence::kOptional);
  std::optional<double> rate(std::string_view key, Presence presence = Presence::kOptional);
  std::optional<int64_t> integer(std::string_view key, int64_t min, int64_t max,
                                 Presence presence = Presence::kOptional);
  std::optional<double> number(std::string_view key, double min, double max,
                               bool min_exclusive = false, Presence presence = Presence::kOptional);
  std::optional<bool> boolean(std::string_view key, Presence presence = Presence::kOptional);
  std::optional<std::string> choice(std::string_view key, const std::vector<std::string>& choices,
                                    Presence presence = Presence::kOptional);

  void reject_unknown_keys();

 private:
  const Json* object_;
  std::string pointer_;
  Problems& problems_;
  std::vector<std::string> known_;
};

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_JSON_READER_H_
