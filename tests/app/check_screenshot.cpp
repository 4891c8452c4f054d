// Checks a screenshot of the real window against the layout it dumped:
// inside each named object's box, the colour that covers most pixels must
// be the one its state calls for (white, grey, black; a freed object is a
// hollow ghost, so the canvas shows through). The most common colour is
// used, not the average, so the label and field names drawn over the fill
// do not matter.
//
//   check_screenshot --png shot.png --layout layout.json [--panel heap]
//                    [--expect A=black --expect B=grey ...] [--expect-errors] [--min-objects N]
//                    [--expect-aggregate N] [--expect-neighbourhood N] [--expect-at-end]
//                    [--expect-stopped-early]
//                    [--expect-lod boxes|boxes-instanced|aggregate]
//                    [--expect-scenario FILENAME] [--expect-step N] [--expect-full-detail [--min-arrows N]]
//
// --expect-aggregate N: the graph is aggregated (big heap), its bars count
// N objects in all, and each bar segment wide enough to sample shows its
// colour. --expect-neighbourhood N: the selection's neighbourhood has at
// least N nodes. --expect-at-end / --expect-stopped-early: where a run to
// the end (--run-to-end, maybe cancelled) left the window.
// --expect-full-detail: the graph is in Full detail (--detail full): every
// live object the simulation counts (the layout's "live", computed from the
// simulation, not the drawing) is drawn as one box, fully in view, in its
// colour; on screen, the pixels of each colour's fill and frame add up to
// the area of that colour's boxes (within 20%), and pointer arrows show
// between the boxes (at least N of them drawn, each showing 1/2 pixel on average).
// Exit status 0 when every check passes; the failures are printed.
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Rgb {
  int r = 0, g = 0, b = 0;
};

Rgb parseHex(const std::string& s) {
  unsigned v = std::stoul(s.substr(1), nullptr, 16);
  return {int(v >> 16) & 255, int(v >> 8) & 255, int(v) & 255};
}

bool near(Rgb a, Rgb b, int tol) {
  return std::abs(a.r - b.r) <= tol && std::abs(a.g - b.g) <= tol && std::abs(a.b - b.b) <= tol;
}

int failures = 0;
void fail(const std::string& msg) {
  std::fprintf(stderr, "FAIL: %s\n", msg.c_str());
  ++failures;
}

}  // namespace

int main(int argc, char** argv) {
  std::string png, layoutPath, panel;
  std::vector<std::pair<std::string, std::string>> expects;
  bool expectErrors = false;
  int minObjects = -1;
  long long expectAggregate = -1, expectNeighbourhood = -1;
  bool expectAtEnd = false, expectStoppedEarly = false;
  std::string expectLod;
  std::string expectScenario;  // the run on screen: its file name...
  long long expectStep = -1;   // ...and step
  bool expectFullDetail = false;
  long long minArrows = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--png")
      png = next();
    else if (a == "--layout")
      layoutPath = next();
    else if (a == "--panel")
      panel = next();
    else if (a == "--expect-errors")
      expectErrors = true;
    else if (a == "--min-objects")
      minObjects = std::atoi(next().c_str());
    else if (a == "--expect-aggregate")
      expectAggregate = std::atoll(next().c_str());
    else if (a == "--expect-neighbourhood")
      expectNeighbourhood = std::atoll(next().c_str());
    else if (a == "--expect-at-end")
      expectAtEnd = true;
    else if (a == "--expect-lod")
      expectLod = next();
    else if (a == "--expect-stopped-early")
      expectStoppedEarly = true;
    else if (a == "--expect-scenario")
      expectScenario = next();
    else if (a == "--expect-step")
      expectStep = std::atoll(next().c_str());
    else if (a == "--expect-full-detail")
      expectFullDetail = true;
    else if (a == "--min-arrows")
      minArrows = std::atoll(next().c_str());
    else if (a == "--expect") {
      std::string e = next();
      auto eq = e.find('=');
      if (eq == std::string::npos) {
        std::fprintf(stderr, "--expect needs LABEL=colour\n");
        return 2;
      }
      expects.emplace_back(e.substr(0, eq), e.substr(eq + 1));
    } else {
      std::fprintf(stderr, "unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  std::ifstream in(layoutPath);
  if (!in) {
    std::fprintf(stderr, "FAIL: no layout file %s\n", layoutPath.c_str());
    return 1;
  }
  nlohmann::json layout = nlohmann::json::parse(in);
  int w = 0, h = 0, n = 0;
  unsigned char* pixels = stbi_load(png.c_str(), &w, &h, &n, 3);
  if (!pixels) {
    std::fprintf(stderr, "FAIL: cannot read %s\n", png.c_str());
    return 1;
  }
  // Where the picture starts in window coordinates (a panel screenshot is a crop).
  float ox = 0, oy = 0, ew = layout["window"][0], eh = layout["window"][1];
  if (!panel.empty()) {
    auto r = layout["panels"][panel];
    ox = r[0];
    oy = r[1];
    ew = r[2];
    eh = r[3];
  }
  if (std::abs(w - int(ew)) > 1 || std::abs(h - int(eh)) > 1)
    fail("picture is " + std::to_string(w) + "x" + std::to_string(h) + ", expected " +
         std::to_string(int(ew)) + "x" + std::to_string(int(eh)));
  auto at = [&](int x, int y) {
    const unsigned char* p = pixels + (std::size_t(y) * std::size_t(w) + std::size_t(x)) * 3;
    return Rgb{p[0], p[1], p[2]};
  };
  // The most common colour inside a rectangle (window coordinates), shrunk by a margin.
  auto dominant = [&](float rx, float ry, float rw, float rh) {
    std::map<int, int> counts;
    int x0 = int(rx - ox + 4), y0 = int(ry - oy + 4), x1 = int(rx - ox + rw - 4), y1 = int(ry - oy + rh - 4);
    for (int y = std::max(y0, 0); y < std::min(y1, h); ++y)
      for (int x = std::max(x0, 0); x < std::min(x1, w); ++x) {
        Rgb c = at(x, y);
        ++counts[(c.r << 16) | (c.g << 8) | c.b];
      }
    int best = -1, bestN = 0;
    for (auto [k, c] : counts)
      if (c > bestN) {
        best = k;
        bestN = c;
      }
    return best < 0 ? Rgb{-1, -1, -1} : Rgb{best >> 16, (best >> 8) & 255, best & 255};
  };

  if (!expectScenario.empty()) {
    std::string shown = layout["scenario"];
    if (shown.size() < expectScenario.size() ||
        shown.compare(shown.size() - expectScenario.size(), expectScenario.size(), expectScenario) != 0)
      fail("the run on screen is " + shown + ", expected " + expectScenario);
    else
      std::printf("ok   the run on screen is %s\n", shown.c_str());
  }
  if (expectStep >= 0) {
    long long step = layout["step"];
    if (step != expectStep)
      fail("the run is at step " + std::to_string(step) + ", expected " + std::to_string(expectStep));
    else
      std::printf("ok   at step %lld\n", step);
  }
  const auto& objects = layout["objects"];
  if (minObjects >= 0 && int(objects.size()) < minObjects)
    fail("only " + std::to_string(objects.size()) + " objects drawn, expected at least " +
         std::to_string(minObjects));
  for (const auto& [label, colour] : expects) {
    const nlohmann::json* obj = nullptr;
    for (const auto& o : objects)
      if (o["label"] == label) obj = &o;
    if (!obj) {
      fail("no object labelled " + label + " in the layout");
      continue;
    }
    if ((*obj)["colour"] != colour) {
      fail(label + " is " + std::string((*obj)["colour"]) + " in the layout, expected " + colour);
      continue;
    }
    if ((*obj)["clipped"]) {
      fail(label + " is not fully visible");
      continue;
    }
    auto r = (*obj)["rect"];
    Rgb got = dominant(r[0], r[1], r[2], r[3]);
    Rgb want = parseHex((*obj)["fill"]);
    int lum = (got.r * 299 + got.g * 587 + got.b * 114) / 1000;
    bool ok = false;
    if (colour == "white")
      ok = lum > 220 && near(got, want, 12);
    else if (colour == "grey")
      ok = lum > 90 && lum < 200 && near(got, want, 12);
    else if (colour == "black")
      ok = lum < 40 && near(got, want, 12);
    else if (colour == "freed")
      ok = lum < 90;  // hollow: the dark canvas shows through
    else if (colour == "stack")
      ok = near(got, want, 12);
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "%s (%s): most common colour inside the box is #%02x%02x%02x (luminance %d)", label.c_str(),
                  colour.c_str(), got.r, got.g, got.b, lum);
    if (ok)
      std::printf("ok   %s\n", buf);
    else
      fail(buf);
  }
  if (expectAggregate >= 0) {
    if (layout.value("lod", "") != "aggregate")
      fail("the graph is not aggregated (lod: " + layout.value("lod", "?") + ")");
    long long total = 0;
    int sampled = 0;
    for (const auto& bar : layout["aggregate"]) {
      total += bar["white"].get<long long>() + bar["grey"].get<long long>() + bar["black"].get<long long>();
      for (const auto& seg : bar["segments"]) {
        auto r = seg["rect"];
        if (float(r[2]) < 14 || float(r[3]) < 12) continue;  // too thin to sample inside its frame
        Rgb got = dominant(r[0], r[1], r[2], r[3]), want = parseHex(seg["fill"]);
        char buf[200];
        std::snprintf(buf, sizeof buf, "bar %s, %s segment: most common colour #%02x%02x%02x, expected %s",
                      std::string(bar["type"]).c_str(), std::string(seg["colour"]).c_str(), got.r, got.g,
                      got.b, std::string(seg["fill"]).c_str());
        if (near(got, want, 12)) {
          std::printf("ok   %s\n", buf);
          ++sampled;
        } else {
          fail(buf);
        }
      }
    }
    if (total != expectAggregate)
      fail("the aggregate counts " + std::to_string(total) + " objects, expected " +
           std::to_string(expectAggregate));
    else
      std::printf("ok   the aggregate counts %lld objects\n", total);
    if (sampled == 0) fail("no bar segment could be checked on screen");
  }
  if (expectNeighbourhood >= 0) {
    long long nodes =
        layout.contains("neighbourhood") ? layout["neighbourhood"]["nodes"].get<long long>() : 0;
    if (nodes < expectNeighbourhood)
      fail("the neighbourhood has " + std::to_string(nodes) + " nodes, expected at least " +
           std::to_string(expectNeighbourhood));
    else
      std::printf("ok   the neighbourhood shows %lld nodes\n", nodes);
  }
  if (expectFullDetail) {
    if (layout.value("detail", "") != "full")
      fail("the graph's detail is " + layout.value("detail", "?") + ", expected full");
    if (layout.value("lod", "") == "aggregate") fail("the graph is aggregated in full detail");
    const auto& live = layout["live"];
    // Every live object is one box, in the simulation's colour, fully in view.
    std::map<std::string, long long> boxes, inView;
    std::map<std::string, double> area;
    for (const auto& o : objects) {
      std::string c = o["colour"];
      ++boxes[c];
      if (!o["clipped"].get<bool>()) {
        ++inView[c];
        area[c] += double(o["rect"][2]) * double(o["rect"][3]);
      }
    }
    for (const char* c : {"white", "grey", "black"}) {
      long long want = live[c].get<long long>(), got = boxes[c];
      char buf[200];
      std::snprintf(buf, sizeof buf, "%s: %lld boxes drawn (%lld fully in view), the simulation has %lld", c,
                    got, inView[c], want);
      if (got == want && inView[c] == want)
        std::printf("ok   %s\n", buf);
      else
        fail(buf);
    }
    // Pixels: fill or frame colour of each colour's boxes (the instanced boxes
    // are not anti-aliased, so every pixel of a box is one or the other).
    struct Cls {
      const char* name;
      Rgb fill, frame;
    } classes[] = {{"white", {250, 250, 250}, {120, 120, 120}},
                   {"grey", {150, 150, 150}, {245, 245, 245}},
                   {"black", {12, 12, 12}, {200, 200, 200}}};
    auto heap = layout["panels"]["heap"];
    int hx0 = std::max(0, int(float(heap[0]) - ox)), hy0 = std::max(0, int(float(heap[1]) - oy));
    int hx1 = std::min(w, int(float(heap[0]) + float(heap[2]) - ox)),
        hy1 = std::min(h, int(float(heap[1]) + float(heap[3]) - oy));
    std::map<std::string, long long> px;
    long long arrowPx = 0;
    for (int y = hy0; y < hy1; ++y)
      for (int x = hx0; x < hx1; ++x) {
        Rgb c = at(x, y);
        for (const Cls& k : classes)
          if (near(c, k.fill, 3) || near(c, k.frame, 3)) ++px[k.name];
        // An arrow: the light blue-grey arrow colour blended over the dark canvas.
        arrowPx += c.b >= c.r + 10 && c.b >= c.g + 6 && c.r >= 90;
      }
    for (const Cls& k : classes) {
      if (live[k.name].get<long long>() < 100) continue;  // too few boxes for an area check
      double ratio = area[k.name] > 0 ? double(px[k.name]) / area[k.name] : 0;
      char buf[200];
      std::snprintf(buf, sizeof buf,
                    "%s: %lld pixels of its fill and frame on screen, the boxes cover %.0f (ratio %.2f)",
                    k.name, px[k.name], area[k.name], ratio);
      if (ratio > 0.8 && ratio < 1.2)
        std::printf("ok   %s\n", buf);
      else
        fail(buf);
    }
    long long arrows = layout["arrows"]["drawn"].get<long long>();
    char buf[200];
    std::snprintf(buf, sizeof buf, "%lld arrows drawn (%lld instanced), %lld arrow pixels on screen", arrows,
                  layout["arrows"]["instanced"].get<long long>(), arrowPx);
    if (arrows >= minArrows && arrows > 0 && arrowPx >= arrows / 2)
      std::printf("ok   %s\n", buf);
    else
      fail(buf);
  }
  if (expectAtEnd && !layout.value("at_end", false)) fail("the run did not reach the end");
  if (!expectLod.empty() && layout.value("lod", "") != expectLod)
    fail("the graph is drawn as " + layout.value("lod", "?") + ", expected " + expectLod);
  if (expectStoppedEarly) {
    if (layout.value("at_end", true))
      fail("the run reached the end: cancelling did not stop it");
    else if (layout.value("step", 0) == 0)
      fail("the run never started");
    else
      std::printf("ok   stopped at step %llu, before the end\n",
                  (unsigned long long)layout.value("step", 0ull));
  }
  if (expectErrors) {
    if (layout["errors"].empty() || !layout["error_panel"])
      fail("the layout reports no load errors / no error panel");
    // The error panel's title bar is vermillion-brown (158, 56, 0): it must be on screen.
    int count = 0;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) count += near(at(x, y), Rgb{158, 56, 0}, 6);
    if (count < 2000)
      fail("the error panel's title bar is not on screen (" + std::to_string(count) + " pixels)");
    else
      std::printf("ok   error panel on screen (%d title-bar pixels); first error: %s\n", count,
                  std::string(layout["errors"][0]).c_str());
  }
  stbi_image_free(pixels);
  if (failures) return 1;
  std::printf("all checks passed\n");
  return 0;
}
