// Several ordered event streams presented to a Simulation as one.
//
// The simulation takes a single EventStream, so that a run with one source of
// external events (the usual workload) pays nothing for merging. A run with more
// (a workload and a replayed trace, say) hands it a MergedStream instead, which
// fires whichever stream's next event is earliest. Streams due at the same instant
// fire in the order they were added, never by address.
#ifndef SCALESIM_SIM_MERGED_STREAM_H_
#define SCALESIM_SIM_MERGED_STREAM_H_

#include <cstddef>
#include <vector>

#include "sim/simulation.h"
#include "sim/time.h"

namespace sim {

class MergedStream final : public EventStream {
 public:
  MergedStream() = default;
  MergedStream(const MergedStream&) = delete;
  MergedStream& operator=(const MergedStream&) = delete;

  // Adds `stream` after those already added (it loses ties to them). Its next time
  // is read now and from then on taken from what its fire() returns, just as the
  // simulation treats a single stream within run_until: REQUIRES it changes in no
  // other way, and `stream` outlives this. REQUIRES: not called during run_until
  // (the simulation holds the merged next time until the slice ends); between
  // slices, the stream's next event must not be before the clock.
  void add(EventStream& stream);
  size_t size() const { return streams_.size(); }

  // The earliest next time over all streams; Time::never() when all are exhausted
  // or none was added.
  Time next_time() const override { return next_; }
  // Fires the earliest stream's next event. O(size()): meant for a handful of
  // streams. REQUIRES: next_time() != Time::never().
  Time fire() override;

 private:
  struct Source {
    EventStream* stream;  // not owned
    Time next;
  };
  // Sets earliest_ and next_: the first stream, in added order, with the least time.
  void find_earliest();

  std::vector<Source> streams_;
  size_t earliest_ = 0;
  Time next_ = Time::never();
};

}  // namespace sim

#endif  // SCALESIM_SIM_MERGED_STREAM_H_
