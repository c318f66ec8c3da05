// Character portraits: the images a scenario names, read from assets/ and decoded with stb_image,
// handed to the window host to upload as textures (PlayerState::upload_texture).
#pragma once

#include "app_state.h"

namespace sigap::app {

// Loads the portraits of the open session's characters that are not loaded yet. A file that is
// missing or unreadable adds one notice and is remembered as missing (one notice, not one per
// frame). Without a window (tests) there is nothing to upload to, and nothing happens.
void LoadPortraits(AppState& st);

}  // namespace sigap::app
