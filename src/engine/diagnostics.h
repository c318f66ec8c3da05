// Diagnostics: problems found in an input file, each with its place, a stable code and a
// message that says what to do. Codes are listed in docs/diagnostics.md.
#pragma once

#include <string>
#include <vector>

namespace sigap {

enum class Severity { Error, Warning };

struct SourcePos {
  int line = 0;    // 1-based; 0 = unknown (whole file)
  int column = 0;  // 1-based, in characters
};

struct Diagnostic {
  std::string file;
  SourcePos pos;
  std::string pointer;  // JSON pointer of the value concerned ("" = whole document)
  Severity severity = Severity::Error;
  std::string code;     // stable, e.g. "SCN012"
  std::string message;
};

// Formats "PATH:LINE:COL: error|warning CODE: message".
std::string FormatDiagnostic(const Diagnostic& d);
const char* SeverityName(Severity s);

// Collects diagnostics for one file, up to a cap, so one broken file cannot flood the output.
class DiagnosticSink {
 public:
  static constexpr std::size_t kDefaultCap = 100;
  explicit DiagnosticSink(std::string file, std::size_t cap = kDefaultCap)
      : file_(std::move(file)), cap_(cap) {}

  void Add(Severity severity, const std::string& code, SourcePos pos, const std::string& pointer,
           const std::string& message);
  void Error(const std::string& code, SourcePos pos, const std::string& pointer, const std::string& message) {
    Add(Severity::Error, code, pos, pointer, message);
  }
  void Warning(const std::string& code, SourcePos pos, const std::string& pointer, const std::string& message) {
    Add(Severity::Warning, code, pos, pointer, message);
  }

  bool HasErrors() const { return errors_ > 0; }
  std::size_t ErrorCount() const { return errors_; }
  std::size_t WarningCount() const { return warnings_; }
  bool Truncated() const { return dropped_ > 0; }
  const std::string& File() const { return file_; }
  // Sorted by line and column; a final DIA001 note is appended when the cap dropped some.
  std::vector<Diagnostic> Take();

 private:
  std::string file_;
  std::size_t cap_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  std::size_t dropped_ = 0;
  std::vector<Diagnostic> items_;
};

}  // namespace sigap
