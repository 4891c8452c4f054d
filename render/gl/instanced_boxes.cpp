#include "render/gl/instanced_boxes.hpp"

#include <glad/gl.h>

#include <cstddef>

#include "render/gl/gl_program.hpp"

namespace tricolor::render {

namespace {

const char* kVertex = R"(#version 330 core
layout(location = 0) in vec2 corner;  // unit quad
layout(location = 1) in vec4 rect;    // x, y, w, h in framebuffer pixels, y down
layout(location = 2) in vec4 fill;
layout(location = 3) in vec4 frame;
layout(location = 4) in float framePx;
uniform vec2 viewport;
out vec2 local;
flat out vec2 size;
flat out vec4 vFill;
flat out vec4 vFrame;
flat out float vFramePx;
void main() {
  local = corner * rect.zw;
  size = rect.zw;
  vFill = fill;
  vFrame = frame;
  vFramePx = framePx;
  vec2 p = rect.xy + local;
  gl_Position = vec4(p.x / viewport.x * 2.0 - 1.0, 1.0 - p.y / viewport.y * 2.0, 0.0, 1.0);
}
)";

const char* kFragment = R"(#version 330 core
in vec2 local;
flat in vec2 size;
flat in vec4 vFill;
flat in vec4 vFrame;
flat in float vFramePx;
out vec4 colour;
void main() {
  float edge = min(min(local.x, local.y), min(size.x - local.x, size.y - local.y));
  colour = edge < vFramePx ? vFrame : vFill;
}
)";

}  // namespace

InstancedBoxes::~InstancedBoxes() {
  if (!program_) return;
  glDeleteProgram(program_);
  glDeleteVertexArrays(1, &vao_);
  glDeleteBuffers(1, &quad_);
  glDeleteBuffers(1, &instances_);
}

bool InstancedBoxes::ready() {
  if (program_ || failed_) return program_ != 0;
  program_ = linkProgram(kVertex, kFragment, "instanced boxes");
  if (!program_) {
    failed_ = true;
    return false;
  }
  viewportLoc_ = glGetUniformLocation(program_, "viewport");
  // The VAO holds the attribute layout; ImGui's backend binds its own VAO
  // when its render state is reset after our callback.
  GLint lastVao = 0, lastBuffer = 0;
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &lastVao);
  glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &lastBuffer);
  glGenVertexArrays(1, &vao_);
  glBindVertexArray(vao_);
  const float quad[] = {0, 0, 1, 0, 0, 1, 1, 1};
  glGenBuffers(1, &quad_);
  glBindBuffer(GL_ARRAY_BUFFER, quad_);
  glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glGenBuffers(1, &instances_);
  glBindBuffer(GL_ARRAY_BUFFER, instances_);
  const GLsizei stride = sizeof(Box);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(Box, x)));
  glVertexAttribDivisor(1, 1);
  // ImU32 is 0xAABBGGRR: in memory R, G, B, A - the order GL reads normalised bytes in.
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                        reinterpret_cast<void*>(offsetof(Box, fill)));
  glVertexAttribDivisor(2, 1);
  glEnableVertexAttribArray(3);
  glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                        reinterpret_cast<void*>(offsetof(Box, frame)));
  glVertexAttribDivisor(3, 1);
  glEnableVertexAttribArray(4);
  glVertexAttribPointer(4, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(Box, framePx)));
  glVertexAttribDivisor(4, 1);
  glBindVertexArray(GLuint(lastVao));
  glBindBuffer(GL_ARRAY_BUFFER, GLuint(lastBuffer));
  return true;
}

void InstancedBoxes::enqueue(ImDrawList* dl) {
  boxes_.clear();
  dl->AddCallback(&InstancedBoxes::draw, this);
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void InstancedBoxes::add(ImVec2 min, ImVec2 max, ImU32 fill, ImU32 frame, float framePx) {
  boxes_.push_back({min.x, min.y, max.x - min.x, max.y - min.y, fill, frame, framePx});
}

// Runs inside ImGui_ImplOpenGL3_RenderDrawData, at this callback's place in the list.
void InstancedBoxes::draw(const ImDrawList*, const ImDrawCmd* cmd) {
  auto* self = static_cast<InstancedBoxes*>(cmd->UserCallbackData);
  if (self->boxes_.empty() || !self->program_) return;
  const ImDrawData* dd = ImGui::GetDrawData();
  const ImVec2 scale = dd->FramebufferScale, off = dd->DisplayPos;
  const float fbW = dd->DisplaySize.x * scale.x, fbH = dd->DisplaySize.y * scale.y;
  // Window pixels -> framebuffer pixels, and ImGui's clip rectangle as the scissor.
  std::vector<Box> boxes = self->boxes_;
  for (Box& b : boxes) {
    b.x = (b.x - off.x) * scale.x;
    b.y = (b.y - off.y) * scale.y;
    b.w *= scale.x;
    b.h *= scale.y;
    b.framePx *= scale.x;
  }
  const ImVec4 c = cmd->ClipRect;
  glScissor(int((c.x - off.x) * scale.x), int(fbH - (c.w - off.y) * scale.y), int((c.z - c.x) * scale.x),
            int((c.w - c.y) * scale.y));
  // Opaque fills and frames: without blending llvmpipe's fragment code skips
  // reading the framebuffer (ImGui's reset callback, queued after this one, turns it back on).
  glDisable(GL_BLEND);
  glUseProgram(self->program_);
  glUniform2f(self->viewportLoc_, fbW, fbH);
  glBindVertexArray(self->vao_);
  glBindBuffer(GL_ARRAY_BUFFER, self->instances_);
  glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(boxes.size() * sizeof(Box)), boxes.data(), GL_STREAM_DRAW);
  glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(boxes.size()));
}

}  // namespace tricolor::render
