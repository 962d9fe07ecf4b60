#include "sim/check.h"

#include <cstdio>
#include <cstdlib>

namespace sim {

void check_failed(const char* file, int line, const char* condition, const char* message) {
  std::fprintf(stderr, "scalesim: internal error at %s:%d: %s (check '%s' failed)\n", file, line,
               message, condition);
  std::fflush(stderr);
  std::abort();
}

}  // namespace sim
