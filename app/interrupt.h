// Stopping long work cleanly on SIGINT or SIGTERM.
//
// While an InterruptScope lives, SIGINT and SIGTERM only record which signal
// came (the handler does nothing else, so it is async-signal-safe). Long work
// polls the record between slices and throws Interrupted; whoever catches it
// removes what the work left behind and exits with 128 + the signal (130, 143).
#ifndef SCALESIM_APP_INTERRUPT_H_
#define SCALESIM_APP_INTERRUPT_H_

#include <signal.h>

#include <atomic>
#include <exception>

namespace app {

// 0 while work may go on; otherwise the number of the signal that asked it to stop.
using StopFlag = std::atomic<int>;

// Thrown by work that saw its StopFlag set.
class Interrupted : public std::exception {
 public:
  explicit Interrupted(int signal) : signal_(signal) {}
  int signal() const { return signal_; }
  int exit_status() const { return 128 + signal_; }
  const char* what() const noexcept override { return "interrupted"; }

 private:
  int signal_;
};

// Throws Interrupted if `stop` (which may be null) is set.
inline void throw_if_stopped(const StopFlag* stop) {
  if (stop) {
    if (const int signal = stop->load(std::memory_order_relaxed)) throw Interrupted(signal);
  }
}

// Routes SIGINT and SIGTERM to flag() for its lifetime and restores the previous
// handlers afterwards. A signal that was ignored when the scope began (SIGINT
// for a job a non-interactive shell started with &) stays ignored, as is the
// convention. One scope at a time.
class InterruptScope {
 public:
  InterruptScope() {
    flag().store(0);
    struct sigaction action = {};
    action.sa_handler = &record;
    sigemptyset(&action.sa_mask);
    // Writes and waits in progress carry on; a second signal of the same kind
    // finds the default action again and ends the process at once, for a user
    // who will not wait for the current slice.
    action.sa_flags = SA_RESTART | SA_RESETHAND;
    for (int i = 0; i < 2; ++i) {
      sigaction(kSignals[i], nullptr, &previous_[i]);
      if (previous_[i].sa_handler != SIG_IGN) sigaction(kSignals[i], &action, nullptr);
    }
  }
  ~InterruptScope() {
    for (int i = 0; i < 2; ++i) sigaction(kSignals[i], &previous_[i], nullptr);
  }
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  static StopFlag& flag() { return flag_; }

 private:
  static_assert(StopFlag::is_always_lock_free, "a signal handler may only touch lock-free atomics");
  static constexpr int kSignals[2] = {SIGINT, SIGTERM};
  static inline constinit StopFlag flag_{0};  // constant-initialised: no guard to race on

  // The first signal wins: a later SIGTERM does not turn an interrupt into a termination.
  static void record(int signal) {
    int none = 0;
    flag_.compare_exchange_strong(none, signal);
  }

  struct sigaction previous_[2];
};

}  // namespace app

#endif  // SCALESIM_APP_INTERRUPT_H_
