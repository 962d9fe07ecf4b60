// `scalesim diff A/results.json B/results.json`: two runs compared metric by
// metric, strategy by strategy, saying which changes are larger than the noise,
// like a cost diff in a pull request.
//
// A change is larger than the noise when |B - A| exceeds the half-width of the
// difference's confidence interval, taken as sqrt(hA^2 + hB^2) from the two
// half-widths the files give. Runs of the same scenario share random numbers
// (common random numbers), which makes their difference less noisy than that:
// the test is conservative, and a change it flags is real. Without a half-width
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
