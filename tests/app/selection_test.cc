// The SLO, the selection of the cheapest point that meets it, and Pareto fronts,
// on hand-made results where the right answer is known.
#include <catch2/catch.hpp>

#include "app/experiment/selection.h"
#include "app/experiment/slo.h"

namespace {

// A candidate whose replications reported these values.
app::StrategySummary candidate(const std::vector<double>& p99_ms,
                               const std::vector<double>& cost_usd) {
  app::StrategySummary s;
  s.metrics.push_back({"latency.p99_ms", models::Unit::kMilliseconds, {}, p99_ms});
  s.metrics.push_back({"cost.per_month_usd", models::Unit::kUsd, {}, cost_usd});
  s.replications = static_cast<int>(p99_ms.size());
  return s;
}

app::Slo slo(const std::string& text) {
  std::string error;
  const auto parsed = app::parse_slo(text, error);
  REQUIRE(parsed);
  return *parsed;
}

app::Selection select(const std::vector<app::StrategySummary>& all, const std::string& text) {
  std::vector<const app::StrategySummary*> pointers;
  for (const auto& s : all) pointers.push_back(&s);
  return app::select_cheapest(pointers, slo(text), app::SelectionSettings{});
}

}  // namespace

TEST_CASE("An SLO reads short names and thresholds in each metric's unit", "[selection]") {
  const app::Slo s =
      slo("latency.p99<800ms, errors<=0.1%, p50<0.2s, cost<$300, "
          "capacity.utilisation>=50%, requests.ok>10");
  REQUIRE(s.terms.size() == 6);
  CHECK(s.terms[0].metric == "latency.p99_ms");
  CHECK(s.terms[0].threshold == 800);
  CHECK(s.terms[1].metric == "rate.error");
  CHECK(s.terms[1].comparison == app::Comparison::kLessEqual);
  CHECK(s.terms[1].threshold == Approx(0.001));
  CHECK(s.terms[2].threshold == Approx(200));
  CHECK(s.terms[3].metric == "cost.per_month_usd");
  CHECK(s.terms[3].threshold == 300);
  CHECK(s.terms[4].comparison == app::Comparison::kGreaterEqual);
  CHECK(s.terms[4].threshold == Approx(0.5));
  CHECK(s.terms[5].threshold == 10);
}

TEST_CASE("A badly written SLO names the term and what was expected", "[selection]") {
  std::string error;
  CHECK_FALSE(app::parse_slo("latency.p99=800ms", error));
  CHECK(error ==
        "expected METRIC<VALUE, METRIC<=VALUE, METRIC>VALUE or METRIC>=VALUE, found "
        "\"latency.p99=800ms\"");
  CHECK_FALSE(app::parse_slo("latency.p99<800ms,,errors<1%", error));
  CHECK(error ==
        "expected terms separated by commas, found an empty term in "
        "\"latency.p99<800ms,,errors<1%\"");
  CHECK_FALSE(app::parse_slo("latency.p99<fast", error));
  CHECK(error == "expected a duration such as 800ms or 1.5s for latency.p99_ms, found \"fast\"");
}

TEST_CASE("The cheapest candidate that clearly meets the SLO wins: the others say why not",
          "[selection]") {
  const std::vector<app::StrategySummary> all = {
      candidate({900, 910, 905, 895, 902}, {100, 101, 99, 100, 100}),   // too slow
      candidate({500, 510, 505, 495, 502}, {200, 201, 199, 200, 200}),  // meets, cheaper
      candidate({300, 310, 305, 295, 302}, {300, 301, 299, 300, 300}),  // meets, dearer
  };
  const app::Selection s = select(all, "latency.p99<800ms");
  REQUIRE(s.winner == 1u);
  CHECK(s.decided);
  CHECK(s.verdicts[0].status == app::CandidateStatus::kFails);
  CHECK(s.verdicts[0].reason.rfind("fails latency.p99<800ms: 902", 0) == 0);
  CHECK(s.verdicts[1].status == app::CandidateStatus::kWins);
  CHECK(s.verdicts[2].status == app::CandidateStatus::kMeets);
  CHECK(s.verdicts[2].reason.find("costs more than the winner (+100") != std::string::npos);
  for (const auto& v : s.verdicts) CHECK_FALSE(v.needs_more);
}

TEST_CASE("A candidate whose interval straddles the threshold asks for more replications",
          "[selection]") {
  const std::vector<app::StrategySummary> all = {
      candidate({700, 900, 780, 820, 800}, {100, 100, 100, 100, 100}),  // p99 unclear
      candidate({500, 510, 505, 495, 502}, {200, 201, 199, 200, 200}),
  };
  const app::Selection s = select(all, "latency.p99<800ms");
  CHECK(s.winner == 1u);
  CHECK_FALSE(s.decided);
  CHECK(s.verdicts[0].status == app::CandidateStatus::kUndecided);
  CHECK(s.verdicts[0].needs_more);
  CHECK(s.verdicts[1].needs_more);  // paired with the open one: as many replications
}

TEST_CASE("An open candidate that costs more than the winner either way needs nothing more",
          "[selection]") {
  const std::vector<app::StrategySummary> all = {
      candidate({700, 900, 780, 820, 800}, {400, 401, 399, 400, 400}),
      candidate({500, 510, 505, 495, 502}, {200, 201, 199, 200, 200}),
  };
  const app::Selection s = select(all, "latency.p99<800ms");
  CHECK(s.decided);
  CHECK(s.verdicts[0].status == app::CandidateStatus::kUndecided);
  CHECK_FALSE(s.verdicts[0].needs_more);
}

TEST_CASE("Costs told apart by pairing replications, which share their random numbers",
          "[selection]") {
  // Each replication's cost moves a lot, but the two move together: unpaired
  // intervals overlap, the paired difference is clearly above zero.
  const std::vector<app::StrategySummary> all = {
      candidate({500, 500, 500, 500, 500}, {100, 150, 200, 250, 300}),
      candidate({500, 500, 500, 500, 500}, {101, 151, 201, 251, 301.2}),
  };
  const app::Selection s = select(all, "latency.p99<800ms");
  CHECK(s.winner == 0u);
  CHECK(s.decided);
  CHECK(s.verdicts[1].status == app::CandidateStatus::kMeets);
}

TEST_CASE("Equal costs in every replication are a tie the first candidate wins", "[selection]") {
  const std::vector<app::StrategySummary> all = {
      candidate({500, 500, 500}, {100, 100, 100}),
      candidate({400, 400, 400}, {100, 100, 100}),
  };
  const app::Selection s = select(all, "latency.p99<800ms");
  CHECK(s.winner == 0u);
  CHECK(s.decided);
  CHECK(s.verdicts[1].reason == "meets the SLO at the same cost as the winner, which comes first");
}

TEST_CASE("A candidate without the SLO's metric fails, saying so", "[selection]") {
  app::StrategySummary bare;
  bare.metrics.push_back({"cost.per_month_usd", models::Unit::kUsd, {}, {1, 1, 1}});
  const app::Selection s = select({bare}, "lambda.cold_start_rate<1%");
  CHECK_FALSE(s.winner);
  CHECK(s.verdicts[0].reason == "reports no lambda.cold_start_rate");
  CHECK(app::verdict_text(s, {"x"}, app::SelectionSettings{}) == "none meets the SLO");
}

TEST_CASE("The Pareto front keeps the points no other beats in both coordinates", "[selection]") {
  // (cost, error rate)
  const std::vector<std::pair<double, double>> points = {{10, 0.5}, {20, 0.1}, {15, 0.6},
                                                         {30, 0.1}, {40, 0.0}, {5, 0.9}};
  CHECK(app::pareto_front(points) == std::vector<size_t>{5, 0, 1, 4});
}
