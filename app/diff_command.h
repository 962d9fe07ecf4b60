// `scalesim diff A/results.json B/results.json`: two runs compared metric by
// metric, strategy by strategy, saying which changes are larger than the noise,
// like a cost diff in a pull request.
//
// A change is larger than the noise when the two confidence intervals do not
// overlap: |B - A| > hA + hB. For intervals of similar width that is a test at
// about 99.5% for each metric, so a diff of some sixty metrics rarely flags one
// by chance (a test at the intervals' own 95% would flag three). Runs of the
// same scenario with the same seed share random numbers, which makes their
// difference less noisy still: a change flagged is real. Without a half-width
// (one replication) any difference is shown, marked as having no interval.
#ifndef SCALESIM_APP_DIFF_COMMAND_H_
#define SCALESIM_APP_DIFF_COMMAND_H_

#include <iosfwd>
#include <string>

namespace app {

struct DiffFlags {
  std::string before;  // A
  std::string after;   // B
  bool all = false;    // every metric, not only the changes beyond the noise
};

// Prints the comparison. Throws InputError when a file is not a results.json
// scalesim wrote (file and JSON pointer named).
int diff_command(const DiffFlags& flags, std::ostream& out);

}  // namespace app

#endif  // SCALESIM_APP_DIFF_COMMAND_H_
