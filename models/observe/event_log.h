// The run's log of happenings that are not request outcomes: scaling decisions,
// launches, terminations, throttled control-plane calls, zombies. A reviewer reads
// it (events.csv, docs/outputs.md) to see why capacity moved.
//
// Entries are kept in the order they are added, which is simulated-time order
// because models add them as things happen. The log is bounded: past `capacity`
// entries it only counts what it drops, so a week of flapping cannot exhaust
// memory.
#ifndef SCALESIM_MODELS_OBSERVE_EVENT_LOG_H_
#define SCALESIM_MODELS_OBSERVE_EVENT_LOG_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/time.h"

namespace models {

struct LoggedEvent {
  sim::Time at;
  std::string source;  // the component or controller it is about, e.g. "web"
  std::string what;    // a stable word: "launch", "terminate", "throttled", "zombie", ...
  std::string detail;  // free text for people: "instance i-7, desired 3 -> 4"
};

class EventLog {
 public:
  // 20,000 entries of a run are a few MB: a hundred replications of several
  // strategies stay within memory until events.csv is written.
  explicit EventLog(size_t capacity = 20'000) : capacity_(capacity) {}

  void add(sim::Time at, std::string_view source, std::string_view what, std::string detail) {
    if (entries_.size() >= capacity_) {
      ++dropped_;
      return;
    }
    entries_.push_back({at, std::string(source), std::string(what), std::move(detail)});
  }

  const std::vector<LoggedEvent>& entries() const { return entries_; }
  uint64_t dropped() const { return dropped_; }
  std::vector<LoggedEvent> take() && { return std::move(entries_); }

 private:
  size_t capacity_;
  std::vector<LoggedEvent> entries_;
  uint64_t dropped_ = 0;
};

}  // namespace models

#endif  // SCALESIM_MODELS_OBSERVE_EVENT_LOG_H_
