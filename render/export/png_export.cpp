#include "render/export/png_export.hpp"

#include <glad/gl.h>
#include <stb_image_write.h>

#include "core/io/snapshot.hpp"

namespace tricolor::render {

RgbImage readPixels(int x, int y, int w, int h, int fbHeight) {
  RgbImage img;
  if (w <= 0 || h <= 0) return img;
  img.w = w;
  img.h = h;
  std::vector<unsigned char> up(std::size_t(w) * std::size_t(h) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  // GL's origin is the bottom-left corner: flip the rows.
  glReadPixels(x, fbHeight - (y + h), w, h, GL_RGB, GL_UNSIGNED_BYTE, up.data());
  img.rgb.resize(up.size());
  const std::size_t row = std::size_t(w) * 3;
  for (int r = 0; r < h; ++r)
    std::copy_n(up.data() + std::size_t(h - 1 - r) * row, row, img.rgb.data() + std::size_t(r) * row);
  return img;
}

std::string writePng(const std::string& path, const RgbImage& img) {
  if (img.w <= 0 || img.h <= 0) return "nothing to capture (empty area)";
  std::string png;
  int ok = stbi_write_png_to_func(
      [](void* ctx, void* data, int size) {
        static_cast<std::string*>(ctx)->append(static_cast<char*>(data), std::size_t(size));
      },
      &png, img.w, img.h, 3, img.rgb.data(), img.w * 3);
  if (!ok) return "cannot encode the PNG";
  return writeFileAtomic(path, png);
}

std::string writePng(const std::string& path, int x, int y, int w, int h, int fbHeight) {
  if (w <= 0 || h <= 0) return "nothing to capture (empty area)";
  return writePng(path, readPixels(x, y, w, h, fbHeight));
}

}  // namespace tricolor::render
