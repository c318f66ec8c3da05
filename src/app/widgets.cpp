#include "widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include <imgui_internal.h>

#include "platform/clock.h"
#include "theme.h"

namespace sigap::app::ui {

ImU32 U32(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }

namespace {

// A border drawn inside the rectangle, so that a thick one is not cut at the window's edge.
void Border(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness) {
  const float h = thickness * 0.5f;
  dl->AddRect(ImVec2(a.x + h, a.y + h), ImVec2(b.x - h, b.y - h), col, ImGui::GetStyle().FrameRounding, 0, thickness);
}

// WCAG relative luminance of an sRGB colour.
float Luminance(const ImVec4& c) {
  auto lin = [](float v) { return v <= 0.03928f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f); };
  return 0.2126f * lin(c.x) + 0.7152f * lin(c.y) + 0.0722f * lin(c.z);
}

}  // namespace

// ---- Text ------------------------------------------------------------------------------------

void Text(const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopTextWrapPos();
  Track(text.c_str());
}

void TextColored(const std::string& text, const ImVec4& color) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  Text(text);
  ImGui::PopStyleColor();
}

void TextIn(ImFont* font, const std::string& text, const ImVec4& color) {
  if (font) ImGui::PushFont(font);
  TextColored(text, color);
  if (font) ImGui::PopFont();
}

std::string Ellipsize(ImFont* font, float size, const std::string& text, float width) {
  if (!font || font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str()).x <= width) return text;
  static const char* const kEllipsis = "…";
  float budget = width - font->CalcTextSizeA(size, FLT_MAX, 0, kEllipsis).x;
  if (budget <= 0) return "";
  const char* begin = text.c_str();
  const char* end = begin + text.size();
  const char* cut = begin;
  // Walk whole UTF-8 characters until the budget is spent.
  for (const char* p = begin; p < end;) {
    const unsigned char lead = static_cast<unsigned char>(*p);
    const long n = std::min<long>(lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4, end - p);
    if (font->CalcTextSizeA(size, FLT_MAX, 0, begin, p + n).x > budget) break;
    p += n;
    cut = p;
  }
  std::string out(begin, cut);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',')) out.pop_back();
  return out + kEllipsis;
}

std::string EllipsizeLines(ImFont* font, float size, const std::string& text, float width, float height) {
  auto fits = [&](const std::string& t) {
    return font->CalcTextSizeA(size, FLT_MAX, width, t.c_str()).y <= height + 0.5f;
  };
  if (!font || fits(text)) return text;
  static const char* const kEllipsis = "…";
  // The cut points: after each word (a space), the longest prefix that fits with "…" wins.
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < text.size(); ++i)
    if (text[i] == ' ' && text[i - 1] != ' ') cuts.push_back(i);
  auto cut_at = [&](std::size_t n) {
    std::string out = text.substr(0, n);
    while (!out.empty() && std::string(" ,;:").find(out.back()) != std::string::npos) out.pop_back();
    return out + kEllipsis;
  };
  std::size_t lo = 0, hi = cuts.size();  // cuts[0, lo) fit; find the first that does not
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (fits(cut_at(cuts[mid]))) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0) return cut_at(cuts[lo - 1]);
  // Not even the first word: one line cut on a character boundary, if a line fits at all.
  if (font->CalcTextSizeA(size, FLT_MAX, 0, "Ag").y > height + 0.5f) return "";
  return Ellipsize(font, size, text, width);
}

void Heading(const AppState& st, const std::string& text) { TextIn(st.fonts.large, text, CurrentPalette().text); }

void Paragraphs(const std::string& text) {
  std::size_t start = 0;
  bool first = true;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty()) {
      if (!first) ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y * 0.5f));
      Text(line);
      first = false;
    }
    start = end + 1;
  }
}

// ---- Buttons ---------------------------------------------------------------------------------

float ButtonWidth(const char* label) {
  const char* end = ImGui::FindRenderedTextEnd(label);
  return ImGui::CalcTextSize(label, end).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

bool Button(const char* label, bool enabled, bool primary, float width) {
  const Palette& p = CurrentPalette();
  if (primary && enabled) {
    ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(p.accent.x * 0.85f, p.accent.y * 0.85f, p.accent.z * 0.85f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(p.accent.x * 0.7f, p.accent.y * 0.7f, p.accent.z * 0.7f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
  }
  ImGui::BeginDisabled(!enabled);
  bool clicked = ImGui::Button(label, ImVec2(width, 0));
  ImGui::EndDisabled();
  const char* label_end = ImGui::FindRenderedTextEnd(label);
  Track(label, ImGui::CalcTextSize(label, label_end).x, ImGui::GetItemRectSize().x - ImGui::GetStyle().FramePadding.x * 2.0f);
  if (primary && enabled) ImGui::PopStyleColor(4);
  return clicked && enabled;
}

bool SelectableWrapped(const char* id, const std::string& text, const ImVec4& color, bool selected) {
  const float wrap = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 4.0f);
  const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);
  const bool clicked = ImGui::Selectable("##row", selected, 0, ImVec2(0, size.y));
  ImGui::PopID();
  ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, U32(color), text.c_str(), nullptr,
                                      wrap);
  TrackRect(text.c_str(), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  return clicked;
}

bool Option(const char* id, const std::string& letter, const std::string& text, bool selected, Mark mark) {
  const Palette& p = CurrentPalette();
  const ImGuiStyle& style = ImGui::GetStyle();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float em = ImGui::GetFontSize();
  const float width = std::max(ImGui::GetContentRegionAvail().x, em * 6.0f);
  const float pad_x = style.FramePadding.x;
  // A checklist shows many items at once: a checkbox a little taller than a line, less padding
  // (still a touch target over a line tall).
  const bool dense = mark == Mark::Checkbox;
  const float pad_y = style.FramePadding.y * (dense ? 0.6f : 1.3f);
  const float badge = em * (dense ? 1.25f : 1.6f);
  const float text_x = pad_x + badge + pad_x;
  const float wrap = std::max(em * 3.0f, width - text_x - pad_x);
  const ImVec2 text_size = ImGui::CalcTextSize(text.c_str(), text.c_str() + text.size(), false, wrap);
  const float height = std::max(text_size.y, badge) + pad_y * 2.0f;
  const ImVec2 pos = ImGui::GetCursorScreenPos();

  ImGui::PushID(id);
  bool clicked = ImGui::InvisibleButton("##option", ImVec2(width, height));
  ImGui::PopID();
  TrackRect(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), text_size.x, wrap);
  const bool hovered = ImGui::IsItemHovered();
  const bool focused = ImGui::IsItemFocused() && ImGui::GetIO().NavVisible;  // keyboard navigation only

  const ImVec2 end(pos.x + width, pos.y + height);
  const bool filled = selected && mark == Mark::Letter;
  ImVec4 bg = filled ? p.accent : style.Colors[hovered ? ImGuiCol_ButtonHovered : ImGuiCol_Button];
  ImVec4 fg = filled ? p.accent_text : p.text;
  dl->AddRectFilled(pos, end, U32(bg), style.FrameRounding);
  const float thin = std::max(1.0f, em / 16.0f);
  Border(dl, pos, end, U32(selected || focused ? p.accent : style.Colors[ImGuiCol_Border]), selected || focused ? thin * 3.0f : thin * 1.5f);

  // The badge: the option's letter (the key that selects it), or a checkbox with the letter beside it.
  const ImVec2 b0(pos.x + pad_x, pos.y + pad_y);
  const ImVec2 b1(b0.x + badge, b0.y + badge);
  ImFont* font = ImGui::GetFont();
  const float letter_px = letter.size() > 1 ? em * 0.75f : em;
  const ImVec2 ls = font->CalcTextSizeA(letter_px, FLT_MAX, 0, letter.c_str());
  const ImVec2 letter_at(b0.x + (badge - ls.x) * 0.5f, b0.y + (badge - ls.y) * 0.5f);
  if (mark == Mark::Letter) {
    dl->AddRectFilled(b0, b1, U32(filled ? p.accent_text : p.accent), badge * 0.5f);
    dl->AddText(font, letter_px, letter_at, U32(filled ? p.accent : p.accent_text), letter.c_str());
  } else {
    dl->AddRectFilled(b0, b1, U32(selected ? p.accent : style.Colors[ImGuiCol_FrameBg]), style.FrameRounding);
    dl->AddRect(b0, b1, U32(selected ? p.accent : p.text), style.FrameRounding, 0, thin * 2.0f);
    if (selected) {
      // A check mark drawn as a polyline: no glyph needed.
      const ImVec2 pts[3] = {ImVec2(b0.x + badge * 0.22f, b0.y + badge * 0.52f), ImVec2(b0.x + badge * 0.42f, b0.y + badge * 0.72f),
                             ImVec2(b0.x + badge * 0.78f, b0.y + badge * 0.28f)};
      dl->AddPolyline(pts, 3, U32(p.accent_text), 0, thin * 3.5f);
    } else {
      dl->AddText(font, letter_px, letter_at, U32(p.text_muted), letter.c_str());
    }
  }
  const float text_y = pos.y + (height - text_size.y) * 0.5f;
  dl->AddText(font, em, ImVec2(pos.x + text_x, text_y), U32(fg), text.c_str(), text.c_str() + text.size(), wrap);
  return clicked;
}

bool Card(const char* id, int number, const std::vector<Piece>& pieces, bool selected) {
  const Palette& p = CurrentPalette();
  const ImGuiStyle& style = ImGui::GetStyle();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float em = ImGui::GetFontSize();
  const float width = std::max(ImGui::GetContentRegionAvail().x, em * 6.0f);
  const float pad = style.FramePadding.x;
  const float badge = em * 1.6f;
  const float text_x = pad + badge + pad;
  const float wrap = std::max(em * 3.0f, width - text_x - pad);
  auto font_of = [](const Piece& piece) { return piece.font ? piece.font : ImGui::GetFont(); };
  float text_h = 0;
  std::vector<float> heights;
  for (const auto& piece : pieces) {
    ImFont* f = font_of(piece);
    float h = f->CalcTextSizeA(f->FontSize, FLT_MAX, wrap, piece.text.c_str(), piece.text.c_str() + piece.text.size()).y;
    heights.push_back(h);
    text_h += h + piece.gap_em * em;
  }
  const float height = std::max(text_h, badge) + pad * 2.0f;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);
  bool clicked = ImGui::InvisibleButton("##card", ImVec2(width, height));
  ImGui::PopID();
  TrackRect(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  const bool hovered = ImGui::IsItemHovered();
  const bool focused = ImGui::IsItemFocused() && ImGui::GetIO().NavVisible;  // keyboard navigation only
  const ImVec2 end(pos.x + width, pos.y + height);
  ImVec4 bg = style.Colors[selected ? ImGuiCol_Header : hovered ? ImGuiCol_ButtonHovered : ImGuiCol_Button];
  dl->AddRectFilled(pos, end, U32(bg), style.FrameRounding);
  const float thin = std::max(1.0f, em / 16.0f);
  Border(dl, pos, end, U32(selected || focused ? p.accent : style.Colors[ImGuiCol_Border]), selected || focused ? thin * 4.0f : thin * 1.5f);
  const ImVec2 b0(pos.x + pad, pos.y + pad);
  char digits[8] = "";
  if (number > 0 && number <= 9) std::snprintf(digits, sizeof digits, "%d", number);
  dl->AddRectFilled(b0, ImVec2(b0.x + badge, b0.y + badge), U32(p.accent), badge * 0.5f);
  ImVec2 ds = ImGui::CalcTextSize(digits);
  dl->AddText(ImVec2(b0.x + (badge - ds.x) * 0.5f, b0.y + (badge - ds.y) * 0.5f), U32(p.accent_text), digits);
  float y = pos.y + pad;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Piece& piece = pieces[i];
    y += piece.gap_em * em;
    ImFont* f = font_of(piece);
    dl->AddText(f, f->FontSize, ImVec2(pos.x + text_x, y), U32(piece.color), piece.text.c_str(),
                piece.text.c_str() + piece.text.size(), wrap);
    y += heights[i];
  }
  return clicked;
}

// ---- Pills -----------------------------------------------------------------------------------

ImVec4 TextOn(const ImVec4& background) {
  // A translucent fill is judged as it looks: laid over the window's colour.
  const ImVec4& under = CurrentPalette().background;
  const float a = background.w;
  const ImVec4 seen(background.x * a + under.x * (1 - a), background.y * a + under.y * (1 - a), background.z * a + under.z * (1 - a), 1);
  // Black or white, whichever contrasts more with it.
  const float l = Luminance(seen);
  const float with_white = 1.05f / (l + 0.05f), with_black = (l + 0.05f) / 0.05f;
  return with_black > with_white ? ImVec4(0, 0, 0, 1) : ImVec4(1, 1, 1, 1);
}

ImU32 TextOn(ImU32 background) { return U32(TextOn(ImGui::ColorConvertU32ToFloat4(background))); }

ImVec2 PillSize(const std::string& text) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImVec2 ts = ImGui::CalcTextSize(text.c_str(), text.c_str() + text.size());
  return ImVec2(ts.x + style.FramePadding.x * 1.2f, ts.y + style.FramePadding.y * 0.6f);
}

void Pill(const std::string& text, const ImVec4& background) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImVec2 size = PillSize(text);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), U32(background), size.y * 0.3f);
  dl->AddText(ImVec2(pos.x + style.FramePadding.x * 0.6f, pos.y + style.FramePadding.y * 0.3f), U32(TextOn(background)),
              text.c_str(), text.c_str() + text.size());
  ImGui::Dummy(size);
  Track(text.c_str());
}

void DrawStatusSymbol(ImDrawList* dl, ImVec2 c, float size, StepStatus s, ImU32 col) {
  const float h = size * 0.5f;
  const float t = std::max(2.0f, size * 0.14f);
  switch (s) {
    case StepStatus::Followed:  // ✓
      dl->PathLineTo(ImVec2(c.x - h * 0.75f, c.y + h * 0.02f));
      dl->PathLineTo(ImVec2(c.x - h * 0.2f, c.y + h * 0.55f));
      dl->PathLineTo(ImVec2(c.x + h * 0.8f, c.y - h * 0.6f));
      dl->PathStroke(col, 0, t);
      break;
    case StepStatus::Violated:  // !
      dl->AddLine(ImVec2(c.x, c.y - h * 0.8f), ImVec2(c.x, c.y + h * 0.25f), col, t * 1.1f);
      dl->AddCircleFilled(ImVec2(c.x, c.y + h * 0.68f), t * 0.7f, col);
      break;
    case StepStatus::Critical:  // ✕
      dl->AddLine(ImVec2(c.x - h * 0.65f, c.y - h * 0.65f), ImVec2(c.x + h * 0.65f, c.y + h * 0.65f), col, t * 1.1f);
      dl->AddLine(ImVec2(c.x + h * 0.65f, c.y - h * 0.65f), ImVec2(c.x - h * 0.65f, c.y + h * 0.65f), col, t * 1.1f);
      break;
    case StepStatus::NotReached:  // –
      dl->AddLine(ImVec2(c.x - h * 0.45f, c.y), ImVec2(c.x + h * 0.45f, c.y), col, t * 0.8f);
      break;
  }
}

void StatusSquare(StepStatus s, ImU32 fill, float size, float rounding, float symbol_share) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size, p.y + size), fill, rounding);
  DrawStatusSymbol(dl, ImVec2(p.x + size * 0.5f, p.y + size * 0.5f), size * symbol_share, s, TextOn(fill));
  ImGui::Dummy(ImVec2(size, size));
}

void StatusChip(StepStatus s, const std::string& label) {
  StatusSquare(s, U32(StatusColor(s)), ImGui::GetTextLineHeight());
  ImGui::SameLine(0, Em() * 0.3f);
  Text(label);
}

bool BeginPillTable(const char* id) {
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingFixedFit)) return false;
  ImGui::TableSetupColumn("##pill", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("##text", ImGuiTableColumnFlags_WidthStretch);
  return true;
}

void AlignWithPill() { ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y * 0.3f); }

void Bar(float width, float height, float fraction, const ImVec4& fill, const ImVec4& background) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float r = height * 0.5f;
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), U32(background), r);
  const float f = std::clamp(fraction, 0.0f, 1.0f);
  if (f > 0) dl->AddRectFilled(pos, ImVec2(pos.x + std::max(width * f, height), pos.y + height), U32(fill), r);
  dl->AddRect(pos, ImVec2(pos.x + width, pos.y + height), U32(ImGui::GetStyle().Colors[ImGuiCol_Border]), r);
  ImGui::Dummy(ImVec2(width, height));
}

// ---- Layout ----------------------------------------------------------------------------------

float Em() { return ImGui::GetFontSize(); }
float Em(const ImFont* font) { return font->FontSize; }

bool ScrollLastItemIntoView() {
  const ImVec2 top = ImGui::GetItemRectMin(), bottom = ImGui::GetItemRectMax();
  const float window_top = ImGui::GetWindowPos().y, window_bottom = window_top + ImGui::GetWindowHeight();
  const bool fits = bottom.y - top.y <= window_bottom - window_top;
  if (top.y >= window_top - 1.0f && top.y < window_bottom && (!fits || bottom.y <= window_bottom + 1.0f)) return true;
  if (fits) ImGui::SetScrollFromPosY((top.y + bottom.y) * 0.5f - window_top, 0.5f);
  else ImGui::SetScrollFromPosY(top.y - window_top - ImGui::GetStyle().ItemSpacing.y, 0.0f);
  return false;
}

void BeginReadingColumn(float max_em) {
  // A three-column table centres a column of at most max_em ems; text wraps at its edge and the
  // surrounding window still scrolls as a whole.
  float avail = ImGui::GetContentRegionAvail().x;
  float width = std::min(avail, max_em * Em());
  ImGui::BeginTable("##reading", 3, ImGuiTableFlags_NoPadOuterX | ImGuiTableFlags_NoPadInnerX);
  ImGui::TableSetupColumn("##left", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("##text", ImGuiTableColumnFlags_WidthFixed, width);
  ImGui::TableSetupColumn("##right", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(1);
}

void EndReadingColumn() { ImGui::EndTable(); }

// ---- Keys ------------------------------------------------------------------------------------

bool Plain(const KeyPress& k) { return !k.ctrl && !k.alt; }

// Auto-repeats are ignored: holding a key must not toggle an item on and off, or confirm twice.
int DigitOf(const KeyPress& k) {
  if (k.repeat || !Plain(k) || k.key != Key::Digit) return 0;
  return k.ch == '0' ? 10 : k.ch - '0';
}

char LetterOf(const KeyPress& k) { return !k.repeat && Plain(k) && k.key == Key::Letter ? k.ch : 0; }

bool IsEnter(const KeyPress& k) { return k.key == Key::Enter && !k.repeat && Plain(k); }

bool IsEscape(const KeyPress& k) { return k.key == Key::Escape && !k.repeat; }

bool Pressed(const AppState& state, Key key, bool allow_in_text_field) {
  if (!allow_in_text_field && ImGui::GetIO().WantTextInput) return false;
  for (const auto& k : state.keys_pressed)
    if (k.key == key && Plain(k)) return true;
  return false;
}

bool PressedLetter(const AppState& state, char letter, bool shift) {
  if (ImGui::GetIO().WantTextInput) return false;
  for (const auto& k : state.keys_pressed)
    if (k.key == Key::Letter && k.ch == letter && Plain(k) && k.shift == shift) return true;
  return false;
}

bool PressedDigit(const AppState& state, int digit) {
  if (ImGui::GetIO().WantTextInput) return false;
  for (const auto& k : state.keys_pressed)
    if (DigitOf(k) == digit) return true;
  return false;
}

// ---- Labels ----------------------------------------------------------------------------------

std::string KindLabel(const StringTable& tr, const std::string& kind) { return ScenarioKindLabel(kind).Get(tr.Language()); }

const char* VerdictLabel(const StringTable& tr, Verdict v) {
  switch (v) {
    case Verdict::Follows: return tr("verdict.follows");
    case Verdict::Violates: return tr("verdict.violates");
    case Verdict::Critical: return tr("verdict.critical");
  }
  return "";
}

ImVec4 VerdictColor(Verdict v) {
  const Palette& p = CurrentPalette();
  switch (v) {
    case Verdict::Follows: return p.follows;
    case Verdict::Violates: return p.violates;
    case Verdict::Critical: return p.critical;
  }
  return p.not_reached;
}

int Severity(Verdict v) { return v == Verdict::Critical ? 2 : v == Verdict::Violates ? 1 : 0; }

const char* RatingLabel(const StringTable& tr, const std::string& rating) {
  if (rating == "good") return tr("rating.good");
  if (rating == "mixed") return tr("rating.mixed");
  if (rating == "bad") return tr("rating.bad");
  return tr("rating.none");
}

const char* StatusLabel(const StringTable& tr, StepStatus s) {
  switch (s) {
    case StepStatus::Followed: return tr("status.followed");
    case StepStatus::Violated: return tr("status.violated");
    case StepStatus::Critical: return tr("status.critical");
    case StepStatus::NotReached: return tr("status.not_reached");
  }
  return "";
}

ImVec4 StatusColor(StepStatus s) {
  const Palette& p = CurrentPalette();
  switch (s) {
    case StepStatus::Followed: return p.follows;
    case StepStatus::Violated: return p.violates;
    case StepStatus::Critical: return p.critical;
    case StepStatus::NotReached: break;
  }
  ImVec4 c = p.not_reached;  // lighter: a step not reached is not a verdict
  c.w = 0.45f;
  return c;
}

ImVec4 RatingColor(const std::string& rating) {
  const Palette& p = CurrentPalette();
  if (rating == "good") return p.follows;
  if (rating == "mixed") return p.violates;
  if (rating == "bad") return p.critical;
  return p.not_reached;
}

const char* ModeLabel(const StringTable& tr, Mode m) { return m == Mode::Assessment ? tr("mode.assessment") : tr("mode.training"); }

std::string Countdown(double seconds_left) {
  int s = static_cast<int>(std::ceil(std::max(0.0, seconds_left)));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
  return buf;
}

ImVec2 CountdownClockSize(const AppState& st) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushFont(st.fonts.huge);
  ImVec2 digits = ImGui::CalcTextSize("0:00");
  ImGui::PopFont();
  ImVec2 label = ImGui::CalcTextSize(st.tr("play.time_left"));
  return ImVec2(std::max(digits.x, label.x) + style.FramePadding.x * 2.0f,
                digits.y + label.y + style.FramePadding.y * 2.0f);
}

void CountdownClock(const AppState& st, double seconds_left, ImVec2 size) {
  const Palette& pal = CurrentPalette();
  const ImGuiStyle& style = ImGui::GetStyle();
  const bool urgent = seconds_left <= 10.0;
  const ImVec4 bg = urgent ? pal.critical : pal.panel;
  const ImVec4 fg = urgent ? TextOn(pal.critical) : pal.text;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), ImGui::ColorConvertFloat4ToU32(bg),
                    style.FrameRounding);
  dl->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y),
              ImGui::ColorConvertFloat4ToU32(urgent ? pal.critical : pal.accent), style.FrameRounding, 0,
              std::max(2.0f, Em() / 8.0f));
  const char* label = st.tr("play.time_left");
  ImVec2 ls = ImGui::CalcTextSize(label);
  dl->AddText(ImVec2(pos.x + (size.x - ls.x) * 0.5f, pos.y + style.FramePadding.y), ImGui::ColorConvertFloat4ToU32(fg),
              label);
  std::string digits = Countdown(seconds_left);
  ImGui::PushFont(st.fonts.huge);
  ImVec2 ds = ImGui::CalcTextSize(digits.c_str());
  dl->AddText(ImVec2(pos.x + (size.x - ds.x) * 0.5f, pos.y + style.FramePadding.y + ls.y),
              ImGui::ColorConvertFloat4ToU32(fg), digits.c_str());
  ImGui::PopFont();
  ImGui::Dummy(size);
}

std::string LocalTime(const std::string& iso_utc) {
  std::tm tm{};
  char z = 0;
  if (std::sscanf(iso_utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &tm.tm_sec, &z) != 7 || z != 'Z')
    return iso_utc;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::tm local = platform::LocalCalendar(platform::FromUtcCalendar(tm));
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
  return buf;
}

std::string FormatValue(const Variable& v, double value, const StringTable& tr) {
  if (v.type == Variable::Type::Flag) return value != 0 ? tr("value.yes") : tr("value.no");
  char buf[32];
  if (std::fabs(value - std::round(value)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", value);
  else std::snprintf(buf, sizeof buf, "%.1f", value);
  return buf;
}

// ---- Layout probe ----------------------------------------------------------------------------

namespace {
struct Probe {
  bool on = false;
  std::vector<ProbeItem> items;
};
Probe& TheProbe() {
  static Probe probe;  // test instrumentation, off in normal use: one per process is what tests need
  return probe;
}

bool Intersects(const ProbeItem& a, const ProbeItem& b) {
  const float tol = 1.0f;  // touching edges are not an overlap
  return a.min.x < b.max.x - tol && b.min.x < a.max.x - tol && a.min.y < b.max.y - tol && b.min.y < a.max.y - tol;
}

bool Inside(const ProbeItem& outer, const ProbeItem& inner) {
  return inner.min.x >= outer.min.x - 1 && inner.max.x <= outer.max.x + 1 && inner.min.y >= outer.min.y - 1 && inner.max.y <= outer.max.y + 1;
}

std::string Short(const std::string& s) { return s.size() > 60 ? s.substr(0, 57) + "..." : s; }
}  // namespace

void ProbeEnable(bool on) {
  TheProbe().on = on;
  TheProbe().items.clear();
}
bool ProbeEnabled() { return TheProbe().on; }
void ProbeBeginFrame() { TheProbe().items.clear(); }

void TrackRect(const char* label, ImVec2 min, ImVec2 max, float needed_w, float given_w) {
  Probe& probe = TheProbe();
  if (!probe.on) return;
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  ProbeItem item;
  item.window = w->ID;
  item.label = label ? label : "";
  item.min = min;
  item.max = max;
  item.clip_min = w->InnerClipRect.Min;
  item.clip_max = w->InnerClipRect.Max;
  // Content that a window, or any window it sits in, can scroll to is not lost below the edge.
  for (const ImGuiWindow* v = w; v && !item.scrolls_y;
       v = (v->Flags & ImGuiWindowFlags_ChildWindow) ? v->ParentWindow : nullptr)
    item.scrolls_y = !(v->Flags & ImGuiWindowFlags_NoScrollbar) || v->ScrollMax.y > 0;
  item.needed_w = needed_w;
  item.given_w = given_w;
  probe.items.push_back(std::move(item));
}

void Track(const char* label, float needed_w, float given_w) {
  if (!TheProbe().on) return;
  TrackRect(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), needed_w, given_w);
}

const std::vector<ProbeItem>& ProbeItems() { return TheProbe().items; }

void ProbeRewind(std::size_t count) {
  auto& items = TheProbe().items;
  if (items.size() > count) items.resize(count);
}

std::vector<LayoutProblem> ProbeProblems() {
  std::vector<LayoutProblem> out;
  const auto& items = TheProbe().items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ProbeItem& a = items[i];
    if (a.needed_w > 0 && a.needed_w > a.given_w + 1.0f) out.push_back({"too narrow", Short(a.label), ""});
    // Past the visible edge: always a fault sideways (where it is in view); below only where the
    // window cannot scroll, and then even when wholly below: nobody can ever see it.
    const bool off_side = a.min.x < a.clip_min.x - 1.0f || a.max.x > a.clip_max.x + 1.0f;
    const bool off_bottom = !a.scrolls_y && a.max.y > a.clip_max.y + 1.0f;
    const bool in_view = a.min.y < a.clip_max.y && a.max.y > a.clip_min.y;
    if ((off_side && in_view) || off_bottom) out.push_back({"clipped", Short(a.label), ""});
    for (std::size_t j = i + 1; j < items.size(); ++j) {
      const ProbeItem& b = items[j];
      if (a.window != b.window || !Intersects(a, b)) continue;
      if (Inside(a, b) || Inside(b, a)) continue;  // a widget drawn within another (a chip in a card) is by design
      out.push_back({"overlap", Short(a.label), Short(b.label)});
    }
  }
  return out;
}

}  // namespace sigap::app::ui
