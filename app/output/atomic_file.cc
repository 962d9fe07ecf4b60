#include "app/output/atomic_file.h"

#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace app {

namespace {

void write_fully(const std::filesystem::path& path, const std::string& contents) {
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

}  // namespace

void write_files_atomically(const std::filesystem::path& directory,
                            const std::vector<OutputFile>& files) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error)
    throw std::runtime_error("cannot create directory " + directory.string() + ": " +
                             error.message());
  std::vector<std::filesystem::path> temporaries;
  try {
    for (const OutputFile& file : files) {
      temporaries.push_back(directory / ("." + file.name + ".tmp-" + std::to_string(::getpid())));
      write_fully(temporaries.back(), file.contents);
    }
  } catch (...) {
    for (const auto& path : temporaries) std::filesystem::remove(path, error);
    throw;
  }
  for (size_t i = 0; i < files.size(); ++i) {
    std::filesystem::rename(temporaries[i], directory / files[i].name, error);
    if (error) {
      for (size_t j = i; j < files.size(); ++j) std::filesystem::remove(temporaries[j], error);
      throw std::runtime_error("cannot move " + (directory / files[i].name).string() +
                               " into place");
    }
  }
}

}  // namespace app
