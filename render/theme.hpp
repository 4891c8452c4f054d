// Colours, fonts and sizes. The palette is built for a projector and for
// colour-blind students: the tri-colour states are luminance (white, mid
// grey, black) with a second cue each (grey boxes have a dashed border,
// black ones are filled and framed), and the highlight colours are from the
// Okabe-Ito set, which stays distinguishable with every common form of
// colour blindness.
#pragma once

#include <imgui.h>

#include <string>

namespace tricolor::render {

struct Palette {
  ImU32 canvas, canvasGrid, rootsBg, rootsHeader, text, textDim;
  ImU32 white, whiteBorder, whiteText;
  ImU32 grey, greyBorder, greyText;
  ImU32 black, blackBorder, blackText;
  ImU32 freed, stackFill, stackBorder;
  ImU32 arrow, arrowNil;
  // Okabe-Ito highlights: what the last step did.
  ImU32 scan;    // orange: the object being scanned
  ImU32 shade;   // sky blue: the pointer being shaded
  ImU32 alloc;   // bluish green: just allocated
  ImU32 write;   // reddish purple: a pointer the program wrote
  ImU32 danger;  // vermillion: freed, dangling
  ImU32 select;  // yellow: the user's selection
  // Charts and timeline.
  ImU32 live, goal, trigger, markBand, sweepBand, stw, cursor;
};

const Palette& palette();

struct Theme {
  float scale = 1.0f;         // UI scale, 1 to 3
  bool presentation = false;  // larger fonts for a lecture hall
  float fontSize = 15.0f;     // pixels, after scale
  ImFont* ui = nullptr;
  ImFont* bold = nullptr;
  ImFont* mono = nullptr;
  ImFont* big = nullptr;  // the narration line
  bool ttf = false;       // DejaVu found (else ImGui's built-in font)
  std::string fontNote;   // why the built-in font is used, if it is
};

// Rebuilds the font atlas for the theme's scale and mode (call before a
// frame, then recreate the backend's font texture).
void buildFonts(Theme& t);
// Sets ImGui's style (sizes scaled).
void applyStyle(const Theme& t);

// The colour words and the explanations every tooltip uses.
const char* explain(const char* term);
// A "(?)" marker after the last item with the term's explanation as tooltip.
void helpMarker(const char* term);
// Tooltip on the last item explaining `term`.
void termTooltip(const char* term);

}  // namespace tricolor::render
