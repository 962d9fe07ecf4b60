#include "sim/histogram.h"

#include <algorithm>
#include <cmath>

namespace sim {

template <int SubBits>
BasicHistogram<SubBits>::BasicHistogram() : counts_(bucket_of(kMaxTrackable) + 1, 0) {}

template <int SubBits>
uint64_t BasicHistogram<SubBits>::bucket_low(size_t index) {
  if (index < 2 * kSubCount) return index;
  const uint64_t shift = index / kSubCount - 1;
  const uint64_t mantissa = index - shift * kSubCount;  // in [kSubCount, 2 * kSubCount)
  return mantissa << shift;
}

template <int SubBits>
uint64_t BasicHistogram<SubBits>::count() const {
  uint64_t total = 0;
  const size_t end = last_bucket() + 1;
  for (size_t i = 0; i < end; ++i) total += counts_[i];
  return total;
}

template <int SubBits>
double BasicHistogram<SubBits>::mean() const {
  const uint64_t n = count();
  return n ? static_cast<double>(sum_) / static_cast<double>(n) : 0.0;
}

template <int SubBits>
double BasicHistogram<SubBits>::quantile(double q) const {
  const uint64_t n = count();
  if (n == 0) return 0.0;
  q = std::clamp(q, 0.0, 1.0);
  const auto rank =
      std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(q * static_cast<double>(n))));
  uint64_t seen = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    if (seen + counts_[i] < rank) {
      seen += counts_[i];
      continue;
    }
    // Spread the bucket's values evenly across its width: the estimate stays
    // inside the bucket, and moves smoothly with the rank instead of jumping
    // from midpoint to midpoint.
    const auto low = static_cast<double>(bucket_low(i));
    if (i < 2 * kSubCount) return low;  // one value per bucket: exact
    const double width = static_cast<double>(bucket_low(i + 1)) - low;
    const double within =
        (static_cast<double>(rank - seen) - 0.5) / static_cast<double>(counts_[i]);
    return std::min(low + width * within, static_cast<double>(max_));
  }
  return static_cast<double>(max_);
}

template <int SubBits>
template <int OtherSubBits>
void BasicHistogram<SubBits>::merge(const BasicHistogram<OtherSubBits>& other) {
  static_assert(OtherSubBits >= SubBits, "merge into a histogram as fine or coarser");
  const size_t end = other.last_bucket() + 1;
  if constexpr (OtherSubBits == SubBits) {
    for (size_t i = 0; i < end; ++i) counts_[i] += other.counts_[i];
  } else {
    // Each power of two is split into 2^SubBits equal buckets, and the exact
    // buckets below 2 x 2^SubBits hold one value each, so a finer bucket lies
    // inside the coarser bucket of its smallest value.
    for (size_t i = 0; i < end; ++i) {
      if (other.counts_[i] != 0) {
        counts_[bucket_of(BasicHistogram<OtherSubBits>::bucket_low(i))] += other.counts_[i];
      }
    }
  }
  sum_ += other.sum_;
  max_ = std::max(max_, other.max_);
}

template <int SubBits>
void BasicHistogram<SubBits>::clear() {
  std::fill_n(counts_.begin(), last_bucket() + 1, 0);
  sum_ = 0;
  max_ = 0;
}

template class BasicHistogram<7>;
template class BasicHistogram<4>;
template void BasicHistogram<7>::merge(const BasicHistogram<7>&);
template void BasicHistogram<4>::merge(const BasicHistogram<4>&);
template void BasicHistogram<4>::merge(const BasicHistogram<7>&);

}  // namespace sim
