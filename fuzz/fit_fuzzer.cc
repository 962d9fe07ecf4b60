// Fuzzes `scalesim fit`: the input is the trace file.
//
// A first line "#fuzz format=timestamps;period=1m;gaps=zero;utc_offset=+09:00;
// clock=tue 09:30;daily=6;weekly=3" (fuzz_input.h) sets the command's flags. Values the
// command line itself rejects (app/cli.cc: choices and ranges) are left at their defaults.
#include <cstdlib>
#include <sstream>
#include <string>

#include "app/fit_command.h"
#include "app/scenario/input_error.h"
#include "fuzz/fuzz_input.h"

namespace {

// `text` as an integer in [low, high], else `fallback`.
int in_range(const std::string& text, int low, int high, int fallback) {
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < low || value > high) return fallback;
  return static_cast<int>(value);
}

app::FitFlags flags_from(const std::map<std::string, std::string>& settings) {
  app::FitFlags flags;
  for (const auto& [key, value] : settings) {
    if (key == "format" && (value == "counts" || value == "timestamps")) flags.format = value;
    if (key == "gaps" && (value == "error" || value == "zero")) flags.gaps = value;
    if (key == "period") flags.period = value;
    if (key == "utc_offset") flags.utc_offset = value;
    if (key == "clock") flags.clock = value;
    if (key == "daily") flags.daily_harmonics = in_range(value, 0, 12, flags.daily_harmonics);
    if (key == "weekly") flags.weekly_harmonics = in_range(value, 0, 6, flags.weekly_harmonics);
  }
  return flags;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  app::FitFlags flags =
      flags_from(fuzz::header_settings({reinterpret_cast<const char*>(data), size}));
  flags.trace = fuzz::write_input_file(data, size);
  std::ostringstream out;
  try {
    app::fit_command(flags, out);
  } catch (const app::InputError&) {
    return 0;  // the expected answer to bad input
  }
  fuzz::require(out.str().find("\"arrivals\"") != std::string::npos,
                "a fit prints a workload block");
  return 0;
}
