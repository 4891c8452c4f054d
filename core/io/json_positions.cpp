#include "core/io/json_positions.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <utility>

#include "core/io/json_tree.hpp"

namespace tricolor::json_text {

namespace {

// A UTF-8 byte order mark: nlohmann skips it, editors hide it, so do we.
constexpr std::string_view kBom = "\xEF\xBB\xBF";
std::size_t bomSize(std::string_view text) { return text.substr(0, 3) == kBom ? 3 : 0; }

bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
bool isJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Walks valid JSON once, recording the offsets of interesting values and
// keys. Written defensively anyway: on anything unexpected it stops rather
// than loops (it must never hang, whatever it is given).
class Locator {
 public:
  Locator(std::string_view text, const std::set<std::string>& wanted) : t_(text) {
    for (const std::string& w : wanted) {
      interesting_.insert(w);
      for (std::size_t p = w.find('/', 1); p != std::string::npos; p = w.find('/', p + 1))
        interesting_.insert(w.substr(0, p));
    }
    interesting_.insert("");
  }

  void run() {
    i_ = bomSize(t_);
    skipSpace();
    value(0);
  }

  std::map<std::string, std::size_t> valueOffsets, keyOffsets;
  struct Dup {
    std::string pointer;
    std::size_t at, first;
  };
  std::vector<Dup> dups;

 private:
  static constexpr int kMaxDepth = 1024;  // checkShape() has already enforced a lower limit

  bool atEnd() const { return i_ >= t_.size(); }
  void skipSpace() {
    while (!atEnd() && isJsonSpace(t_[i_])) ++i_;
  }

  void value(int depth) {
    if (atEnd() || depth > kMaxDepth) {
      stop_ = true;
      return;
    }
    if (interesting_.count(path_)) valueOffsets.emplace(path_, i_);
    char c = t_[i_];
    if (c == '{') {
      object(depth);
    } else if (c == '[') {
      array(depth);
    } else if (c == '"') {
      std::string ignored;
      readString(ignored);
    } else {
      while (!atEnd() && !isJsonSpace(t_[i_]) && t_[i_] != ',' && t_[i_] != ']' && t_[i_] != '}') ++i_;
    }
  }

  void object(int depth) {
    ++i_;  // '{'
    skipSpace();
    if (!atEnd() && t_[i_] == '}') {
      ++i_;
      return;
    }
    std::map<std::string, std::size_t> seen;  // key -> offset of its first occurrence
    while (!stop_) {
      skipSpace();
      if (atEnd() || t_[i_] != '"') return stopHere();
      std::size_t keyAt = i_;
      std::string key;
      readString(key);
      skipSpace();
      if (atEnd() || t_[i_] != ':') return stopHere();
      ++i_;
      skipSpace();
      std::size_t len = path_.size();
      path_ += '/';
      path_ += pointerToken(key);
      auto [it, fresh] = seen.emplace(key, keyAt);
      if (!fresh) dups.push_back({path_, keyAt, it->second});
      if (interesting_.count(path_)) keyOffsets.emplace(path_, keyAt);
      value(depth + 1);
      path_.resize(len);
      skipSpace();
      if (atEnd()) return stopHere();
      if (t_[i_] == ',') {
        ++i_;
      } else if (t_[i_] == '}') {
        ++i_;
        return;
      } else {
        return stopHere();
      }
    }
  }

  void array(int depth) {
    ++i_;  // '['
    skipSpace();
    if (!atEnd() && t_[i_] == ']') {
      ++i_;
      return;
    }
    for (std::size_t index = 0; !stop_; ++index) {
      skipSpace();
      std::size_t len = path_.size();
      path_ += '/';
      path_ += std::to_string(index);
      value(depth + 1);
      path_.resize(len);
      skipSpace();
      if (atEnd()) return stopHere();
      if (t_[i_] == ',') {
        ++i_;
      } else if (t_[i_] == ']') {
        ++i_;
        return;
      } else {
        return stopHere();
      }
    }
  }

  void stopHere() { stop_ = true; }

  unsigned hex4(std::size_t at) const {
    if (at + 4 > t_.size()) return 0x110000;
    unsigned v = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
      char c = t_[k];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= unsigned(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= unsigned(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= unsigned(c - 'A' + 10);
      else
        return 0x110000;
    }
    return v;
  }

  // Reads a string literal at i_ (which is '"'), decoding escapes: keys must
  // compare equal to nlohmann's decoded keys.
  void readString(std::string& out) {
    ++i_;
    while (!atEnd()) {
      char c = t_[i_++];
      if (c == '"') return;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (atEnd()) break;
      char e = t_[i_++];
      switch (e) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = hex4(i_);
          if (cp > 0xFFFF) return stopHere();
          i_ += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF && i_ + 6 <= t_.size() && t_[i_] == '\\' && t_[i_ + 1] == 'u') {
            unsigned lo = hex4(i_ + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              i_ += 6;
            }
          }
          appendUtf8(out, cp);
          break;
        }
        default: out += e; break;  // '"', '\\', '/'
      }
    }
    stopHere();
  }

  std::string_view t_;
  std::size_t i_ = 0;
  bool stop_ = false;
  std::string path_;
  std::set<std::string> interesting_;
};

}  // namespace

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

TextPos positionOf(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  TextPos p{1, 1};
  for (std::size_t i = bomSize(text); i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else if (!isContinuationByte(text[i])) {
      ++p.column;
    }
  }
  return p;
}

std::string pointerToken(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::optional<ShapeProblem> checkShape(std::string_view text, const ShapeLimits& limits) {
  struct Level {
    bool isArray;
    std::size_t commas;
  };
  std::vector<Level> stack;
  bool inString = false;
  std::size_t values = 1;
  auto tooManyValues = [&](std::size_t at) {
    return ShapeProblem{at, "JSON with more than " + std::to_string(limits.maxValues) + " values (" +
                                limits.document + " never needs that many)"};
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
      continue;
    }
    switch (c) {
      case '"': inString = true; break;
      case '[':
      case '{':
        if (static_cast<int>(stack.size()) >= limits.maxDepth)
          return ShapeProblem{i, "JSON nested deeper than " + std::to_string(limits.maxDepth) + " levels (" +
                                     limits.document + " never needs that many)"};
        if (++values > limits.maxValues) return tooManyValues(i);
        stack.push_back({c == '[', 0});
        break;
      case ']':
      case '}':
        if (!stack.empty()) stack.pop_back();
        break;
      case ',':
        if (++values > limits.maxValues) return tooManyValues(i);
        if (!stack.empty() && stack.back().isArray && ++stack.back().commas >= limits.maxArrayElements)
          return ShapeProblem{
              i, "array with more than " + std::to_string(limits.maxArrayElements) + " elements"};
        break;
      default: break;
    }
  }
  return std::nullopt;
}

Located locate(std::string_view text, const std::set<std::string>& wanted) {
  Locator loc(text, wanted);
  loc.run();
  // Convert all offsets in one sweep over the text.
  std::vector<std::size_t> offsets;
  for (const auto& [p, o] : loc.valueOffsets) offsets.push_back(o);
  for (const auto& [p, o] : loc.keyOffsets) offsets.push_back(o);
  for (const auto& d : loc.dups) {
    offsets.push_back(d.at);
    offsets.push_back(d.first);
  }
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  std::map<std::size_t, TextPos> pos;
  TextPos p{1, 1};
  std::size_t i = bomSize(text);
  for (std::size_t target : offsets) {
    for (; i < target && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++p.line;
        p.column = 1;
      } else if (!isContinuationByte(text[i])) {
        ++p.column;
      }
    }
    pos[target] = p;
  }
  Located out;
  for (const auto& [ptr, o] : loc.valueOffsets) out.values[ptr] = pos[o];
  for (const auto& [ptr, o] : loc.keyOffsets) out.keys[ptr] = pos[o];
  for (const auto& d : loc.dups) out.duplicates.push_back({d.pointer, pos[d.at], pos[d.first]});
  return out;
}

std::optional<std::size_t> findOverflowingNumber(std::string_view text) {
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"') {
      inString = true;
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) continue;
    std::size_t j = i;
    while (j < text.size() && (std::string_view("0123456789+-.eE").find(text[j]) != std::string_view::npos))
      ++j;
    std::string token(text.substr(i, j - i));
    errno = 0;
    double v = std::strtod(token.c_str(), nullptr);
    if (std::isinf(v)) return i;
    i = j - 1;
  }
  return std::nullopt;
}

FileText readFileCapped(const std::string& path, std::uint64_t maxBytes,
                        std::string (*tooLarge)(std::uint64_t)) {
  FileText r;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    r.error = std::filesystem::exists(path, ec) ? "not a regular file" : "no such file";
    return r;
  }
  auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    r.error = "cannot read the file size: " + ec.message();
    return r;
  }
  if (size > maxBytes) {
    r.error = tooLarge(size);
    r.sizeError = true;
    return r;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    r.error = "cannot open the file";
    return r;
  }
  r.text.reserve(static_cast<std::size_t>(size));
  json_tree::preferHugePages(r.text.data(), static_cast<std::size_t>(size));  // a big scenario: fewer faults
  r.text.assign(static_cast<std::size_t>(size), '\0');
  in.read(r.text.data(), static_cast<std::streamsize>(size));
  r.text.resize(static_cast<std::size_t>(in.gcount()));  // the file may have shrunk meanwhile
  r.ok = true;
  return r;
}

}  // namespace tricolor::json_text
