#include "render/gl/gl_program.hpp"

#include <glad/gl.h>

#include <cstdio>

namespace tricolor::render {

namespace {

unsigned compileShader(unsigned kind, const char* src, const char* what) {
  unsigned s = glCreateShader(kind);
  glShaderSource(s, 1, &src, nullptr);
  glCompileShader(s);
  int ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024];
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    std::fprintf(stderr, "tricolor: %s shader: %s\n", what, log);
    glDeleteShader(s);
    return 0;
  }
  return s;
}

}  // namespace

unsigned linkProgram(const char* vertexSource, const char* fragmentSource, const char* what) {
  unsigned vs = compileShader(GL_VERTEX_SHADER, vertexSource, what);
  unsigned fs = compileShader(GL_FRAGMENT_SHADER, fragmentSource, what);
  if (!vs || !fs) {
    if (vs) glDeleteShader(vs);
    if (fs) glDeleteShader(fs);
    return 0;
  }
  unsigned program = glCreateProgram();
  glAttachShader(program, vs);
  glAttachShader(program, fs);
  glLinkProgram(program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  int ok = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[1024];
    glGetProgramInfoLog(program, sizeof log, nullptr, log);
    std::fprintf(stderr, "tricolor: %s program: %s\n", what, log);
    glDeleteProgram(program);
    return 0;
  }
  return program;
}

}  // namespace tricolor::render
