// A run's results as bytes, to send between processes (MPI ranks).
//
// The encoding is exact: doubles travel as their bit patterns, so results
// gathered from other processes fold into the same bytes as results made here.
// Both ends are the same build of scalesim on the same kind of machine; the
// encoding is not a file format and carries no version.
#ifndef SCALESIM_APP_DISTRIBUTED_RUN_CODEC_H_
#define SCALESIM_APP_DISTRIBUTED_RUN_CODEC_H_

#include <string>
#include <string_view>
#include <vector>

#include "models/strategy_run.h"

namespace app {

// Appends `result` to `bytes`.
void encode_run(const models::RunResult& result, std::string& bytes);

// Reads results encoded one after another until `bytes` ends. Throws
// std::runtime_error on bytes that encode_run did not write.
std::vector<models::RunResult> decode_runs(std::string_view bytes);

}  // namespace app

#endif  // SCALESIM_APP_DISTRIBUTED_RUN_CODEC_H_
