// Always-on invariant checks. A failed check is a bug in scalesim, never bad input:
// bad input is reported by the scenario loader, simulated failures are outcomes.
#ifndef SCALESIM_SIM_CHECK_H_
#define SCALESIM_SIM_CHECK_H_

namespace sim {
[[noreturn]] void check_failed(const char* file, int line, const char* condition,
                               const char* message);
}  // namespace sim

#define SCALESIM_CHECK(condition, message)                            \
  do {                                                                \
    if (!(condition)) [[unlikely]]                                    \
      ::sim::check_failed(__FILE__, __LINE__, #condition, (message)); \
  } while (false)

#endif  // SCALESIM_SIM_CHECK_H_
