// `scalesim import LOG...`: ALB access logs or CloudFront standard logs in; a
// timestamps trace and a workload block (clock, arrivals, request classes) out,
// with a ranking of the endpoints by calls and by total service time.
#ifndef SCALESIM_APP_IMPORT_IMPORT_COMMAND_H_
#define SCALESIM_APP_IMPORT_IMPORT_COMMAND_H_

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace app {

struct ImportFlags {
  std::vector<std::string> logs;  // files or directories
  std::string format;             // "alb", "cloudfront" or empty (detected)
  std::string trace = "trace.csv";
  std::string out;  // the workload block; empty: printed
  int classes = 10;
  int top = 15;
  std::optional<std::string> utc_offset;
  uint64_t max_bad_lines = 0;
  std::string spread = "even";
};

void add_import_command(CLI::App& cli, ImportFlags& flags);

// Throws InputError for bad flags or logs (nothing is written), Interrupted on
// SIGINT or SIGTERM.
int import_command(const ImportFlags& flags, std::ostream& out, std::ostream& err);

}  // namespace app

#endif  // SCALESIM_APP_IMPORT_IMPORT_COMMAND_H_
