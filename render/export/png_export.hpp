// Pictures of the window for slides and tests: the back buffer (or one
// panel of it) read with glReadPixels, encoded as PNG in memory with stb,
// then written atomically (temporary file + rename) so a picture the user
// already has is never left half-written.
#pragma once

#include <string>

namespace tricolor::render {

// Call after rendering and before swapping buffers. (x, y, w, h) in window
// pixels, top-left origin; framebufferScale converts to framebuffer pixels.
// Returns "" or an error message.
std::string writePng(const std::string& path, int x, int y, int w, int h, int framebufferHeight);

}  // namespace tricolor::render
