// The binary's output files as a user meets them: all or nothing, also when a
// run is interrupted; escaped names; `fit -o` checked before fitting.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "binary.h"

extern char** environ;

namespace fs = std::filesystem;

namespace {

using test::listing;

using test::Outcome;
using test::scalesim;
using test::scratch;
using test::slurp;

const std::string kScenario = std::string(SCALESIM_SOURCE_DIR) + "/scenarios/fleet-sizing.json";
const std::string kTrace =
    std::string(SCALESIM_SOURCE_DIR) + "/scenarios/traces/api-invocations-5m.csv";

// Polls `done` every 10 ms for up to `seconds`; true once it holds. Generous
// limits: the machine may be busy with other work.
template <typename Predicate>
bool within(double seconds, Predicate done) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

// `scalesim ARGS...` started in the background, its output in files of `dir`.
pid_t start(const std::vector<std::string>& args, const fs::path& dir) {
  std::vector<std::string> argv = {SCALESIM_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> pointers;
  for (std::string& arg : argv) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  const std::string out = (dir / "stdout").string();
  const std::string err = (dir / "stderr").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  // SIGINT and SIGTERM handled by default, whatever this process inherited (a
  // test run started with & ignores SIGINT, and the child would inherit that).
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  posix_spawnattr_setsigdefault(&attributes, &signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  pid_t pid = -1;
  const int error =
      posix_spawn(&pid, argv[0].c_str(), &actions, &attributes, pointers.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  return error == 0 ? pid : -1;
}

// The exit status of `pid`, or -1 if it was killed by a signal or had not ended
// within a minute (it is then killed).
int finish(pid_t pid) {
  int raw = 0;
  const bool ended = within(60, [&] { return ::waitpid(pid, &raw, WNOHANG) == pid; });
  if (!ended) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &raw, 0);
    return -1;
  }
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

// Threads of process `pid` (Linux): more than one once the runner has started
// its workers.
size_t threads(pid_t pid) {
  std::error_code error;
  size_t n = 0;
  for (fs::directory_iterator it("/proc/" + std::to_string(pid) + "/task", error), end;
       !error && it != end; it.increment(error))
    ++n;
  return n;
}

// Starts a run long enough to be interrupted (minutes uninterrupted), waits
// until it is simulating on its two workers, then sends `signal`. Returns the
// exit status.
int interrupted_run(int signal, const fs::path& dir, const fs::path& out) {
  const pid_t pid = start({"run", kScenario, "-r", "2000", "-j", "2", "--out", out.string()}, dir);
  REQUIRE(pid > 0);
  const bool started = within(60, [&] { return threads(pid) >= 3; });
  if (started) ::kill(pid, signal);
  const int status = finish(pid);
  REQUIRE(started);
  return status;
}

}  // namespace

TEST_CASE("SIGINT during a run stops it: status 130, and the directory it made is gone") {
  const fs::path dir = scratch("sigint");
  CHECK(interrupted_run(SIGINT, dir, dir / "made" / "out") == 130);
  CHECK(slurp(dir / "stderr") == "scalesim: interrupted by SIGINT; no files written\n");
  CHECK(slurp(dir / "stdout").empty());
  CHECK(listing(dir) == std::vector<std::string>{"stderr", "stdout"});
}

TEST_CASE("SIGTERM during a run stops it: status 143, and earlier results stay as they were") {
  const fs::path dir = scratch("sigterm");
  fs::create_directories(dir / "out");
  std::ofstream(dir / "out" / "results.json") << "earlier results";
  CHECK(interrupted_run(SIGTERM, dir, dir / "out") == 143);
  CHECK(slurp(dir / "stderr") == "scalesim: interrupted by SIGTERM; no files written\n");
  CHECK(listing(dir / "out") == std::vector<std::string>{"results.json"});
  CHECK(slurp(dir / "out" / "results.json") == "earlier results");
}

TEST_CASE("A run whose second file cannot be moved into place writes none of them") {
  const fs::path dir = scratch("second-rename");
  fs::create_directories(dir / "out" / "timeseries.csv");
  std::ofstream(dir / "out" / "timeseries.csv" / "keep") << "a user's file";
  std::ofstream(dir / "out" / "results.json") << "earlier results";
  const Outcome outcome =
      scalesim("run " + kScenario + " -r 2 -q --out " + (dir / "out").string(), dir);
  CHECK(outcome.status == 1);
  CHECK(outcome.err.starts_with("scalesim: cannot move " +
                                (dir / "out" / "timeseries.csv").string() + " into place: "));
  CHECK(listing(dir / "out") == std::vector<std::string>{"results.json", "timeseries.csv"});
  CHECK(slurp(dir / "out" / "results.json") == "earlier results");
  CHECK(listing(dir / "out" / "timeseries.csv") == std::vector<std::string>{"keep"});
}

TEST_CASE("A scenario file name that is not UTF-8 is written as U+FFFD in results.json") {
  const fs::path dir = scratch("not-utf8");
  const fs::path file = dir / "fleet\xFF.json";
  fs::copy_file(kScenario, file);
  const Outcome outcome =
      scalesim("run '" + file.string() + "' -r 2 -q --out " + (dir / "out").string(), dir);
  REQUIRE(outcome.status == 0);
  const std::string text = slurp(dir / "out" / "results.json");
  const auto results = nlohmann::json::parse(text);  // throws on invalid UTF-8
  CHECK(results["scenario"]["file"] == (dir / "fleet\xEF\xBF\xBD.json").string());
  CHECK(fs::exists(dir / "out" / "timeseries.csv"));
  CHECK(fs::exists(dir / "out" / "events.csv"));
}

TEST_CASE("fit -o checks its path before reading or fitting the trace") {
  const fs::path dir = scratch("fit-out");
  std::ofstream(dir / "file") << "not a directory";
  std::ofstream(dir / "bad.csv") << "0,5,60\n120,5,60\n";  // a gap: an error if read
  const std::string prefix = "scalesim: -o: expected a file scalesim can write to, found ";
  for (const fs::path& target : {dir / "file" / "block.json", dir}) {
    INFO(target.string());
    const Outcome outcome =
        scalesim("fit " + (dir / "bad.csv").string() + " -o " + target.string(), dir);
    CHECK(outcome.status == 2);
    CHECK(outcome.err.starts_with(prefix + target.string() + " ("));
    CHECK(outcome.out.empty());
  }
  // A directory -o made for a fit that then fails is removed again.
  const Outcome outcome = scalesim(
      "fit " + (dir / "bad.csv").string() + " -o " + (dir / "new" / "block.json").string(), dir);
  CHECK(outcome.status == 2);
  CHECK(outcome.err.starts_with((dir / "bad.csv").string() + ":2: "));
  CHECK_FALSE(fs::exists(dir / "new"));
  // And a good fit writes the block there, and nothing else.
  REQUIRE(scalesim("fit " + kTrace + " -o " + (dir / "new" / "block.json").string(), dir).status ==
          0);
  CHECK(listing(dir / "new") == std::vector<std::string>{"block.json"});
}
