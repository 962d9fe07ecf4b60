#include "app/output/atomic_file.h"

#include "app/scenario/input_error.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace app {

namespace {

namespace fs = std::filesystem;

void write_fully(const fs::path& path, const std::string& contents) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file)
    throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(errno));
  const bool written = std::fwrite(contents.data(), 1, contents.size(), file) == contents.size();
  const bool flushed = std::fflush(file) == 0 && ::fsync(fileno(file)) == 0;
  const int saved_errno = errno;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed) {
    throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(saved_errno));
  }
}

// So that the renames outlive a crash; best effort, as some filesystems refuse.
void sync_directory(const fs::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// The staging directory: new files in new/, the previous versions they replace in
// old/. Removed with everything in it when destroyed, unless kept because a
// previous version could not be put back.
class Staging {
 public:
  explicit Staging(const fs::path& directory)
      : root_(directory / (".scalesim-staging-" + std::to_string(::getpid()))) {
    std::error_code error;
    fs::remove_all(root_, error);  // left by an earlier process with this id, killed
    fs::create_directory(root_, error);
    if (!error) fs::create_directory(fresh(), error);
    if (!error) fs::create_directory(previous(), error);
    if (error) {
      fs::remove_all(root_, error);
      throw std::runtime_error("cannot create " + root_.string() + ": " + error.message());
    }
  }
  ~Staging() {
    std::error_code error;
    if (!keep_) fs::remove_all(root_, error);
  }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;

  const fs::path& root() const { return root_; }
  fs::path fresh() const { return root_ / "new"; }
  fs::path previous() const { return root_ / "old"; }
  void keep() { keep_ = true; }

 private:
  fs::path root_;
  bool keep_ = false;
};

// The renames that put new files in place, and how to undo them.
class Commit {
 public:
  Commit(const fs::path& directory, const Staging& staging)
      : directory_(directory), staging_(staging) {}

  // Moves the previous file called `name` aside, if there is one and it is not a
  // directory, then the new one into its place. Throws naming the path.
  void place(const std::string& name) {
    const fs::path target = directory_ / name;
    std::error_code error;
    const fs::file_status status = fs::symlink_status(target, error);
    Step step{name, false};
    if (fs::exists(status) && !fs::is_directory(status)) {
      fs::rename(target, staging_.previous() / name, error);
      if (error)
        throw std::runtime_error("cannot move " + target.string() + " aside: " + error.message());
      step.had_previous = true;
    }
    done_.push_back(step);
    fs::rename(staging_.fresh() / name, target, error);
    if (error)
      throw std::runtime_error("cannot move " + target.string() +
                               " into place: " + error.message());
  }

  // Undoes every place(), last first. Returns the files whose previous version
  // could not be put back (it is then still in the staging directory).
  std::vector<std::string> undo() {
    std::vector<std::string> lost;
    for (auto step = done_.rbegin(); step != done_.rend(); ++step) {
      const fs::path target = directory_ / step->name;
      std::error_code error;
      if (step->had_previous) {
        // Replaces the new file, if it got there, in one step.
        fs::rename(staging_.previous() / step->name, target, error);
      } else if (!fs::exists(staging_.fresh() / step->name)) {
        fs::remove(target, error);  // the new file got there
      }
      if (error) lost.push_back(target.string());
    }
    done_.clear();
    return lost;
  }

 private:
  struct Step {
    std::string name;
    bool had_previous;
  };
  fs::path directory_;
  const Staging& staging_;
  std::vector<Step> done_;
};

}  // namespace

void write_files_atomically(const fs::path& directory, const std::vector<OutputFile>& files,
                            const StopFlag* stop) {
  throw_if_stopped(stop);
  std::error_code error;
  fs::create_directories(directory, error);
  if (error)
    throw std::runtime_error("cannot create directory " + directory.string() + ": " +
                             error.message());
  Staging staging(directory);
  for (const OutputFile& file : files) {
    write_fully(staging.fresh() / file.name, file.contents);
    throw_if_stopped(stop);
  }
  Commit commit(directory, staging);
  try {
    for (const OutputFile& file : files) commit.place(file.name);
    throw_if_stopped(stop);  // a signal during the renames: as if it came before
  } catch (const std::exception& e) {
    const std::vector<std::string> lost = commit.undo();
    if (lost.empty()) throw;
    staging.keep();
    std::string message = std::string(e.what()) + "; could not put back the previous version of";
    for (const std::string& path : lost) message += " " + path;
    throw std::runtime_error(message + " (it is in " + staging.root().string() + ")");
  }
  sync_directory(directory);
}

OutputDirectory::OutputDirectory(fs::path path) : path_(std::move(path)) {
  // The levels that do not exist yet, deepest first.
  fs::path level = path_.has_filename() ? path_ : path_.parent_path();
  std::vector<fs::path> missing;
  std::error_code error;
  while (!level.empty() && fs::symlink_status(level, error).type() == fs::file_type::not_found) {
    missing.push_back(level);
    if (level.parent_path() == level) break;
    level = level.parent_path();
  }
  fs::create_directories(path_, error);
  created_ = missing;
  const fs::path probe = path_ / (".scalesim-probe-" + std::to_string(::getpid()));
  std::FILE* file = error ? nullptr : std::fopen(probe.c_str(), "wb");
  if (!file) {
    const std::string why = error ? error.message() : std::strerror(errno);
    remove_created();  // the destructor does not run when a constructor throws
    throw std::runtime_error(why);
  }
  std::fclose(file);
  fs::remove(probe, error);
}

OutputDirectory::~OutputDirectory() {
  remove_created();
}

void OutputDirectory::remove_created() {
  for (const fs::path& level : created_) {
    std::error_code error;
    // remove() takes an empty directory only: whatever else was put there stays.
    if (fs::is_directory(fs::symlink_status(level, error))) fs::remove(level, error);
  }
}

void open_output_file_directory(std::optional<OutputDirectory>& directory, const std::string& flag,
                                const std::string& file) {
  const std::filesystem::path path(file);
  std::error_code error;
  std::string why;
  if (!path.has_filename() || std::filesystem::is_directory(path, error)) {
    why = "it is a directory";
  } else {
    try {
      directory.emplace(path.parent_path().empty() ? "." : path.parent_path());
    } catch (const std::runtime_error& e) {
      why = e.what();
    }
  }
  if (!why.empty()) {
    throw InputError("scalesim", {{"", flag + ": expected a file scalesim can write to, found " +
                                           file + " (" + why + ")"}});
  }
}

}  // namespace app
