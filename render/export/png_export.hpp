// Pictures of the window for slides and tests: the back buffer (or one
// panel of it) read with glReadPixels, encoded as PNG in memory with stb,
// then written atomically (temporary file + rename) so a picture the user
// already has is never left half-written.
#pragma once

#include <string>
#include <vector>

namespace tricolor::render {

// An RGB picture, rows top to bottom.
struct RgbImage {
  int w = 0, h = 0;
  std::vector<unsigned char> rgb;
};

// Call after rendering and before swapping buffers. (x, y, w, h) in
// framebuffer pixels, top-left origin.
RgbImage readPixels(int x, int y, int w, int h, int framebufferHeight);
// Encodes and writes atomically. Returns "" or an error message.
std::string writePng(const std::string& path, const RgbImage& img);
// Both at once. Returns "" or an error message.
std::string writePng(const std::string& path, int x, int y, int w, int h, int framebufferHeight);

}  // namespace tricolor::render
