// The over-time part of the HTML report: timeseries.csv and events.csv read back
// and cut down to what a chart can show.
//
// A chart of a 30-day run at one-minute intervals would have 43,200 points per
// series; the report keeps at most `points_per_chart` per chart by min-max
// decimation: the intervals are cut into buckets and each bucket keeps its lowest
// and its highest value, in time order. Every spike and trough stays visible,
// values are never averaged, and a series short enough is kept whole.
#ifndef SCALESIM_APP_REPORT_TIMELINE_H_
#define SCALESIM_APP_REPORT_TIMELINE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace app::report {

struct Series {
  std::string name;
  std::vector<double> x;  // seconds from the start of the run (interval starts)
  std::vector<double> y;  // NaN where the interval has no value (a gap in the line)
};

struct TimeChart {
  std::string title;
  std::string unit;
  std::vector<Series> series;
  std::string empty_note;  // shown when no series has a value ("no request failed")
};

// Events of one replication, binned so that a 30-day log stays small: each mark
// is one bin of one kind and says how many events of which words it holds.
struct EventMark {
  double t = 0;  // the first event's time in the bin
  int kind = 0;  // index into kEventKinds
  int count = 0;
  std::string label;  // "scale_out 2, launch 2"
};

// The kinds a mark is drawn as, one row each: capacity asked for or added,
// removed, other configuration changes, and problems (throttles, zombies, ...).
inline constexpr const char* kEventKinds[] = {"added", "removed", "changed", "problem"};

struct StrategyTimeline {
  std::string strategy;
  std::vector<TimeChart> charts;  // arrivals, capacity, latency, errors, spend
  std::vector<EventMark> marks;   // of the first replication in events.csv
  int marks_replication = -1;     // -1 when the strategy has no events
  size_t events = 0;              // rows of that replication
};

struct Tick {
  double t = 0;
  std::string label;  // the local time, shortened: "mon 16:00", "11-17 16:00"
};

struct Timeline {
  std::vector<StrategyTimeline> strategies;  // in order of first appearance
  std::vector<Tick> ticks;                   // shared by every chart
  bool per_replication = false;              // rows were averaged over replications here
};

// `causes` are the outcome columns to chart as errors (from results.json's
// rate.<cause> metrics). `horizon_s` spans the charts; `interval_s` sets where
// ticks may fall. Throws InputError naming the file and line for a file that is
// not of the documented format (version line, columns).
Timeline read_timeline(std::string_view timeseries, const std::string& timeseries_file,
                       std::string_view events, const std::string& events_file,
                       const std::vector<std::string>& causes, double horizon_s, double interval_s,
                       size_t points_per_chart);

// Keeps at most about `max_points` of `s` (min-max decimation, see above).
Series decimate(const Series& s, size_t max_points);

}  // namespace app::report

#endif  // SCALESIM_APP_REPORT_TIMELINE_H_
