#include "diagnostics.h"

#include <algorithm>

namespace sigap {

const char* SeverityName(Severity s) { return s == Severity::Error ? "error" : "warning"; }

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.file;
  out += ':' + std::to_string(d.pos.line) + ':' + std::to_string(d.pos.column) + ": ";
  out += SeverityName(d.severity);
  out += ' ' + d.code + ": " + d.message;
  return out;
}

void DiagnosticSink::Add(Severity severity, const std::string& code, SourcePos pos,
                         const std::string& pointer, const std::string& message) {
  (severity == Severity::Error ? errors_ : warnings_)++;
  if (items_.size() >= cap_) {
    ++dropped_;
    // An error is never the one left out because warnings filled the list (found by
    // fuzz_scenario: 100 unknown-key warnings hid the errors that stopped the file loading).
    auto warning = std::find_if(items_.rbegin(), items_.rend(), [](const Diagnostic& d) { return d.severity == Severity::Warning; });
    if (severity != Severity::Error || warning == items_.rend()) return;
    items_.erase(std::next(warning).base());
  }
  items_.push_back(Diagnostic{file_, pos, pointer, severity, code, message});
}

std::vector<Diagnostic> DiagnosticSink::Take() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.pos.column < b.pos.column;
  });
  if (dropped_ > 0) {
    items_.push_back(Diagnostic{file_, {}, "", Severity::Warning, "DIA001",
                                std::to_string(dropped_) + " more problems were not shown; fix the ones above and validate again"});
    dropped_ = 0;
  }
  return std::move(items_);
}

}  // namespace sigap
