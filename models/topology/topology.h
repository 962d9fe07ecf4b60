// A strategy's topology: components as nodes, "next" links as edges.
//
// check_topology() validates the graph (Boost.Graph does the graph work, kept out of
// this header): every link names a component, the graph is acyclic, exactly one
// component has no predecessor (the entry), every component is reachable from it,
// and every link joins compatible kinds (kind.h). Problems name the components.
#ifndef SCALESIM_MODELS_TOPOLOGY_TOPOLOGY_H_
#define SCALESIM_MODELS_TOPOLOGY_TOPOLOGY_H_

#include <cstddef>
#include <string>
#include <vector>

namespace models {

struct Link {
  std::string to;
  double weight = 1.0;  // share of requests, relative to the other links
};

struct ComponentKind;

struct NodeSpec {
  std::string name;
  const ComponentKind* kind;  // its wiring rules; never null
  std::vector<Link> next;
};

struct TopologyProblem {
  std::string node;     // the component the problem is about
  bool in_next;         // whether it is about the component's "next" links
  std::string message;  // a sentence naming the components involved
};

struct Topology {
  size_t entry = 0;
  // Node indices, every node before the nodes it forwards to; entry first.
  std::vector<size_t> order;
};

// Fills `topology` and returns no problems when the nodes form a valid topology.
std::vector<TopologyProblem> check_topology(const std::vector<NodeSpec>& nodes, Topology& topology);

}  // namespace models

#endif  // SCALESIM_MODELS_TOPOLOGY_TOPOLOGY_H_
