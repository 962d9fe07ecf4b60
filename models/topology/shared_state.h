// Per-run state that several components share, created on first use.
//
// Some limits belong to the account or the region, not to one component: the
// execution environments of all Lambda functions together, later the account's
// concurrency, the ENI quota, a subnet's addresses. Components reach such state
// by type through the run's SharedState, so no generic code has to know them.
#ifndef SCALESIM_MODELS_TOPOLOGY_SHARED_STATE_H_
#define SCALESIM_MODELS_TOPOLOGY_SHARED_STATE_H_

#include <map>
#include <memory>
#include <typeindex>

namespace models {

class SharedState {
 public:
  // The run's one T, default-constructed on first use.
  template <class T>
  T& get() {
    std::shared_ptr<void>& slot = objects_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_shared<T>();
    return *static_cast<T*>(slot.get());
  }
  // The run's T, or null when no component asked for one.
  template <class T>
  const T* find() const {
    const auto it = objects_.find(std::type_index(typeid(T)));
    return it == objects_.end() ? nullptr : static_cast<const T*>(it->second.get());
  }

 private:
  std::map<std::type_index, std::shared_ptr<void>> objects_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_TOPOLOGY_SHARED_STATE_H_
