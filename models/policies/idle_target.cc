#include "models/policies/idle_target.h"

#include <algorithm>
#include <optional>

#include "models/compute/server_fleet.h"
#include "models/control/capacity.h"
#include "sim/check.h"
#include "sim/periodic_timer.h"

namespace models {

namespace {

// What a call was for; the low 32 bits of its tag hold an index.
enum CallKind : uint64_t { kCreateStep = 1, kDelete = 2, kReadTag = 3, kWriteTag = 4 };

uint64_t tag_of(CallKind kind, size_t index) {
  return (uint64_t{kind} << 32) | index;
}

// One server being made: which call of the sequence is under way, and the
// server once the first call has made it.
struct Creation {
  size_t step = 0;
  std::optional<uint64_t> id;
};

class IdleTargetScaler final : public Controller,
                               private sim::TickHandler,
                               private sim::EventHandler,
                               private CallObserver {
 public:
  IdleTargetScaler(std::string name, const IdleTargetConfig& config, Component& fleet,
                   ControlContext& context)
      : Controller(std::move(name)),
        config_(config),
        fleet_(*dynamic_cast<ScalableCapacity*>(&fleet)),
        context_(context),
        sim_(context.run.simulation),
        ticks_(context.run.simulation, *this, 0),
        tag_value_(config.spare.initial),
        spare_(config.spare.initial) {
    const std::string_view service = fleet_.launch_service();
    const std::vector<std::string> creates =
        config.create_calls.empty() ? default_create_calls(service) : config.create_calls;
    for (const std::string& call : creates) create_apis_.push_back(api(call));
    delete_api_ =
        api(config.delete_call.empty() ? default_delete_call(service) : config.delete_call);
    if (config.spare.remote) {
      read_api_ = api(config.read_tag_call);
      if (!config.spare.schedule.empty()) write_api_ = api(config.write_tag_call);
    }
    sim::TimeSeries& series = context.run.series;
    spare_column_ = series.level(this->name(), "spare_target");
    scale_outs_column_ = series.counter(this->name(), "scale_outs");
    scale_ins_column_ = series.counter(this->name(), "scale_ins");
    alerts_column_ = series.counter(this->name(), "alerts");
  }

  void start() override {
    context_.run.series.change(spare_column_, sim_.now(), spare_);
    ticks_.start(sim_.now() + config_.interval, config_.interval);
    const size_t changes = config_.spare.changes.size();
    for (size_t i = 0; i < changes; ++i) {
      sim_.schedule(sim::Time::zero() + config_.spare.changes[i].at, *this, i);
    }
    for (size_t i = 0; i < config_.spare.schedule.size(); ++i) schedule_cron(i);
  }

  void report(MetricList& metrics) const override {
    const std::string prefix = "controller." + name() + ".";
    const sim::TimeSeries& series = context_.run.series;
    metrics.push_back({prefix + "scale_outs", series.total(scale_outs_column_), Unit::kCount});
    metrics.push_back({prefix + "scale_ins", series.total(scale_ins_column_), Unit::kCount});
    metrics.push_back({prefix + "alerts", series.total(alerts_column_), Unit::kCount});
    metrics.push_back({prefix + "spare_target_mean", series.mean(spare_column_), Unit::kNumber});
  }

 private:
  ApiId api(const std::string& name) const {
    const std::optional<ApiId> id = context_.control_plane.find(name);
    SCALESIM_CHECK(id.has_value(), "idle_target names a call the control plane lacks");
    return *id;
  }

  void call(ApiId api, CallKind kind, size_t index) {
    context_.control_plane.call(api, name(), *this, tag_of(kind, index), config_.retry);
  }

  void log(std::string_view what, std::string detail) {
    if (context_.run.events) context_.run.events->add(sim_.now(), name(), what, std::move(detail));
  }

  // The health check: count idle servers and act on one.
  void on_tick(int /*tag*/) override {
    if (read_api_) call(*read_api_, kReadTag, 0);
    const CapacityCounts counts = fleet_.counts();
    const uint32_t idle =
        counts.idle - deleting_idle() + (config_.count_pending ? counts.pending : 0);
    if (idle < spare_) {
      start_creation();
    } else if (idle > spare_) {
      delete_one_idle();
    }
    if (config_.delete_zombies) delete_zombies();
  }

  void start_creation() {
    context_.run.series.count(scale_outs_column_, sim_.now());
    const size_t index = reuse(creations_, free_creations_, Creation{});
    log("create", "server " + std::to_string(++servers_asked_));
    call(create_apis_.front(), kCreateStep, index);
  }

  // A slot of `slots` for a new entry: a freed one, or a new one at the end.
  template <class T>
  static size_t reuse(std::vector<T>& slots, std::vector<size_t>& free, T value) {
    if (free.empty()) {
      slots.push_back(std::move(value));
      return slots.size() - 1;
    }
    const size_t index = free.back();
    free.pop_back();
    slots[index] = std::move(value);
    return index;
  }

  // The newest idle server that is not already being deleted.
  void delete_one_idle() {
    const std::vector<InstanceView> instances = fleet_.instances();
    for (auto it = instances.rbegin(); it != instances.rend(); ++it) {
      if (it->state != InstanceState::kInService || it->busy > 0 || it->queued > 0) continue;
      if (std::find(deleting_.begin(), deleting_.end(), it->id) != deleting_.end()) continue;
      context_.run.series.count(scale_ins_column_, sim_.now());
      delete_instance(it->id);
      return;
    }
  }

  void delete_zombies() {
    for (const InstanceView& instance : fleet_.instances()) {
      if (instance.state != InstanceState::kZombie) continue;
      if (std::find(deleting_.begin(), deleting_.end(), instance.id) != deleting_.end()) continue;
      delete_instance(instance.id);
    }
  }

  void delete_instance(uint64_t id) {
    const size_t index = reuse(deleting_, free_deletions_, id);
    log("delete", ScalableCapacity::instance_name(id));
    call(delete_api_, kDelete, index);
  }

  // Idle servers already chosen for deletion do not count as spare.
  uint32_t deleting_idle() const {
    uint32_t n = 0;
    for (const InstanceView& instance : fleet_.instances()) {
      if (instance.state != InstanceState::kInService || instance.busy > 0 || instance.queued > 0)
        continue;
      if (std::find(deleting_.begin(), deleting_.end(), instance.id) != deleting_.end()) ++n;
    }
    return n;
  }

  void on_call_done(uint64_t tag, const CallResult& result) override {
    const auto index = static_cast<size_t>(tag & 0xffffffffu);
    switch (static_cast<CallKind>(tag >> 32)) {
      case kCreateStep:
        return creation_step_done(index, result);
      case kDelete:
        return deletion_done(index, result);
      case kReadTag:
        if (result.ok) set_spare(tag_value_);
        return;
      case kWriteTag:
        if (result.ok) tag_value_ = config_.spare.schedule[index].value;
        if (!result.ok) alert("the cron job could not write the spare target tag");
        return;
    }
  }

  void creation_step_done(size_t index, const CallResult& result) {
    Creation& creation = creations_[index];
    if (!result.ok) {
      if (creation.id) fleet_.abandon(*creation.id);
      free_creations_.push_back(index);
      return alert(std::string(result.api->name) + " failed" +
                   (creation.id ? " for " + ScalableCapacity::instance_name(*creation.id) : ""));
    }
    if (creation.step == 0) {
      creation.id = fleet_.launch(false);
      if (!creation.id) {
        free_creations_.push_back(index);
        return alert("the fleet holds no more instances (its max_instances)");
      }
    }
    if (++creation.step < create_apis_.size()) {
      return call(create_apis_[creation.step], kCreateStep, index);
    }
    fleet_.configure(*creation.id);
    log("created", ScalableCapacity::instance_name(*creation.id));
    free_creations_.push_back(index);
  }

  // Deleted or not, the choice is forgotten: a server that survived may be
  // chosen again at the next interval.
  void deletion_done(size_t index, const CallResult& result) {
    const uint64_t id = deleting_[index];
    deleting_[index] = kNoInstance;
    free_deletions_.push_back(index);
    if (!result.ok)
      return alert("DeleteInstance failed for " + ScalableCapacity::instance_name(id));
    for (const InstanceView& instance : fleet_.instances()) {
      if (instance.id == id) return fleet_.terminate(id, Termination::kAtOnce);
    }
  }

  void alert(std::string detail) {
    if (!config_.alerts) return;
    context_.run.series.count(alerts_column_, sim_.now());
    log("alert", std::move(detail));
  }

  // v1 has a fixed target; v2 and v3 read the tag and keep the last value read.
  void set_spare(uint32_t value) {
    if (value == spare_) return;
    context_.run.series.change(spare_column_, sim_.now(),
                               static_cast<int64_t>(value) - static_cast<int64_t>(spare_));
    log("spare_target", std::to_string(spare_) + " -> " + std::to_string(value));
    spare_ = value;
  }

  // A person's tag change (v2), or a cron job's write (v3), due now. The scaler
  // sees the new value at its next read of the tag.
  void on_event(uint64_t payload) override {
    const size_t changes = config_.spare.changes.size();
    if (payload < changes) {
      tag_value_ = config_.spare.changes[payload].value;
      return;
    }
    const size_t entry = payload - changes;
    call(*write_api_, kWriteTag, entry);
    schedule_cron(entry);
  }

  void schedule_cron(size_t entry) {
    const sim::Time next =
        config_.spare.schedule[entry].when.next_after(sim_.now(), context_.run.local_offset);
    if (next != sim::Time::never()) {
      sim_.schedule(next, *this, config_.spare.changes.size() + entry);
    }
  }

  IdleTargetConfig config_;
  ScalableCapacity& fleet_;
  ControlContext& context_;
  sim::Simulation& sim_;
  sim::PeriodicTimer ticks_;
  std::vector<ApiId> create_apis_;
  ApiId delete_api_ = 0;
  std::optional<ApiId> read_api_;
  std::optional<ApiId> write_api_;

  uint32_t tag_value_;  // the remote tag as it is now
  uint32_t spare_;      // the target the scaler acts on
  static constexpr uint64_t kNoInstance = UINT64_MAX;
  std::vector<Creation> creations_;  // by call index; freed ones are reused
  std::vector<size_t> free_creations_;
  uint64_t servers_asked_ = 0;
  std::vector<uint64_t> deleting_;  // chosen for deletion, by call index
  std::vector<size_t> free_deletions_;

  sim::TimeSeries::Column spare_column_;
  sim::TimeSeries::Column scale_outs_column_;
  sim::TimeSeries::Column scale_ins_column_;
  sim::TimeSeries::Column alerts_column_;
};

std::unique_ptr<Controller> make_idle_target(const ControllerSpec& spec,
                                             const std::vector<Component*>& driven,
                                             ControlContext& context) {
  SCALESIM_CHECK(dynamic_cast<ScalableCapacity*>(driven.front()) != nullptr,
                 "idle_target was wired to a component that cannot scale");
  return std::make_unique<IdleTargetScaler>(spec.name, spec.config_as<IdleTargetConfig>(),
                                            *driven.front(), context);
}

std::vector<CallSite> idle_target_calls(const ControllerSpec& spec) {
  const IdleTargetConfig& config = spec.config_as<IdleTargetConfig>();
  std::vector<CallSite> calls;
  for (size_t i = 0; i < config.create_calls.size(); ++i) {
    calls.push_back({config.create_calls[i], "/create_calls/" + std::to_string(i)});
  }
  calls.push_back({config.delete_call, "/delete_call"});
  if (config.spare.remote) {
    calls.push_back({config.read_tag_call, "/read_tag_call"});
    if (!config.spare.schedule.empty()) calls.push_back({config.write_tag_call, "/write_tag_call"});
  }
  return calls;
}

// The calls that make and delete a server are the driven fleet's provider's,
// unless the scenario named them.
void bind_idle_target(ControllerSpec& spec, const ComponentSpec& driven) {
  IdleTargetConfig& config = spec.config_as<IdleTargetConfig>();
  const auto* fleet = std::any_cast<ServerFleetConfig>(&driven.config);
  if (!fleet || !fleet->instance_type) return;
  const std::string_view service = provider_name(fleet->instance_type->provider);
  if (config.create_calls.empty()) config.create_calls = default_create_calls(service);
  if (config.delete_call.empty()) config.delete_call = default_delete_call(service);
}

}  // namespace

std::vector<std::string> default_create_calls(std::string_view service) {
  if (service == "ec2") return {"ec2:RunInstances", "ec2:CreateTags"};
  return {"lightsail:CreateInstances", "lightsail:TagResource", "lightsail:OpenInstancePublicPorts",
          "lightsail:TagResource"};
}

std::string default_delete_call(std::string_view service) {
  return service == "ec2" ? "ec2:TerminateInstances" : "lightsail:DeleteInstance";
}

const ControllerKind& IdleTargetConfig::kind() {
  static const ControllerKind row{
      "idle_target",     {"server_fleet"}, 1, 1, true, make_idle_target, nullptr,
      idle_target_calls, bind_idle_target};
  return row;
}

}  // namespace models
