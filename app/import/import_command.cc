#include "app/import/import_command.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>

#include "app/import/import_text.h"
#include "app/import/log_import.h"
#include "app/output/atomic_file.h"
#include "app/scenario/input_error.h"
#include "app/scenario/input_file.h"
#include "app/trace/timestamp.h"

namespace app {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void bad_flag(const std::string& flag, const std::string& message) {
  throw InputError("scalesim", {{"", flag + ": " + message}});
}

// The directory `file` goes into, checked (and created) before the logs are read.

// The trace as the block names it: relative to the block file's directory.
std::string trace_name(const ImportFlags& flags) {
  if (flags.out.empty()) return flags.trace;
  const fs::path base = fs::absolute(fs::path(flags.out)).parent_path();
  const fs::path relative = fs::absolute(fs::path(flags.trace))
                                .lexically_normal()
                                .lexically_relative(base.lexically_normal());
  return relative.empty() ? flags.trace : relative.generic_string();
}

void write_outputs(const ImportFlags& flags, const std::string& trace, const std::string& block,
                   std::optional<OutputDirectory>& trace_dir,
                   std::optional<OutputDirectory>& block_dir) {
  // SIGINT and SIGTERM, routed by import_command's InterruptScope, undo the writes.
  const fs::path trace_path(flags.trace);
  if (block_dir && fs::equivalent(trace_dir->path(), block_dir->path())) {
    write_files_atomically(
        trace_dir->path(),
        {{trace_path.filename().string(), trace}, {fs::path(flags.out).filename().string(), block}},
        &InterruptScope::flag());
  } else {
    write_files_atomically(trace_dir->path(), {{trace_path.filename().string(), trace}},
                           &InterruptScope::flag());
    if (block_dir) {
      write_files_atomically(block_dir->path(), {{fs::path(flags.out).filename().string(), block}},
                             &InterruptScope::flag());
    }
  }
  trace_dir->keep();
  if (block_dir) block_dir->keep();
}

}  // namespace

void add_import_command(CLI::App& cli, ImportFlags& flags) {
  CLI::App* cmd = cli.add_subcommand(
      "import",
      "Read ALB access logs or CloudFront standard logs into a trace and request classes; rank "
      "the endpoints");
  cmd->add_option("logs", flags.logs, "Log files (plain or .gz) or directories of them")
      ->required();
  cmd->add_option("--format", flags.format, "alb or cloudfront (default: from the first line)")
      ->check(CLI::IsMember({"alb", "cloudfront"}));
  cmd->add_option("--trace", flags.trace, "The trace to write: one timestamp a request")
      ->capture_default_str();
  cmd->add_option("-o,--out", flags.out,
                  "Write the workload block to this file instead of printing it");
  cmd->add_option("--classes", flags.classes,
                  "Endpoints, most called first, with a request class of their own; the rest "
                  "share one")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--top", flags.top, "Endpoints shown in each ranking")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  cmd->add_option("--utc-offset", flags.utc_offset,
                  "Time zone of the block's clock, e.g. +09:00 (default +00:00: logs are UTC)");
  cmd->add_option("--max-bad-lines", flags.max_bad_lines,
                  "Leave out up to this many unreadable lines (listed) instead of failing")
      ->capture_default_str();
  cmd->add_option("--spread", flags.spread,
                  "CloudFront logs whole seconds: spread a second's requests evenly over it "
                  "(even) or put them at its start (none)")
      ->check(CLI::IsMember({"even", "none"}))
      ->capture_default_str();
}

int import_command(const ImportFlags& flags, std::ostream& out, std::ostream& err) {
  int offset = 0;
  if (flags.utc_offset) {
    const auto parsed = parse_utc_offset(*flags.utc_offset);
    if (!parsed)
      bad_flag("--utc-offset",
               "expected an offset such as \"+09:00\", found \"" + *flags.utc_offset + "\"");
    offset = *parsed;
  }
  std::optional<OutputDirectory> trace_dir, block_dir;
  open_output_file_directory(trace_dir, "--trace", flags.trace);
  if (!flags.out.empty()) {
    if (fs::absolute(flags.out).lexically_normal() == fs::absolute(flags.trace).lexically_normal())
      bad_flag("-o", "expected a file other than the trace, found " + flags.out);
    open_output_file_directory(block_dir, "-o", flags.out);
  }

  ImportOptions options;
  if (!flags.format.empty())
    options.format = flags.format == "alb" ? LogFormat::kAlb : LogFormat::kCloudFront;
  options.max_bad_lines = flags.max_bad_lines;
  options.spread = flags.spread == "even";
  InterruptScope interrupt_scope;
  options.stop = &InterruptScope::flag();
  const ImportResult result = import_logs(flags.logs, options);
  uint64_t timed = 0;
  for (const Endpoint& e : result.endpoints) timed += e.service_us.size();
  if (timed == 0) {
    throw InputError(flags.logs.front(),
                     {{"", "expected some requests with a service time, found " +
                               std::to_string(result.counts.requests) +
                               " requests that all failed or had none"}});
  }
  const std::string trace = render_trace(result);
  if (trace.size() > kMaxTraceFileBytes) {
    throw InputError(flags.logs.front(),
                     {{"", "expected a trace of at most 4 GiB, as a scenario reads, found " +
                               std::to_string(result.arrivals_us.size()) +
                               " requests; import fewer logs at a time"}});
  }
  const std::string block =
      render_workload_block(result, {trace_name(flags), flags.classes, offset});

  out << render_import_summary(result) << "\n" << render_ranking(result, flags.top) << "\n";
  const int64_t span = result.arrivals_us.back() - trace_start_us(result);
  out << "Paste as the scenario's workload \"clock\", \"arrivals\" and \"classes\" (the trace's "
         "path is relative to the scenario's directory); a horizon of "
      << span / 60'000'000 + 1 << "m replays all of it.\n";
  if (flags.out.empty()) out << block;
  write_outputs(flags, trace, block, trace_dir, block_dir);
  err << "scalesim: wrote " << flags.trace << " (" << result.arrivals_us.size() << " requests)";
  if (!flags.out.empty()) err << " and " << flags.out;
  err << "\n";
  return 0;
}

}  // namespace app
