// Arrivals generated per wall-clock second, on one thread, for each kind of curve.
// Generating arrivals must never be what limits a run. Usage: bench_arrivals [arrivals]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "models/traffic/arrivals.h"

namespace {

models::Curve make(models::CurveSpec spec) {
  return std::make_shared<const models::CurveSpec>(std::move(spec));
}

void run(const char* label, const models::ArrivalConfig& config, double arrivals) {
  auto process = models::make_arrival_process(config, sim::Duration(), sim::RandomStream(1));
  const auto start = std::chrono::steady_clock::now();
  int64_t checksum = 0;
  for (double n = 0; n < arrivals; ++n) checksum += process->next().us() & 1;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%-46s %7.1f M arrivals/s %6.1f ns/arrival (checksum %lld)\n", label,
              arrivals / seconds / 1e6, seconds / arrivals * 1e9, static_cast<long long>(checksum));
}

}  // namespace

int main(int argc, char** argv) {
  const double arrivals = argc > 1 ? std::atof(argv[1]) : 5e7;
  std::printf("scalesim bench_arrivals: one thread, %.0f arrivals per case\n", arrivals);
  models::ArrivalConfig config;
  config.rate = models::constant_curve(1000);
  run("constant rate (Poisson)", config, arrivals);

  models::HourlyCurve hourly;
  for (size_t h = 0; h < 24; ++h) hourly.per_second[h] = 200 + 50.0 * static_cast<double>(h % 12);
  config.rate = make({hourly});
  run("hourly profile (piecewise constant)", config, arrivals);

  models::WeeklyCurve weekly{{1, 1, 1, 1, 1.2, 0.6, 0.5}, make({hourly})};
  config.rate = make({weekly});
  run("weekly x hourly (piecewise constant)", config, arrivals);

  config.rate = make({models::SinusoidCurve{500, 14, 3}});
  run("daily sinusoid (thinning)", config, arrivals);

  config.kind = models::ArrivalConfig::Kind::kOverdispersed;
  config.rate = make({hourly});
  config.rate_cv = 0.3;
  run("hourly, overdispersed per minute", config, arrivals);
  return 0;
}
