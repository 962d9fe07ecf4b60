// Bad input: a scenario (or later a trace) that cannot be run, with every problem
// found. The CLI prints what() and exits with status 2, writing nothing else.
#ifndef SCALESIM_APP_SCENARIO_INPUT_ERROR_H_
#define SCALESIM_APP_SCENARIO_INPUT_ERROR_H_

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace app {

// Messages list at most this many problems, then say how many more there are.
inline constexpr size_t kMaxProblemsShown = 20;

struct Problem {
  std::string pointer;  // JSON pointer of the offending value; "" for the whole document
  std::string message;  // "expected ..., found ..."
  std::string file;     // when the problem is in another file than the error's (a price book)
};

class InputError : public std::runtime_error {
 public:
  InputError(const std::string& file, std::vector<Problem> problems);
  const std::string& file() const { return file_; }
  const std::vector<Problem>& problems() const { return problems_; }

  // One line per problem: "FILE:/json/pointer: expected ..., found ...", the
  // first kMaxProblemsShown of them, then a line counting the rest.
  static std::string format(const std::string& file, const std::vector<Problem>& problems);

 private:
  std::string file_;
  std::vector<Problem> problems_;
};

// What a message shows of a bad value read from a file: its first 60 bytes in
// double quotes, with "..." inside them when it was longer ("found \"ten\"").
std::string quoted_excerpt(std::string_view text);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_INPUT_ERROR_H_
