// Simulated time: integer microseconds, never floating point, so that event order
// and billing arithmetic are exact and identical on every machine. A month is about
// 2.6e12 us, far inside int64.
#ifndef SCALESIM_SIM_TIME_H_
#define SCALESIM_SIM_TIME_H_

#include <compare>
#include <cstdint>
#include <limits>

namespace sim {

// Rounds to the nearest integer, halves away from zero. Inline arithmetic rather
// than std::llround, a library call that showed in profiles of the request path.
constexpr int64_t round_to_int(double x) {
  return x >= 0 ? static_cast<int64_t>(x + 0.5) : -static_cast<int64_t>(0.5 - x);
}

// A span of simulated time. May be negative only as the result of subtraction.
class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration micros(int64_t us) { return Duration(us); }
  static constexpr Duration millis(int64_t ms) { return Duration(ms * 1000); }
  static constexpr Duration seconds(int64_t s) { return Duration(s * 1000000); }
  static constexpr Duration minutes(int64_t m) { return seconds(m * 60); }
  static constexpr Duration hours(int64_t h) { return minutes(h * 60); }
  // Rounds to the nearest microsecond.
  static constexpr Duration from_seconds(double s) { return Duration(round_to_int(s * 1e6)); }
  static constexpr Duration max() { return Duration(std::numeric_limits<int64_t>::max() / 2); }

  constexpr int64_t us() const { return us_; }
  constexpr double seconds() const { return static_cast<double>(us_) * 1e-6; }
  constexpr double millis() const { return static_cast<double>(us_) * 1e-3; }

  constexpr Duration operator+(Duration o) const { return Duration(us_ + o.us_); }
  constexpr Duration operator-(Duration o) const { return Duration(us_ - o.us_); }
  constexpr Duration operator*(int64_t k) const { return Duration(us_ * k); }
  constexpr Duration& operator+=(Duration o) {
    us_ += o.us_;
    return *this;
  }
  constexpr auto operator<=>(const Duration&) const = default;

 private:
  constexpr explicit Duration(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

// An instant of simulated time, counted from the start of the run.
class Time {
 public:
  constexpr Time() = default;
  static constexpr Time micros(int64_t us) { return Time(us); }
  static constexpr Time zero() { return Time(0); }
  // Later than any instant a run reaches; used for "no event pending".
  static constexpr Time never() { return Time(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t us() const { return us_; }
  constexpr double seconds() const { return static_cast<double>(us_) * 1e-6; }

  constexpr Time operator+(Duration d) const { return Time(us_ + d.us()); }
  constexpr Time operator-(Duration d) const { return Time(us_ - d.us()); }
  constexpr Duration operator-(Time o) const { return Duration::micros(us_ - o.us_); }
  constexpr Time& operator+=(Duration d) {
    us_ += d.us();
    return *this;
  }
  constexpr auto operator<=>(const Time&) const = default;

 private:
  constexpr explicit Time(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

}  // namespace sim

#endif  // SCALESIM_SIM_TIME_H_
