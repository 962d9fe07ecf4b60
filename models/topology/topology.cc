#include "models/topology/topology.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>
#include <map>

#include "models/topology/kind.h"

namespace models {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using GraphEdge = boost::graph_traits<Graph>::edge_descriptor;

// Records each cycle the search closes, as the path of vertices around it.
class CycleFinder : public boost::default_dfs_visitor {
 public:
  CycleFinder(std::vector<Vertex>& parent, std::vector<std::vector<Vertex>>& cycles)
      : parent_(&parent), cycles_(&cycles) {}
  void tree_edge(GraphEdge e, const Graph& g) {
    (*parent_)[boost::target(e, g)] = boost::source(e, g);
  }
  void back_edge(GraphEdge e, const Graph& g) {
    std::vector<Vertex> path = {boost::source(e, g)};
    for (Vertex v = boost::source(e, g); v != boost::target(e, g);)
      path.push_back(v = (*parent_)[v]);
    std::reverse(path.begin(), path.end());
    path.push_back(path.front());
    cycles_->push_back(std::move(path));
  }

 private:
  std::vector<Vertex>* parent_;  // pointers: BGL copies visitors
  std::vector<std::vector<Vertex>>* cycles_;
};

class ReachRecorder : public boost::default_dfs_visitor {
 public:
  explicit ReachRecorder(std::vector<bool>& reached) : reached_(&reached) {}
  void discover_vertex(Vertex v, const Graph&) { (*reached_)[v] = true; }

 private:
  std::vector<bool>* reached_;
};

std::string quoted(const std::string& name) {
  return "\"" + name + "\"";
}

class Checker {
 public:
  Checker(const std::vector<NodeSpec>& nodes) : nodes_(nodes), graph_(nodes.size()) {}

  std::vector<TopologyProblem> run(Topology& topology) {
    add_links();
    check_kinds();
    const bool acyclic = check_cycles();
    const std::optional<size_t> entry = find_entry();
    if (entry) check_reachable(*entry);
    if (problems_.empty() && acyclic && entry) order(*entry, topology);
    return std::move(problems_);
  }

 private:
  std::string kind_name(size_t node) const { return std::string(nodes_[node].kind->name); }

  void problem(size_t node, bool in_next, std::string message) {
    problems_.push_back({nodes_[node].name, in_next, std::move(message)});
  }

  void add_links() {
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < nodes_.size(); ++i) index.emplace(nodes_[i].name, i);
    for (size_t i = 0; i < nodes_.size(); ++i) {
      std::vector<size_t> seen;
      for (const Link& link : nodes_[i].next) {
        auto found = index.find(link.to);
        if (found == index.end()) {
          problem(i, true,
                  quoted(nodes_[i].name) + " forwards to " + quoted(link.to) +
                      ", which is not a component of this strategy");
        } else if (std::find(seen.begin(), seen.end(), found->second) != seen.end()) {
          problem(i, true, quoted(nodes_[i].name) + " forwards to " + quoted(link.to) + " twice");
        } else {
          seen.push_back(found->second);
          boost::add_edge(i, found->second, graph_);
        }
      }
    }
  }

  void check_kinds() {
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const ComponentKind* rules = nodes_[i].kind;
      const size_t links = boost::out_degree(i, graph_);
      if (links < rules->min_next) {
        problem(i, true,
                quoted(nodes_[i].name) + " (" + kind_name(i) + ") must forward to at least " +
                    std::to_string(rules->min_next) + " component");
      } else if (links > rules->max_next) {
        const std::string why =
            rules->max_next == 0
                ? ") serves requests itself and cannot forward them"
                : ") forwards to at most " + std::to_string(rules->max_next) + " component";
        problem(i, true, quoted(nodes_[i].name) + " (" + kind_name(i) + why);
      }
      for (auto [e, end] = boost::out_edges(i, graph_); e != end; ++e)
        check_link(i, boost::target(*e, graph_), *rules);
    }
  }

  void check_link(size_t from, size_t to, const ComponentKind& rules) {
    const std::string kind = kind_name(to);
    if (rules.max_next == 0) return;
    if (std::find(rules.forwards_to.begin(), rules.forwards_to.end(), kind) !=
        rules.forwards_to.end())
      return;
    std::string allowed;
    for (std::string_view k : rules.forwards_to)
      allowed += (allowed.empty() ? "" : " or ") + std::string(k);
    problem(from, true,
            quoted(nodes_[from].name) + " (" + kind_name(from) + ") cannot forward to " +
                quoted(nodes_[to].name) + " (" + kind + "); it forwards to " + allowed);
  }

  bool check_cycles() {
    std::vector<Vertex> parent(nodes_.size());
    std::vector<std::vector<Vertex>> cycles;
    boost::depth_first_search(graph_, boost::visitor(CycleFinder(parent, cycles)));
    for (const auto& cycle : cycles) {
      std::string path;
      for (Vertex v : cycle) path += (path.empty() ? "" : " -> ") + quoted(nodes_[v].name);
      problem(cycle.front(), true, "requests would loop: " + path);
    }
    return cycles.empty();
  }

  std::optional<size_t> find_entry() {
    std::vector<size_t> in_degree(nodes_.size(), 0);
    for (auto [e, end] = boost::edges(graph_); e != end; ++e)
      ++in_degree[boost::target(*e, graph_)];
    std::vector<size_t> sources;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      if (in_degree[i] == 0) sources.push_back(i);
    }
    if (sources.empty()) {
      if (!nodes_.empty())
        problem(0, false, "no component is free of predecessors, so none can be the entry");
      return std::nullopt;
    }
    for (size_t k = 1; k < sources.size(); ++k) {
      problem(sources[k], false,
              quoted(nodes_[sources[k]].name) + " is not reached from the entry " +
                  quoted(nodes_[sources[0]].name) + "; a strategy has exactly one entry");
    }
    if (!nodes_[sources[0]].kind->can_be_entry) {
      problem(sources[0], false,
              quoted(nodes_[sources[0]].name) + " (" + kind_name(sources[0]) +
                  ") cannot be the entry of a strategy");
    }
    return sources[0];
  }

  void check_reachable(size_t entry) {
    std::vector<bool> reached(nodes_.size(), false);
    std::vector<boost::default_color_type> colors(nodes_.size(), boost::white_color);
    boost::depth_first_visit(
        graph_, entry, ReachRecorder(reached),
        boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph_)));
    for (size_t i = 0; i < nodes_.size(); ++i) {
      if (reached[i]) continue;
      bool has_predecessor = false;
      for (auto [e, end] = boost::edges(graph_); e != end; ++e)
        has_predecessor |= boost::target(*e, graph_) == i;
      // Second sources were reported by find_entry(); here only nodes stuck behind a loop.
      if (has_predecessor) {
        problem(i, false,
                quoted(nodes_[i].name) + " is not reached from the entry " +
                    quoted(nodes_[entry].name));
      }
    }
  }

  void order(size_t entry, Topology& topology) {
    std::vector<Vertex> reversed;
    boost::topological_sort(graph_, std::back_inserter(reversed));
    topology.entry = entry;
    topology.order.assign(reversed.rbegin(), reversed.rend());
  }

  const std::vector<NodeSpec>& nodes_;
  Graph graph_;
  std::vector<TopologyProblem> problems_;
};

}  // namespace

std::vector<TopologyProblem> check_topology(const std::vector<NodeSpec>& nodes,
                                            Topology& topology) {
  return Checker(nodes).run(topology);
}

}  // namespace models
