#include "core/io/json_tree.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <new>
#include <nlohmann/json.hpp>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace tricolor::json_tree {

void preferHugePages(const void* p, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  if (bytes < kHuge) return;
  const auto begin = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t from = (begin + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t to = (begin + bytes) & ~(kHuge - 1);
  if (to > from) (void)madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);  // advice only
#else
  (void)p;
  (void)bytes;
#endif
}

void* allocateBig(std::size_t bytes) {
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  void* p = nullptr;
  if (bytes >= kHuge / 2) {  // one 2 MiB page is cheaper than 128+ faults of 4 KiB
    const std::size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    p = std::aligned_alloc(kHuge, rounded);
    if (p) preferHugePages(p, rounded);
  } else {
    p = std::malloc(bytes ? bytes : 1);
  }
  if (!p) throw std::bad_alloc();
  return p;
}

void freeBig(void* p) noexcept { std::free(p); }

const Value* Value::find(std::string_view key) const {
  if (type_ != Type::Object) return nullptr;
  const Member* b = p_.members;
  const Member* e = b + n_;
  if (n_ <= 8) {
    for (const Member* m = b; m != e; ++m)
      if (m->key == key) return m->value;
    return nullptr;
  }
  const Member* m =
      std::lower_bound(b, e, key, [](const Member& a, std::string_view k) { return a.key < k; });
  return m != e && m->key == key ? m->value : nullptr;
}

std::string Value::dumpNumber() const {
  switch (type_) {
    case Type::Integer: return std::to_string(p_.i);
    case Type::Unsigned: return std::to_string(p_.u);
    case Type::Float: return nlohmann::json(p_.d).dump();
    default: return "";
  }
}

// Builds a Doc: by the fast parser, or from an nlohmann::json. Nodes,
// elements and members refer to each other by index while the arrays
// grow; finish() turns the indexes into addresses.
class Builder {
 public:
  explicit Builder(Doc& d) : d_(d) {}

  bool parse(std::string_view text, const json_text::ShapeLimits& limits) {
    t_ = text;
    limits_ = &limits;
    i_ = t_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // nlohmann skips a UTF-8 byte order mark
    // Generous first guesses at the sizes (scenarios take about 10 bytes of
    // text per value, 13 per member): regrowing touches every page twice,
    // and on a virtual machine the first touch of a page costs more than
    // filling it. Reserved pages that stay unused are never touched.
    d_.nodes_.reserve(t_.size() / 6 + 16);
    d_.members_.reserve(t_.size() / 10 + 16);
    memberValues_.reserve(t_.size() / 10 + 16);
    d_.kids_.reserve(t_.size() / 16 + 16);
    if (!value(0)) return false;
    skipSpace();
    if (i_ != t_.size()) return false;
    finish();
    return true;
  }

  void convert(const nlohmann::json& j) {
    d_.mayHaveDuplicates_ = true;  // nlohmann kept only the last of repeated keys and forgot
    add(j);
    finish();
  }

 private:
  using Type = Value::Type;

  std::uint32_t newNode(Type t) {
    d_.nodes_.emplace_back();
    d_.nodes_.back().type_ = t;
    return static_cast<std::uint32_t>(d_.nodes_.size() - 1);
  }

  void skipSpace() {
    while (i_ < t_.size()) {
      char c = t_[i_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      ++i_;
    }
  }

  // `depth` = containers around this value.
  bool value(std::size_t depth) {
    skipSpace();
    if (i_ >= t_.size()) return false;
    switch (t_[i_]) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': {
        std::string_view s;
        if (!string(s)) return false;
        Value& v = d_.nodes_[newNode(Type::String)];
        v.n_ = static_cast<std::uint32_t>(s.size());
        v.p_.s = s.data();
        return true;
      }
      case 't': return literal("true", Type::Boolean, true);
      case 'f': return literal("false", Type::Boolean, false);
      case 'n': return literal("null", Type::Null, false);
      default: return number();
    }
  }

  bool literal(std::string_view word, Type t, bool b) {
    if (t_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    d_.nodes_[newNode(t)].p_.b = b;
    return true;
  }

  // The limits of checkShape(), counted the same way: containers and
  // commas as values, commas per array as elements, open containers as depth.
  bool openContainer(std::size_t depth) {
    if (depth >= static_cast<std::size_t>(limits_->maxDepth)) return false;
    return ++values_ <= limits_->maxValues;
  }
  bool comma() { return ++values_ <= limits_->maxValues; }

  bool array(std::size_t depth) {
    if (!openContainer(depth)) return false;
    const std::uint32_t self = newNode(Type::Array);
    ++i_;
    const std::size_t base = kidStack_.size();
    skipSpace();
    if (i_ < t_.size() && t_[i_] == ']') {
      ++i_;
    } else {
      std::size_t commas = 0;
      while (true) {
        kidStack_.push_back(static_cast<std::uint32_t>(d_.nodes_.size()));
        if (!value(depth + 1)) return false;
        skipSpace();
        if (i_ >= t_.size()) return false;
        if (t_[i_] == ',') {
          ++i_;
          if (!comma() || ++commas >= limits_->maxArrayElements) return false;
        } else if (t_[i_] == ']') {
          ++i_;
          break;
        } else {
          return false;
        }
      }
    }
    Value& v = d_.nodes_[self];
    v.n_ = static_cast<std::uint32_t>(kidStack_.size() - base);
    v.p_.first = d_.kids_.size();
    d_.kids_.insert(d_.kids_.end(), kidStack_.begin() + static_cast<std::ptrdiff_t>(base), kidStack_.end());
    kidStack_.resize(base);
    return true;
  }

  struct Pending {
    std::string_view key;
    std::uint32_t value;
  };

  bool object(std::size_t depth) {
    if (!openContainer(depth)) return false;
    const std::uint32_t self = newNode(Type::Object);
    ++i_;
    const std::size_t base = memberStack_.size();
    skipSpace();
    if (i_ < t_.size() && t_[i_] == '}') {
      ++i_;
    } else {
      while (true) {
        skipSpace();
        if (i_ >= t_.size() || t_[i_] != '"') return false;
        std::string_view key;
        if (!string(key)) return false;
        skipSpace();
        if (i_ >= t_.size() || t_[i_] != ':') return false;
        ++i_;
        memberStack_.push_back({key, static_cast<std::uint32_t>(d_.nodes_.size())});
        if (!value(depth + 1)) return false;
        skipSpace();
        if (i_ >= t_.size()) return false;
        if (t_[i_] == ',') {
          ++i_;
          if (!comma()) return false;
        } else if (t_[i_] == '}') {
          ++i_;
          break;
        } else {
          return false;
        }
      }
    }
    closeObject(self, base);
    return true;
  }

  // Members in std::map order; of a repeated key only the last one stays (as in nlohmann).
  void closeObject(std::uint32_t self, std::size_t base) {
    auto b = memberStack_.begin() + static_cast<std::ptrdiff_t>(base);
    auto e = memberStack_.end();
    auto less = [](const Pending& x, const Pending& y) { return x.key < y.key; };
    if (!std::is_sorted(b, e, less)) {
      if (e - b <= 16) {  // insertion sort: stable, and the usual object has 2 to 6 members
        for (auto it = b + 1; it < e; ++it)
          for (auto j = it; j > b && less(*j, *(j - 1)); --j) std::swap(*j, *(j - 1));
      } else {
        std::stable_sort(b, e, less);
      }
    }
    std::size_t count = 0;
    for (auto it = b; it != e; ++it) {
      if (it + 1 != e && (it + 1)->key == it->key) {
        d_.mayHaveDuplicates_ = true;
        continue;  // a later one with the same key follows
      }
      d_.members_.push_back({it->key, nullptr});
      memberValues_.push_back(it->value);
      ++count;
    }
    Value& v = d_.nodes_[self];
    v.n_ = static_cast<std::uint32_t>(count);
    v.p_.first = d_.members_.size() - count;
    memberStack_.resize(base);
  }

  // A string literal at i_ ('"'), checked like nlohmann checks it: no raw
  // control characters, valid UTF-8, valid escapes. A string without
  // escapes stays a view into the text.
  bool string(std::string_view& out) {
    const std::size_t start = ++i_;
    while (i_ < t_.size()) {
      const unsigned char c = static_cast<unsigned char>(t_[i_]);
      if (c == '"') {
        out = t_.substr(start, i_ - start);
        ++i_;
        return true;
      }
      if (c == '\\') return escapedString(start, out);
      if (c < 0x20) return false;
      if (c < 0x80)
        ++i_;
      else if (!utf8())
        return false;
    }
    return false;
  }

  bool escapedString(std::size_t start, std::string_view& out) {
    std::string s(t_.substr(start, i_ - start));
    while (i_ < t_.size()) {
      const unsigned char c = static_cast<unsigned char>(t_[i_]);
      if (c == '"') {
        ++i_;
        d_.owned_.push_back(std::move(s));
        out = d_.owned_.back();
        return true;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        const std::size_t from = i_;
        if (!utf8()) return false;
        s.append(t_.substr(from, i_ - from));
        continue;
      }
      if (c != '\\') {
        s += static_cast<char>(c);
        ++i_;
        continue;
      }
      if (++i_ >= t_.size()) return false;
      const char e = t_[i_++];
      switch (e) {
        case '"': s += '"'; break;
        case '\\': s += '\\'; break;
        case '/': s += '/'; break;
        case 'b': s += '\b'; break;
        case 'f': s += '\f'; break;
        case 'n': s += '\n'; break;
        case 'r': s += '\r'; break;
        case 't': s += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t lo = 0;
            if (i_ + 2 > t_.size() || t_[i_] != '\\' || t_[i_ + 1] != 'u') return false;
            i_ += 2;
            if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          json_text::appendUtf8(s, cp);
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  bool hex4(std::uint32_t& out) {
    if (i_ + 4 > t_.size()) return false;
    out = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = t_[i_++];
      out <<= 4;
      if (c >= '0' && c <= '9')
        out |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        out |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        out |= static_cast<std::uint32_t>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }

  // One UTF-8 sequence at i_ (first byte >= 0x80), with the ranges of
  // RFC 3629 that nlohmann's lexer accepts.
  bool utf8() {
    const auto byte = [&](std::size_t k) {
      return i_ + k < t_.size() ? static_cast<unsigned char>(t_[i_ + k]) : 0u;
    };
    const unsigned c = byte(0);
    const auto in = [](unsigned b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
    std::size_t len = 0;
    if (in(c, 0xC2, 0xDF))
      len = in(byte(1), 0x80, 0xBF) ? 2 : 0;
    else if (c == 0xE0)
      len = in(byte(1), 0xA0, 0xBF) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    else if (in(c, 0xE1, 0xEC) || in(c, 0xEE, 0xEF))
      len = in(byte(1), 0x80, 0xBF) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    else if (c == 0xED)
      len = in(byte(1), 0x80, 0x9F) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    else if (c == 0xF0)
      len = in(byte(1), 0x90, 0xBF) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
    else if (in(c, 0xF1, 0xF3))
      len = in(byte(1), 0x80, 0xBF) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
    else if (c == 0xF4)
      len = in(byte(1), 0x80, 0x8F) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
    i_ += len;
    return len != 0;
  }

  // JSON's number grammar; the value as nlohmann's lexer converts it:
  // without fraction or exponent an unsigned (or, with '-', a signed)
  // integer if it fits, else a double; a double that overflows is
  // nlohmann's error 406, so not ours to accept.
  bool number() {
    const std::size_t start = i_;
    const bool negative = t_[i_] == '-';
    if (negative) ++i_;
    auto digit = [&] { return i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9'; };
    if (!digit()) return false;
    if (t_[i_] == '0')
      ++i_;
    else
      while (digit()) ++i_;
    const std::size_t intEnd = i_;
    bool isFloat = false;
    if (i_ < t_.size() && t_[i_] == '.') {
      ++i_;
      if (!digit()) return false;
      while (digit()) ++i_;
      isFloat = true;
    }
    if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
      ++i_;
      if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) ++i_;
      if (!digit()) return false;
      while (digit()) ++i_;
      isFloat = true;
    }
    const std::string_view token = t_.substr(start, i_ - start);
    if (!isFloat) {
      const std::size_t digits = intEnd - start - (negative ? 1 : 0);
      if (digits <= 18) {
        std::uint64_t u = 0;
        for (std::size_t k = start + (negative ? 1 : 0); k < intEnd; ++k)
          u = u * 10 + static_cast<std::uint64_t>(t_[k] - '0');
        Value& v = d_.nodes_[newNode(negative ? Type::Integer : Type::Unsigned)];
        if (negative)
          v.p_.i = -static_cast<std::int64_t>(u);
        else
          v.p_.u = u;
        return true;
      }
      const std::string buf(token);
      char* end = nullptr;
      errno = 0;
      if (negative) {
        const long long x = std::strtoll(buf.c_str(), &end, 10);
        if (errno == 0 && end == buf.c_str() + buf.size()) {
          d_.nodes_[newNode(Type::Integer)].p_.i = x;
          return true;
        }
      } else {
        const unsigned long long x = std::strtoull(buf.c_str(), &end, 10);
        if (errno == 0 && end == buf.c_str() + buf.size()) {
          d_.nodes_[newNode(Type::Unsigned)].p_.u = x;
          return true;
        }
      }
    }
    const std::string buf(token);
    char* end = nullptr;
    const double x = std::strtod(buf.c_str(), &end);
    if (end != buf.c_str() + buf.size() || !std::isfinite(x)) return false;
    d_.nodes_[newNode(Type::Float)].p_.d = x;
    return true;
  }

  // From nlohmann (depth already bounded by checkShape()).
  std::uint32_t add(const nlohmann::json& j) {
    using T = nlohmann::json::value_t;
    switch (j.type()) {
      case T::boolean: {
        const std::uint32_t n = newNode(Type::Boolean);
        d_.nodes_[n].p_.b = j.get<bool>();
        return n;
      }
      case T::number_integer: {
        const std::uint32_t n = newNode(Type::Integer);
        d_.nodes_[n].p_.i = j.get<std::int64_t>();
        return n;
      }
      case T::number_unsigned: {
        const std::uint32_t n = newNode(Type::Unsigned);
        d_.nodes_[n].p_.u = j.get<std::uint64_t>();
        return n;
      }
      case T::number_float: {
        const std::uint32_t n = newNode(Type::Float);
        d_.nodes_[n].p_.d = j.get<double>();
        return n;
      }
      case T::string: {
        d_.owned_.push_back(j.get<std::string>());
        const std::uint32_t n = newNode(Type::String);
        d_.nodes_[n].n_ = static_cast<std::uint32_t>(d_.owned_.back().size());
        d_.nodes_[n].p_.s = d_.owned_.back().data();
        return n;
      }
      case T::array: {
        const std::uint32_t n = newNode(Type::Array);
        std::vector<std::uint32_t> kids;
        kids.reserve(j.size());
        for (const auto& e : j) kids.push_back(add(e));
        d_.nodes_[n].n_ = static_cast<std::uint32_t>(kids.size());
        d_.nodes_[n].p_.first = d_.kids_.size();
        d_.kids_.insert(d_.kids_.end(), kids.begin(), kids.end());
        return n;
      }
      case T::object: {
        const std::uint32_t n = newNode(Type::Object);
        std::vector<Pending> members;
        members.reserve(j.size());
        for (auto it = j.begin(); it != j.end(); ++it) {
          const std::string& key = it.key();  // lives in j, which outlives the conversion: copy it
          d_.owned_.push_back(key);
          const std::string_view k = d_.owned_.back();  // a deque does not move its elements
          members.push_back({k, add(it.value())});
        }
        d_.nodes_[n].n_ = static_cast<std::uint32_t>(members.size());
        d_.nodes_[n].p_.first = d_.members_.size();
        for (const Pending& m : members) {
          d_.members_.push_back({m.key, nullptr});
          memberValues_.push_back(m.value);
        }
        return n;
      }
      default: return newNode(Type::Null);
    }
  }

  // Indexes become addresses (the arrays no longer grow).
  void finish() {
    for (std::uintptr_t& k : d_.kids_) k = reinterpret_cast<std::uintptr_t>(&d_.nodes_[k]);
    for (std::size_t k = 0; k < d_.members_.size(); ++k) d_.members_[k].value = &d_.nodes_[memberValues_[k]];
    // Empty containers point at a static empty array (never null + 0).
    static const std::uintptr_t kNoKids[1] = {0};
    static const Member kNoMembers[1] = {};
    for (Value& v : d_.nodes_) {
      if (v.type_ == Type::Array) {
        const std::uint64_t first = v.p_.first;
        v.p_.kids = v.n_ ? d_.kids_.data() + first : kNoKids;
      } else if (v.type_ == Type::Object) {
        const std::uint64_t first = v.p_.first;
        v.p_.members = v.n_ ? d_.members_.data() + first : kNoMembers;
      }
    }
  }

  Doc& d_;
  std::string_view t_;
  const json_text::ShapeLimits* limits_ = nullptr;
  std::size_t i_ = 0;
  std::size_t values_ = 1;
  std::vector<std::uint32_t> kidStack_;
  std::vector<Pending> memberStack_;
  BigVector<std::uint32_t> memberValues_;
};

bool parseFast(std::string_view text, const json_text::ShapeLimits& limits, Doc& out) {
  Doc d;
  if (!Builder(d).parse(text, limits)) return false;
  out = std::move(d);
  return true;
}

Doc fromNlohmann(const nlohmann::json& j) {
  Doc d;
  Builder(d).convert(j);
  return d;
}

bool sameTree(const Value& a, const Value& b) {
  if (a.type() != b.type()) return false;
  using T = Value::Type;
  switch (a.type()) {
    case T::Null: return true;
    case T::Boolean: return a.get<bool>() == b.get<bool>();
    case T::Integer: return a.get<std::int64_t>() == b.get<std::int64_t>();
    case T::Unsigned: return a.get<std::uint64_t>() == b.get<std::uint64_t>();
    case T::Float: {
      const double x = a.get<double>(), y = b.get<double>();
      return x == y && std::signbit(x) == std::signbit(y);
    }
    case T::String: return a.str() == b.str();
    case T::Array:
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!sameTree(a[i], b[i])) return false;
      return true;
    case T::Object: {
      if (a.size() != b.size()) return false;
      for (const Member *x = a.begin(), *y = b.begin(); x != a.end(); ++x, ++y)
        if (x->key != y->key || !sameTree(*x->value, *y->value)) return false;
      return true;
    }
  }
  return false;
}

}  // namespace tricolor::json_tree
