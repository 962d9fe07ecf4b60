#include "models/topology/kinds.h"

#include <limits>

namespace models {

namespace {

constexpr size_t kUnbounded = std::numeric_limits<size_t>::max();

const std::vector<KindRules>& all_kinds() {
  static const std::vector<KindRules> kinds = {
      {"alb", true, {"server_fleet"}, 1, kUnbounded},
      {"api_gateway", true, {"lambda_function"}, 1, 1},
      {"lambda_function", true, {}, 0, 0},
      {"server_fleet", true, {}, 0, 0},
  };
  return kinds;
}

}  // namespace

const KindRules* find_kind(std::string_view kind) {
  for (const KindRules& rules : all_kinds()) {
    if (rules.kind == kind) return &rules;
  }
  return nullptr;
}

std::vector<std::string_view> kind_names() {
  std::vector<std::string_view> names;
  for (const KindRules& rules : all_kinds()) names.push_back(rules.kind);
  return names;
}

}  // namespace models
