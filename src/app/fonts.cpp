#include "fonts.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <filesystem>
#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "file_io.h"
#include "i18n.h"
#include "paths.h"
#include "platform/utf8_path.h"

namespace sigap::app {

namespace {

namespace fs = std::filesystem;

// Where the font files are: beside the data (the Windows zip and installer ship them in
// <data>/fonts), else Debian's packages.
std::vector<fs::path> FontFolders() {
  std::vector<fs::path> out;
  if (std::string data = DataDir(); !data.empty()) out.push_back(platform::PathFromUtf8(data) / "fonts");
  out.push_back("/usr/share/fonts/truetype/noto");
  out.push_back("/usr/share/fonts/truetype/dejavu");
  return out;
}

std::string FindFont(const std::string& name) {
  std::error_code ec;
  for (const auto& dir : FontFolders())
    if (fs::is_regular_file(dir / name, ec)) return platform::PathToUtf8(dir / name);
  return "";
}

// The files' bytes, read once per process: the atlas is rebuilt whenever the window is resized,
// and re-reading four faces each time would cost more than the rebuild.
const std::string* FontBytes(const std::string& path) {
  static std::map<std::string, std::string> cache;
  auto it = cache.find(path);
  if (it == cache.end()) {
    std::string bytes, error;
    if (path.empty() || !ReadFileToString(path, bytes, error) || bytes.size() < 1024) return nullptr;
    it = cache.emplace(path, std::move(bytes)).first;
  }
  return &it->second;
}

ImFont* AddFont(const std::string& path, float px, const ImWchar* ranges, bool merge) {
  const std::string* bytes = FontBytes(path);
  if (!bytes) return nullptr;
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the cache keeps the bytes
  cfg.MergeMode = merge;
  cfg.OversampleH = px <= 40.0f ? 2 : 1;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = merge;  // symbols line up with the text pixels they sit among
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<char*>(bytes->data()), static_cast<int>(bytes->size()), px, &cfg, ranges);
}

// One bit per code point of the Basic Multilingual Plane (ImGui 1.86 draws the BMP only).
using CodePoints = std::vector<bool>;

void CollectCodePoints(const std::string& text, CodePoints& out) {
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = 0;
    int n = 1;
    if (c < 0x80) cp = c;
    else if ((c >> 5) == 0x6) { cp = c & 0x1F; n = 2; }
    else if ((c >> 4) == 0xE) { cp = c & 0x0F; n = 3; }
    else if ((c >> 3) == 0x1E) { cp = c & 0x07; n = 4; }
    else { ++i; continue; }
    if (i + static_cast<std::size_t>(n) > text.size()) break;
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3F);
    i += static_cast<std::size_t>(n);
    if (cp >= 0x20 && cp <= 0xFFFF) out[cp] = true;
  }
}

void CollectJsonStrings(const nlohmann::json& j, CodePoints& out) {
  if (j.is_string()) CollectCodePoints(j.get_ref<const std::string&>(), out);
  else if (j.is_structured())
    for (const auto& v : j) CollectJsonStrings(v, out);
}

void AddBlocks(CodePoints& points, std::initializer_list<std::pair<std::uint32_t, std::uint32_t>> blocks) {
  for (const auto& [lo, hi] : blocks)
    for (std::uint32_t c = lo; c <= hi; ++c) points[c] = true;
}

std::vector<ImWchar> ToRanges(const CodePoints& points) {
  std::vector<ImWchar> ranges;
  for (std::uint32_t c = 1; c < points.size(); ++c) {
    if (!points[c]) continue;
    std::uint32_t hi = c;
    while (hi + 1 < points.size() && points[hi + 1]) ++hi;
    ranges.push_back(static_cast<ImWchar>(c));
    ranges.push_back(static_cast<ImWchar>(hi));
    c = hi;
  }
  ranges.push_back(0);
  return ranges;
}

}  // namespace

GlyphRanges CollectGlyphRanges(const StringTable& tr, const ContentLibrary& library) {
  CodePoints used(0x10000, false);
  tr.ForEachText([&](const std::string& text) { CollectCodePoints(text, used); });
  for (const auto& f : library.files) {
    if (f.scenario) CollectJsonStrings(ToJson(*f.scenario), used);
    if (f.catalogue) CollectJsonStrings(ToJson(*f.catalogue), used);
  }
  // The symbols screens draw from code (widgets, map, slides): ← ↑ → ↓, −, ✓ … ✘, ⚠, ■, ▶, ◀, •.
  AddBlocks(used, {{0x20, 0x7E}, {0xA0, 0xFF}, {0x2010, 0x2027}, {0x2190, 0x2193}, {0x2212, 0x2212},
                   {0x2713, 0x2718}, {0x26A0, 0x26A0}, {0x25A0, 0x25A0}, {0x25B6, 0x25B6}, {0x25C0, 0x25C0}, {0x2022, 0x2022}});
  CodePoints text = used;
  // Where people type (names, the author face): Latin with its extensions, punctuation, currency,
  // arrows and geometric shapes.
  AddBlocks(text, {{0x100, 0x24F}, {0x2010, 0x205E}, {0x20A0, 0x20BF}, {0x2190, 0x21FF}, {0x25A0, 0x25CF}});
  return {ToRanges(text), ToRanges(used)};
}

Fonts BuildFonts(float body_px, const GlyphRanges& ranges) {
  Fonts fonts;
  fonts.body_px = body_px;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  std::string regular = FindFont("NotoSans-Regular.ttf"), bold = FindFont("NotoSans-Bold.ttf");
  if (regular.empty()) {
    regular = FindFont("DejaVuSans.ttf");
    bold = FindFont("DejaVuSans-Bold.ttf");
    fonts.warning = regular.empty() ? "no TTF font found (install fonts-noto-core); using ImGui's built-in font"
                                    : "Noto Sans (fonts-noto-core) not found; using " + regular;
  }
  if (bold.empty()) bold = regular;
  fonts.file = regular;
  // Merged after the text face, which keeps its own glyphs: symbols (⚠ ✓ ✕ ■), arrows, − and more.
  std::vector<std::string> symbols;
  for (const char* name : {"NotoSansSymbols2-Regular.ttf", "NotoSansSymbols-Regular.ttf", "NotoSansMath-Regular.ttf", "DejaVuSans.ttf"})
    if (std::string path = FindFont(name); !path.empty() && path != regular) symbols.push_back(path);
  fonts.merged = symbols;
  const ImWchar* text_glyphs = ranges.text.empty() ? io.Fonts->GetGlyphRangesDefault() : ranges.text.data();
  const ImWchar* display_glyphs = ranges.display.empty() ? text_glyphs : ranges.display.data();
  auto add = [&](const std::string& file, float px, const ImWchar* glyphs) -> ImFont* {
    ImFont* font = AddFont(file, px, glyphs, false);
    if (!font) {
      ImFontConfig def;
      def.SizePixels = px;
      return io.Fonts->AddFontDefault(&def);
    }
    for (const auto& s : symbols) AddFont(s, px, glyphs, true);
    return font;
  };
  // Titles and countdown digits are capped: a 200 px face would fill a texture larger than old
  // laptops' GPUs accept, and such a size never helps a room.
  fonts.body = add(regular, body_px, text_glyphs);
  fonts.bold = add(bold, body_px, text_glyphs);
  fonts.large = add(bold, std::min(body_px * 1.45f, 110.0f), display_glyphs);
  fonts.huge = add(bold, std::min(body_px * 2.4f, 150.0f), display_glyphs);
  io.Fonts->Build();
  return fonts;
}

float BodyPx(ImVec2 window_px, float zoom, Face face) {
  const float fit = std::clamp(std::min(window_px.x / 1280.0f, window_px.y / 720.0f), 0.6f, 3.0f);
  const float minimum = face == Face::Presentation ? 20.0f : face == Face::Participant ? 16.0f : 14.0f;
  return std::round(std::max(kBasePx * fit * std::clamp(zoom, kMinZoom, kMaxZoom), minimum));
}

}  // namespace sigap::app
