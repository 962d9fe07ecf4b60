#include "app/scenario/control_plane.h"

#include "app/scenario/distributions.h"

namespace app {

namespace {

std::vector<std::string> api_names(const std::vector<models::ApiSpec>& apis) {
  std::vector<std::string> names;
  for (const models::ApiSpec& api : apis) names.push_back(api.service + ":" + api.name);
  return names;
}

void read_override(ObjectReader& r, models::ApiSpec& api) {
  // A bucket must hold a whole token, or no call is ever admitted.
  api.burst = r.number("burst", 1, 1e9).value_or(api.burst);
  api.per_second = r.number("per_second", 0, 1e9).value_or(api.per_second);
  if (const Json* latency = r.field("latency")) {
    if (auto d = read_duration_distribution(*latency, r.pointer("latency"), r.problems()))
      api.latency = *d;
  }
  if (const Json* resources = r.field("resources")) {
    ObjectReader b(*resources, r.pointer("resources"), r.problems());
    const auto burst = b.number("burst", 1, 1e9, false, Presence::kRequired);
    const auto per_second = b.number("per_second", 0, 1e9, false, Presence::kRequired);
    b.reject_unknown_keys();
    if (burst && per_second) api.resources = models::ResourceBucket{*burst, *per_second};
  }
  // A scenario's own figures are its own claim, not a confirmed fact.
  api.note = std::string(models::kSetByScenario);
  r.reject_unknown_keys();
}

}  // namespace

std::vector<models::ApiSpec> read_control_plane(const Json& value, const std::string& pointer,
                                                Problems& problems) {
  std::vector<models::ApiSpec> apis = models::default_apis();
  if (!value.is_object()) {
    problems.expected(pointer, "an object of APIs such as \"lightsail:TagResource\"", &value);
    return apis;
  }
  for (const auto& [name, body] : value.items()) {
    const std::string at = child_pointer(pointer, name);
    const models::ApiSpec* known = models::find_api(apis, name);
    if (!known) {
      std::string message = "expected an API of the control plane";
      if (auto guess = nearest(name, api_names(apis))) {
        message += " (did you mean \"" + *guess + "\"?)";
      }
      problems.add(at, message + ", found \"" + name + "\"");
      continue;
    }
    ObjectReader r(body, at, problems);
    if (r.valid()) read_override(r, apis[static_cast<size_t>(known - apis.data())]);
  }
  return apis;
}

void check_calls(const models::ControllerSpec& controller,
                 const std::vector<models::ApiSpec>& control_apis, const std::string& pointer,
                 Problems& problems) {
  if (!controller.kind->calls) return;
  const std::vector<models::ApiSpec>& apis =
      control_apis.empty() ? models::default_apis() : control_apis;
  for (const models::CallSite& call : controller.kind->calls(controller)) {
    if (models::find_api(apis, call.api)) continue;
    std::string message = "expected an API of the control plane";
    if (auto guess = nearest(call.api, api_names(apis))) {
      message += " (did you mean \"" + *guess + "\"?)";
    }
    problems.add(pointer + call.where, message + ", found \"" + call.api + "\"");
  }
}

}  // namespace app
