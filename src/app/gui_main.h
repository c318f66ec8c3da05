#pragma once

#include "gui_options.h"

namespace sigap::app {

// Opens the window and runs the event loop until the user quits; returns the exit code.
int RunGui(const GuiOptions& options);

}  // namespace sigap::app
