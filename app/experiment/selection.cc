#include "app/experiment/selection.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "sim/estimate.h"

namespace app {

namespace {

const std::vector<double>* samples_of(const StrategySummary& summary, const std::string& metric) {
  for (const MetricSummary& m : summary.metrics) {
    if (m.name == metric) return &m.samples;
  }
  return nullptr;
}

// Mean and one-sided bound width at `alpha` (Student t) of the first `n` samples.
struct Bound {
  double mean = 0;
  double width = 0;  // infinite with fewer than two samples
};

Bound one_sided(const std::vector<double>& samples, size_t n, double alpha) {
  Bound b;
  b.mean = std::accumulate(samples.begin(), samples.begin() + static_cast<long>(n), 0.0) /
           static_cast<double>(n);
  if (n < 2) {
    b.width = INFINITY;
    return b;
  }
  double squares = 0;
  for (size_t i = 0; i < n; ++i) squares += (samples[i] - b.mean) * (samples[i] - b.mean);
  const double sd = std::sqrt(squares / static_cast<double>(n - 1));
  b.width = sd == 0 ? 0
                    : sim::student_t_quantile(1 - alpha, static_cast<double>(n - 1)) * sd /
                          std::sqrt(static_cast<double>(n));
  return b;
}

enum class Decision { kMet, kFailed, kOpen };

// A term is met when even the unfavourable end of the bound meets it.
Decision decide(const SloTerm& term, const Bound& b) {
  const bool upper_bad =
      term.comparison == Comparison::kLess || term.comparison == Comparison::kLessEqual;
  const double bad_end = upper_bad ? b.mean + b.width : b.mean - b.width;
  const double good_end = upper_bad ? b.mean - b.width : b.mean + b.width;
  if (term.met_by(bad_end)) return Decision::kMet;
  if (!term.met_by(good_end)) return Decision::kFailed;
  return Decision::kOpen;
}

std::string bound_text(const std::string& metric, const Bound& b) {
  if (!std::isfinite(b.width) || b.width == 0) return metric_value_text(metric, b.mean);
  return metric_value_text(metric, b.mean, b.width);
}

std::string signed_text(const std::string& text) {
  return text.empty() || text[0] == '-' ? text : "+" + text;
}

struct Feasibility {
  Decision decision = Decision::kMet;
  std::string reason;
};

Feasibility feasibility(const StrategySummary& c, const Slo& slo, double alpha) {
  Feasibility result;
  for (const SloTerm& term : slo.terms) {
    const std::vector<double>* samples = samples_of(c, term.metric);
    if (!samples || samples->empty()) {
      return {Decision::kFailed, "reports no " + term.metric};
    }
    const Bound b = one_sided(*samples, samples->size(), alpha);
    const Decision d = decide(term, b);
    const std::string measured = bound_text(term.metric, b);
    if (d == Decision::kFailed) return {d, "fails " + term.text + ": " + measured};
    if (d == Decision::kOpen && result.decision == Decision::kMet)
      result = {d, term.text + " open: " + measured + " after " + std::to_string(samples->size()) +
                       " replications"};
  }
  return result;
}

// How `other`'s objective compares with the winner's, paired by replication.
struct CostComparison {
  Decision more = Decision::kOpen;  // kMet: costs more; kFailed: cannot cost more (tied)
  Bound difference;
};

CostComparison compare(const std::vector<double>& other, const std::vector<double>& winner,
                       double alpha) {
  const size_t n = std::min(other.size(), winner.size());
  std::vector<double> d(n);
  for (size_t r = 0; r < n; ++r) d[r] = other[r] - winner[r];
  CostComparison c;
  c.difference = one_sided(d, n, alpha);
  if (c.difference.width == 0 && c.difference.mean == 0) {
    c.more = Decision::kFailed;
  } else if (c.difference.mean - c.difference.width > 0) {
    c.more = Decision::kMet;
  }
  return c;
}

}  // namespace

std::string_view candidate_status_name(CandidateStatus status) {
  switch (status) {
    case CandidateStatus::kWins:
      return "wins";
    case CandidateStatus::kMeets:
      return "meets";
    case CandidateStatus::kFails:
      return "fails";
    case CandidateStatus::kUndecided:
      return "undecided";
  }
  return "undecided";
}

Selection select_cheapest(const std::vector<const StrategySummary*>& candidates, const Slo& slo,
                          const SelectionSettings& settings) {
  const size_t k = candidates.size();
  const double alpha = 1 - settings.confidence;
  const double feasibility_alpha =
      (k > 1 ? alpha / 2 : alpha) / static_cast<double>(k * std::max<size_t>(1, slo.terms.size()));
  const double comparison_alpha = alpha / 2 / static_cast<double>(std::max<size_t>(1, k - 1));
  const std::string& objective = settings.objective;

  Selection selection;
  selection.verdicts.resize(k);
  std::vector<Feasibility> feasible(k);
  for (size_t i = 0; i < k; ++i) {
    feasible[i] = feasibility(*candidates[i], slo, feasibility_alpha);
    if (feasible[i].decision == Decision::kMet && !samples_of(*candidates[i], objective))
      feasible[i] = {Decision::kFailed, "reports no " + objective};
  }
  // The winner: the feasible candidate of least mean objective, the first on ties.
  double best = INFINITY;
  for (size_t i = 0; i < k; ++i) {
    if (feasible[i].decision != Decision::kMet) continue;
    const std::vector<double>& cost = *samples_of(*candidates[i], objective);
    const double mean =
        std::accumulate(cost.begin(), cost.end(), 0.0) / static_cast<double>(cost.size());
    if (mean < best) {
      best = mean;
      selection.winner = i;
    }
  }
  selection.decided = true;
  for (size_t i = 0; i < k; ++i) {
    CandidateVerdict& v = selection.verdicts[i];
    const Feasibility& f = feasible[i];
    if (f.decision == Decision::kFailed) {
      v = {CandidateStatus::kFails, f.reason, false};
      continue;
    }
    if (selection.winner == i) continue;  // told below
    const std::vector<double>* cost = samples_of(*candidates[i], objective);
    std::optional<CostComparison> against;
    if (selection.winner && cost)
      against =
          compare(*cost, *samples_of(*candidates[*selection.winner], objective), comparison_alpha);
    const std::string difference =
        against ? signed_text(bound_text(objective, against->difference)) : std::string();
    if (f.decision == Decision::kOpen) {
      if (against && against->more == Decision::kMet) {
        v = {CandidateStatus::kUndecided,
             f.reason + "; costs more than the winner either way (" + difference + ")", false};
      } else {
        v = {CandidateStatus::kUndecided, f.reason, true};
        // Paired over the replications both have: the winner needs as many.
        if (selection.winner) selection.verdicts[*selection.winner].needs_more = true;
        selection.decided = false;
      }
      continue;
    }
    if (against->more == Decision::kMet) {
      v = {CandidateStatus::kMeets,
           "meets the SLO; costs more than the winner (" + difference + ")", false};
    } else if (against->more == Decision::kFailed) {
      v = {CandidateStatus::kMeets,
           "meets the SLO at the same cost as the winner, which comes first", false};
    } else {
      v = {CandidateStatus::kMeets,
           "meets the SLO; its cost is not yet told apart from the winner's (" + difference + ")",
           true};
      selection.verdicts[*selection.winner].needs_more = true;
      selection.decided = false;
    }
  }
  if (selection.winner) {
    CandidateVerdict& w = selection.verdicts[*selection.winner];
    w.status = CandidateStatus::kWins;
    w.reason = "meets the SLO and is the cheapest that does: " + objective + " " +
               metric_value_text(objective, best);
  }
  return selection;
}

std::string verdict_text(const Selection& selection, const std::vector<std::string>& names,
                         const SelectionSettings& settings) {
  size_t open = 0;
  for (size_t i = 0; i < selection.verdicts.size(); ++i)
    open += selection.verdicts[i].needs_more && selection.winner != i ? 1 : 0;
  const std::string budget = std::to_string(open) + (open == 1 ? " candidate" : " candidates") +
                             " still open at the budget of " +
                             std::to_string(settings.max_replications) + " replications";
  char confidence[32];
  std::snprintf(confidence, sizeof confidence, "%g%%", settings.confidence * 100);
  if (selection.winner) {
    const std::string& name = names[*selection.winner];
    if (selection.decided)
      return name + " meets the SLO and is the cheapest that does, with at least " + confidence +
             " confidence";
    return name + " is the cheapest shown to meet the SLO; " + budget;
  }
  if (selection.decided) return "none meets the SLO";
  return "none is shown to meet the SLO; " + budget;
}

std::vector<size_t> pareto_front(const std::vector<std::pair<double, double>>& points) {
  std::vector<size_t> order(points.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return points[a] < points[b]; });
  std::vector<size_t> front;
  double best_y = INFINITY;
  for (size_t i : order) {
    // Sorted by x then y: a point is dominated unless its y beats every earlier one.
    if (points[i].second < best_y) {
      front.push_back(i);
      best_y = points[i].second;
    }
  }
  return front;
}

}  // namespace app
