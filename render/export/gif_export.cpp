#include "render/export/gif_export.hpp"

#include <gif_lib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/io/snapshot.hpp"

namespace tricolor::render {

struct GifWriter::Impl {
  GifFileType* f = nullptr;
};

namespace {

int append(GifFileType* f, const GifByteType* data, int n) {
  static_cast<std::string*>(f->UserData)->append(reinterpret_cast<const char*>(data), std::size_t(n));
  return n;
}

std::string gifError(int code) {
  const char* s = GifErrorString(code);
  return std::string("GIF encoder: ") + (s ? s : "unknown error");
}

// 256 colours for a frame by popularity: the window is mostly flat areas of
// a few theme colours (kept exact) plus anti-aliased edges and text (mapped
// to the nearest kept colour). giflib's GifQuantizeBuffer (median cut) was
// tried first and turned the dark panel backgrounds brown or teal.
void quantize(const std::vector<GifByteType>& r, const std::vector<GifByteType>& g,
              const std::vector<GifByteType>& b, std::vector<GifByteType>& idx, GifColorType* palette) {
  struct Bucket {
    std::uint64_t n = 0, r = 0, g = 0, b = 0;
  };
  auto key = [](unsigned R, unsigned G, unsigned B) { return ((R >> 3) << 10) | ((G >> 3) << 5) | (B >> 3); };
  std::vector<Bucket> hist(1 << 15);
  for (std::size_t i = 0; i < r.size(); ++i) {
    Bucket& k = hist[key(r[i], g[i], b[i])];
    ++k.n, k.r += r[i], k.g += g[i], k.b += b[i];
  }
  std::vector<int> used;
  for (int k = 0; k < (1 << 15); ++k)
    if (hist[std::size_t(k)].n) used.push_back(k);
  std::vector<int> top = used;
  std::sort(top.begin(), top.end(), [&](int x, int y) {
    return hist[std::size_t(x)].n != hist[std::size_t(y)].n ? hist[std::size_t(x)].n > hist[std::size_t(y)].n
                                                            : x < y;
  });
  // The most common colours first, but a colour close to one already chosen
  // waits for a later pass: anti-aliased shades of the background must not
  // crowd out a small orange tag.
  auto mean = [&](int k) {
    const Bucket& h = hist[std::size_t(k)];
    return std::array<long, 3>{long(h.r / h.n), long(h.g / h.n), long(h.b / h.n)};
  };
  std::vector<int> chosen;
  std::vector<bool> taken(top.size(), false);
  for (long minDist : {48L * 48L, 24L * 24L, 12L * 12L, 0L}) {
    for (std::size_t i = 0; i < top.size() && chosen.size() < 256; ++i) {
      if (taken[i]) continue;
      auto c = mean(top[i]);
      bool near = false;
      for (int k : chosen) {
        auto d = mean(k);
        long dr = c[0] - d[0], dg = c[1] - d[1], db = c[2] - d[2];
        if (dr * dr + dg * dg + db * db < minDist) {
          near = true;
          break;
        }
      }
      if (near) continue;
      taken[i] = true;
      chosen.push_back(top[i]);
    }
  }
  top = chosen;
  for (std::size_t i = 0; i < 256; ++i) {
    GifColorType c{0, 0, 0};
    if (i < top.size()) {
      auto m = mean(top[i]);
      c = {GifByteType(m[0]), GifByteType(m[1]), GifByteType(m[2])};
    }
    palette[i] = c;
  }
  // Each bucket's nearest palette colour.
  std::vector<GifByteType> nearest(1 << 15, 0);
  for (int k : used) {
    const Bucket& h = hist[std::size_t(k)];
    const long R = long(h.r / h.n), G = long(h.g / h.n), B = long(h.b / h.n);
    long best = -1;
    for (std::size_t i = 0; i < top.size(); ++i) {
      const long dr = R - palette[i].Red, dg = G - palette[i].Green, db = B - palette[i].Blue;
      const long d = dr * dr * 3 + dg * dg * 4 + db * db * 2;  // green counts most, blue least
      if (best < 0 || d < best) best = d, nearest[std::size_t(k)] = GifByteType(i);
    }
  }
  for (std::size_t i = 0; i < r.size(); ++i) idx[i] = nearest[key(r[i], g[i], b[i])];
}

}  // namespace

GifWriter::GifWriter() : gif_(new Impl) {}

GifWriter::~GifWriter() {
  if (gif_->f) {
    int err = 0;
    EGifCloseFile(gif_->f, &err);
  }
  delete gif_;
}

std::string GifWriter::addFrame(const RgbImage& img, int delayMs) {
  if (!error_.empty()) return error_;
  if (img.w <= 0 || img.h <= 0) return error_ = "nothing to capture (empty area)";
  int err = 0;
  if (!gif_->f) {
    gif_->f = EGifOpen(&data_, append, &err);
    if (!gif_->f) return error_ = gifError(err);
    EGifSetGifVersion(gif_->f, true);
    // No global palette: every frame brings its own.
    if (EGifPutScreenDesc(gif_->f, img.w, img.h, 8, 0, nullptr) == GIF_ERROR)
      return error_ = gifError(gif_->f->Error);
    // NETSCAPE2.0: loop forever.
    unsigned char app[] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
    unsigned char loop[] = {1, 0, 0};
    if (EGifPutExtensionLeader(gif_->f, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(gif_->f, sizeof app, app) == GIF_ERROR ||
        EGifPutExtensionBlock(gif_->f, sizeof loop, loop) == GIF_ERROR ||
        EGifPutExtensionTrailer(gif_->f) == GIF_ERROR)
      return error_ = gifError(gif_->f->Error);
  } else if (img.w != prev_.w || img.h != prev_.h) {
    return error_ = "every frame of a GIF must have the same size (the window was resized?)";
  }

  // The rectangle that changed since the previous frame (all of the first).
  int x0 = 0, y0 = 0, x1 = img.w - 1, y1 = img.h - 1;
  if (frames_ > 0) {
    x0 = img.w, y0 = img.h, x1 = -1, y1 = -1;
    for (int y = 0; y < img.h; ++y) {
      const unsigned char* a = img.rgb.data() + std::size_t(y) * std::size_t(img.w) * 3;
      const unsigned char* b = prev_.rgb.data() + std::size_t(y) * std::size_t(img.w) * 3;
      if (std::equal(a, a + std::size_t(img.w) * 3, b)) continue;
      y0 = std::min(y0, y), y1 = y;
      for (int x = 0; x < img.w; ++x)
        if (a[x * 3] != b[x * 3] || a[x * 3 + 1] != b[x * 3 + 1] || a[x * 3 + 2] != b[x * 3 + 2]) {
          x0 = std::min(x0, x);
          break;
        }
      for (int x = img.w - 1; x >= 0; --x)
        if (a[x * 3] != b[x * 3] || a[x * 3 + 1] != b[x * 3 + 1] || a[x * 3 + 2] != b[x * 3 + 2]) {
          x1 = std::max(x1, x);
          break;
        }
    }
    if (x1 < 0) x0 = y0 = x1 = y1 = 0;  // nothing changed: a 1x1 frame keeps the timing
  }
  const int w = x1 - x0 + 1, h = y1 - y0 + 1;
  const std::size_t n = std::size_t(w) * std::size_t(h);
  std::vector<GifByteType> r(n), g(n), b(n), idx(n);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const unsigned char* p =
          img.rgb.data() + (std::size_t(y0 + y) * std::size_t(img.w) + std::size_t(x0 + x)) * 3;
      std::size_t i = std::size_t(y) * std::size_t(w) + std::size_t(x);
      r[i] = p[0], g[i] = p[1], b[i] = p[2];
    }
  ColorMapObject* map = GifMakeMapObject(256, nullptr);
  if (!map) return error_ = "GIF encoder: out of memory";
  quantize(r, g, b, idx, map->Colors);
  // Graphics control: keep the previous frame under this one (disposal 1), delay in 1/100 s.
  int cs = std::max(2, int(std::lround(double(delayMs) / 10.0)));
  unsigned char gce[] = {1 << 2, static_cast<unsigned char>(cs & 0xff), static_cast<unsigned char>(cs >> 8),
                         0};
  std::string e;
  if (EGifPutExtension(gif_->f, GRAPHICS_EXT_FUNC_CODE, sizeof gce, gce) == GIF_ERROR ||
      EGifPutImageDesc(gif_->f, x0, y0, w, h, false, map) == GIF_ERROR)
    e = gifError(gif_->f->Error);
  for (int y = 0; y < h && e.empty(); ++y)
    if (EGifPutLine(gif_->f, idx.data() + std::size_t(y) * std::size_t(w), w) == GIF_ERROR)
      e = gifError(gif_->f->Error);
  GifFreeMapObject(map);
  if (!e.empty()) return error_ = e;
  prev_ = img;
  ++frames_;
  return "";
}

std::string GifWriter::finish(const std::string& path) {
  if (!error_.empty()) return error_;
  if (!gif_->f) return "no frames to write";
  int err = 0;
  int rc = EGifCloseFile(gif_->f, &err);
  gif_->f = nullptr;
  if (rc == GIF_ERROR) return error_ = gifError(err);
  return writeFileAtomic(path, data_);
}

}  // namespace tricolor::render
