// Whole files in and out: reading a file to a string, and writing one durably (a temporary
// name, flushed to the disk, then an atomic replace). Paths are UTF-8 on every system.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sigap {

// Where a write can fail; tests inject failures at each step.
enum class WriteStep { Open, Write, Sync, DirSync, Rename };
using FaultInjector = std::function<bool(WriteStep)>;  // true: make this step fail

// When `faults` makes `step` fail, the system message a real failure of that step carries
// ("No space left on device" for a write), so the user's message names a cause.
std::optional<std::string> InjectedFailure(const FaultInjector& faults, WriteStep step);

// The whole file (at most 64 MiB). On failure `error` says why in a few words.
bool ReadFileToString(const std::string& path, std::string& out, std::string& error);

// Writes a whole file durably: to "<path>.partial", flushed to the disk, replaced atomically
// (rename / MoveFileExW with MOVEFILE_WRITE_THROUGH), then the folder flushed. A failure at any
// step leaves the previous file whole and no temporary behind.
bool WriteFileDurably(const std::string& path, std::string_view content, std::string& error, FaultInjector faults = {});

// The folder a file is in ("." for a bare name), for platform::SyncFolder.
std::string FolderOf(const std::string& path);

}  // namespace sigap
