// The HTML report on the command line: `scalesim report DIR [-o FILE]`, and the
// writing of `scalesim run --report FILE` (report.h renders the page).
#ifndef SCALESIM_APP_REPORT_REPORT_COMMAND_H_
#define SCALESIM_APP_REPORT_REPORT_COMMAND_H_

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/interrupt.h"
#include "app/output/atomic_file.h"

namespace CLI {
class App;
}

namespace app {

struct ReportFlags {
  std::string dir;  // holds results.json, timeseries.csv and events.csv
  std::string out;  // default DIR/report.html
  bool quiet = false;
};

void add_report_command(CLI::App& cli, ReportFlags& flags);

// Reads the three files of DIR and writes the page atomically. Throws
// InputError naming the file (and JSON pointer or line) when DIR or a file in it
// is missing or not of the documented format; nothing is written then.
int report_command(const ReportFlags& flags, std::ostream& err);

// Where `scalesim run --report FILE` writes, checked before the run so that a
// long run is not lost to a typo (FILE's directory is created if needed, and
// removed again if the run writes nothing).
class RunReport {
 public:
  // Throws InputError naming --report when FILE cannot be written, is a
  // directory, or is one of the run's own files in `out_dir` (may be empty).
  RunReport(const std::string& file, const std::string& out_dir);

  const std::filesystem::path& path() const { return path_; }

 private:
  friend void write_run_outputs(std::vector<OutputFile>, std::optional<OutputDirectory>&,
                                std::optional<RunReport>&, const StopFlag*);
  std::filesystem::path path_;
  std::optional<OutputDirectory> directory_;
};

// Writes a run's results.json, timeseries.csv and events.csv (`files`) into
// `out_dir`, if any, and the report rendered from them, if any. When the report
// goes into `out_dir` it is written with the other files as one unit
// (write_files_atomically); elsewhere, it is written atomically on its own
// after them. Interrupted by `stop` as write_files_atomically is.
void write_run_outputs(std::vector<OutputFile> files, std::optional<OutputDirectory>& out_dir,
                       std::optional<RunReport>& report, const StopFlag* stop);

}  // namespace app

#endif  // SCALESIM_APP_REPORT_REPORT_COMMAND_H_
