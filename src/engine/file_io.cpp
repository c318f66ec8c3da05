#include "file_io.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "platform/file.h"
#include "platform/utf8_path.h"

namespace sigap {

namespace fs = std::filesystem;

const char* IoCauseKey(IoCause cause) {
  switch (cause) {
    case IoCause::Other: return "io.other";
    case IoCause::NoSpace: return "io.no_space";
    case IoCause::PermissionDenied: return "io.permission_denied";
    case IoCause::ReadOnly: return "io.read_only";
    case IoCause::NotFound: return "io.not_found";
    case IoCause::IsFolder: return "io.is_folder";
    case IoCause::NameTooLong: return "io.name_too_long";
    case IoCause::Exists: return "io.exists";
    case IoCause::TooLarge: return "io.too_large";
  }
  return "io.other";
}

std::optional<IoError> InjectedFailure(const FaultInjector& faults, WriteStep step) {
  if (!faults || !faults(step)) return std::nullopt;
  switch (step) {
    case WriteStep::Write: return IoError{IoCause::NoSpace, "", "No space left on device"};
    case WriteStep::Open:
    case WriteStep::Rename: return IoError{IoCause::PermissionDenied, "", "Permission denied"};
    case WriteStep::Sync:
    case WriteStep::DirSync: break;
  }
  return IoError{IoCause::Other, "", "Input/output error"};
}

std::string FolderOf(const std::string& path) {
  fs::path parent = platform::PathFromUtf8(path).parent_path();
  return parent.empty() ? "." : platform::PathToUtf8(parent);
}

bool ReadFileToString(const std::string& path, std::string& out, IoError& error) {
  auto fail = [&](IoCause cause, const char* detail) {
    error = IoError{cause, path, detail};
    return false;
  };
  const fs::path file = platform::PathFromUtf8(path);
  std::error_code ec;
  auto status = fs::status(file, ec);
  if (ec || !fs::exists(status)) return fail(IoCause::NotFound, "no such file");
  if (fs::is_directory(status)) return fail(IoCause::IsFolder, "is a folder, expected a file");
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(IoCause::PermissionDenied, "cannot open the file for reading (check its permissions)");
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size > (std::streamoff{64} << 20))
    return fail(IoCause::TooLarge, "file is larger than 64 MiB; is this really a SIGAP file?");
  in.seekg(0);
  out.assign(static_cast<std::size_t>(std::max<std::streamoff>(size, 0)), '\0');
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  if (!in && !in.eof()) return fail(IoCause::Other, "read error");
  out.resize(static_cast<std::size_t>(in.gcount()));
  return true;
}

bool ReadFileToString(const std::string& path, std::string& out, std::string& error) {
  IoError e;
  if (ReadFileToString(path, out, e)) return true;
  error = e.detail;
  return false;
}

bool WriteFileDurably(const std::string& path, std::string_view content, IoError& error, FaultInjector faults) {
  const std::string tmp = path + ".partial";
  std::error_code ec;
  fs::create_directories(platform::PathFromUtf8(FolderOf(path)), ec);
  std::string why;
  IoCause cause = IoCause::Other;
  bool ok = true;
  // Runs one step unless an earlier one failed; an injected fault stands in for the system's.
  auto step = [&](WriteStep which, const std::string& what, const std::string& on, auto&& action) {
    if (!ok) return;
    if (auto injected = InjectedFailure(faults, which)) {
      why = injected->detail;
      cause = injected->cause;
    } else if (action()) {
      return;
    }
    ok = false;
    error = IoError{cause, on, what + ": " + why};
  };
  platform::File file;
  step(WriteStep::Open, "cannot create " + tmp, tmp, [&] {
    file = platform::File::Open(tmp, platform::File::Mode::CreateOrTruncate, why, &cause);
    return file.is_open();
  });
  if (!ok) return false;
  step(WriteStep::Write, "cannot write " + tmp, tmp, [&] { return file.Append(content, why, &cause); });
  step(WriteStep::Sync, "cannot flush " + tmp, tmp, [&] { return file.Sync(why, &cause); });
  file.Close();
  step(WriteStep::Rename, "cannot rename to " + path, path,
       [&] { return platform::ReplaceFileAtomically(tmp, path, why, &cause); });
  step(WriteStep::DirSync, "cannot flush the folder of " + path, FolderOf(path),
       [&] { return platform::SyncFolder(FolderOf(path), why, &cause); });
  if (!ok) platform::RemoveFile(tmp);
  return ok;
}

bool WriteFileDurably(const std::string& path, std::string_view content, std::string& error, FaultInjector faults) {
  IoError e;
  if (WriteFileDurably(path, content, e, std::move(faults))) return true;
  error = e.detail;
  return false;
}

}  // namespace sigap
