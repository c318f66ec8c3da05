#include "file_io.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "platform/file.h"
#include "platform/utf8_path.h"

namespace sigap {

namespace fs = std::filesystem;

std::optional<std::string> InjectedFailure(const FaultInjector& faults, WriteStep step) {
  if (!faults || !faults(step)) return std::nullopt;
  switch (step) {
    case WriteStep::Write: return "No space left on device";
    case WriteStep::Open:
    case WriteStep::Rename: return "Permission denied";
    case WriteStep::Sync:
    case WriteStep::DirSync: return "Input/output error";
  }
  return "Input/output error";
}

std::string FolderOf(const std::string& path) {
  fs::path parent = platform::PathFromUtf8(path).parent_path();
  return parent.empty() ? "." : platform::PathToUtf8(parent);
}

bool ReadFileToString(const std::string& path, std::string& out, std::string& error) {
  const fs::path file = platform::PathFromUtf8(path);
  std::error_code ec;
  auto status = fs::status(file, ec);
  if (ec || !fs::exists(status)) { error = "no such file"; return false; }
  if (fs::is_directory(status)) { error = "is a folder, expected a file"; return false; }
  std::ifstream in(file, std::ios::binary);
  if (!in) { error = "cannot open the file for reading (check its permissions)"; return false; }
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size > (std::streamoff{64} << 20)) { error = "file is larger than 64 MiB; is this really a SIGAP file?"; return false; }
  in.seekg(0);
  out.assign(static_cast<std::size_t>(std::max<std::streamoff>(size, 0)), '\0');
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  if (!in && !in.eof()) { error = "read error"; return false; }
  out.resize(static_cast<std::size_t>(in.gcount()));
  return true;
}

bool WriteFileDurably(const std::string& path, std::string_view content, std::string& error, FaultInjector faults) {
  const std::string tmp = path + ".partial";
  std::error_code ec;
  fs::create_directories(platform::PathFromUtf8(FolderOf(path)), ec);
  std::string why;
  bool ok = true;
  // Runs one step unless an earlier one failed; an injected fault stands in for the system's.
  auto step = [&](WriteStep which, const std::string& what, auto&& action) {
    if (!ok) return;
    if (auto injected = InjectedFailure(faults, which)) why = *injected;
    else if (action()) return;
    ok = false;
    error = what + ": " + why;
  };
  platform::File file;
  step(WriteStep::Open, "cannot create " + tmp, [&] {
    file = platform::File::Open(tmp, platform::File::Mode::CreateOrTruncate, why);
    return file.is_open();
  });
  if (!ok) return false;
  step(WriteStep::Write, "cannot write " + tmp, [&] { return file.Append(content, why); });
  step(WriteStep::Sync, "cannot flush " + tmp, [&] { return file.Sync(why); });
  file.Close();
  step(WriteStep::Rename, "cannot rename to " + path, [&] { return platform::ReplaceFileAtomically(tmp, path, why); });
  step(WriteStep::DirSync, "cannot flush the folder of " + path, [&] { return platform::SyncFolder(FolderOf(path), why); });
  if (!ok) platform::RemoveFile(tmp);
  return ok;
}

}  // namespace sigap
