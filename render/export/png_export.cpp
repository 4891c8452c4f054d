#include "render/export/png_export.hpp"

#include <glad/gl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <vector>

#include "core/io/snapshot.hpp"

namespace tricolor::render {

std::string writePng(const std::string& path, int x, int y, int w, int h, int fbHeight) {
  if (w <= 0 || h <= 0) return "nothing to capture (empty area)";
  std::vector<unsigned char> rgb(std::size_t(w) * std::size_t(h) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  // GL's origin is the bottom-left corner.
  glReadPixels(x, fbHeight - (y + h), w, h, GL_RGB, GL_UNSIGNED_BYTE, rgb.data());
  std::string png;
  stbi_flip_vertically_on_write(1);
  int ok = stbi_write_png_to_func(
      [](void* ctx, void* data, int size) { static_cast<std::string*>(ctx)->append(static_cast<char*>(data), std::size_t(size)); },
      &png, w, h, 3, rgb.data(), w * 3);
  stbi_flip_vertically_on_write(0);
  if (!ok) return "cannot encode the PNG";
  return writeFileAtomic(path, png);
}

}  // namespace tricolor::render
