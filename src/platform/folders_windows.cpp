// Folders on Windows: the module path, the known folders and the removable drives.
#include "platform/folders.h"

#include "platform/win32_text.h"

#include <knownfolders.h>
#include <shlobj.h>

namespace sigap::platform {

namespace {

std::wstring KnownFolder(REFKNOWNFOLDERID id) {
  PWSTR path = nullptr;
  std::wstring out;
  if (SUCCEEDED(SHGetKnownFolderPath(id, KF_FLAG_DEFAULT, nullptr, &path)) && path) out = path;
  CoTaskMemFree(path);
  return out;
}

std::string AppFolder(REFKNOWNFOLDERID id) {
  std::wstring base = KnownFolder(id);
  return base.empty() ? std::string() : win32::Narrow(base + L"\\SIGAP");
}

}  // namespace

std::string ExecutableDir() {
  std::wstring path(MAX_PATH, L'\0');
  for (;;) {
    DWORD n = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()));
    if (n == 0) return {};
    if (n < path.size()) {
      path.resize(n);
      break;
    }
    path.resize(path.size() * 2);  // a long path: try again with room for it
  }
  auto slash = path.find_last_of(L"\\/");
  return slash == std::wstring::npos ? std::string() : win32::Narrow(path.substr(0, slash));
}

std::string EnvironmentVariable(const char* name) {
  std::wstring wide_name = win32::Widen(name);
  DWORD n = GetEnvironmentVariableW(wide_name.c_str(), nullptr, 0);
  if (n == 0) return {};
  std::wstring value(n, L'\0');
  n = GetEnvironmentVariableW(wide_name.c_str(), value.data(), n);
  value.resize(n);
  return win32::Narrow(value);
}

std::string UserDataDir() { return AppFolder(FOLDERID_LocalAppData); }
std::string UserConfigDir() { return AppFolder(FOLDERID_RoamingAppData); }
std::string HomeDir() { return win32::Narrow(KnownFolder(FOLDERID_Profile)); }

std::vector<RemovableDrive> RemovableDrives() {
  std::vector<RemovableDrive> out;
  DWORD mask = GetLogicalDrives();
  for (int i = 0; i < 26; ++i) {
    if (!(mask & (1u << i))) continue;
    const wchar_t root[] = {static_cast<wchar_t>(L'A' + i), L':', L'\\', L'\0'};
    if (GetDriveTypeW(root) != DRIVE_REMOVABLE) continue;
    // An empty card reader slot is a removable drive without a volume: skip it.
    wchar_t label[MAX_PATH + 1] = {};
    if (!GetVolumeInformationW(root, label, MAX_PATH + 1, nullptr, nullptr, nullptr, nullptr, 0)) continue;
    std::wstring letter(root, 2);
    std::wstring shown = label[0] ? std::wstring(label) + L" (" + letter + L")" : letter;
    out.push_back({win32::Narrow(shown), win32::Narrow(root)});
  }
  return out;
}

}  // namespace sigap::platform
