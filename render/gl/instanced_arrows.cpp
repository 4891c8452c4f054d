#include "render/gl/instanced_arrows.hpp"

#include <glad/gl.h>

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "render/gl/gl_program.hpp"

namespace tricolor::render {

namespace {

// One program for both draws: `drawHead` 0 draws each instance's curve as a
// triangle strip of 2 * (segments + 1) vertices, 1 draws its head as one
// triangle.
const char* kArrowVertex = R"(#version 330 core
layout(location = 0) in vec4 p0c0;     // start, first control point (window pixels, y down)
layout(location = 1) in vec4 c1tip;    // second control point, head's tip
layout(location = 2) in vec4 dirHeadW; // direction at the tip, head length, line width
layout(location = 3) in vec4 colourIn;
uniform float segments; // this draw's curve segments
uniform vec2 viewport;  // framebuffer pixels
uniform vec2 origin;    // ImGui's display position
uniform vec2 fbScale;   // window -> framebuffer pixels
uniform int drawHead;
out float across;       // distance from the centre line, in framebuffer pixels
flat out float halfWidth;
flat out vec4 colour;
void main() {
  vec2 p0 = p0c0.xy, c0 = p0c0.zw, c1 = c1tip.xy, tip = c1tip.zw;
  vec2 dir = dirHeadW.xy;
  float head = dirHeadW.z, w = dirHeadW.w;
  vec2 p;
  colour = colourIn;
  if (drawHead == 1) {
    vec2 base = tip - dir * head, perp = vec2(-dir.y, dir.x) * head * 0.55;
    p = gl_VertexID == 0 ? tip : gl_VertexID == 1 ? base + perp : base - perp;
    across = 0.0;
    halfWidth = 1e6;
  } else {
    vec2 p3 = tip - dir * head * 0.8;
    float t = float(gl_VertexID / 2) / segments;
    float side = (gl_VertexID % 2) == 0 ? -1.0 : 1.0;
    float u = 1.0 - t;
    vec2 b = u * u * u * p0 + 3.0 * u * u * t * c0 + 3.0 * u * t * t * c1 + t * t * t * p3;
    vec2 d = 3.0 * u * u * (c0 - p0) + 6.0 * u * t * (c1 - c0) + 3.0 * t * t * (p3 - c1);
    if (dot(d, d) < 1e-6) d = p3 - p0;
    if (dot(d, d) < 1e-6) d = dir;
    vec2 normal = normalize(vec2(-d.y, d.x));
    float hw = w * 0.5 * fbScale.x;
    float reach = hw + 1.0;  // one more pixel for the anti-aliased edge
    p = b + normal * side * reach / fbScale.x;
    across = side * reach;
    halfWidth = hw;
  }
  vec2 f = (p - origin) * fbScale;
  gl_Position = vec4(f.x / viewport.x * 2.0 - 1.0, 1.0 - f.y / viewport.y * 2.0, 0.0, 1.0);
}
)";

const char* kArrowFragment = R"(#version 330 core
in float across;
flat in float halfWidth;
flat in vec4 colour;
out vec4 outColour;
void main() {
  float cover = clamp(halfWidth + 0.5 - abs(across), 0.0, 1.0);
  outColour = vec4(colour.rgb, colour.a * cover);
}
)";

}  // namespace

InstancedArrows::~InstancedArrows() {
  if (!program_) return;
  glDeleteProgram(program_);
  glDeleteVertexArrays(1, &vao_);
  glDeleteBuffers(1, &instances_);
}

bool InstancedArrows::ready() {
  if (program_ || failed_) return program_ != 0;
  program_ = linkProgram(kArrowVertex, kArrowFragment, "instanced arrows");
  if (!program_) {
    failed_ = true;
    return false;
  }
  viewportLoc_ = glGetUniformLocation(program_, "viewport");
  originLoc_ = glGetUniformLocation(program_, "origin");
  scaleLoc_ = glGetUniformLocation(program_, "fbScale");
  headLoc_ = glGetUniformLocation(program_, "drawHead");
  segmentsLoc_ = glGetUniformLocation(program_, "segments");
  GLint lastVao = 0, lastBuffer = 0;
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &lastVao);
  glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &lastBuffer);
  glGenVertexArrays(1, &vao_);
  glBindVertexArray(vao_);
  glGenBuffers(1, &instances_);
  glBindBuffer(GL_ARRAY_BUFFER, instances_);
  for (unsigned loc = 0; loc < 4; ++loc) {
    glEnableVertexAttribArray(loc);
    glVertexAttribDivisor(loc, 1);
  }
  pointAttributes(0);
  glBindVertexArray(GLuint(lastVao));
  glBindBuffer(GL_ARRAY_BUFFER, GLuint(lastBuffer));
  return true;
}

// The instance attributes start at arrow `first` of the buffer (GL 3.3 has no base instance).
void InstancedArrows::pointAttributes(std::size_t first) {
  const GLsizei stride = sizeof(Arrow);
  const std::size_t base = first * sizeof(Arrow);
  auto at = [&](std::size_t off) { return reinterpret_cast<void*>(base + off); };
  glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, stride, at(offsetof(Arrow, p0x)));
  glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, stride, at(offsetof(Arrow, c1x)));
  glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, stride, at(offsetof(Arrow, dirx)));
  glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                        at(offsetof(Arrow, colour)));  // ImU32: R, G, B, A
}

void InstancedArrows::enqueue(ImDrawList* dl) {
  for (auto& g : groups_) g.clear();
  maxHead_ = 0;
  dl->AddCallback(&InstancedArrows::draw, this);
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void InstancedArrows::add(ImVec2 p0, ImVec2 c0, ImVec2 c1, ImVec2 tip, ImVec2 dir, float head, float width,
                          ImU32 colour) {
  // About one segment per 40 pixels, rounded up to a power of two.
  const float dist = std::hypot(tip.x - p0.x, tip.y - p0.y);
  const int want = std::clamp(int(dist / 40), 1, kMaxSegments);
  const int group = want <= 1 ? 0 : want <= 2 ? 1 : want <= 4 ? 2 : 3;
  groups_[group].push_back(
      {p0.x, p0.y, c0.x, c0.y, c1.x, c1.y, tip.x, tip.y, dir.x, dir.y, head, width, colour});
  maxHead_ = std::max(maxHead_, head);
}

// Runs inside ImGui_ImplOpenGL3_RenderDrawData, at this callback's place in the list.
void InstancedArrows::draw(const ImDrawList*, const ImDrawCmd* cmd) {
  auto* self = static_cast<InstancedArrows*>(cmd->UserCallbackData);
  if (self->count() == 0 || !self->program_) return;
  const ImDrawData* dd = ImGui::GetDrawData();
  const ImVec2 scale = dd->FramebufferScale, off = dd->DisplayPos;
  const float fbW = dd->DisplaySize.x * scale.x, fbH = dd->DisplaySize.y * scale.y;
  const ImVec4 c = cmd->ClipRect;
  glScissor(int((c.x - off.x) * scale.x), int(fbH - (c.w - off.y) * scale.y), int((c.z - c.x) * scale.x),
            int((c.w - c.y) * scale.y));
  glUseProgram(self->program_);
  glUniform2f(self->viewportLoc_, fbW, fbH);
  glUniform2f(self->originLoc_, off.x, off.y);
  glUniform2f(self->scaleLoc_, scale.x, scale.y);
  glBindVertexArray(self->vao_);
  glBindBuffer(GL_ARRAY_BUFFER, self->instances_);
  std::vector<Arrow>& all = self->upload_;
  all.clear();
  for (const auto& g : self->groups_) all.insert(all.end(), g.begin(), g.end());
  glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(all.size() * sizeof(Arrow)), all.data(), GL_STREAM_DRAW);
  glUniform1i(self->headLoc_, 0);
  std::size_t first = 0;
  for (int g = 0; g < kGroups; ++g) {
    const std::size_t n = self->groups_[g].size();
    if (!n) continue;
    const int segs = 1 << g;
    self->pointAttributes(first);
    glUniform1f(self->segmentsLoc_, float(segs));
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 2 * (segs + 1), GLsizei(n));
    first += n;
  }
  // Heads under 2.5 pixels (a whole 10^4-object graph at 5%) would not show: 3 vertices each saved.
  if (self->maxHead_ >= 2.5f) {
    self->pointAttributes(0);
    glUniform1i(self->headLoc_, 1);
    glDrawArraysInstanced(GL_TRIANGLES, 0, 3, GLsizei(all.size()));
  }
  self->pointAttributes(0);
}

}  // namespace tricolor::render
