#include "sim/timer_set.h"

#include <bit>

namespace sim {

TimerSet::TimerSet(TimerHandler& owner) : owner_(owner) {
  heads_.fill(kNil);
  reset_nodes();
}

void TimerSet::reset_nodes() {
  nodes_.clear();
  nodes_.push_back({kNone, kNil});
  free_ = kNil;
}

void TimerSet::place(uint64_t key) {
  const uint64_t bucket = bucket_of(key);
  // Unsigned: a key before the base (none should be) also goes to the heap.
  if (bucket - base_ >= kBuckets) return heap_.push(key);
  // A free node first: growing nodes_ would move the links walked below.
  if (free_ == kNil) {
    free_ = static_cast<uint32_t>(nodes_.size());
    nodes_.push_back({0, kNil});
  }
  const size_t slot = slot_of(bucket);
  uint32_t* link = &heads_[slot];
  // The sentinel's key, kNone, stops the walk at a list's end.
  for (int walked = 0; nodes_[*link].key < key; ++walked) {
    if (walked == kMostWalked) return heap_.push(key);
    link = &nodes_[*link].next;
  }
  const uint32_t node = free_;
  free_ = nodes_[node].next;
  nodes_[node] = {key, *link};
  *link = node;
  mark(slot);
}

uint64_t TimerSet::wheel_front() const {
  if (used_words_ == 0) return kNone;
  const size_t from = slot_of(base_);
  const size_t word = from / 64;
  size_t slot;
  if (const uint64_t bits = used_[word] & (~uint64_t{0} << (from % 64)); bits != 0) {
    slot = word * 64 + static_cast<size_t>(std::countr_zero(bits));
  } else {
    // The next word in use after this one, else the first from the wheel's start
    // (the span wraps around); this word's bits below `from` are the last.
    const uint64_t later = used_words_ & (~uint64_t{1} << word);
    const uint64_t next = later != 0 ? later : used_words_;
    const auto w = static_cast<size_t>(std::countr_zero(next));
    slot = w * 64 + static_cast<size_t>(std::countr_zero(used_[w]));
  }
  return nodes_[heads_[slot]].key;
}

void TimerSet::take_top() {
  const uint64_t key = top_;
  --size_;
  if (heap_.top() == key) {
    heap_.pop();
  } else {
    const size_t slot = slot_of(bucket_of(key));
    const uint32_t node = heads_[slot];
    heads_[slot] = nodes_[node].next;
    free_node(node);
    unmark_if_empty(slot);
  }
  last_fired_us_ = static_cast<int64_t>(key >> kIndexBits);
  base_ = bucket_of(key);
  top_ = front();
}

void TimerSet::unlink(uint32_t* link, size_t slot) {
  const uint32_t node = *link;
  *link = nodes_[node].next;
  free_node(node);
  unmark_if_empty(slot);
}

std::optional<Time> TimerSet::cancel(uint32_t index) {
  // Keys with the same index order by time, so the smallest matching key is the
  // earliest timer of that index.
  uint64_t best = kNone;
  uint32_t* best_link = nullptr;
  size_t best_slot = 0;
  for (size_t slot = 0; slot < kBuckets; ++slot) {
    for (uint32_t* link = &heads_[slot]; *link != kNil; link = &nodes_[*link].next) {
      const uint64_t key = nodes_[*link].key;
      if ((key & kMaxIndex) == index && key < best) {
        best = key;
        best_link = link;
        best_slot = slot;
      }
    }
  }
  size_t best_position = heap_.size();
  for (size_t i = 0; i < heap_.size(); ++i) {
    const uint64_t key = heap_.data()[i];
    if ((key & kMaxIndex) == index && key < best) {
      best = key;
      best_position = i;
    }
  }
  if (best == kNone) return std::nullopt;
  if (best_position < heap_.size()) {
    heap_.remove_at(best_position);
  } else {
    unlink(best_link, best_slot);
  }
  --size_;
  top_ = front();
  return Time::micros(static_cast<int64_t>(best >> kIndexBits));
}

void TimerSet::cancel_range(uint32_t first, uint32_t last,
                            std::vector<std::pair<uint32_t, Time>>& cancelled) {
  const auto in_range = [first, last](uint64_t key) {
    const auto index = static_cast<uint32_t>(key & kMaxIndex);
    return index >= first && index <= last;
  };
  const auto note = [&cancelled](uint64_t key) {
    cancelled.emplace_back(static_cast<uint32_t>(key & kMaxIndex),
                           Time::micros(static_cast<int64_t>(key >> kIndexBits)));
  };
  const size_t before = cancelled.size();
  for (size_t slot = 0; slot < kBuckets; ++slot) {
    uint32_t* link = &heads_[slot];
    while (*link != kNil) {
      const uint64_t key = nodes_[*link].key;
      if (in_range(key)) {
        note(key);
        unlink(link, slot);
      } else {
        link = &nodes_[*link].next;
      }
    }
  }
  heap_.filter([&](uint64_t key) {
    if (!in_range(key)) return true;
    note(key);
    return false;
  });
  size_ -= cancelled.size() - before;
  top_ = front();
}

void TimerSet::sample_delay(int64_t us) {
  until_sample_ = kSampleEvery;
  delay_sum_ += static_cast<uint64_t>(us - last_fired_us_);
  if (++samples_ == kSamplesPerAdapt) adapt();
}

void TimerSet::adapt() {
  const uint64_t mean_delay = delay_sum_ / samples_;
  const uint64_t target = mean_delay / 256;  // the width wanted, in us
  samples_ = 0;
  delay_sum_ = 0;
  const int wanted = target == 0 ? 0 : static_cast<int>(std::bit_width(target)) - 1;
  if (wanted >= shift_ + 2 || wanted <= shift_ - 2) respread(wanted);
  // Timers end at about size_ / mean_delay a microsecond (Little's law), so a
  // bucket holds about size_ * width / mean_delay. From a quarter on, a branch on
  // whether a key goes first in its bucket would miss more often than choosing
  // between first and second by arithmetic costs.
  crowded_ = 4 * size_ >= (mean_delay >> shift_);
}

void TimerSet::respread(int shift) {
  std::vector<uint64_t> keys;
  for (size_t slot = 0; slot < kBuckets; ++slot) {
    for (uint32_t node = heads_[slot]; node != kNil; node = nodes_[node].next) {
      keys.push_back(nodes_[node].key);
    }
    heads_[slot] = kNil;
  }
  used_.fill(0);
  used_words_ = 0;
  reset_nodes();
  shift_ = shift;
  key_shift_ = kIndexBits + shift;
  base_ = static_cast<uint64_t>(last_fired_us_) >> shift_;
  for (const uint64_t key : keys) place(key);
}

}  // namespace sim
