// The review booklet (src/engine/booklet.h, `sigap booklet`): every node and option of every
// bundled scenario reaches the reviewer in both languages with its SOP verdicts and sources;
// nodes no route reaches are flagged; author text is escaped; the CLI writes it and refuses bad
// arguments. Also `sigap play FILE.json` named without a folder (issue 16, item 7).
#include <doctest/doctest.h>

#include <filesystem>

#include "booklet.h"
#include "engine_test_util.h"
#include "explore.h"
#include "text.h"

using namespace sigap;
using namespace sigap::test;

namespace {

ContentLibrary Bundled() { return LoadLibrary({SourcePath("scenarios")}); }

bool Has(const std::string& html, const std::string& text) { return html.find(text) != std::string::npos; }

// A bundled scenario's text with one more scene that nothing links to.
std::string WithOrphan(const std::string& file) {
  nlohmann::json j = nlohmann::json::parse(ReadText(file));
  j["nodes"].push_back({{"id", "yatim"},
                        {"type", "scene"},
                        {"title", {{"id", "Adegan <b>lepas</b>"}, {"en", "A loose scene"}}},
                        {"text", {{"id", "Tidak ada yang menuju ke sini."}, {"en", ""}}},
                        {"next", j["start"]}});
  return j.dump(2);
}

}  // namespace

TEST_CASE("the booklet of every bundled scenario holds every node, option, verdict and source in both languages") {
  ContentLibrary lib = Bundled();
  REQUIRE(lib.Scenarios().size() >= 7);
  for (const auto& sc : lib.Scenarios()) {
    INFO(sc->id);
    auto cat = CatalogueFor(lib, *sc);
    REQUIRE(cat);
    std::size_t linked = 0;
    std::vector<std::string> order = ReadingOrder(*sc, &linked);
    CHECK(order.size() == sc->nodes.size());
    CHECK(linked == sc->nodes.size());  // the bundled content has no orphans
    CHECK(order.front() == sc->start);
    std::string html = ReviewBookletHtml(*sc, *cat, lib.FindGuide(sc->id).get());
    CHECK(Has(html, sc->content_hash.substr(0, 16)));
    CHECK(Has(html, "Pengesahan · Sign-off"));
    CHECK(Has(html, "Peninjau hukum"));
    CHECK_FALSE(Has(html, "Bagian yang tidak terjangkau"));
    for (std::size_t i = 0; i < order.size(); ++i) {
      const Node& n = *sc->FindNode(order[i]);
      CHECK(Has(html, "id=\"n-" + HtmlEscape(n.id) + "\">\n<h3>§" + std::to_string(i + 1) + " · "));
      if (!n.decision) continue;
      CHECK(Has(html, HtmlEscape(n.decision->prompt.id)));
      CHECK(Has(html, HtmlEscape(n.decision->prompt.en)));
      auto option = [&](const std::string& id, const LocalText& text, const std::vector<SopTag>& tags) {
        CHECK_MESSAGE(Has(html, HtmlEscape(text.id)), id);
        CHECK_MESSAGE(Has(html, HtmlEscape(text.en)), id);
        for (const auto& t : tags) {
          const SopStep* step = cat->FindStep(t.step);
          REQUIRE(step);
          CHECK(Has(html, HtmlEscape(step->label.id)));
          CHECK(Has(html, HtmlEscape(step->label.en)));
          if (!step->source.empty()) CHECK(Has(html, HtmlEscape(step->source)));
        }
      };
      for (const auto& c : n.decision->choices) option(c.id, c.text, c.sop);
      for (const auto& it : n.decision->items) option(it.id, it.text, it.sop);
    }
    for (const auto& n : sc->nodes)
      if (n.outcome) {
        CHECK(Has(html, HtmlEscape(n.outcome->label.id)));
        const std::string& d = n.outcome->debrief.en;  // its first line (the booklet keeps line breaks as <br>)
        CHECK(Has(html, HtmlEscape(d.substr(0, d.find('\n')))));
      }
  }
}

TEST_CASE("the booklet names verdicts in words, plain-word effects and conditions, and the sources' meanings") {
  ContentLibrary lib = Bundled();
  auto sc = lib.FindScenario("yuliana-nunukan");
  REQUIRE(sc);
  auto cat = CatalogueFor(lib, *sc);
  std::string html = ReviewBookletHtml(*sc, *cat, lib.FindGuide(sc->id).get());
  CHECK(Has(html, "‼ pelanggaran kritis (never event)"));
  CHECK(Has(html, "‼ critical violation (never event)"));
  CHECK(Has(html, "✓ sesuai SOP"));
  CHECK(Has(html, "✓ jawaban yang dianjurkan"));
  // An effect on a variable reads with the variable's label, not its id.
  for (const auto& v : sc->variables)
    if (!v.label.id.empty()) CHECK(Has(html, "<b>" + HtmlEscape(v.label.id) + "</b>"));
  // A source code with a meaning in the catalogue is explained once, in the list of sources.
  const std::size_t list = html.find("Daftar sumber · Sources");
  REQUIRE(list != std::string::npos);
  int explained = 0;
  for (const auto& [code, meaning] : cat->sources)
    if (html.find("<tr><th>[" + code + "]</th><td>" + HtmlEscape(meaning.id), list) != std::string::npos) ++explained;
  CHECK(explained >= 3);
}

TEST_CASE("a node no route reaches is flagged; author text is escaped; a missing translation is shown as missing") {
  const std::string dir = TempDir("booklet-orphan");
  std::filesystem::copy_file(SourcePath("scenarios/sop-tppo.json"), dir + "/sop-tppo.json");
  WriteText(dir + "/yuliana-nunukan.json", WithOrphan(SourcePath("scenarios/yuliana-nunukan.json")));
  ContentLibrary lib = LoadLibrary({dir});
  auto sc = lib.FindScenario("yuliana-nunukan");
  REQUIRE(sc);
  std::size_t linked = 0;
  std::vector<std::string> order = ReadingOrder(*sc, &linked);
  CHECK(linked + 1 == order.size());
  CHECK(order.back() == "yatim");
  std::string html = ReviewBookletHtml(*sc, *lib.FindCatalogue("sop-tppo"), nullptr);
  CHECK(Has(html, "Bagian yang tidak terjangkau"));
  CHECK(Has(html, "No route from the start reaches this node"));
  CHECK(Has(html, "Adegan &lt;b&gt;lepas&lt;/b&gt;"));
  CHECK_FALSE(Has(html, "<b>lepas</b>"));
  CHECK(Has(html, "translation missing"));
}

#ifndef _WIN32
TEST_CASE("sigap booklet writes the booklet for an id or a file, and refuses what it cannot do") {
  const std::string dir = TempDir("booklet-cli");
  ProcessResult r = RunSigap({"booklet", "paman-tanjungpinang", "--html", dir + "/buku.html"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(Has(ReadText(dir + "/buku.html"), "<!DOCTYPE html>"));
  r = RunSigap({"booklet", "pkt-batam.json", "--html", dir + "/pkt.html"}, SourcePath("scenarios"));
  CHECK(r.exit_code == 0);
  CHECK(Has(ReadText(dir + "/pkt.html"), "Pengesahan"));
  CHECK(RunSigap({"booklet", "paman-tanjungpinang"}).exit_code == 2);                      // no --html
  CHECK(RunSigap({"booklet", "tidak-ada", "--html", dir + "/x.html"}).exit_code == 2);      // no such scenario
  CHECK(RunSigap({"booklet", "a", "b", "--html", dir + "/x.html"}).exit_code == 2);         // two scenarios
  const std::string own = dir + "/own.json";
  std::filesystem::copy_file(SourcePath("scenarios/sop-tppo.json"), dir + "/sop-tppo.json");
  std::filesystem::copy_file(SourcePath("scenarios/yuliana-nunukan.json"), own);
  r = RunSigap({"booklet", own, "--html", own});  // never over the scenario itself
  CHECK(r.exit_code == 2);
  CHECK(ReadText(own) == ReadText(SourcePath("scenarios/yuliana-nunukan.json")));
}

TEST_CASE("sigap play FILE.json named without a folder finds the catalogue beside it") {
  const std::string dir = TempDir("play-bare-name");
  ProcessResult r = RunSigap({"play", "yuliana-nunukan.json", "--team", "Tim Kenari", "--choices", "b", "--results", dir},
                             SourcePath("scenarios"));
  INFO(r.out << r.err);
  CHECK(r.err.find("not found") == std::string::npos);
  CHECK((r.out + r.err).find("Hasil disimpan") != std::string::npos);
  CHECK(r.exit_code != 2);
}
#endif

TEST_CASE("a cited source names its work: the leading code before an article, else the bracketed one") {
  ContentLibrary lib = Bundled();
  auto cat = lib.FindCatalogue("sop-tppo");
  REQUIRE(cat);
  auto meaning_of = [&](const std::string& source) {
    auto parts = cat->ExplainSource(source);
    REQUIRE(parts.size() == 1);
    REQUIRE(parts[0].meaning);
    return parts[0].meaning;
  };
  CHECK(meaning_of("WHO PFA 2011 [WHO-PFA]") == &cat->sources.at("WHO-PFA"));    // was WHO's 2003 principles
  CHECK(meaning_of("WHO mhGAP-IG 2.0 [MHGAP]") == &cat->sources.at("MHGAP"));
  CHECK(meaning_of("WHO P8 ⚠") == &cat->sources.at("WHO"));
  CHECK(meaning_of("UU31 Ps 5 [LPSK]") == &cat->sources.at("UU31"));              // the law, not the agency's page
  CHECK(meaning_of("ACTIP Art 14(7) [KOMPAS-NP]") == &cat->sources.at("ACTIP"));
  CHECK(meaning_of("[TI]") == &cat->sources.at("TI"));
}
