// Workshop settings chosen by the facilitator and read by the team laptops:
// $XDG_CONFIG_HOME/sigap/workshop.json  {"mode": "training"|"assessment", "pin_sha256": "…"}
// Copy the file with the app to set every laptop's mode.
#pragma once

#include <string>

#include "session.h"

namespace sigap {

struct WorkshopSettings {
  Mode mode = Mode::Training;
  std::string pin_sha256;  // facilitator PIN hash; empty = not set yet
  bool HasPin() const { return !pin_sha256.empty(); }
  bool CheckPin(const std::string& pin) const;
  void SetPin(const std::string& pin);
};

std::string WorkshopSettingsPath();
// Missing or unreadable file: defaults (training, no PIN); `warning` says why when it was bad.
WorkshopSettings LoadWorkshopSettings(const std::string& path, std::string& warning);
bool SaveWorkshopSettings(const std::string& path, const WorkshopSettings& s, std::string& error);

}  // namespace sigap
