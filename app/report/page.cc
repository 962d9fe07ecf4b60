#include "app/report/page.h"

#include <algorithm>
#include <cmath>

#include "app/output/number_text.h"

namespace app::report {

namespace {

std::string cell(const Value* v, double factor = 1, const std::string& suffix = "") {
  if (!v) return "<td class=\"num\">-</td>";
  const double mean = v->mean * factor;
  const std::optional<double> half =
      v->half_width ? std::optional<double>(*v->half_width * factor) : std::nullopt;
  const int decimals = decimals_for(mean, half);
  std::string text = fixed(mean, decimals) + suffix;
  if (half) text += " ± " + fixed(*half, decimals) + suffix;
  return "<td class=\"num\">" + text + "</td>";
}

bool any_nonzero(const Results& results, const std::string& metric) {
  for (const StrategyResults& s : results.strategies) {
    if (const Value* v = s.metric(metric); v && v->mean != 0) return true;
  }
  return false;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string duration_text(double seconds) {
  const auto total = static_cast<long long>(std::llround(seconds));
  const long long parts[] = {total / 86400, total % 86400 / 3600, total % 3600 / 60, total % 60};
  const char* units[] = {"d", "h", "m", "s"};
  std::string text;
  for (int i = 0; i < 4; ++i) {
    if (parts[i] == 0) continue;
    // Built by appending: GCC 12 warns falsely (-Wrestrict) on "literal" + a string.
    if (!text.empty()) text += ' ';
    text += std::to_string(parts[i]);
    text += units[i];
  }
  return text.empty() ? "0s" : text;
}

std::string page_heading(const Results& r) {
  const size_t n = r.strategies.size();
  std::string html = "<h1>" + html_escape(r.scenario_name) + "</h1>\n<p class=\"meta\">";
  if (!r.scenario_file.empty())
    html += "Scenario <code>" + html_escape(r.scenario_file) + "</code>: ";
  html +=
      std::to_string(n) + (n == 1 ? " strategy" : " strategies") + " x " +
      std::to_string(r.replications) + (r.replications == 1 ? " replication" : " replications") +
      ", horizon " + duration_text(r.horizon_s) + " (warm-up " + duration_text(r.warmup_s) +
      " left out), interval " + duration_text(r.interval_s) + ", seed " + fixed(r.seed, 0) + ".";
  if (!r.clock_start.empty()) html += " The clock starts at " + html_escape(r.clock_start) + ".";
  html += "</p>\n";
  if (!r.pricing.empty())
    html += "<p class=\"meta\">Priced with " + html_escape(r.pricing) + ".</p>\n";
  html += "<p class=\"meta\">Each cell: mean ± " + fixed(r.confidence * 100, 0) +
          "% confidence half-width over replications. Written by " + html_escape(r.generator) +
          ".</p>\n";
  return html;
}

std::vector<std::string> outcome_causes(const Results& results) {
  std::vector<std::string> causes;
  for (const StrategyResults& s : results.strategies) {
    for (const auto& [name, value] : s.metrics) {
      if (name.rfind("rate.", 0) != 0 || name == "rate.ok" || name == "rate.error") continue;
      const std::string cause = name.substr(5);
      if (std::find(causes.begin(), causes.end(), cause) == causes.end()) causes.push_back(cause);
    }
  }
  return causes;
}

std::string comparison_table(const Results& results) {
  std::vector<std::string> causes;
  for (const std::string& cause : outcome_causes(results)) {
    if (any_nonzero(results, "rate." + cause)) causes.push_back(cause);
  }
  std::string html =
      "<table class=\"comparison\">\n<tr><th>strategy</th><th>arrivals</th><th>ok</th>";
  for (const std::string& cause : causes) html += "<th>" + html_escape(cause) + "</th>";
  html +=
      "<th>all errors</th><th>p50 (ms)</th><th>p99 (ms)</th><th>cost (USD)</th>"
      "<th>per month (USD)</th><th>per million ok (USD)</th></tr>\n";
  for (const StrategyResults& s : results.strategies) {
    html += "<tr><td>" + html_escape(s.name) + "</td>" + cell(s.metric("requests.arrivals")) +
            cell(s.metric("rate.ok"), 100, "%");
    for (const std::string& cause : causes) html += cell(s.metric("rate." + cause), 100, "%");
    html += cell(s.metric("rate.error"), 100, "%") + cell(s.metric("latency.p50_ms")) +
            cell(s.metric("latency.p99_ms")) + cell(s.metric("cost.total_usd")) +
            cell(s.metric("cost.per_month_usd")) + cell(s.metric("cost.per_million_ok_usd")) +
            "</tr>\n";
  }
  html += "</table>\n";
  if (causes.empty()) html += "<p class=\"meta\">No request failed in any strategy.</p>\n";
  return html;
}

std::string point_label(const Sweep& sweep, int point) {
  const SweepPoint* p = sweep.find_point(point);
  if (!p) return "point " + std::to_string(point);
  std::string label;
  for (const auto& [name, value] : p->values) {
    if (!label.empty()) label += ", ";
    label += name;
    label += '=';
    label += value;
  }
  return label.empty() ? "point " + std::to_string(point) : label;
}

std::string selection_table(const Results& results) {
  if (!results.sweep || results.sweep->selection.empty()) return "";
  const Sweep& sweep = *results.sweep;
  const auto name_of = [&](std::optional<int> entry, std::optional<int> point,
                           const std::string& name) -> std::string {
    if (!name.empty()) return name;
    if (entry && static_cast<size_t>(*entry) < results.strategies.size())
      return results.strategies[*entry].name;
    return point ? point_label(sweep, *point) : "(not varied)";
  };
  std::string html =
      "<table class=\"selection\">\n<tr><th>strategy</th><th>candidate</th>"
      "<th>status</th><th>why</th></tr>\n";
  for (const Selection& s : sweep.selection) {
    std::string verdict = s.verdict;
    if (verdict.empty()) {
      verdict = s.winner || s.winner_entry ? "wins: " + name_of(s.winner_entry, s.winner, "")
                                           : "no candidate meets the SLO";
      if (s.confidence) verdict += " (confidence " + fixed(*s.confidence * 100, 0) + "%)";
    }
    html += "<tr><th>" + html_escape(s.strategy ? *s.strategy : "across strategies") +
            "</th><th colspan=\"3\">" + html_escape(verdict) + "</th></tr>\n";
    for (const PointVerdict& p : s.points) {
      html += "<tr><td></td><td>" + html_escape(name_of(p.entry, p.point, p.name)) +
              "</td><td class=\"" + html_escape(p.status) + "\">" + html_escape(p.status) +
              "</td><td>" + html_escape(p.reason) + "</td></tr>\n";
    }
  }
  return html + "</table>\n";
}

}  // namespace app::report
