// A layered, left-to-right layout of a scenario graph (after Sugiyama et al.):
// 1. layers by the longest path from the start (back edges of a cycle are set aside),
//    endings together in the last layer;
// 2. edges that skip layers get a waypoint in every layer they cross;
// 3. the order within each layer is improved by barycentre sweeps, keeping the order with
//    the fewest crossings.
// Coordinates are in abstract units: layer i at x = i * kLayerGap, slot j at y = j * kRowGap.
#pragma once

#include <string>
#include <vector>

#include "model.h"

namespace sigap::app {

struct MapPoint {
  float x = 0, y = 0;
};

struct MapLayout {
  static constexpr float kLayerGap = 100.0f;
  static constexpr float kRowGap = 100.0f;
  struct Box {
    std::string node;
    int layer = 0;
    MapPoint pos;  // centre
  };
  struct Edge {
    std::string from, to;
    std::vector<MapPoint> waypoints;  // between the two boxes, one per crossed layer
    bool back = false;                // goes right to left (a loop in the story)
  };
  std::vector<Box> boxes;   // scenario node order
  std::vector<Edge> edges;
  int layers = 0;
  float min_y = 0, max_y = 0;
  int crossings = 0;        // edge crossings left after ordering
  const Box* Find(const std::string& node) const;
};


MapLayout LayoutScenario(const Scenario& scenario);

}  // namespace sigap::app
