// A GL program from a vertex and a fragment shader's source, for our own
// instanced drawing (render/gl). Needs a current context with glad loaded.
#pragma once

namespace tricolor::render {

// Compiles both shaders and links them; 0 (with the driver's log on stderr,
// named by `what`) if either step fails. The shaders are not kept.
unsigned linkProgram(const char* vertexSource, const char* fragmentSource, const char* what);

}  // namespace tricolor::render
