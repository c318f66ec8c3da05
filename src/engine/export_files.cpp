// Writing the debrief's exports to files: one writer for the GUI and the CLI, with the guard that
// an export never replaces a result file it was made from.
#include <ctime>
#include <filesystem>

#include "debrief.h"
#include "platform/clock.h"
#include "platform/utf8_path.h"
#include "session_log.h"

namespace sigap {

namespace fs = std::filesystem;

std::string LocalDate() {
  std::time_t now = std::time(nullptr);
  std::tm local = platform::LocalCalendar(now);
  char date[16] = "";
  std::strftime(date, sizeof date, "%Y-%m-%d", &local);
  return date;
}

ExportRequest ExportsIn(const std::string& dir, unsigned formats, const std::string& date) {
  ExportRequest r;
  const std::string base = platform::PathToUtf8(platform::PathFromUtf8(dir) / platform::PathFromUtf8("sigap-debrief-" + date));
  if (formats & kExportCsv) r.csv = base + ".csv";
  if (formats & kExportHtml) r.html = base + ".html";
  if (formats & kExportXapi) r.xapi = base + "-xapi.json";
  return r;
}

std::vector<Problem> WriteExports(const DebriefBook& book, const ExportRequest& request, std::vector<std::string>* written) {
  std::vector<Problem> problems;
  const std::string* targets[] = {&request.csv, &request.html, &request.xapi};
  for (const std::string* path : targets)
    if (!path->empty() && book.IsResultFile(*path))
      problems.push_back(Problem{"EXP001", "'" + *path + "' is one of the result files being read; choose another name for the export", {*path}});
  if (!problems.empty()) return problems;  // nothing is written when any target is a result file

  const auto& debriefs = book.Scenarios();
  // Exports are built only when asked for: on 1,000 logs they cost most of a `sigap debrief` run.
  auto write = [&](const std::string& path, const char* what, auto&& build) {
    if (path.empty()) return;
    IoError error;
    std::error_code ec;
    fs::create_directories(platform::PathFromUtf8(path).parent_path(), ec);
    if (!WriteFileDurably(path, build(), error)) {
      problems.push_back(Problem{"EXP002",
                                 std::string("the ") + what + " export was not written to " + path + ": " + error.detail,
                                 {path, IoCauseKey(error.cause)}});
      return;
    }
    if (written) written->push_back(path);
  };
  write(request.csv, "CSV", [&] { return ExportCsv(debriefs, request.lang, request.anonymise); });
  write(request.html, "HTML", [&] { return ExportHtml(debriefs, request.lang, request.anonymise); });
  write(request.xapi, "xAPI", [&] { return ExportXapi(debriefs, request.anonymise).dump(2) + "\n"; });
  return problems;
}

}  // namespace sigap
