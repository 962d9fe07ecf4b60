// Opening the files users name: scenarios, price books, traces.
//
// A file is read only when it is a regular file of bounded size. A directory,
// FIFO or device named by mistake (/dev/zero as a trace) is refused at once with
// an InputError, instead of blocking, or reading until memory runs out.
#ifndef SCALESIM_APP_SCENARIO_INPUT_FILE_H_
#define SCALESIM_APP_SCENARIO_INPUT_FILE_H_

#include <cstdint>
#include <string>

namespace app {

// Scenarios and price books are written by hand: a few hundred kilobytes at most.
inline constexpr uint64_t kMaxJsonFileBytes = uint64_t{64} << 20;
// A trace of per-request timestamps takes about 20 bytes a request: 4 GiB is
// some 200 million requests, held in memory while they are replayed.
inline constexpr uint64_t kMaxTraceFileBytes = uint64_t{4} << 30;

// Throws InputError naming `path` ("expected <what>, found a directory") unless
// it names a regular file of at most `max_bytes`.
void check_input_file(const std::string& path, const std::string& what, uint64_t max_bytes);

// check_input_file, then the whole file. Throws InputError.
std::string read_input_file(const std::string& path, const std::string& what, uint64_t max_bytes);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_INPUT_FILE_H_
