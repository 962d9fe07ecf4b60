// Durations in messages, in the scenario's own notation to the minute: "70d1h45m".
#ifndef SCALESIM_SIM_DURATION_TEXT_H_
#define SCALESIM_SIM_DURATION_TEXT_H_

#include <string>

#include "sim/time.h"

namespace sim {

// Days, hours and minutes, always all three ("0d16h0m"); seconds are dropped.
std::string duration_text(Duration d);

}  // namespace sim

#endif  // SCALESIM_SIM_DURATION_TEXT_H_
