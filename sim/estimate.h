// Confidence intervals over independent replications (Student t).
#ifndef SCALESIM_SIM_ESTIMATE_H_
#define SCALESIM_SIM_ESTIMATE_H_

#include <optional>
#include <vector>

namespace sim {

struct Estimate {
  double mean = 0;
  // Half-width of the two-sided confidence interval; empty with fewer than two
  // samples, where no interval can be given.
  std::optional<double> half_width;
  int samples = 0;
};

// Mean and half-width of the `confidence` (e.g. 0.95) Student t interval.
Estimate estimate_mean(const std::vector<double>& samples, double confidence = 0.95);

// Quantile p of Student's t distribution with `dof` degrees of freedom.
// REQUIRES: 0 < p < 1, dof >= 1. Accurate to about 1e-9.
double student_t_quantile(double p, double dof);
// P(T <= t) for Student's t with `dof` degrees of freedom.
double student_t_cdf(double t, double dof);

}  // namespace sim

#endif  // SCALESIM_SIM_ESTIMATE_H_
