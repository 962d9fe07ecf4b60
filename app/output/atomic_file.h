// Writing a set of output files as one unit: all of them appear, or none changes.
#ifndef SCALESIM_APP_OUTPUT_ATOMIC_FILE_H_
#define SCALESIM_APP_OUTPUT_ATOMIC_FILE_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/interrupt.h"

namespace app {

struct OutputFile {
  std::string name;  // within the directory
  std::string contents;
};

// Writes `files` into `directory` (created if needed) as one unit:
//
//  1. every file is written and flushed into a fresh staging directory inside
//     `directory` (".scalesim-staging-PID", so the same filesystem);
//  2. each existing file of the same name that is not a directory is renamed aside
//     into the staging directory, and the new file renamed into its place;
//  3. if any rename fails, the renames done so far are undone in reverse order:
//     new files are taken out again and the previous versions (or no file, where
//     there was none) are put back;
//  4. the staging directory, with the previous versions, is removed.
//
// So on return every file is new; on a throw every file is as it was before the
// call (unless undoing a rename failed too, which the message then says) and no
// temporary is left. A target that is a directory is never moved or removed: its
// rename fails, and the call with it. What this cannot cover: the process being
// killed outright (SIGKILL, a crash of the machine) between two renames.
//
// `stop` (may be null) is checked after each file is written and once more after
// the last rename; if set, everything is undone as for a failure and Interrupted
// is thrown. Other failures throw std::runtime_error naming the path.
void write_files_atomically(const std::filesystem::path& directory,
                            const std::vector<OutputFile>& files, const StopFlag* stop = nullptr);

// A directory outputs will go to, checked before the work that produces them so
// that a long run is not lost to a typo. Remembers which directories it created
// and, when destroyed without keep(), removes those that are empty (never one
// that held anything else), so that a run that fails or is interrupted leaves no
// trace of its own.
class OutputDirectory {
 public:
  // Creates `path` and missing parents and checks that a file can be created in
  // it. Throws std::runtime_error with the reason (the caller names the flag).
  explicit OutputDirectory(std::filesystem::path path);
  ~OutputDirectory();
  OutputDirectory(const OutputDirectory&) = delete;
  OutputDirectory& operator=(const OutputDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // The outputs were written: leave the directories in place.
  void keep() { created_.clear(); }

 private:
  void remove_created();

  std::filesystem::path path_;
  std::vector<std::filesystem::path> created_;  // deepest first
};

// The directory of the output file `file`, named by the command-line option
// `flag`, checked (and created) before the work that produces the file: throws
// InputError "FLAG: expected a file scalesim can write to, found FILE (why)"
// when `file` names a directory or its directory cannot be written.
void open_output_file_directory(std::optional<OutputDirectory>& directory, const std::string& flag,
                                const std::string& file);

}  // namespace app

#endif  // SCALESIM_APP_OUTPUT_ATOMIC_FILE_H_
