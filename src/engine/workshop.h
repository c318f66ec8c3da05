// Workshop settings chosen by the facilitator and read by the team laptops:
// $XDG_CONFIG_HOME/sigap/workshop.json  {"mode": "training"|"assessment", "pin_sha256": "…"}
// Copy the file with the app to set every laptop's mode.
#pragma once

#include <string>

#include "file_io.h"
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
// `error`: the cause a host words (IoCauseKey) and the system's words; the string form keeps
// only IoError::detail (English), for the command line.
bool SaveWorkshopSettings(const std::string& path, const WorkshopSettings& s, IoError& error);
bool SaveWorkshopSettings(const std::string& path, const WorkshopSettings& s, std::string& error);

// The file a facilitator saves to a USB stick to set every team laptop at once (the same content
// as workshop.json, under a visible name): team laptops read it from the stick, no hidden folder.
inline constexpr const char* kWorkshopFileName = "sigap-pengaturan-lokakarya.json";

// This laptop's pseudonym ("Laptop 3F7A"), made once and kept in `config_dir`/laptop.json: it tells
// the facilitator apart two teams of the same name without naming a person or a computer.
std::string LaptopPseudonym(const std::string& config_dir);

}  // namespace sigap
