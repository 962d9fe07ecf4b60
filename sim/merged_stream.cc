#include "sim/merged_stream.h"

#include "sim/check.h"

namespace sim {

void MergedStream::add(EventStream& stream) {
  streams_.push_back(Source{&stream, stream.next_time()});
  find_earliest();
}

Time MergedStream::fire() {
  SCALESIM_CHECK(next_ != Time::never(), "fire() on an exhausted merged stream");
  Source& source = streams_[earliest_];
  source.next = source.stream->fire();
  find_earliest();
  return next_;
}

void MergedStream::find_earliest() {
  earliest_ = 0;
  next_ = Time::never();
  for (size_t i = 0; i < streams_.size(); ++i) {
    if (streams_[i].next < next_) {  // strict: the first added wins a tie
      next_ = streams_[i].next;
      earliest_ = i;
    }
  }
}

}  // namespace sim
