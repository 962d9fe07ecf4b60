#include "app/diff_command.h"

#include <cmath>
#include <optional>
#include <ostream>
#include <vector>

#include "app/output/number_text.h"
#include "app/scenario/input_error.h"
#include "app/scenario/input_file.h"
#include "app/scenario/json_reader.h"

namespace app {

namespace {

struct Value {
  double mean = 0;
  std::optional<double> half_width;
};

struct Metric {
  std::string name;
  Value value;
};

struct Strategy {
  std::string name;
  std::vector<Metric> metrics;
};

struct Results {
  std::string file;
  std::string scenario;
  int replications = 0;
  double confidence = 0;
  std::vector<Strategy> strategies;
};

std::optional<Value> read_value(const Json& json, const std::string& at, Problems& problems) {
  ObjectReader r(json, at, problems, "a metric object");
  if (!r.valid()) return std::nullopt;
  Value v;
  const Json* mean = r.field("mean", Presence::kRequired, "a number");
  if (mean && !mean->is_number()) problems.expected(r.pointer("mean"), "a number", mean);
  if (mean && mean->is_number()) v.mean = mean->get<double>();
  const Json* half = r.field("half_width", Presence::kRequired, "a number or null");
  if (half && half->is_number()) {
    v.half_width = half->get<double>();
  } else if (half && !half->is_null()) {
    problems.expected(r.pointer("half_width"), "a number or null", half);
  }
  r.string("unit");
  r.reject_unknown_keys();
  return v;
}

std::vector<Strategy> read_strategies(const Json& json, const std::string& at, Problems& problems) {
  std::vector<Strategy> strategies;
  if (!json.is_array()) {
    problems.expected(at, "an array of strategies", &json);
    return strategies;
  }
  for (size_t i = 0; i < json.size(); ++i) {
    ObjectReader r(json[i], child_pointer(at, i), problems, "a strategy object");
    if (!r.valid()) continue;
    Strategy s;
    s.name = r.string("name", Presence::kRequired).value_or("");
    r.string("description");
    r.field("events");
    if (const Json* metrics = r.field("metrics", Presence::kRequired, "an object of metrics")) {
      if (!metrics->is_object()) {
        problems.expected(r.pointer("metrics"), "an object of metrics", metrics);
      } else {
        for (const auto& [name, value] : metrics->items()) {
          if (auto v = read_value(value, child_pointer(r.pointer("metrics"), name), problems))
            s.metrics.push_back({name, *v});
        }
      }
    }
    strategies.push_back(std::move(s));
  }
  return strategies;
}

// Reads what the comparison needs, and checks it is scalesim's results format.
Results read_results(const std::string& path) {
  const Json root =
      parse_json_document(read_input_file(path, "results file", kMaxJsonFileBytes), path);
  Problems problems;
  Results results;
  results.file = path;
  ObjectReader r(root, "", problems, "a results object");
  if (r.valid()) {
    const auto format = r.string("format", Presence::kRequired);
    if (format && *format != "scalesim-results") {
      problems.expected(r.pointer("format"), "\"scalesim-results\"", r.field("format"));
    }
    const auto version = r.integer("version", 1, 1, Presence::kRequired);
    (void)version;
    if (const Json* scenario = r.field("scenario", Presence::kRequired, "an object")) {
      if (scenario->is_object()) {
        results.scenario = scenario->value("name", "");
        results.replications = scenario->value("replications", 0);
      }
    }
    results.confidence = r.number("confidence", 0, 1).value_or(0);
    if (const Json* strategies =
            r.field("strategies", Presence::kRequired, "an array of strategies")) {
      results.strategies = read_strategies(*strategies, r.pointer("strategies"), problems);
    }
    r.allow("generator");
  }
  if (!problems.empty()) throw InputError(path, problems.list());
  return results;
}

const Strategy* find_strategy(const Results& results, const std::string& name) {
  for (const Strategy& s : results.strategies) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const Metric* find_metric(const Strategy& strategy, const std::string& name) {
  for (const Metric& m : strategy.metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

enum class Verdict { kSame, kWithinNoise, kBeyondNoise, kNoInterval };

Verdict judge(const Value& a, const Value& b) {
  const double change = b.mean - a.mean;
  if (change == 0) return Verdict::kSame;
  if (!a.half_width || !b.half_width) return Verdict::kNoInterval;
  const double noise = *a.half_width + *b.half_width;
  return std::fabs(change) > noise ? Verdict::kBeyondNoise : Verdict::kWithinNoise;
}

std::string value_text(const Value& v, int decimals) {
  std::string text = fixed(v.mean, decimals);
  if (v.half_width) text += " ± " + fixed(*v.half_width, decimals);
  return text;
}

std::string change_text(const Value& a, const Value& b, int decimals) {
  const double change = b.mean - a.mean;
  // Built by appending: GCC 12 warns falsely (-Wrestrict) on "literal" + a string.
  std::string text = change > 0 ? "+" : "";
  text += fixed(change, decimals);
  if (a.mean != 0) {
    const double percent = 100 * change / std::fabs(a.mean);
    text += percent > 0 ? " (+" : " (";
    text += fixed(percent, 1);
    text += "%)";
  }
  return text;
}

const char* verdict_text(Verdict v) {
  switch (v) {
    case Verdict::kBeyondNoise:
      return "larger than the noise";
    case Verdict::kWithinNoise:
      return "within the noise";
    case Verdict::kNoInterval:
      return "no interval (1 replication)";
    case Verdict::kSame:
      break;
  }
  return "unchanged";
}

struct Line {
  std::string metric, a, b, change, verdict;
};

void print_lines(const std::vector<Line>& lines, std::ostream& out) {
  size_t w[4] = {6, 1, 1, 6};
  for (const Line& l : lines) {
    w[0] = std::max(w[0], width(l.metric));
    w[1] = std::max(w[1], width(l.a));
    w[2] = std::max(w[2], width(l.b));
    w[3] = std::max(w[3], width(l.change));
  }
  out << "  " << pad_right("metric", w[0]) << "  " << pad_left("A", w[1]) << "  "
      << pad_left("B", w[2]) << "  " << pad_left("change", w[3]) << "\n";
  for (const Line& l : lines) {
    out << "  " << pad_right(l.metric, w[0]) << "  " << pad_left(l.a, w[1]) << "  "
        << pad_left(l.b, w[2]) << "  " << pad_left(l.change, w[3]) << "  " << l.verdict << "\n";
  }
}

void compare_strategy(const Strategy& a, const Strategy& b, bool all, std::ostream& out) {
  std::vector<Line> lines;
  int within = 0, same = 0;
  std::vector<std::string> only_a, only_b;
  for (const Metric& ma : a.metrics) {
    const Metric* mb = find_metric(b, ma.name);
    if (!mb) {
      only_a.push_back(ma.name);
      continue;
    }
    const Verdict v = judge(ma.value, mb->value);
    within += v == Verdict::kWithinNoise;
    same += v == Verdict::kSame;
    if (!all && (v == Verdict::kWithinNoise || v == Verdict::kSame)) continue;
    const std::optional<double> half =
        ma.value.half_width ? ma.value.half_width : mb->value.half_width;
    const int decimals =
        decimals_for(std::max(std::fabs(ma.value.mean), std::fabs(mb->value.mean)), half);
    lines.push_back({ma.name, value_text(ma.value, decimals), value_text(mb->value, decimals),
                     change_text(ma.value, mb->value, decimals), verdict_text(v)});
  }
  for (const Metric& mb : b.metrics) {
    if (!find_metric(a, mb.name)) only_b.push_back(mb.name);
  }
  out << "\nStrategy \"" << a.name << "\"";
  if (lines.empty()) {
    out << ": no change larger than the noise\n";
  } else {
    out << "\n";
    print_lines(lines, out);
  }
  if (!all)
    out << "  " << within << " metrics changed within the noise, " << same << " unchanged\n";
  for (const std::string& name : only_a) out << "  only in A: " << name << "\n";
  for (const std::string& name : only_b) out << "  only in B: " << name << "\n";
}

std::string describe(const char* label, const Results& r) {
  return std::string(label) + " = " + r.file + " (scenario \"" + r.scenario + "\", " +
         std::to_string(r.replications) + " replications)";
}

}  // namespace

int diff_command(const DiffFlags& flags, std::ostream& out) {
  const Results a = read_results(flags.before);
  const Results b = read_results(flags.after);
  out << describe("A", a) << "\n" << describe("B", b) << "\n";
  out << "A change is larger than the noise when the " << fixed(100 * a.confidence, 0)
      << "% confidence intervals do not overlap.\n";
  if (a.confidence != b.confidence) {
    out << "Note: B's intervals are at " << fixed(100 * b.confidence, 0) << "% confidence, A's at "
        << fixed(100 * a.confidence, 0) << "%.\n";
  }
  for (const Strategy& sa : a.strategies) {
    if (const Strategy* sb = find_strategy(b, sa.name)) {
      compare_strategy(sa, *sb, flags.all, out);
    } else {
      out << "\nStrategy \"" << sa.name << "\": only in A\n";
    }
  }
  for (const Strategy& sb : b.strategies) {
    if (!find_strategy(a, sb.name)) out << "\nStrategy \"" << sb.name << "\": only in B\n";
  }
  return 0;
}

}  // namespace app
