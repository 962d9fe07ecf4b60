// Ziggurat samplers (Marsaglia and Tsang, "The Ziggurat Method for Generating
// Random Variables", JSS 5(8), 2000) for the standard exponential and normal.
//
// About 99% of draws cost one 64-bit random number, a multiply and a comparison;
// the rest fall back to exact rejection or tail sampling, so the distributions are
// exact. Tables are computed once from the published constants.
#ifndef SCALESIM_SIM_ZIGGURAT_H_
#define SCALESIM_SIM_ZIGGURAT_H_

#include "sim/random.h"

namespace sim {

// Exp(1).
double ziggurat_exponential(RandomStream& rng);
// N(0, 1).
double ziggurat_normal(RandomStream& rng);

}  // namespace sim

#endif  // SCALESIM_SIM_ZIGGURAT_H_
