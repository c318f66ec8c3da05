#include "workshop.h"

#include <cctype>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "file_io.h"
#include "hash.h"
#include "paths.h"
#include "platform/utf8_path.h"

namespace sigap {

static std::string PinHash(const std::string& pin) { return Sha256Hex("sigap-workshop-pin:" + pin); }

bool WorkshopSettings::CheckPin(const std::string& pin) const { return HasPin() && PinHash(pin) == pin_sha256; }
void WorkshopSettings::SetPin(const std::string& pin) { pin_sha256 = PinHash(pin); }

std::string WorkshopSettingsPath() { return platform::PathToUtf8(platform::PathFromUtf8(ConfigDir()) / "workshop.json"); }

WorkshopSettings LoadWorkshopSettings(const std::string& path, std::string& warning) {
  WorkshopSettings s;
  std::string text, error;
  std::error_code ec;
  if (!std::filesystem::exists(platform::PathFromUtf8(path), ec)) return s;
  if (!ReadFileToString(path, text, error)) {
    warning = path + ": " + error;
    return s;
  }
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) {
    warning = path + ": not a JSON object; using training mode";
    return s;
  }
  if (j.contains("mode") && j["mode"].is_string()) {
    auto m = ParseMode(j["mode"].get<std::string>());
    if (m) s.mode = *m;
    else warning = path + ": \"mode\" must be \"training\" or \"assessment\"";
  }
  if (j.contains("pin_sha256") && j["pin_sha256"].is_string()) s.pin_sha256 = j["pin_sha256"].get<std::string>();
  return s;
}

bool SaveWorkshopSettings(const std::string& path, const WorkshopSettings& s, IoError& error) {
  nlohmann::json j{{"mode", ModeName(s.mode)}};
  if (s.HasPin()) j["pin_sha256"] = s.pin_sha256;
  return WriteFileDurably(path, j.dump(2) + "\n", error);
}

bool SaveWorkshopSettings(const std::string& path, const WorkshopSettings& s, std::string& error) {
  IoError e;
  if (SaveWorkshopSettings(path, s, e)) return true;
  error = e.detail;
  return false;
}

std::string LaptopPseudonym(const std::string& config_dir) {
  const std::string path = platform::PathToUtf8(platform::PathFromUtf8(config_dir) / "laptop.json");
  std::string text, error;
  if (ReadFileToString(path, text, error)) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_object() && j.contains("name") && j["name"].is_string() && !j["name"].get<std::string>().empty())
      return j["name"].get<std::string>();
  }
  std::string hex = NewSessionId().substr(0, 4);
  for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string name = "Laptop " + hex;
  (void)WriteFileDurably(path, nlohmann::json{{"name", name}}.dump(2) + "\n", error);  // kept if it can be; fresh otherwise
  return name;
}

}  // namespace sigap
