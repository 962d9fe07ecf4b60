#include "app/scenario/kinds/lambda_vpc.h"

#include <algorithm>
#include <regex>

#include "app/scenario/distributions.h"
#include "app/scenario/kinds/policy_fields.h"

namespace app {

namespace {

// "10.0.0.0/20" or "/20": the prefix length, if it is one AWS allows for a subnet.
std::optional<int> cidr_prefix(const std::string& text) {
  static const std::regex kCidr(R"(^(\d{1,3}(\.\d{1,3}){3})?/(\d{1,2})$)");
  std::smatch match;
  if (!std::regex_match(text, match, kCidr)) return std::nullopt;
  const int prefix = std::stoi(match[3].str());
  if (prefix < models::SubnetConfig::kLargest || prefix > models::SubnetConfig::kSmallest)
    return std::nullopt;
  return prefix;
}

void read_subnets(ObjectReader& r, models::VpcConfig& c) {
  const Json* subnets = r.field("subnets", Presence::kRequired, "an array of subnets");
  if (!subnets) return;
  for_each_element(*subnets, r.pointer("subnets"), r.problems(), "subnets",
                   [&](const Json& element, const std::string& at) {
                     auto subnet = read_subnet(element, at, r.problems());
                     if (!subnet) return;
                     for (const models::SubnetConfig& other : c.subnets) {
                       if (other.name != subnet->name) continue;
                       r.problems().add(child_pointer(at, "name"),
                                        "expected a subnet name not used above, found \"" +
                                            subnet->name + "\" twice");
                       return;
                     }
                     c.subnets.push_back(*subnet);
                   });
}

void read_security_groups(ObjectReader& r, models::VpcConfig& c) {
  const Json* groups = r.field("security_groups");
  if (!groups) return;
  for_each_element(*groups, r.pointer("security_groups"), r.problems(), "security group names",
                   [&](const Json& element, const std::string& at) {
                     if (auto name = read_string(element, at, r.problems()))
                       c.security_groups.push_back(*name);
                   });
  // A set: the same groups in another order make the same Hyperplane ENI.
  std::sort(c.security_groups.begin(), c.security_groups.end());
  c.security_groups.erase(std::unique(c.security_groups.begin(), c.security_groups.end()),
                          c.security_groups.end());
}

void read_legacy_keys(ObjectReader& r, models::VpcConfig& c) {
  if (const Json* create = r.field("eni_create_time")) {
    if (auto d = read_duration_distribution(*create, r.pointer("eni_create_time"), r.problems()))
      c.eni_create_time = *d;
  }
  if (auto burst = r.integer("create_eni_burst", 1, 100000)) c.create_burst = double(*burst);
  if (auto rate = r.number("create_eni_per_second", 0, 100000, true)) c.create_per_second = *rate;
}

}  // namespace

std::optional<models::SubnetConfig> read_subnet(const Json& value, const std::string& pointer,
                                                Problems& problems) {
  ObjectReader r(value, pointer, problems, "a subnet object");
  if (!r.valid()) return std::nullopt;
  const size_t before = problems.list().size();
  models::SubnetConfig subnet;
  subnet.name = r.string("name", Presence::kRequired).value_or("");
  if (auto cidr = r.string("cidr", Presence::kRequired)) {
    if (auto prefix = cidr_prefix(*cidr)) {
      subnet.prefix = *prefix;
    } else {
      problems.expected(r.pointer("cidr"),
                        "a CIDR block from /16 to /28, such as \"10.0.0.0/20\" or \"/20\"",
                        r.field("cidr"));
    }
  }
  r.reject_unknown_keys();
  if (problems.list().size() != before) return std::nullopt;
  return subnet;
}

std::optional<models::VpcConfig> read_vpc(const Json& value, const std::string& pointer,
                                          Problems& problems) {
  ObjectReader r(value, pointer, problems, "a vpc object");
  if (!r.valid()) return std::nullopt;
  const size_t before = problems.list().size();
  models::VpcConfig c;
  const bool legacy = r.choice("model", {"hyperplane", "legacy"}) == "legacy";
  if (legacy) {
    c.model = models::VpcModel::kLegacy;
    c.eni_quota = models::VpcConfig::kLegacyEniQuota;
    read_legacy_keys(r, c);
  } else {
    c.hyperplane_create_time =
        r.duration("hyperplane_create_time").value_or(c.hyperplane_create_time);
  }
  read_subnets(r, c);
  read_security_groups(r, c);
  c.eni_quota = static_cast<uint32_t>(r.integer("eni_quota", 1, 1'000'000).value_or(c.eni_quota));
  c.enis_in_use =
      static_cast<uint32_t>(r.integer("enis_in_use", 0, 1'000'000).value_or(c.enis_in_use));
  r.reject_unknown_keys();
  if (problems.list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
