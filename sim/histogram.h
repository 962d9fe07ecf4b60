// A log-bucketed histogram of non-negative integers (latencies in microseconds).
//
// Values below 2 x 2^SubBits are counted exactly; above, each power of two is
// split into 2^SubBits buckets, so a bucket is at most 1/2^SubBits of its lower
// bound wide. Histogram (SubBits 7: 128 buckets an octave) estimates within 0.8%
// in about 36 KB; CoarseHistogram (SubBits 4) within 6.3% in about 5 KB, cheap
// enough to keep one per time-series interval. Memory is fixed however many
// values are recorded, and recording is a few integer operations. A finer
// histogram's buckets nest in a coarser one's, so it can be merged into one
// (merge) exactly: recording once, finely, can feed both views.
#ifndef SCALESIM_SIM_HISTOGRAM_H_
#define SCALESIM_SIM_HISTOGRAM_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sim {

template <int SubBits>
class BasicHistogram {
 public:
  BasicHistogram();

  // Values above max_trackable() are counted in the top bucket and still reach max().
  // The request path calls this once per request, so it does the least it can:
  // the count is summed from the buckets when asked for.
  void record(int64_t value) {
    const uint64_t v = value < 0 ? 0 : static_cast<uint64_t>(value);
    counts_[bucket_of(v < kMaxTrackable ? v : kMaxTrackable)]++;
    sum_ += v;  // exact: overflows only past 5e5 years of summed microseconds
    if (v > max_) max_ = v;
  }

  uint64_t count() const;
  double mean() const;
  uint64_t max() const { return max_; }
  // The value at quantile q in [0, 1] by the nearest-rank rule, interpolated
  // within its bucket: within a bucket's width of the exact order statistic (0.8%
  // for Histogram, 6.3% for CoarseHistogram; exact below 2 x 2^SubBits for
  // integer values). Returns 0 when empty.
  double quantile(double q) const;
  // Adds `other`'s values, exactly as if they had been recorded here: its buckets
  // nest in this one's. Walks the buckets up to other's largest value only.
  // REQUIRES: OtherSubBits >= SubBits (other is as fine or finer).
  template <int OtherSubBits>
  void merge(const BasicHistogram<OtherSubBits>& other);
  // Forgets every value, keeping the memory. Clears up to the largest value's bucket only.
  void clear();

  static constexpr uint64_t max_trackable() { return kMaxTrackable; }

 private:
  template <int>
  friend class BasicHistogram;

  static constexpr int kSubBits = SubBits;
  static constexpr uint64_t kSubCount = uint64_t{1} << kSubBits;
  static constexpr uint64_t kMaxTrackable = (uint64_t{1} << 42) - 1;  // ~50 days in us

  // Below 2 x kSubCount the shift is 0 and the bucket is the value itself: the
  // or-ed bit makes that so without a branch.
  static size_t bucket_of(uint64_t v) {
    const int shift = static_cast<int>(std::bit_width(v | kSubCount)) - 1 - kSubBits;
    return static_cast<size_t>(static_cast<uint64_t>(shift) * kSubCount + (v >> shift));
  }
  // Smallest value in bucket `index` (also the end of bucket index - 1).
  static uint64_t bucket_low(size_t index);
  // The bucket of the largest value: every bucket past it is empty, since every
  // value recorded or merged is at most max_.
  size_t last_bucket() const { return bucket_of(max_ < kMaxTrackable ? max_ : kMaxTrackable); }

  std::vector<uint64_t> counts_;
  uint64_t sum_ = 0;
  uint64_t max_ = 0;
};

using Histogram = BasicHistogram<7>;
using CoarseHistogram = BasicHistogram<4>;
extern template class BasicHistogram<7>;
extern template class BasicHistogram<4>;
extern template void BasicHistogram<7>::merge(const BasicHistogram<7>&);
extern template void BasicHistogram<4>::merge(const BasicHistogram<4>&);
extern template void BasicHistogram<4>::merge(const BasicHistogram<7>&);

}  // namespace sim

#endif  // SCALESIM_SIM_HISTOGRAM_H_
