// `sigap debrief` end to end: the summary, the exports, the exit codes, and a failed write.
#include <doctest/doctest.h>

#include "debrief_fixtures.h"

using namespace sigap;
using namespace sigap::test;
using nlohmann::json;

namespace {

struct CliWorkshop {
  ContentLibrary lib = BundledLibrary();
  ScopedDir source, exports;
  Workshop w;
  std::string out;
  std::string scenarios = SourcePath("scenarios");
  explicit CliWorkshop(const std::string& name) : source(name), exports(name + "-out") {
    w = BuildWorkshop(lib, source.path);
    out = exports.path;
  }
};

bool Exists(const std::string& p) { return std::filesystem::exists(p); }

}  // namespace

TEST_CASE("sigap debrief prints the summary, writes the three exports, and exits 1 when some files had problems") {
  CliWorkshop t("cli-debrief");
  auto before = Snapshot(t.w.root);
  ProcessResult r = RunSigap({"debrief", t.w.root, "--csv", t.out + "/r.csv", "--html", t.out + "/r.html", "--xapi", t.out + "/r.json",
                              "--scenarios", t.scenarios});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  for (const char* s : {"Cerita Yuliana", "Liburan ke Johor", "Anggrek", "Edelweis", "belum selesai", "skenario sudah berubah",
                        "Momen kritis", "★C 6", "waktu habis 2", "tidak lulus", "Posisi di layar"})
    CHECK_MESSAGE(r.out.find(s) != std::string::npos, s);
  // Problems with their place and what to do.
  CHECK(r.out.find(t.w.corrupted + ":2:1: error LOG011") != std::string::npos);
  CHECK(r.out.find(t.w.not_installed + ":1:1: error DBR010") != std::string::npos);
  CHECK(Exists(t.out + "/r.csv"));
  CHECK(Exists(t.out + "/r.html"));
  json xapi = json::parse(ReadText(t.out + "/r.json"));
  CHECK(xapi.size() == 92 + 7);  // 92 answers, and one "completed" per finished session
  CHECK(ReadText(t.out + "/r.csv").rfind("scenario,session,team,", 0) == 0);
  CHECK(ReadText(t.out + "/r.html").find("Peta panas") != std::string::npos);
  CHECK(Snapshot(t.w.root) == before);
}

TEST_CASE("sigap debrief exits 0 when every file reads; --lang en and --anonymise apply to the summary and exports") {
  CliWorkshop t("cli-debrief-clean");
  ProcessResult r = RunSigap({"debrief", t.w.log["Anggrek"], t.w.log["Cempaka"], t.w.log["Kenanga"], "--lang", "en", "--anonymise",
                              "--csv", t.out + "/r.csv", "--html", t.out + "/r.html", "--scenarios", t.scenarios});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Yuliana's story") != std::string::npos);
  CHECK(r.out.find("Team A") != std::string::npos);
  CHECK(r.out.find("Critical moments") != std::string::npos);
  for (const std::string& text : {r.out, ReadText(t.out + "/r.csv"), ReadText(t.out + "/r.html")}) {
    CHECK(text.find("Anggrek") == std::string::npos);
    CHECK(text.find("Cempaka") == std::string::npos);
  }
  CHECK(ReadText(t.out + "/r.html").find("<html lang=\"en\">") != std::string::npos);
}

TEST_CASE("sigap debrief --json gives the aggregation as data") {
  CliWorkshop t("cli-debrief-json");
  ProcessResult r = RunSigap({"debrief", t.w.root, "--json", "--scenarios", t.scenarios});
  CHECK(r.exit_code == 1);
  json j = json::parse(r.out);
  CHECK(j["sessions"] == 10);
  CHECK(j["duplicates_merged"] == 2);
  CHECK(j["problems"].size() == 2);
  REQUIRE(j["scenarios"].size() == 2);
  const json& y = j["scenarios"][0];
  CHECK(y["scenario"] == "yuliana-nunukan");
  CHECK(y["teams"].size() == 8);
  CHECK(y["teams"][0]["team"] == "Anggrek");
  CHECK(y["teams"][0]["outcome"] == "e1");
  CHECK(y["decisions"][0]["options"][2]["teams"] == 6);  // dp1 c, the SOP answer
  CHECK(y["decisions"][0]["median_ms"] == 13000);
}

TEST_CASE("a failed export write says so, exits 2 and leaves no half-written file") {
  CliWorkshop t("cli-debrief-fail");
  WriteText(t.out + "/not-a-folder", "x");
  std::string target = t.out + "/not-a-folder/report.html";
  ProcessResult r = RunSigap({"debrief", t.w.log["Anggrek"], "--html", target, "--csv", t.out + "/ok.csv", "--scenarios", t.scenarios});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("HTML export was not written") != std::string::npos);
  CHECK_FALSE(Exists(target));
  CHECK_FALSE(Exists(target + ".partial"));
  CHECK(Exists(t.out + "/ok.csv"));  // the exports that could be written are complete
  for (const auto& e : std::filesystem::directory_iterator(t.out)) CHECK(e.path().extension() != ".partial");
}

TEST_CASE("sigap debrief refuses to write an export over a result file it reads") {
  CliWorkshop t("cli-debrief-overwrite");
  std::string log = t.w.log["Anggrek"];
  std::string before = ReadText(log);
  ProcessResult r = RunSigap({"debrief", t.w.root, "--csv", log, "--scenarios", t.scenarios});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is one of the result files") != std::string::npos);
  CHECK(ReadText(log) == before);
}

TEST_CASE("sigap debrief usage and I/O errors exit 2") {
  CliWorkshop t("cli-debrief-usage");
  CHECK(RunSigap({"debrief"}).exit_code == 2);
  CHECK(RunSigap({"debrief", t.w.root, "--lang", "fr"}).exit_code == 2);
  CHECK(RunSigap({"debrief", t.w.root, "--csv"}).exit_code == 2);
  CHECK(RunSigap({"debrief", t.w.root, "--bogus"}).exit_code == 2);
  CHECK(RunSigap({"debrief", t.w.root, "--scenarios", t.out + "/none"}).exit_code == 2);
  ProcessResult missing = RunSigap({"debrief", t.w.root + "/usb-not-plugged-in", "--scenarios", t.scenarios});
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.find("DBR001") != std::string::npos);
  // A folder without results: nothing to debrief.
  ProcessResult empty = RunSigap({"debrief", t.out, "--scenarios", t.scenarios});
  CHECK(empty.exit_code == 1);
  CHECK(empty.out.find("DBR003") != std::string::npos);
}
