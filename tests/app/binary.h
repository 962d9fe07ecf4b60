// Running the scalesim binary from tests, as a user does: exit status and output.
#ifndef SCALESIM_TESTS_APP_BINARY_H_
#define SCALESIM_TESTS_APP_BINARY_H_

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace test {

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh directory for one test's files. The process id keeps concurrent test
// runs (ctest -j, two checkouts) apart.
inline std::filesystem::path scratch(const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("scalesim-cli-test-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Every name in `dir`, sorted: shows any temporary left behind.
inline std::vector<std::string> listing(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Runs `scalesim ARGS`, its output captured in `dir`.
inline Outcome scalesim(const std::string& args, const std::filesystem::path& dir) {
  const std::string command = std::string(SCALESIM_BINARY) + " " + args + " >" +
                              (dir / "stdout").string() + " 2>" + (dir / "stderr").string();
  const int raw = std::system(command.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(dir / "stdout"), slurp(dir / "stderr")};
}

}  // namespace test

#endif  // SCALESIM_TESTS_APP_BINARY_H_
