#include "fuzz/fuzz_input.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace fuzz {

namespace {

// The file lives as long as the process; removed at a normal exit.
class InputFile {
 public:
  InputFile() {
    std::error_code ec;
    const std::filesystem::path dir = std::filesystem::is_directory("/dev/shm", ec)
                                          ? std::filesystem::path("/dev/shm")
                                          : std::filesystem::temp_directory_path();
    path_ = (dir / ("scalesim-fuzz-" + std::to_string(getpid()) + ".csv")).string();
  }
  ~InputFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

std::string write_input_file(const uint8_t* data, size_t size) {
  static const InputFile file;
  std::ofstream out(file.path(), std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  require(static_cast<bool>(out), "the input file can be written");
  return file.path();
}

std::map<std::string, std::string> header_settings(std::string_view text) {
  constexpr std::string_view kPrefix = "#fuzz ";
  std::map<std::string, std::string> settings;
  if (text.substr(0, kPrefix.size()) != kPrefix) return settings;
  std::string_view line = text.substr(kPrefix.size());
  line = line.substr(0, line.find('\n'));
  while (!line.empty()) {
    const size_t end = line.find(';');
    const std::string_view item = line.substr(0, end);
    const size_t equals = item.find('=');
    if (equals != std::string_view::npos)
      settings[std::string(item.substr(0, equals))] = std::string(item.substr(equals + 1));
    if (end == std::string_view::npos) break;
    line.remove_prefix(end + 1);
  }
  return settings;
}

void require(bool condition, const char* promise) {
  if (condition) return;
  std::fprintf(stderr, "fuzz: broken promise: %s\n", promise);
  std::abort();
}

}  // namespace fuzz
