// Files on Windows: HANDLEs, FlushFileBuffers, LockFileEx and MoveFileExW.
#include "platform/file.h"

#include <algorithm>

#include "platform/win32_text.h"

namespace sigap::platform {

namespace {

HANDLE H(std::intptr_t h) { return reinterpret_cast<HANDLE>(h); }

IoCause CauseOf(DWORD code) {
  switch (code) {
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL: return IoCause::NoSpace;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION: return IoCause::PermissionDenied;
    case ERROR_WRITE_PROTECT: return IoCause::ReadOnly;
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE: return IoCause::NotFound;
    case ERROR_FILENAME_EXCED_RANGE: return IoCause::NameTooLong;
    case ERROR_FILE_EXISTS:
    case ERROR_ALREADY_EXISTS: return IoCause::Exists;
    default: return IoCause::Other;
  }
}

// The system's words and the cause of `code` (GetLastError of the call that just failed).
void Fail(std::string& why, IoCause* cause, DWORD code = GetLastError()) {
  why = win32::ErrorText(code);
  if (cause) *cause = CauseOf(code);
}

// The locked byte: far beyond any real end of file, so that the lock never covers data and other
// processes can still read the whole log (the facilitator's import, the resume list).
constexpr DWORD kLockOffsetLow = 0;
constexpr DWORD kLockOffsetHigh = 0x40000000;  // offset 2^62

}  // namespace

File File::Open(const std::string& path, Mode mode, std::string& why, IoCause* cause) {
  DWORD disposition = mode == Mode::CreateNew ? CREATE_NEW : mode == Mode::CreateOrTruncate ? CREATE_ALWAYS : OPEN_EXISTING;
  HANDLE h = CreateFileW(win32::Widen(path).c_str(), GENERIC_READ | GENERIC_WRITE,
                         FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, disposition,
                         FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    Fail(why, cause);
    return File();
  }
  return File(reinterpret_cast<std::intptr_t>(h));
}

bool File::Append(std::string_view data, std::string& why, IoCause* cause) {
  LARGE_INTEGER zero{};
  if (!SetFilePointerEx(H(handle_), zero, nullptr, FILE_END)) {
    Fail(why, cause);
    return false;
  }
  while (!data.empty()) {
    DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(data.size(), 1u << 30));
    DWORD written = 0;
    if (!WriteFile(H(handle_), data.data(), chunk, &written, nullptr)) {
      Fail(why, cause);
      return false;
    }
    data.remove_prefix(written);
  }
  return true;
}

bool File::Sync(std::string& why, IoCause* cause) {
  if (FlushFileBuffers(H(handle_))) return true;
  Fail(why, cause);
  return false;
}

bool File::Truncate(std::uint64_t size, std::string& why, IoCause* cause) {
  FILE_END_OF_FILE_INFO info{};
  info.EndOfFile.QuadPart = static_cast<LONGLONG>(size);
  if (SetFileInformationByHandle(H(handle_), FileEndOfFileInfo, &info, sizeof info)) return true;
  Fail(why, cause);
  return false;
}

std::optional<std::uint64_t> File::Size(std::string& why, IoCause* cause) const {
  LARGE_INTEGER size{};
  if (!GetFileSizeEx(H(handle_), &size)) {
    Fail(why, cause);
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(size.QuadPart);
}

void File::Close() {
  if (handle_ != kClosed) CloseHandle(H(handle_));  // also releases the lock
  handle_ = kClosed;
  locked_ = false;
}

LockState File::TryLock(std::string& why, IoCause* cause) {
  if (locked_) return LockState::Locked;
  OVERLAPPED at{};
  at.Offset = kLockOffsetLow;
  at.OffsetHigh = kLockOffsetHigh;
  if (LockFileEx(H(handle_), LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &at)) {
    locked_ = true;
    return LockState::Locked;
  }
  DWORD code = GetLastError();
  if (code == ERROR_LOCK_VIOLATION || code == ERROR_IO_PENDING) return LockState::HeldElsewhere;
  Fail(why, cause, code);
  return LockState::Failed;
}

bool RenameNoReplace(const std::string& from, const std::string& to, std::string& why, IoCause* cause) {
  // Without MOVEFILE_REPLACE_EXISTING the move fails when `to` exists.
  if (MoveFileExW(win32::Widen(from).c_str(), win32::Widen(to).c_str(), MOVEFILE_WRITE_THROUGH)) return true;
  Fail(why, cause);
  return false;
}

bool ReplaceFileAtomically(const std::string& from, const std::string& to, std::string& why, IoCause* cause) {
  if (MoveFileExW(win32::Widen(from).c_str(), win32::Widen(to).c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
    return true;
  Fail(why, cause);
  return false;
}

bool SyncFolder(const std::string&, std::string&, IoCause*) { return true; }

bool RemoveFile(const std::string& path) { return DeleteFileW(win32::Widen(path).c_str()) != 0; }

}  // namespace sigap::platform
