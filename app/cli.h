// The scalesim command line: `scalesim run`, `validate`, `fit`, `diff`, `report`,
// `import`, `bill`, `prices import`, `dry-run`, `--version`.
//
// Exit status: 0 success; 1 a failure while running (a file that can't be
// written, an internal error); 2 bad input or usage, with nothing written;
// 128 + the signal (130, 143) when SIGINT or SIGTERM stopped it, with nothing
// written (app/interrupt.h).
#ifndef SCALESIM_APP_CLI_H_
#define SCALESIM_APP_CLI_H_

#include <iosfwd>

namespace app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

class RunDistributor;

// Runs the command line; writes results to `out` and messages to `err`. With a
// distributor (MPI ranks), `run` spreads its runs over the processes and only
// rank 0 writes files; other commands run on rank 0 alone.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            RunDistributor* distributor = nullptr);

}  // namespace app

#endif  // SCALESIM_APP_CLI_H_
