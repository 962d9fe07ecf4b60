#include "app/report/report_command.h"

#include <CLI/CLI.hpp>
#include <ostream>

#include "app/report/report.h"
#include "app/scenario/input_error.h"
#include "app/scenario/input_file.h"

namespace app {

namespace fs = std::filesystem;

namespace {

constexpr const char* kRunFiles[] = {"results.json", "timeseries.csv", "events.csv"};

const std::string& contents_of(const std::vector<OutputFile>& files, const std::string& name) {
  for (const OutputFile& f : files) {
    if (f.name == name) return f.contents;
  }
  throw std::logic_error("write_run_outputs: no " + name);
}

// `flag` names where the path came from: --report, or report's -o.
[[noreturn]] void refuse_report_path(const std::string& file, const std::string& why,
                                     const std::string& flag = "--report") {
  throw InputError("scalesim", {{"", flag + ": expected a file scalesim can write, found " + file +
                                         " (" + why + ")"}});
}

}  // namespace

void add_report_command(CLI::App& cli, ReportFlags& flags) {
  CLI::App* report = cli.add_subcommand(
      "report", "Write the HTML report of a run from the files `run --out DIR` wrote");
  report->add_option("dir", flags.dir, "Directory with results.json, timeseries.csv, events.csv")
      ->required();
  report->add_option("-o,--out", flags.out, "The page to write (default DIR/report.html)");
  report->add_flag("-q,--quiet", flags.quiet, "No summary on stderr");
}

int report_command(const ReportFlags& flags, std::ostream& err) {
  InterruptScope interrupt_scope;
  const fs::path dir = flags.dir;
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    throw InputError(flags.dir, {{"",
                                  "expected a directory holding results.json, timeseries.csv "
                                  "and events.csv, found " +
                                      std::string(fs::exists(dir, error) ? "a file" : "nothing")}});
  }
  report::ReportSources sources;
  sources.results_file = (dir / "results.json").string();
  sources.timeseries_file = (dir / "timeseries.csv").string();
  sources.events_file = (dir / "events.csv").string();
  sources.results_json = read_input_file(sources.results_file, "results file", kMaxJsonFileBytes);
  sources.timeseries_csv =
      read_input_file(sources.timeseries_file, "timeseries file", kMaxTraceFileBytes);
  sources.events_csv = read_input_file(sources.events_file, "events file", kMaxTraceFileBytes);
  const std::string page = report::render_report(sources);

  const fs::path out = flags.out.empty() ? dir / "report.html" : fs::path(flags.out);
  if (!out.has_filename() || fs::is_directory(out, error))
    refuse_report_path(out.string(), "a directory", "-o");
  const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
  std::optional<OutputDirectory> directory;
  try {
    directory.emplace(parent);
  } catch (const std::runtime_error& e) {
    refuse_report_path(out.string(), e.what(), "-o");
  }
  // A failure to write from here on is not bad input: std::runtime_error, status 1.
  write_files_atomically(parent, {{out.filename().string(), page}}, &InterruptScope::flag());
  directory->keep();
  if (!flags.quiet) err << "scalesim: wrote " << out.string() << "\n";
  return 0;
}

RunReport::RunReport(const std::string& file, const std::string& out_dir) : path_(file) {
  std::error_code error;
  if (!path_.has_filename() || fs::is_directory(path_, error))
    refuse_report_path(file, "a directory");
  const fs::path parent = path_.has_parent_path() ? path_.parent_path() : fs::path(".");
  if (!out_dir.empty()) {
    for (const char* name : kRunFiles) {
      if (fs::weakly_canonical(fs::path(out_dir) / name, error) ==
          fs::weakly_canonical(path_, error)) {
        refuse_report_path(file, std::string("the run's own ") + name);
      }
    }
  }
  try {
    directory_.emplace(parent);
  } catch (const std::runtime_error& e) {
    refuse_report_path(file, e.what());
  }
}

void write_run_outputs(std::vector<OutputFile> files, std::optional<OutputDirectory>& out_dir,
                       std::optional<RunReport>& report, const StopFlag* stop) {
  std::optional<OutputFile> page;
  std::string report_failure;
  if (report) {
    report::ReportSources sources;
    sources.results_json = contents_of(files, "results.json");
    sources.timeseries_csv = contents_of(files, "timeseries.csv");
    sources.events_csv = contents_of(files, "events.csv");
    // The run's own files should always read back; if they do not, that is a
    // bug, and the run's results are still written.
    try {
      page = OutputFile{report->path_.filename().string(), report::render_report(sources)};
    } catch (const InputError& e) {
      report_failure = e.what();
    }
  }
  if (out_dir) {
    std::error_code error;
    if (page && fs::equivalent(out_dir->path(), report->directory_->path(), error)) {
      files.push_back(std::move(*page));
      page.reset();
      report->directory_->keep();
    }
    write_files_atomically(out_dir->path(), files, stop);
    out_dir->keep();
  }
  if (page) {
    write_files_atomically(report->directory_->path(), {std::move(*page)}, stop);
    report->directory_->keep();
  }
  if (!report_failure.empty()) {
    throw std::runtime_error("internal error: the HTML report could not read this run's outputs; " +
                             std::string(out_dir ? "the other files were written, " : "") +
                             "the report was not:\n" + report_failure);
  }
}

}  // namespace app
