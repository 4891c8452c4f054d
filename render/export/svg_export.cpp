#include "render/export/svg_export.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/gc/collector.hpp"

namespace tricolor::render {

namespace {

using M = GraphMetrics;

// {===== colours: the window's palette (render/theme.cpp) as SVG values

struct Rgba {
  unsigned r, g, b, a = 255;
};
std::string hex(Rgba c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}
// fill="..." plus fill-opacity when the colour is translucent (SVG 1.1 has no #rrggbbaa).
std::string paint(const char* attr, Rgba c) {
  std::string s = std::string(attr) + "=\"" + hex(c) + "\"";
  if (c.a != 255) {
    char buf[48];
    std::snprintf(buf, sizeof buf, " %s-opacity=\"%.2f\"", attr, double(c.a) / 255.0);
    s += buf;
  }
  return s;
}

// Same numbers as palette() in render/theme.cpp, which needs ImGui;
// tests/app/test_window_exports.sh compares the SVG's fills with the window's.
const Rgba kCanvas{46, 52, 64}, kRootsBg{36, 41, 51}, kRootsHeader{150, 165, 190}, kText{236, 239, 244},
    kTextDim{170, 178, 192};
const Rgba kWhite{250, 250, 250}, kWhiteBorder{120, 120, 120}, kWhiteText{20, 20, 20};
const Rgba kGrey{150, 150, 150}, kGreyBorder{245, 245, 245}, kGreyText{10, 10, 10};
const Rgba kBlack{12, 12, 12}, kBlackBorder{200, 200, 200}, kBlackText{245, 245, 245};
const Rgba kFreed{213, 94, 0, 200}, kStackFill{86, 120, 160}, kStackBorder{180, 210, 240};
const Rgba kArrow{200, 208, 222, 220}, kArrowNil{120, 128, 140};
const Rgba kScan{230, 159, 0}, kShade{86, 180, 233}, kAlloc{0, 158, 115}, kWrite{204, 121, 167},
    kDanger{213, 94, 0};

struct Style {
  Rgba fill, border, text;
  bool dashed = false, ghost = false;
  float width = 1;
  const char* word;
};

Style styleOf(Colour c) {
  switch (c) {
    case Colour::White: return {kWhite, kWhiteBorder, kWhiteText, false, false, 1, "white"};
    case Colour::Grey: return {kGrey, kGreyBorder, kGreyText, true, false, 2, "grey"};
    case Colour::Black: return {kBlack, kBlackBorder, kBlackText, false, false, 2, "black"};
    case Colour::Stack: return {kStackFill, kStackBorder, kText, false, false, 1, "stack"};
    case Colour::Free: return {{0, 0, 0, 0}, kFreed, kFreed, false, true, 1, "freed"};
  }
  return {kWhite, kWhiteBorder, kWhiteText, false, false, 1, "?"};
}

// }===== {===== writing

std::string esc(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default:
        // XML 1.0 allows no control characters but tab and newlines.
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n')
          o += ' ';
        else
          o += ch;
    }
  }
  return o;
}

std::string num(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", double(v));
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

struct Svg {
  std::string out;
  void text(float x, float y, float size, Rgba c, const std::string& s, const char* extra = "") {
    out += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + num(size) + "\" " +
           paint("fill", c) + extra + ">" + esc(s) + "</text>\n";
  }
  void rect(float x, float y, float w, float h, const std::string& attrs) {
    out += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) +
           "\" " + attrs + "/>\n";
  }
  void circle(float x, float y, float r, const std::string& attrs) {
    out += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"" + num(r) + "\" " + attrs + "/>\n";
  }
};

// What the last step did, read from its events (as the heap panel does).
struct StepMarks {
  ObjectId scanning = kNil;
  std::vector<std::pair<ObjectId, Ref>> shaded, written;
  std::vector<ObjectId> allocated, freed, dangling;
};

StepMarks marksOf(const std::vector<Event>& events) {
  StepMarks m;
  for (const Event& e : events) {
    switch (e.kind) {
      case EventKind::ScanStart: m.scanning = e.as<ScanStartEvent>().object; break;
      case EventKind::Shade: m.shaded.emplace_back(e.as<ShadeEvent>().object, e.as<ShadeEvent>().from); break;
      case EventKind::Alloc:
      case EventKind::AllocTiny:
      case EventKind::AllocStack: m.allocated.push_back(eventObjects(e)[0]); break;
      case EventKind::Free: m.freed.push_back(e.as<FreeEvent>().object); break;
      case EventKind::ReachableFreed:
      case EventKind::DanglingUse: m.dangling.push_back(eventObjects(e)[0]); break;
      case EventKind::PointerWrite:
        m.written.emplace_back(e.as<PointerWriteEvent>().value, e.as<PointerWriteEvent>().where);
        break;
      default: break;
    }
  }
  return m;
}

// Where an arrow enters its target (same rule as the heap panel): from the
// left when the target is to the right, else from below or above.
struct Inlet {
  Vec2 at, dir;
};
Inlet inletFor(Vec2 port, const RectF& t) {
  if (t.x >= port.x + 12) return {{t.x, t.y + 2 + M::kRowH * 0.5f}, {1, 0}};
  if (t.bottom() <= port.y - 8) return {{t.x + t.w * 0.5f, t.bottom()}, {0, -1}};
  return {{t.x + t.w * 0.5f, t.y}, {0, 1}};
}

// A pointer as a cubic bezier plus a filled head, like the panel at zoom 1.
std::string arrowSvg(Vec2 p0, Vec2 p1, Vec2 dir, Rgba col, float width, const std::string& data) {
  float dist = std::hypot(p1.x - p0.x, p1.y - p0.y);
  float out = std::max(30.0f, std::fabs(p1.x - p0.x) * 0.45f);
  float in = std::max(30.0f, dist * 0.35f);
  if (dir.y != 0) out = std::min(out, 40.0f);
  const float h = 7;
  Vec2 c0{p0.x + out, p0.y}, c1{p1.x - dir.x * in, p1.y - dir.y * in};
  Vec2 end{p1.x - dir.x * h * 0.8f, p1.y - dir.y * h * 0.8f};
  Vec2 base{p1.x - dir.x * h, p1.y - dir.y * h}, perp{-dir.y * h * 0.55f, dir.x * h * 0.55f};
  std::string s = "<g" + data + ">";
  s += "<path d=\"M" + num(p0.x) + "," + num(p0.y) + " C" + num(c0.x) + "," + num(c0.y) + " " + num(c1.x) +
       "," + num(c1.y) + " " + num(end.x) + "," + num(end.y) + "\" fill=\"none\" " + paint("stroke", col) +
       " stroke-width=\"" + num(width) + "\"/>";
  s += "<polygon points=\"" + num(p1.x) + "," + num(p1.y) + " " + num(base.x + perp.x) + "," +
       num(base.y + perp.y) + " " + num(base.x - perp.x) + "," + num(base.y - perp.y) + "\" " +
       paint("fill", col) + "/></g>\n";
  return s;
}

std::string fieldLabel(const Type& t, int row) {
  int shown = std::min<int>(int(t.numPtrs), M::kMaxFieldRows);
  if (row >= shown) return "+" + std::to_string(t.numPtrs - std::uint32_t(shown)) + " more";
  for (const Field& f : t.fields)
    if (f.pointer && std::uint32_t(row) >= f.firstPtr && std::uint32_t(row) < f.firstPtr + f.count)
      return f.array ? f.name + "[" + std::to_string(std::uint32_t(row) - f.firstPtr) + "]" : f.name;
  return "";
}

// }=====

}  // namespace

std::string exportSvg(const Simulation& sim, const HeapLayout& layout, const std::vector<Event>& lastEvents) {
  const State& st = sim.state();
  const World& w = st.world;
  const Program& P = sim.program();
  const std::uint64_t step = st.steps;
  const StepMarks marks = marksOf(lastEvents);
  const float textPx = 13;

  auto visible = [&](ObjectId id) {
    return id != kNil && id < w.objects.size() && layout.visibleAt(id, w.objects[id].state, step);
  };
  std::vector<ObjectId> ghosts, alive;
  for (ObjectId id : layout.placedIds()) {
    if (!visible(id)) continue;
    ObjState os = w.objects[id].state;
    (os == ObjState::Freed || os == ObjState::StackDead ? ghosts : alive).push_back(id);
  }
  std::vector<RootRow> roots = layoutRoots(sim);

  // The picture's extent: roots, boxes, and room for tags under the boxes.
  RectF ext{0, 0, M::kRootsWidth, 60};
  for (const RootRow& r : roots) ext = ext.united(r.rect);
  for (ObjectId id : ghosts) ext = ext.united(layout.rectOf(id));
  for (ObjectId id : alive) ext = ext.united(layout.rectOf(id));
  const float margin = 16, header = 34, legendH = 30;
  const float width = std::max(ext.right() + margin * 2, 560.0f);
  const float height = ext.bottom() + margin * 2 + header + legendH;

  Svg svg;
  std::string& o = svg.out;
  o += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  o += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + num(width) + "\" height=\"" +
       num(height) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) +
       "\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">\n";
  std::string title =
      P.title + " - step " + std::to_string(step) + ", phase " + std::string(phaseName(st.gc.phase));
  if (st.gc.cycle) title += ", cycle " + std::to_string(st.gc.cycle);
  o += "<title>" + esc(title) + "</title>\n";
  svg.rect(0, 0, width, height, paint("fill", kCanvas));
  svg.text(margin, 22, 15, kText, title, " font-weight=\"bold\" class=\"caption\"");
  o += "<g transform=\"translate(" + num(margin) + "," + num(header + margin * 0.5f) + ")\">\n";

  // --- roots column
  const bool marking = st.gc.phase == Phase::Mark || st.gc.phase == Phase::MarkTermination;
  if (!roots.empty()) {
    RectF all = roots.front().rect;
    for (const RootRow& r : roots) all = all.united(r.rect);
    svg.rect(all.x - 4, all.y - 4, all.w + 8, all.h + 8,
             "rx=\"4\" " + paint("fill", kRootsBg) + " class=\"roots\"");
  }
  for (const RootRow& r : roots) {
    const float base = r.rect.y + M::kRowH * 0.5f + textPx * 0.36f;
    switch (r.kind) {
      case RootRow::Kind::GlobalsHeader:
        svg.text(r.rect.x + 2, base, textPx, kRootsHeader, "globals", " font-weight=\"bold\"");
        break;
      case RootRow::Kind::GoroutineHeader: {
        svg.text(r.rect.x + 2, base, textPx, kRootsHeader, r.text, " font-weight=\"bold\"");
        if (marking) {
          const Goroutine& g = w.g(r.g);
          bool scanned = g.scannedCycle == st.gc.cycle;
          const char* tag = !g.inRootSnapshot ? "new: no roots" : scanned ? "scanned" : "not scanned";
          const float fs = textPx * 0.85f, tw = float(std::string(tag).size()) * fs * 0.55f;
          const float x = r.rect.right() - tw - 6;
          std::string frame = scanned ? paint("stroke", kBlackBorder)
                                      : paint("stroke", kGreyBorder) + " stroke-dasharray=\"3 2\"";
          svg.rect(
              x - 3, r.rect.y + 2, tw + 6, M::kRowH - 4,
              "rx=\"3\" " + paint("fill", scanned ? kBlack : kGrey) + " " + frame + " class=\"stack-tag\"");
          svg.text(x, base - 1, fs, scanned ? kBlackText : kGreyText, tag);
        }
        break;
      }
      case RootRow::Kind::Frame: svg.text(r.rect.x + 8, base, textPx, kTextDim, r.text); break;
      case RootRow::Kind::Global:
      case RootRow::Kind::Slot: {
        const float indent = r.kind == RootRow::Kind::Slot ? 18 : 8;
        const ObjectId t = ObjectId(r.value);
        std::string name = r.kind == RootRow::Kind::Global ? r.text : sim.refName(r.ref);
        o += "<g class=\"root\" data-name=\"" + esc(name) + "\" data-target=\"" + std::to_string(t) + "\">";
        svg.text(r.rect.x + indent, base, textPx, kText, r.text);
        const float px = r.rect.right() - 8, py = r.rect.y + M::kRowH * 0.5f;
        if (t == kNil) {
          svg.circle(px, py, 3.5f, "fill=\"none\" " + paint("stroke", kArrowNil));
          svg.text(px - 30, base, textPx * 0.9f, kArrowNil, "nil");
        } else {
          svg.circle(px, py, 3.5f, paint("fill", kArrow));
        }
        o += "</g>\n";
        break;
      }
    }
  }

  // --- arrows (under the boxes; this step's go on top, thicker)
  auto hotColour = [&](const Ref& from, ObjectId to, Rgba& col) {
    for (auto& [obj, ref] : marks.shaded)
      if (obj == to && ref == from) return col = kShade, true;
    for (auto& [obj, ref] : marks.written)
      if (obj == to && ref == from) return col = kWrite, true;
    return false;
  };
  std::string cold, hot;
  for (const RootRow& r : roots) {
    if (!r.pointer || r.value == 0) continue;
    const ObjectId t = ObjectId(r.value);
    if (!visible(t)) continue;
    Vec2 port{r.rect.right() - 8, r.rect.y + M::kRowH * 0.5f};
    Inlet in = inletFor(port, layout.rectOf(t));
    std::string data = " data-edge=\"root\" data-from=\"" + esc(sim.refName(r.ref)) + "\" data-to=\"" +
                       esc(sim.objectName(t)) + "\"";
    Rgba col = w.objects[t].state == ObjState::Freed ? kDanger : kArrow;
    if (hotColour(r.ref, t, col))
      hot += arrowSvg(port, in.at, in.dir, col, 3, data + " class=\"hot\"");
    else
      cold += arrowSvg(port, in.at, in.dir, col, 1, data);
  }
  for (ObjectId id : alive) {
    const Type& t = P.types[w.objects[id].type];
    const RectF r = layout.rectOf(id);
    const ObjectId* fields = w.fields(id);
    for (std::uint32_t i = 0; i < t.numPtrs; ++i) {
      const ObjectId tgt = fields[i];
      if (!visible(tgt)) continue;
      Vec2 po = portOffset(t, i);
      Vec2 port{r.x + po.x, r.y + po.y};
      Inlet in = inletFor(port, layout.rectOf(tgt));
      std::string data = " data-edge=\"field\" data-from=\"" +
                         esc(sim.refName(Ref{RefKind::Field, id, i, 0})) + "\" data-to=\"" +
                         esc(sim.objectName(tgt)) + "\"";
      Rgba col = w.objects[tgt].state == ObjState::Freed ? kDanger : kArrow;
      if (hotColour(Ref{RefKind::Field, id, i, 0}, tgt, col))
        hot += arrowSvg(port, in.at, in.dir, col, 3, data + " class=\"hot\"");
      else
        cold += arrowSvg(port, in.at, in.dir, col, 1, data);
    }
  }
  o += cold;

  // --- boxes: ghosts first, so live boxes sit on top of fading ones
  std::vector<ObjectId> buffered;
  for (const auto& buf : st.gc.wbBuf)
    for (ObjectId v : buf) buffered.push_back(v & ~kWbOldBit);
  std::sort(buffered.begin(), buffered.end());
  auto box = [&](ObjectId id) {
    const Object& ob = w.objects[id];
    const Type& t = P.types[ob.type];
    const Colour c = colourOf(w, st.heap, id);
    Style sty = styleOf(c);
    if (ob.state == ObjState::StackDead) sty.word = "frame gone";
    const RectF r = layout.rectOf(id);
    const std::string label = sim.objectName(id);
    o += "<g class=\"object " + std::string(colourName(c)) + "\" data-id=\"" + std::to_string(id) +
         "\" data-label=\"" + esc(label) + "\" data-colour=\"" + sty.word + "\">\n";
    if (sty.ghost)
      svg.rect(r.x, r.y, r.w, r.h,
               "fill=\"none\" " + paint("stroke", sty.border) + " stroke-dasharray=\"4 3\"");
    else
      svg.rect(r.x, r.y, r.w, r.h,
               "rx=\"3\" " + paint("fill", sty.fill) + " " + paint("stroke", sty.border) +
                   " stroke-width=\"" + num(sty.width) + "\"" +
                   (sty.dashed ? " stroke-dasharray=\"7 5\"" : ""));
    const float ty = r.y + 2 + M::kRowH * 0.5f + textPx * 0.36f;
    svg.text(r.x + 5, ty, textPx * 1.08f, sty.text, label,
             sty.ghost ? " font-weight=\"bold\" text-decoration=\"line-through\" class=\"name\""
                       : " font-weight=\"bold\" class=\"name\"");
    svg.text(r.right() - 5, ty, textPx * 0.85f, sty.text, sty.word, " text-anchor=\"end\" class=\"word\"");
    svg.text(r.x + 5, ty + M::kRowH, textPx * 0.85f, sty.text,
             t.name + " \xC2\xB7 " + std::to_string(t.size) + " B");
    if (!sty.ghost) {
      const ObjectId* fields = w.fields(id);
      for (int i = 0; i < boxFieldRows(t); ++i) {
        svg.text(r.x + 8, ty + float(2 + i) * M::kRowH, textPx * 0.9f, sty.text, fieldLabel(t, i));
        bool any = false;
        if (i < M::kMaxFieldRows)
          any = fields[i] != kNil;
        else
          for (std::uint32_t k = M::kMaxFieldRows; k < t.numPtrs && !any; ++k) any = fields[k] != kNil;
        Vec2 po = portOffset(t, std::uint32_t(i));
        Rgba pc = c == Colour::Black ? kBlackText : kWhiteText;
        svg.circle(r.x + po.x, r.y + po.y, 3.5f,
                   any ? paint("fill", pc) : "fill=\"none\" " + paint("stroke", pc));
      }
    }
    if (std::binary_search(buffered.begin(), buffered.end(), id))
      svg.text(r.x, r.bottom() + textPx * 0.8f, textPx * 0.8f, kShade, "in wb buffer");
    o += "</g>\n";
  };
  for (ObjectId id : ghosts) box(id);
  for (ObjectId id : alive) box(id);
  o += hot;

  // --- this step's highlights, and the grey queue's order
  auto outline = [&](ObjectId id, Rgba col, const char* tag) {
    if (!visible(id)) return;
    const RectF r = layout.rectOf(id);
    svg.rect(r.x - 3, r.y - 3, r.w + 6, r.h + 6,
             "rx=\"4\" fill=\"none\" " + paint("stroke", col) + " stroke-width=\"3\" class=\"highlight\"");
    const float fs = std::min(textPx * 0.9f, r.w / 6.0f);
    const float tw = float(std::string(tag).size()) * fs * 0.62f;
    svg.rect(r.right() - tw - 7, r.y, tw + 7, fs + 5, "rx=\"3\" " + paint("fill", col));
    svg.text(r.right() - 4, r.y + fs + 1, fs, {0, 0, 0}, tag,
             " font-weight=\"bold\" text-anchor=\"end\" class=\"tag\"");
  };
  for (ObjectId id : marks.allocated) outline(id, kAlloc, st.gc.phase == Phase::Mark ? "new (black)" : "new");
  for (auto& [id, ref] : marks.shaded) outline(id, kShade, "shaded");
  for (auto& [id, ref] : marks.written)
    if (std::find(marks.allocated.begin(), marks.allocated.end(), id) == marks.allocated.end())
      outline(id, kWrite, "pointer written");
  if (marks.scanning) outline(marks.scanning, kScan, "scanning");
  for (ObjectId id : marks.freed) outline(id, kDanger, "freed");
  for (ObjectId id : marks.dangling) outline(id, kDanger, "DANGLING");
  {
    int n = 1;
    for (auto it = st.gc.grey.rbegin(); it != st.gc.grey.rend() && n <= 99; ++it, ++n) {
      if (!visible(it->obj)) continue;
      const RectF r = layout.rectOf(it->obj);
      o += "<g class=\"queue\" data-position=\"" + std::to_string(n) + "\">";
      svg.circle(r.x, r.y, 9.5f,
                 paint("fill", n == 1 ? kScan : kRootsBg) + " " + paint("stroke", kGreyBorder));
      svg.text(r.x, r.y + 4, textPx * 0.9f, n == 1 ? Rgba{0, 0, 0} : kText, std::to_string(n),
               " font-weight=\"bold\" text-anchor=\"middle\"");
      o += "</g>\n";
    }
  }
  o += "</g>\n";

  // --- legend: the colours and their second cues
  {
    float x = margin;
    const float y = height - legendH + 4, lh = 18;
    o += "<g class=\"legend\">\n";
    for (Colour c : {Colour::White, Colour::Grey, Colour::Black, Colour::Free, Colour::Stack}) {
      Style sty = styleOf(c);
      if (sty.ghost)
        svg.rect(x, y, lh * 1.2f, lh - 4,
                 "fill=\"none\" " + paint("stroke", sty.border) + " stroke-dasharray=\"4 3\"");
      else
        svg.rect(x, y, lh * 1.2f, lh - 4,
                 "rx=\"2\" " + paint("fill", sty.fill) + " " + paint("stroke", sty.border) +
                     " stroke-width=\"" + num(sty.width) + "\"" +
                     (sty.dashed ? " stroke-dasharray=\"4 3\"" : ""));
      svg.text(x + lh * 1.2f + 5, y + lh * 0.62f, textPx, kText, sty.word);
      x += lh * 1.2f + 5 + float(std::string(sty.word).size()) * textPx * 0.6f + 16;
    }
    o += "</g>\n";
  }
  o += "</svg>\n";
  return o;
}

}  // namespace tricolor::render
