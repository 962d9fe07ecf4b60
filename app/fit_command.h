// `scalesim fit TRACE.csv`: fits a daily, weekly and trend model to a trace and
// prints a workload block to paste into a scenario.
#ifndef SCALESIM_APP_FIT_COMMAND_H_
#define SCALESIM_APP_FIT_COMMAND_H_

#include <iosfwd>
#include <optional>
#include <string>

namespace app {

struct FitFlags {
  std::string trace;
  std::string format = "counts";
  std::optional<std::string> period;
  std::string gaps = "error";
  std::optional<std::string> utc_offset;
  std::optional<std::string> clock;
  int daily_harmonics = 6;
  int weekly_harmonics = 3;
  std::string out_file;
};

// Throws InputError for bad flags, a bad trace or a series that cannot be fitted.
int fit_command(const FitFlags& flags, std::ostream& out);

}  // namespace app

#endif  // SCALESIM_APP_FIT_COMMAND_H_
