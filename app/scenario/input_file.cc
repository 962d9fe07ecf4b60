#include "app/scenario/input_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "app/scenario/input_error.h"

namespace app {

namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "something other than a regular file";
}

std::string size_text(uint64_t bytes) {
  if (bytes >= (uint64_t{1} << 30)) return std::to_string(bytes >> 30) + " GiB";
  return std::to_string(bytes >> 20) + " MiB";
}

[[noreturn]] void refuse(const std::string& path, const std::string& what,
                         const std::string& found) {
  throw InputError(path, {{"", "expected " + what + ", found " + found, path}});
}

}  // namespace

void check_input_file(const std::string& path, const std::string& what, uint64_t max_bytes) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) refuse(path, "a readable " + what, std::strerror(errno));
  if (!S_ISREG(status.st_mode)) refuse(path, what, kind_of(status.st_mode));
  const auto size = static_cast<uint64_t>(status.st_size);
  if (size > max_bytes) {
    refuse(path, what + " of at most " + size_text(max_bytes),
           "one of " + std::to_string(size) + " bytes");
  }
}

std::string read_input_file(const std::string& path, const std::string& what, uint64_t max_bytes) {
  check_input_file(path, what, max_bytes);
  std::ifstream in(path, std::ios::binary);
  if (!in) refuse(path, "a readable " + what, std::strerror(errno));
  std::string text;
  // The size was checked, but the file may grow while it is read.
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > max_bytes) refuse(path, what + " of at most " + size_text(max_bytes), "more");
  }
  if (in.bad()) refuse(path, "a readable " + what, std::strerror(errno));
  return text;
}

}  // namespace app
