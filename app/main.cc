#include <iostream>

#include "app/cli.h"
#ifdef SCALESIM_MPI
#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "app/distributed/mpi_session.h"

namespace {

// Whether the environment says an MPI launcher (mpirun, mpiexec) started us.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
    if (std::getenv(name)) return true;
  }
  return false;
}

// Loads scalesim_mpi.so from beside the executable, MPI with it, and runs the
// command line under MPI. RTLD_GLOBAL: Open MPI's own plugins need its symbols.
int main_under_mpi(int argc, char** argv) {
  const std::filesystem::path module =
      std::filesystem::read_symlink("/proc/self/exe").parent_path() / "scalesim_mpi.so";
  void* handle = ::dlopen(module.c_str(), RTLD_NOW | RTLD_GLOBAL);
  void* entry = handle ? ::dlsym(handle, "scalesim_mpi_main") : nullptr;
  if (!entry) {
    std::cerr << "scalesim: started by an MPI launcher, but cannot load " << module.string() << ": "
              << ::dlerror() << "\n";
    return app::kExitFailure;
  }
  using Main = int (*)(int, char**, app::RunCli);
  return reinterpret_cast<Main>(entry)(argc, argv, &app::run_cli);
}

}  // namespace
#endif

int main(int argc, char** argv) {
#ifdef SCALESIM_MPI
  if (launched_by_mpi()) return main_under_mpi(argc, argv);
#endif
  return app::run_cli(argc, argv, std::cout, std::cerr);
}
