// Files as the operating system keeps them: appends that reach the disk, atomic replacement and
// an exclusive lock that dies with its holder. Paths are UTF-8; a failure's `why` is the
// system's own message ("No space left on device", "Access is denied."), in the system's
// language, and `cause` (when asked for) the same failure as one of a few causes that the hosts
// word in the user's language (IoCauseKey, src/engine/file_io.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sigap::platform {

// Why the system said no, as a person can act on it. errno (POSIX) and GetLastError (Windows) are
// mapped in file_*.cpp; anything not listed is Other.
enum class IoCause {
  Other,             // an input/output error, a device that went away, anything else
  NoSpace,           // ENOSPC, EDQUOT; ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
  PermissionDenied,  // EACCES, EPERM; ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION
  ReadOnly,          // EROFS; ERROR_WRITE_PROTECT (a write-protected USB stick)
  NotFound,          // ENOENT, ENOTDIR; ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND, ERROR_INVALID_DRIVE
  IsFolder,          // EISDIR: a folder where a file was expected
  NameTooLong,       // ENAMETOOLONG; ERROR_FILENAME_EXCED_RANGE
  Exists,            // EEXIST; ERROR_FILE_EXISTS, ERROR_ALREADY_EXISTS
  TooLarge,          // a file larger than its reader takes (set by the engine, not the system)
};

enum class LockState {
  Locked,         // this handle now holds the lock (or already held it)
  HeldElsewhere,  // another open handle holds it: another process, or another File in this one
  Failed,         // the system could not lock at all (see `why`)
};

// An open file handle (a descriptor on Linux, a HANDLE on Windows), closed by the destructor.
// Writes always go to the end. While it is open other processes may still read the file, and
// the file may be renamed (Windows: FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE).
class File {
 public:
  enum class Mode {
    CreateNew,         // a new file; fails when the name exists
    CreateOrTruncate,  // a new or emptied file
    AppendExisting,    // an existing file, for writing at its end
  };

  File() = default;
  ~File() { Close(); }
  // Moving hands over the handle and its lock; the moved-from File is closed.
  File(File&& other) noexcept : handle_(other.handle_), locked_(other.locked_) {
    other.handle_ = kClosed;
    other.locked_ = false;
  }
  File& operator=(File&& other) noexcept {
    if (this != &other) {
      Close();
      handle_ = other.handle_;
      locked_ = other.locked_;
      other.handle_ = kClosed;
      other.locked_ = false;
    }
    return *this;
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  static File Open(const std::string& path, Mode mode, std::string& why, IoCause* cause = nullptr);
  bool is_open() const { return handle_ != kClosed; }

  bool Append(std::string_view data, std::string& why, IoCause* cause = nullptr);  // all of it, or false
  bool Sync(std::string& why, IoCause* cause = nullptr);  // fsync / FlushFileBuffers: on the disk when true
  bool Truncate(std::uint64_t size, std::string& why, IoCause* cause = nullptr);
  std::optional<std::uint64_t> Size(std::string& why, IoCause* cause = nullptr) const;
  void Close();

  // An exclusive lock on the whole file for this handle, without waiting. The system releases
  // it when the handle is closed or the process dies in any way (crash, kill, power-off), so a
  // stale lock never outlives its holder. Readers are not blocked: Linux takes flock(LOCK_EX);
  // Windows locks one byte at offset 2^62, far beyond any real end of file, with LockFileEx.
  LockState TryLock(std::string& why, IoCause* cause = nullptr);

 private:
  static constexpr std::intptr_t kClosed = -1;  // also INVALID_HANDLE_VALUE
  explicit File(std::intptr_t handle) : handle_(handle) {}
  std::intptr_t handle_ = kClosed;
  bool locked_ = false;
};

// Moves `from` to `to` when `to` does not exist yet; fails (leaving both) when it does.
bool RenameNoReplace(const std::string& from, const std::string& to, std::string& why, IoCause* cause = nullptr);

// Replaces `to` with `from` in one step: a reader sees the old file or the new, never a mix.
// Linux: rename(2) (then SyncFolder); Windows: MoveFileExW(MOVEFILE_REPLACE_EXISTING |
// MOVEFILE_WRITE_THROUGH), which returns only once the move is on the disk.
bool ReplaceFileAtomically(const std::string& from, const std::string& to, std::string& why, IoCause* cause = nullptr);

// Makes a rename or a new name in `folder` durable: fsync of the folder on Linux. Windows keeps
// names durable through MOVEFILE_WRITE_THROUGH and FlushFileBuffers, so there it does nothing.
bool SyncFolder(const std::string& folder, std::string& why, IoCause* cause = nullptr);

bool RemoveFile(const std::string& path);

}  // namespace sigap::platform
