// A compact, read-only JSON tree for the scenario loader.
//
// nlohmann::json builds one heap node per value (a std::map node per
// member, a std::string per key) and frees them one by one: for a scenario
// of 10^5 operations that was two thirds of the loading time. This tree
// keeps every value in one array of 16-byte nodes, the members and
// elements in two more arrays, and the strings as views into the text
// (only strings with escapes are copied), so building it is one pass over
// the text and freeing it is three free() calls.
//
// It reads exactly what nlohmann::json reads, with the same results:
// members iterate in key order (std::map's), a repeated key keeps its last
// value, numbers are unsigned / integer / float as nlohmann decides. The
// fast parser accepts only what it is sure about: on anything else (a
// syntax error, a number that overflows, a limit of checkShape() crossed)
// it gives up, and the caller takes the old road (checkShape, nlohmann's
// parse for its error messages, fromNlohmann()), so every error message
// stays what it was.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/io/json_positions.hpp"

namespace tricolor::json_tree {

class Value;

struct Member {
  std::string_view key;
  const Value* value = nullptr;
};

class Value {
 public:
  enum class Type : std::uint8_t { Null, Boolean, Integer, Unsigned, Float, String, Array, Object };

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_boolean() const { return type_ == Type::Boolean; }
  bool is_number() const { return type_ == Type::Integer || type_ == Type::Unsigned || type_ == Type::Float; }
  bool is_number_integer() const { return type_ == Type::Integer || type_ == Type::Unsigned; }
  bool is_number_unsigned() const { return type_ == Type::Unsigned; }
  bool is_number_float() const { return type_ == Type::Float; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }

  // Numbers and booleans, converted like nlohmann's get<T>() (a static_cast
  // of the stored number).
  template <class T>
  T get() const {
    switch (type_) {
      case Type::Boolean: return static_cast<T>(p_.b);
      case Type::Integer: return static_cast<T>(p_.i);
      case Type::Unsigned: return static_cast<T>(p_.u);
      case Type::Float: return static_cast<T>(p_.d);
      default: return T{};
    }
  }
  std::string_view str() const { return is_string() ? std::string_view(p_.s, n_) : std::string_view(); }

  // nlohmann's size(): elements or members; 0 for null; 1 for the others.
  std::size_t size() const {
    if (type_ == Type::Array || type_ == Type::Object) return n_;
    return type_ == Type::Null ? 0 : 1;
  }
  bool empty() const { return size() == 0; }

  // Array element i (i < size()).
  const Value& operator[](std::size_t i) const {
    return *reinterpret_cast<const Value*>(p_.kids[i]);  // NOLINT: addresses stored as integers
  }
  // Object member, or nullptr.
  const Value* find(std::string_view key) const;
  // Object members in key order (empty for the other types).
  const Member* begin() const { return type_ == Type::Object ? p_.members : nullptr; }
  const Member* end() const { return type_ == Type::Object ? p_.members + n_ : nullptr; }

  // Object member `key`, which must be there.
  const Value& operator[](std::string_view key) const { return *find(key); }

  // For `for (const auto& [key, value] : v.items())`, as with nlohmann.
  struct Item {
    std::string_view key;
    const Value& value;
  };
  class Items {
   public:
    struct It {
      const Member* m;
      Item operator*() const { return {m->key, *m->value}; }
      It& operator++() {
        ++m;
        return *this;
      }
      bool operator!=(const It& o) const { return m != o.m; }
    };
    It begin() const { return {b_}; }
    It end() const { return {e_}; }
    const Member *b_, *e_;
  };
  Items items() const { return {begin(), end()}; }

  // A number as nlohmann's dump() writes it.
  std::string dumpNumber() const;

 private:
  friend class Builder;
  friend struct DocAccess;
  Type type_ = Type::Null;
  std::uint32_t n_ = 0;  // string length, element or member count
  union Payload {
    bool b;
    std::int64_t i;
    std::uint64_t u;
    double d;
    const char* s;
    const std::uintptr_t* kids;  // addresses of the elements
    const Member* members;
    std::uint64_t first;  // while building: index of the first element/member
  } p_{};
};

// Allocates large arrays on 2 MiB boundaries with preferHugePages(), so
// that none of their pages is left to 4 KiB faults; small ones as usual.
void* allocateBig(std::size_t bytes);
void freeBig(void* p) noexcept;
template <class T>
struct BigAllocator {
  using value_type = T;
  BigAllocator() = default;
  template <class U>
  BigAllocator(const BigAllocator<U>&) {}  // NOLINT: rebinding
  T* allocate(std::size_t n) { return static_cast<T*>(allocateBig(n * sizeof(T))); }
  void deallocate(T* p, std::size_t) noexcept { freeBig(p); }
  template <class U>
  bool operator==(const BigAllocator<U>&) const {
    return true;
  }
};
template <class T>
using BigVector = std::vector<T, BigAllocator<T>>;

// A parsed document. Views into the text it was parsed from: the text must
// outlive it. Movable (the arrays move, the nodes stay where they are).
class Doc {
 public:
  Doc() = default;
  Doc(Doc&&) = default;
  Doc& operator=(Doc&&) = default;
  Doc(const Doc&) = delete;
  Doc& operator=(const Doc&) = delete;

  const Value& root() const { return nodes_.front(); }
  bool empty() const { return nodes_.empty(); }
  // Some object repeated a key (the fast parser knows; a tree converted
  // from nlohmann says true, since nlohmann forgets).
  bool mayHaveDuplicates() const { return mayHaveDuplicates_; }

 private:
  friend class Builder;
  BigVector<Value> nodes_;
  BigVector<std::uintptr_t> kids_;
  BigVector<Member> members_;
  std::deque<std::string> owned_;  // strings that are not plain slices of the text
  bool mayHaveDuplicates_ = false;
};

// One pass over `text`. True with `out` filled if the text is JSON that
// nlohmann would parse to the same values and that checkShape(text, limits)
// would let through; false (out left empty) otherwise, including for any
// JSON the fast parser is not sure about: then use nlohmann.
bool parseFast(std::string_view text, const json_text::ShapeLimits& limits, Doc& out);

// The same tree from an already parsed nlohmann::json (the slow road).
Doc fromNlohmann(const nlohmann::json& j);

// Asks the kernel for 2 MiB pages for the part of [p, p + bytes) that
// they can cover, when the range is large (Linux; a no-op elsewhere). The
// loader's big arrays (the tree, the operations, the text) are written
// once, front to back, right after they are allocated: with 4 KiB pages
// that is one page fault per 4 KiB, and on the virtual machines tricolor is
// measured on a fault costs ~15 us, more than all the parsing around it.
void preferHugePages(const void* p, std::size_t bytes);

// Deep equality (types, numbers, strings, member order), for tests.
bool sameTree(const Value& a, const Value& b);

}  // namespace tricolor::json_tree
