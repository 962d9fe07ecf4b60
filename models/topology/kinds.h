// The kinds of component and how they may be wired: which kinds may be a
// strategy's entry, and which kinds each may forward requests to.
#ifndef SCALESIM_MODELS_TOPOLOGY_KINDS_H_
#define SCALESIM_MODELS_TOPOLOGY_KINDS_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace models {

struct KindRules {
  std::string_view kind;
  bool can_be_entry;
  std::vector<std::string_view> forwards_to;  // empty: the kind serves requests itself
  size_t min_next;
  size_t max_next;
};

// nullptr for an unknown kind.
const KindRules* find_kind(std::string_view kind);
std::vector<std::string_view> kind_names();

}  // namespace models

#endif  // SCALESIM_MODELS_TOPOLOGY_KINDS_H_
