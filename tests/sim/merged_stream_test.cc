#include "sim/merged_stream.h"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "sim/simulation.h"

namespace {

// Fires at the given instants, logging "name@time".
class Stream final : public sim::EventStream {
 public:
  Stream(std::string name, std::vector<int64_t> times, std::vector<std::string>& log)
      : name_(std::move(name)), times_(std::move(times)), log_(log) {}
  sim::Time next_time() const override {
    return next_ < times_.size() ? sim::Time::micros(times_[next_]) : sim::Time::never();
  }
  sim::Time fire() override {
    log_.push_back(name_ + "@" + std::to_string(times_[next_]));
    ++next_;
    return next_time();
  }

 private:
  std::string name_;
  std::vector<int64_t> times_;
  size_t next_ = 0;
  std::vector<std::string>& log_;
};

}  // namespace

TEST_CASE("A merged stream fires the earliest event, ties in the order streams were added",
          "[sim]") {
  std::vector<std::string> log;
  Stream a("a", {5, 10, 10, 30}, log);
  Stream b("b", {1, 10, 40}, log);
  Stream c("c", {10, 20}, log);
  sim::MergedStream merged;
  merged.add(c);
  merged.add(a);
  merged.add(b);
  CHECK(merged.size() == 3);
  CHECK(merged.next_time() == sim::Time::micros(1));
  sim::Simulation simulation;
  simulation.run_until(sim::Time::micros(10), &merged);
  CHECK(log == std::vector<std::string>{"b@1", "a@5", "c@10", "a@10", "a@10", "b@10"});
  CHECK(merged.next_time() == sim::Time::micros(20));
  simulation.run_until(sim::Time::micros(100), &merged);  // resumes across slices
  CHECK(log == std::vector<std::string>{"b@1", "a@5", "c@10", "a@10", "a@10", "b@10", "c@20",
                                        "a@30", "b@40"});
  CHECK(merged.next_time() == sim::Time::never());
  CHECK(simulation.events_fired() == 9);
}

TEST_CASE("A merged stream with no streams, or only exhausted ones, is exhausted", "[sim]") {
  std::vector<std::string> log;
  sim::MergedStream merged;
  CHECK(merged.next_time() == sim::Time::never());
  Stream empty("e", {}, log);
  merged.add(empty);
  CHECK(merged.next_time() == sim::Time::never());
  sim::Simulation simulation;
  simulation.run_until(sim::Time::micros(100), &merged);
  CHECK(simulation.events_fired() == 0);
}

TEST_CASE("A merged stream's events interleave with queued events like a single stream's",
          "[sim]") {
  std::vector<std::string> log;
  sim::Simulation simulation;
  struct Queued final : sim::EventHandler {
    std::vector<std::string>* log;
    sim::Simulation* sim;
    void on_event(uint64_t) override { log->push_back("queue@" + std::to_string(sim->now().us())); }
  } queued;
  queued.log = &log;
  queued.sim = &simulation;
  Stream a("a", {10}, log);
  Stream b("b", {5, 10}, log);
  sim::MergedStream merged;
  merged.add(a);
  merged.add(b);
  simulation.schedule(sim::Time::micros(10), queued);
  simulation.run_until(sim::Time::micros(10), &merged);
  CHECK(log == std::vector<std::string>{"b@5", "queue@10", "a@10", "b@10"});
}
