// A timer handler for tests that records every timer it receives.
#ifndef SCALESIM_TESTS_SIM_TIMER_RECORDER_H_
#define SCALESIM_TESTS_SIM_TIMER_RECORDER_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "sim/simulation.h"
#include "sim/timer_set.h"

namespace test {

// Appends (time in us, index) to `fired` for each timer, in firing order.
class TimerRecorder final : public sim::TimerHandler {
 public:
  explicit TimerRecorder(const sim::Simulation& simulation) : sim_(simulation) {}
  void on_timer(uint32_t index) override { fired.emplace_back(sim_.now().us(), index); }
  std::vector<std::pair<int64_t, uint32_t>> fired;

 private:
  const sim::Simulation& sim_;
};

}  // namespace test

#endif  // SCALESIM_TESTS_SIM_TIMER_RECORDER_H_
