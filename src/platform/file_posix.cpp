// Files on Linux (POSIX): descriptors, fsync, flock, link and rename.
#include "platform/file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sigap::platform {

namespace {

IoCause CauseOf(int error) {
  switch (error) {
    case ENOSPC: return IoCause::NoSpace;
#ifdef EDQUOT
    case EDQUOT: return IoCause::NoSpace;
#endif
    case EACCES:
    case EPERM: return IoCause::PermissionDenied;
    case EROFS: return IoCause::ReadOnly;
    case ENOENT:
    case ENOTDIR: return IoCause::NotFound;
    case EISDIR: return IoCause::IsFolder;
    case ENAMETOOLONG: return IoCause::NameTooLong;
    case EEXIST: return IoCause::Exists;
    default: return IoCause::Other;
  }
}

// The system's words and the cause of `error` (errno of the call that just failed).
void Fail(std::string& why, IoCause* cause, int error = errno) {
  why = std::strerror(error);
  if (cause) *cause = CauseOf(error);
}
int Fd(std::intptr_t h) { return static_cast<int>(h); }

}  // namespace

File File::Open(const std::string& path, Mode mode, std::string& why, IoCause* cause) {
  int flags = O_WRONLY | O_APPEND | O_CLOEXEC;
  if (mode == Mode::CreateNew) flags |= O_CREAT | O_EXCL;
  if (mode == Mode::CreateOrTruncate) flags |= O_CREAT | O_TRUNC;
  int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) {
    Fail(why, cause);
    return File();
  }
  return File(fd);
}

bool File::Append(std::string_view data, std::string& why, IoCause* cause) {
  while (!data.empty()) {
    ssize_t n = ::write(Fd(handle_), data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      Fail(why, cause);
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool File::Sync(std::string& why, IoCause* cause) {
  if (::fsync(Fd(handle_)) == 0) return true;
  Fail(why, cause);
  return false;
}

bool File::Truncate(std::uint64_t size, std::string& why, IoCause* cause) {
  if (::ftruncate(Fd(handle_), static_cast<off_t>(size)) == 0) return true;
  Fail(why, cause);
  return false;
}

std::optional<std::uint64_t> File::Size(std::string& why, IoCause* cause) const {
  struct stat st {};
  if (::fstat(Fd(handle_), &st) != 0) {
    Fail(why, cause);
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(st.st_size);
}

void File::Close() {
  if (handle_ != kClosed) ::close(Fd(handle_));  // also releases the flock
  handle_ = kClosed;
  locked_ = false;
}

LockState File::TryLock(std::string& why, IoCause* cause) {
  if (locked_) return LockState::Locked;
  // flock locks belong to the open file description: a second open() of the same file, in this
  // process or another, is refused, and the kernel drops the lock with the last descriptor.
  while (::flock(Fd(handle_), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK) return LockState::HeldElsewhere;
    Fail(why, cause);
    return LockState::Failed;
  }
  locked_ = true;
  return LockState::Locked;
}

bool RenameNoReplace(const std::string& from, const std::string& to, std::string& why, IoCause* cause) {
  // link() fails when the name exists, atomically. Where hard links are not supported (FAT on a
  // USB stick) a rename after a check does it; nothing else writes SIGAP's names there.
  if (::link(from.c_str(), to.c_str()) == 0) {
    ::unlink(from.c_str());
    return true;
  }
  struct stat st {};
  if (errno == EEXIST || ::lstat(to.c_str(), &st) == 0) {
    Fail(why, cause, EEXIST);
    return false;
  }
  if (::rename(from.c_str(), to.c_str()) == 0) return true;
  Fail(why, cause);
  return false;
}

bool ReplaceFileAtomically(const std::string& from, const std::string& to, std::string& why, IoCause* cause) {
  if (::rename(from.c_str(), to.c_str()) == 0) return true;
  Fail(why, cause);
  return false;
}

bool SyncFolder(const std::string& folder, std::string& why, IoCause* cause) {
  int dfd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) {
    Fail(why, cause);
    return false;
  }
  int rc = ::fsync(dfd);
  if (rc != 0) Fail(why, cause);
  ::close(dfd);
  return rc == 0;
}

bool RemoveFile(const std::string& path) { return ::unlink(path.c_str()) == 0; }

}  // namespace sigap::platform
