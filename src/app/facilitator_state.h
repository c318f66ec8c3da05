// State of the facilitator face (import, dashboard, map, presentation). Owned by AppState.
#pragma once

namespace sigap::app {

struct FacilitatorState {
  bool unlocked = false;
};

}  // namespace sigap::app
