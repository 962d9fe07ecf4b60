#include "app/distributed/mpi_session.h"

#include <mpi.h>

#include <climits>
#include <cstdint>
#include <iostream>
#include <stdexcept>

namespace app {

// Discards what ranks other than 0 would print: rank 0 speaks for the run.
class NullBuffer final : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
};

MpiSession::MpiSession(int* argc, char*** argv) {
  if (MPI_Init(argc, argv) != MPI_SUCCESS) throw std::runtime_error("MPI_Init failed");
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  MPI_Finalize();
}

std::vector<std::string> MpiSession::all_gather(const std::string& mine) {
  const uint64_t my_size = mine.size();
  std::vector<uint64_t> sizes(static_cast<size_t>(size_));
  MPI_Allgather(&my_size, 1, MPI_UINT64_T, sizes.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD);
  // MPI counts are ints: the results of every rank together must stay under 2 GB.
  std::vector<int> counts;
  std::vector<int> offsets;
  uint64_t total = 0;
  for (uint64_t s : sizes) {
    if (total + s > static_cast<uint64_t>(INT_MAX))
      throw std::runtime_error("the runs' results exceed the 2 GB one MPI gather can carry");
    offsets.push_back(static_cast<int>(total));
    counts.push_back(static_cast<int>(s));
    total += s;
  }
  std::string all(total, '\0');
  MPI_Allgatherv(mine.data(), static_cast<int>(my_size), MPI_CHAR, all.data(), counts.data(),
                 offsets.data(), MPI_CHAR, MPI_COMM_WORLD);
  std::vector<std::string> parts;
  for (size_t r = 0; r < sizes.size(); ++r)
    parts.push_back(all.substr(static_cast<size_t>(offsets[r]), sizes[r]));
  return parts;
}

bool MpiSession::all_ready(bool ready) {
  int mine = ready ? 1 : 0;
  int all = 0;
  MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
  return all != 0;
}

}  // namespace app

extern "C" int scalesim_mpi_main(int argc, char** argv, app::RunCli run_cli) {
  app::MpiSession session(&argc, &argv);
  if (session.rank() == 0) return run_cli(argc, argv, std::cout, std::cerr, &session);
  app::NullBuffer discard;
  std::ostream null(&discard);
  return run_cli(argc, argv, null, null, &session);
}
