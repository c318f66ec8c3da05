#include "facilitator_map_layout.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace sigap::app {

const MapLayout::Box* MapLayout::Find(const std::string& node) const {
  for (const auto& b : boxes)
    if (b.node == node) return &b;
  return nullptr;
}

namespace {

// Items are the slots of a layer: a scenario node, or a waypoint of an edge crossing the layer.
struct Graph {
  std::vector<std::vector<int>> items;             // per layer: item ids in order
  std::vector<int> layer_of;                       // per item
  std::vector<std::vector<int>> preds, succs;      // per item, in adjacent layers only
};

int CountCrossings(const Graph& g, const std::vector<int>& pos) {
  int total = 0;
  for (std::size_t l = 0; l + 1 < g.items.size(); ++l) {
    std::vector<std::pair<int, int>> edges;
    for (int a : g.items[l])
      for (int b : g.succs[a]) edges.emplace_back(pos[a], pos[b]);
    for (std::size_t i = 0; i < edges.size(); ++i)
      for (std::size_t j = i + 1; j < edges.size(); ++j)
        if ((edges[i].first - edges[j].first) * (edges[i].second - edges[j].second) < 0) ++total;
  }
  return total;
}

void Positions(const Graph& g, std::vector<int>& pos) {
  for (const auto& layer : g.items)
    for (std::size_t i = 0; i < layer.size(); ++i) pos[layer[i]] = static_cast<int>(i);
}

// Reorders one layer by the mean position of each item's neighbours in the adjacent layer.
void SortByBarycentre(Graph& g, std::size_t layer, const std::vector<int>& pos, bool use_preds) {
  auto& items = g.items[layer];
  std::vector<std::pair<double, int>> keyed;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& nb = use_preds ? g.preds[items[i]] : g.succs[items[i]];
    double key = static_cast<double>(i);
    if (!nb.empty()) {
      double sum = 0;
      for (int n : nb) sum += pos[n];
      key = sum / static_cast<double>(nb.size());
    }
    keyed.emplace_back(key, items[i]);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < items.size(); ++i) items[i] = keyed[i].second;
}

}  // namespace

MapLayout LayoutScenario(const Scenario& scenario) {
  MapLayout out;
  const int n = static_cast<int>(scenario.nodes.size());
  if (n == 0) return out;
  std::unordered_map<std::string, int> index;
  for (int i = 0; i < n; ++i) index[scenario.nodes[i].id] = i;
  std::vector<std::vector<int>> succ(n);
  for (int i = 0; i < n; ++i)
    for (const auto& to : scenario.nodes[i].Successors())
      if (auto it = index.find(to); it != index.end()) succ[i].push_back(it->second);

  // 1. Depth-first from the start (then from any node it cannot reach): an edge back to a node
  //    still on the stack closes a loop and is set aside; post-order gives a topological order.
  std::vector<int> state(n, 0);  // 0 new, 1 on the stack, 2 done
  std::vector<int> post;
  std::vector<std::pair<int, int>> forward, back;
  std::function<void(int)> visit = [&](int v) {
    state[v] = 1;
    for (int w : succ[v]) {
      if (state[w] == 1) back.emplace_back(v, w);
      else {
        forward.emplace_back(v, w);
        if (state[w] == 0) visit(w);
      }
    }
    state[v] = 2;
    post.push_back(v);
  };
  int start = index.count(scenario.start) ? index[scenario.start] : 0;
  visit(start);
  for (int i = 0; i < n; ++i)
    if (state[i] == 0) visit(i);

  // 2. Layers: the longest path from a root; every ending in the last layer.
  std::vector<int> layer(n, 0);
  for (auto it = post.rbegin(); it != post.rend(); ++it)
    for (int w : succ[*it])
      if (std::find(back.begin(), back.end(), std::make_pair(*it, w)) == back.end()) layer[w] = std::max(layer[w], layer[*it] + 1);
  int last = *std::max_element(layer.begin(), layer.end());
  for (int i = 0; i < n; ++i)
    if (scenario.nodes[i].type == Node::Type::Ending) layer[i] = last;
  out.layers = last + 1;

  // 3. Items per layer, with a waypoint in every layer a forward edge crosses.
  Graph g;
  g.items.resize(out.layers);
  auto new_item = [&](int l) {
    int id = static_cast<int>(g.layer_of.size());
    g.layer_of.push_back(l);
    g.preds.emplace_back();
    g.succs.emplace_back();
    g.items[l].push_back(id);
    return id;
  };
  std::vector<int> item_of_node(n);
  // Initial order: depth-first discovery (reverse post-order), which follows the story.
  for (auto it = post.rbegin(); it != post.rend(); ++it) {
    item_of_node[*it] = new_item(layer[*it]);
  }
  std::vector<std::vector<int>> edge_items;  // per forward edge: its waypoint items
  for (auto [u, w] : forward) {
    std::vector<int> chain;
    int prev = item_of_node[u];
    for (int l = layer[u] + 1; l < layer[w]; ++l) {
      int d = new_item(l);
      chain.push_back(d);
      g.succs[prev].push_back(d);
      g.preds[d].push_back(prev);
      prev = d;
    }
    g.succs[prev].push_back(item_of_node[w]);
    g.preds[item_of_node[w]].push_back(prev);
    edge_items.push_back(chain);
  }

  // 4. Barycentre sweeps, down then up, keeping the best order seen.
  std::vector<int> pos(g.layer_of.size());
  Positions(g, pos);
  auto best = g.items;
  int best_crossings = CountCrossings(g, pos);
  for (int sweep = 0; sweep < 12 && best_crossings > 0; ++sweep) {
    const bool down = sweep % 2 == 0;
    if (down) {
      for (std::size_t l = 1; l < g.items.size(); ++l) {
        SortByBarycentre(g, l, pos, true);
        Positions(g, pos);
      }
    } else {
      for (std::size_t l = g.items.size() - 1; l-- > 0;) {
        SortByBarycentre(g, l, pos, false);
        Positions(g, pos);
      }
    }
    int c = CountCrossings(g, pos);
    if (c < best_crossings) {
      best_crossings = c;
      best = g.items;
    }
  }
  g.items = best;
  Positions(g, pos);
  out.crossings = best_crossings;

  // 5. Coordinates: each layer centred on y = 0.
  std::vector<MapPoint> at(g.layer_of.size());
  for (std::size_t l = 0; l < g.items.size(); ++l) {
    const auto& items = g.items[l];
    for (std::size_t i = 0; i < items.size(); ++i) {
      float y = (static_cast<float>(i) - static_cast<float>(items.size() - 1) * 0.5f) * MapLayout::kRowGap;
      at[items[i]] = MapPoint{static_cast<float>(l) * MapLayout::kLayerGap, y};
      out.min_y = std::min(out.min_y, y);
      out.max_y = std::max(out.max_y, y);
    }
  }
  for (int i = 0; i < n; ++i) out.boxes.push_back(MapLayout::Box{scenario.nodes[i].id, layer[i], at[item_of_node[i]]});
  for (std::size_t e = 0; e < forward.size(); ++e) {
    MapLayout::Edge edge{scenario.nodes[forward[e].first].id, scenario.nodes[forward[e].second].id, {}, false};
    for (int d : edge_items[e]) edge.waypoints.push_back(at[d]);
    out.edges.push_back(std::move(edge));
  }
  for (auto [u, w] : back) out.edges.push_back(MapLayout::Edge{scenario.nodes[u].id, scenario.nodes[w].id, {}, true});
  return out;
}

}  // namespace sigap::app
