// Output files as one unit (atomic_file.h) and the text helpers of the renderings.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "app/output/atomic_file.h"
#include "app/output/text.h"
#include "binary.h"

namespace fs = std::filesystem;

namespace {

using test::listing;

using test::scratch;
using test::slurp;

const std::vector<app::OutputFile> kFiles = {
    {"results.json", "new results"}, {"timeseries.csv", "new series"}, {"events.csv", "new log"}};

}  // namespace

TEST_CASE("write_files_atomically writes every file, replaces old ones, leaves nothing else") {
  const fs::path dir = scratch("atomic-ok");
  std::ofstream(dir / "results.json") << "old results";
  std::ofstream(dir / "other.txt") << "not ours";
  app::write_files_atomically(dir / "out", kFiles);
  CHECK(listing(dir / "out") ==
        std::vector<std::string>{"events.csv", "results.json", "timeseries.csv"});
  app::write_files_atomically(dir, kFiles);
  CHECK(slurp(dir / "results.json") == "new results");
  CHECK(slurp(dir / "events.csv") == "new log");
  CHECK(listing(dir) == std::vector<std::string>{"events.csv", "other.txt", "out", "results.json",
                                                 "timeseries.csv"});
}

TEST_CASE("When the second rename fails, the first file is put back as it was") {
  const fs::path dir = scratch("atomic-second");
  // A non-empty directory where timeseries.csv goes: its rename fails after
  // results.json's succeeded.
  fs::create_directories(dir / "timeseries.csv");
  std::ofstream(dir / "timeseries.csv" / "keep") << "a user's file";

  SECTION("a previous version is restored") {
    std::ofstream(dir / "results.json") << "old results";
    CHECK_THROWS_WITH(
        app::write_files_atomically(dir, kFiles),
        Catch::StartsWith("cannot move " + (dir / "timeseries.csv").string() + " into place: "));
    CHECK(slurp(dir / "results.json") == "old results");
  }
  SECTION("a file that was not there is taken out again") {
    CHECK_THROWS_AS(app::write_files_atomically(dir, kFiles), std::runtime_error);
    CHECK_FALSE(fs::exists(dir / "results.json"));
  }
  CHECK_FALSE(fs::exists(dir / "events.csv"));
  CHECK(slurp(dir / "timeseries.csv" / "keep") == "a user's file");
  CHECK(listing(dir / "timeseries.csv") == std::vector<std::string>{"keep"});
  for (const std::string& name : listing(dir)) CHECK(name.find("scalesim") == std::string::npos);
}

TEST_CASE("A stop request while writing undoes everything and throws Interrupted") {
  const fs::path dir = scratch("atomic-stop");
  std::ofstream(dir / "results.json") << "old results";
  app::StopFlag stop{SIGTERM};
  try {
    app::write_files_atomically(dir, kFiles, &stop);
    FAIL("no Interrupted thrown");
  } catch (const app::Interrupted& e) {
    CHECK(e.exit_status() == 143);
  }
  CHECK(listing(dir) == std::vector<std::string>{"results.json"});
  CHECK(slurp(dir / "results.json") == "old results");
  stop = 0;
  app::write_files_atomically(dir, kFiles, &stop);
  CHECK(slurp(dir / "results.json") == "new results");
}

TEST_CASE("OutputDirectory removes only the empty directories it created") {
  const fs::path dir = scratch("output-directory");
  {
    app::OutputDirectory out(dir / "a" / "b" / "c");
    CHECK(fs::is_directory(dir / "a/b/c"));
  }
  CHECK_FALSE(fs::exists(dir / "a"));  // not kept: every level it made is gone
  {
    app::OutputDirectory out(dir / "a" / "b");
    std::ofstream(dir / "a" / "note") << "put there meanwhile";
  }
  CHECK(listing(dir / "a") == std::vector<std::string>{"note"});  // b went, a held a file
  {
    app::OutputDirectory out(dir / "a" / "b");
    out.keep();
  }
  CHECK(fs::is_directory(dir / "a" / "b"));
  { app::OutputDirectory out(dir); }
  CHECK(fs::is_directory(dir));  // it existed before
}

TEST_CASE("OutputDirectory refuses a path it cannot write to, leaving nothing") {
  const fs::path dir = scratch("output-directory-bad");
  std::ofstream(dir / "file") << "not a directory";
  CHECK_THROWS_AS(app::OutputDirectory(dir / "file" / "out"), std::runtime_error);
  CHECK_THROWS_AS(app::OutputDirectory(dir / "file"), std::runtime_error);
  CHECK(listing(dir) == std::vector<std::string>{"file"});
}

TEST_CASE("valid_utf8 keeps well-formed UTF-8 and replaces every other byte with U+FFFD") {
  const std::string r = "\xEF\xBF\xBD";
  CHECK(app::valid_utf8("plain, ± 3 €, \xF0\x9F\x9A\x80") == "plain, ± 3 €, \xF0\x9F\x9A\x80");
  CHECK(app::valid_utf8("a\xFF"
                        "b") == "a" + r + "b");
  CHECK(app::valid_utf8("\xE2\x82") == r + r);                  // cut short
  CHECK(app::valid_utf8("\xC0\xAF") == r + r);                  // overlong "/"
  CHECK(app::valid_utf8("\xED\xA0\x80") == r + r + r);          // a surrogate
  CHECK(app::valid_utf8("\xF4\x90\x80\x80") == r + r + r + r);  // past U+10FFFF
  CHECK(app::valid_utf8("") == "");
}

TEST_CASE("csv_field quotes what needs quoting and is always UTF-8") {
  CHECK(app::csv_field("web") == "web");
  CHECK(app::csv_field("a,b") == "\"a,b\"");
  CHECK(app::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(app::csv_field("two\r\nlines") == "\"two\r\nlines\"");
  CHECK(app::csv_field("x\xFF") == "x\xEF\xBF\xBD");
}
