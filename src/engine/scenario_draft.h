// A scenario open for editing in the author face: its JSON document (key order and "_comment"s
// kept), each version checked by the same load and validation as `sigap validate` (ParseFile +
// BuildFile, loader.h), the last version without errors, undo/redo, saving and reloading.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "file_io.h"
#include "loader.h"
#include "model.h"
#include "scenario_writer.h"

namespace sigap {

// What a file looks like on disk, to notice that another program changed it (an editor's save).
struct DiskStamp {
  bool exists = false;
  std::int64_t mtime_ns = 0;
  std::uintmax_t size = 0;
  bool operator==(const DiskStamp&) const = default;
};
DiskStamp StampOf(const std::string& path);

// ---- Node ids and the references to them --------------------------------------------------
// Where a scenario's document names a node: its `start`, and every route (`next`: a node id, or
// conditional routes whose `to` is one) of a scene, a choice, a timer's `timeout` outcome and a
// checklist. Conditions and effects name variables and flags, never nodes (scenario-format.md
// 2.7–2.8), and an ending's outcome id is a name of its own (the results count teams by it).
struct NodeReference {
  std::string pointer;   // the string that names the node ("/nodes/2/decision/choices/0/next/1/to")
  std::string node;      // the node whose route it is ("" = the scenario's start)
  std::string option;    // the choice whose route it is ("" = the node's own route)
  bool timeout = false;  // the route of the timer's timeout outcome
};
std::vector<NodeReference> NodeReferences(const OrderedJson& doc, const std::string& id);

enum class RenameResult {
  Renamed,
  Same,      // the new id is the old one: nothing to do
  NotFound,  // no node has the old id
  Taken,     // another node has the new id
  BadId,     // the new id is not an id the format allows (SCN006)
};
// Gives a node a new id and every reference to it (NodeReferences) the same; the document is
// unchanged unless the result is Renamed.
RenameResult RenameNode(OrderedJson& doc, const std::string& from, const std::string& to);

class ScenarioDraft {
 public:
  // Reads and checks a scenario file; its SOP catalogue is found beside it as `sigap validate`
  // finds it. False (with `error`) when the file cannot be read; a file that is not valid still
  // opens, with its diagnostics.
  bool Open(const std::string& path, IoError& error);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }                   // the version being edited
  const OrderedJson* doc() const { return doc_ ? &*doc_ : nullptr; }  // null: the text is not JSON
  const LoadedFile& check() const { return check_; }                  // its diagnostics
  // The last version without errors (the map shows it while the current one has errors); null
  // when there never was one.
  std::shared_ptr<const Scenario> good() const { return good_; }
  bool current_is_good() const { return check_.ok(); }
  std::shared_ptr<const SopCatalogue> catalogue() const { return catalogue_; }
  double check_ms() const { return check_ms_; }  // the last load + validation, in milliseconds

  // One edit of the document: `change` edits a copy; when it returns true the copy becomes the
  // current version (written canonically) and is checked at once. The previous version goes on
  // the undo stack, unless `merge_key` is the previous edit's (typing in one field: one undo
  // step for the field, not one per letter). False (nothing changed) when the text is not JSON,
  // `change` refuses, or the edit changes nothing.
  bool Edit(const std::function<bool(OrderedJson&)>& change, const std::string& merge_key = "");
  // A node renamed with every reference to it (RenameNode above), as one edit: one undo step.
  RenameResult RenameNode(const std::string& from, const std::string& to);
  bool CanUndo() const { return !undo_.empty(); }
  bool CanRedo() const { return !redo_.empty(); }
  bool Undo();
  bool Redo();

  // The text differs from what was last read from or written to the disk.
  bool Dirty() const { return text_ != disk_text_; }
  // Writes the current version canonically (SaveWithBackup: "<path>.bak" keeps the previous file).
  bool Save(IoError& error, FaultInjector faults = {});
  // The file's stamp when it was last read or written.
  const DiskStamp& stamp() const { return stamp_; }
  // Reads the file again when its stamp changed; true when its text was taken (checked at once,
  // and undoable: unsaved edits are one Undo away). A file that cannot be read is left alone.
  bool ReloadIfChanged();

 private:
  void Take(std::string text);  // makes `text` the current version and checks it
  void FindCatalogue();

  std::string path_;
  std::string text_;
  std::optional<OrderedJson> doc_;
  LoadedFile check_;
  std::shared_ptr<const Scenario> good_;
  std::shared_ptr<const SopCatalogue> catalogue_;
  std::string catalogue_id_;
  double check_ms_ = 0;
  std::vector<std::string> undo_, redo_;
  std::string merge_key_;  // the last edit's; "" after anything else
  std::string disk_text_;
  DiskStamp stamp_;
};

// A new scenario from the template: a scene, one decision with two options tagged against the
// catalogue's first step, and two endings; in both languages, valid against `catalogue`.
std::string NewScenarioText(const std::string& id, const SopCatalogue& catalogue);

}  // namespace sigap
