// The MPI world a process belongs to when `mpirun -n N scalesim ...` started it.
//
// Built only with the CMake option SCALESIM_MPI, as a module beside the
// executable (scalesim_mpi.so) that main() loads only when an MPI launcher
// started the process: a plain `scalesim run` neither loads nor initialises
// MPI, and starts as fast as a build without it. The library and the tests
// never link MPI.
#ifndef SCALESIM_APP_DISTRIBUTED_MPI_SESSION_H_
#define SCALESIM_APP_DISTRIBUTED_MPI_SESSION_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "app/runner.h"

namespace app {

class MpiSession final : public RunDistributor {
 public:
  // MPI_Init. Throws std::runtime_error when it fails.
  MpiSession(int* argc, char*** argv);
  ~MpiSession();  // MPI_Finalize
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  std::vector<std::string> all_gather(const std::string& mine) override;
  bool all_ready(bool ready) override;

 private:
  int rank_ = 0;
  int size_ = 1;
};

// app::run_cli, passed in by main(): the module holds no other part of scalesim.
using RunCli = int (*)(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                       RunDistributor* distributor);

}  // namespace app

// main() under an MPI launcher: `run_cli` on every rank, output only from rank 0.
// The module's one entry point, found with dlsym.
extern "C" int scalesim_mpi_main(int argc, char** argv, app::RunCli run_cli);

#endif  // SCALESIM_APP_DISTRIBUTED_MPI_SESSION_H_
