// State of the participant face (start, play, end screens). Owned by AppState.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "recorded_session.h"

namespace sigap::app {

struct PlayerState {
  std::optional<RecordedSession> session;  // the session being played, if any
};

}  // namespace sigap::app
