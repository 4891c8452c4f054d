// Animated GIFs of a range of steps, with giflib. Each frame gets its own
// 256-colour palette (the frame's most common colours), and only the
// rectangle that changed since the previous frame is stored, so a lecture's
// worth of steps stays small. The file is built in memory and written at the
// end with writeFileAtomic: a run that is killed half-way leaves nothing (or
// the previous file) at the destination.
#pragma once

#include <string>

#include "render/export/png_export.hpp"

namespace tricolor::render {

class GifWriter {
 public:
  GifWriter();
  ~GifWriter();
  GifWriter(const GifWriter&) = delete;
  GifWriter& operator=(const GifWriter&) = delete;

  // Appends a frame shown for delayMs (GIF counts in hundredths of a
  // second: rounded, at least 2, which every viewer honours). Every frame
  // must have the first one's size. Returns "" or an error message.
  std::string addFrame(const RgbImage& img, int delayMs);
  int frames() const { return frames_; }
  std::size_t bytes() const { return data_.size(); }
  // Ends the stream (looping forever) and writes it atomically.
  std::string finish(const std::string& path);

 private:
  struct Impl;
  Impl* gif_ = nullptr;
  std::string data_;
  RgbImage prev_;
  int frames_ = 0;
  std::string error_;
};

}  // namespace tricolor::render
