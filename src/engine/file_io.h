// Whole files in and out: reading a file to a string, and writing one durably (a temporary
// name, flushed to the disk, then an atomic replace). Paths are UTF-8 on every system.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "platform/file.h"

namespace sigap {

using IoCause = platform::IoCause;

// A file operation the system refused. `cause` is what a person can act on: a Problem carries
// IoCauseKey(cause) as an argument and the GUI words it ("io.no_space" in
// assets/i18n/problems.*.json: "disk/flashdisk penuh"). `detail` is English, complete on its own
// ("cannot write x.partial: No space left on device"), for the command line and logs only: it
// holds the system's words, which must never reach a sentence in the user's language.
struct IoError {
  IoCause cause = IoCause::Other;
  std::string path;    // the file or folder concerned
  std::string detail;  // English: what failed, then the system's own message
};

// The string-table key of a cause: "io.other", "io.no_space", "io.permission_denied",
// "io.read_only", "io.not_found", "io.is_folder", "io.name_too_long", "io.exists", "io.too_large".
const char* IoCauseKey(IoCause cause);
// Every cause, in declaration order (for tests and tables).
inline constexpr IoCause kAllIoCauses[] = {IoCause::Other,    IoCause::NoSpace,     IoCause::PermissionDenied,
                                           IoCause::ReadOnly, IoCause::NotFound,    IoCause::IsFolder,
                                           IoCause::NameTooLong, IoCause::Exists,   IoCause::TooLarge};

// Where a write can fail; tests inject failures at each step.
enum class WriteStep { Open, Write, Sync, DirSync, Rename };
using FaultInjector = std::function<bool(WriteStep)>;  // true: make this step fail

// When `faults` makes `step` fail, the failure a real one of that step carries: a write finds
// the disk full (NoSpace, "No space left on device"), an open or a rename is denied
// (PermissionDenied), a flush meets an input/output error (Other). `path` is left empty.
std::optional<IoError> InjectedFailure(const FaultInjector& faults, WriteStep step);

// The whole file (at most 64 MiB). On failure `error` says why.
bool ReadFileToString(const std::string& path, std::string& out, IoError& error);
bool ReadFileToString(const std::string& path, std::string& out, std::string& error);  // error: IoError::detail

// Writes a whole file durably: to "<path>.partial", flushed to the disk, replaced atomically
// (rename / MoveFileExW with MOVEFILE_WRITE_THROUGH), then the folder flushed. A failure at any
// step leaves the previous file whole and no temporary behind.
bool WriteFileDurably(const std::string& path, std::string_view content, IoError& error, FaultInjector faults = {});
bool WriteFileDurably(const std::string& path, std::string_view content, std::string& error,  // error: IoError::detail
                      FaultInjector faults = {});

// The folder a file is in ("." for a bare name), for platform::SyncFolder.
std::string FolderOf(const std::string& path);

}  // namespace sigap
