// Text forms of quantities in scenario files: durations ("90s", "250ms", "7d")
// and rates ("200/s", "12000/min").
#ifndef SCALESIM_APP_SCENARIO_QUANTITIES_H_
#define SCALESIM_APP_SCENARIO_QUANTITIES_H_

#include <optional>
#include <string>
#include <string_view>

#include "sim/time.h"

namespace app {

// A non-negative decimal number and a unit: us, ms, s, m, h or d. "1.5s" is
// 1,500,000 us. Empty when the text is not such a duration or is not a whole
// number of microseconds.
std::optional<sim::Duration> parse_duration(std::string_view text);
// The shortest exact text for d: "90s", "1500ms", "2h".
std::string format_duration(sim::Duration d);

// A non-negative decimal number per unit of time: "/s", "/min", "/h", "/d".
// Returns requests per second.
std::optional<double> parse_rate(std::string_view text);

// A non-negative decimal number of bytes with a unit: B, KB, MB, GB (powers of
// 1000, as AWS bills) or KiB, MiB, GiB (powers of 1024).
std::optional<double> parse_bytes(std::string_view text);

// Levenshtein distance, for "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_QUANTITIES_H_
