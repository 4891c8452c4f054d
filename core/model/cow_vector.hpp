// CowVector<T>: a growable array in fixed-size chunks shared copy-on-write.
//
// The big per-object arrays of the state (World::objects, World::inl,
// Heap::slots) are CowVectors so that copying a Simulation (a History
// checkpoint, a restore from one) copies only their chunk tables: the
// copies share every chunk, and a chunk is cloned the first time one of
// the copies writes into it while it is shared. A checkpoint then costs
// what changed since the previous one, and restoring one costs its tables.
//
// Reads and writes are spelled differently on purpose: operator[] is a
// read, const or not (it never clones: marking reads these arrays through
// a non-const World at full speed), and mut(i) is a write (it clones the
// chunk first if another copy shares it). A read costs one more load than a
// std::vector's (the chunk table is small and stays in cache).
//
// Chunks are reference counted with atomics, like shared_ptr: copies may be
// read, written and destroyed on different threads, but one CowVector is
// not meant to be used from two threads at once (as a std::vector).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <type_traits>
#include <utility>
#include <vector>

namespace tricolor {

// Elements per chunk: the largest power of two whose chunk holds at most
// about 8 KiB (fine grained enough that a few scattered writes clone
// little, coarse enough that the tables of a 10^6-object heap stay small).
template <class T>
constexpr std::size_t cowChunkShift() {
  std::size_t shift = 0;
  while ((std::size_t{2} << shift) * sizeof(T) <= 8192) ++shift;
  return shift;
}

template <class T, std::size_t Shift = cowChunkShift<T>()>
class CowVector {
 public:
  static constexpr std::size_t kChunk = std::size_t{1} << Shift;
  static constexpr std::size_t kMask = kChunk - 1;
  using value_type = T;
  using size_type = std::size_t;

  CowVector() = default;
  CowVector(std::size_t n, const T& v) { resize(n, v); }
  CowVector(const CowVector& o) : tab_(o.tab_), size_(o.size_) {
    for (Chunk* c : tab_) c->refs.fetch_add(1, std::memory_order_relaxed);
  }
  CowVector(CowVector&& o) noexcept : tab_(std::move(o.tab_)), size_(std::exchange(o.size_, 0)) {
    o.tab_.clear();
  }
  CowVector& operator=(const CowVector& o) {
    if (this != &o) {
      for (Chunk* c : o.tab_) c->refs.fetch_add(1, std::memory_order_relaxed);
      releaseAll();
      tab_ = o.tab_;
      size_ = o.size_;
    }
    return *this;
  }
  CowVector& operator=(CowVector&& o) noexcept {
    if (this != &o) {
      releaseAll();
      tab_ = std::move(o.tab_);
      o.tab_.clear();
      size_ = std::exchange(o.size_, 0);
    }
    return *this;
  }
  ~CowVector() { releaseAll(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Elements the chunks hold (used or not).
  std::size_t capacity() const { return tab_.size() * kChunk; }

  // Read access (never clones).
  const T& operator[](std::size_t i) const { return tab_[i >> Shift]->data[i & kMask]; }
  const T& back() const { return (*this)[size_ - 1]; }
  // Write access: clones the chunk holding i first if it is shared.
  T& mut(std::size_t i) {
    Chunk*& c = tab_[i >> Shift];
    if (c->refs.load(std::memory_order_acquire) != 1) [[unlikely]]
      c = clone(c);
    return c->data[i & kMask];
  }

  // Element i onward, up to the end of its chunk, as one pointer: for
  // loops over a run that never crosses a chunk boundary (a span's slots,
  // see Heap::allocSpan). read() never clones; write() clones the chunk
  // first if it is shared, once for the whole run.
  const T* read(std::size_t i) const { return tab_[i >> Shift]->data + (i & kMask); }
  T* write(std::size_t i) { return &mut(i); }
  static constexpr bool sameChunk(std::size_t first, std::size_t n) {
    return n == 0 || (first >> Shift) == ((first + n - 1) >> Shift);
  }

  void push_back(const T& v) {
    if (size_ == capacity()) tab_.push_back(new Chunk());
    mut(size_) = v;
    ++size_;
  }
  void resize(std::size_t n, const T& v = T{}) {
    if (n < size_) {
      const std::size_t keep = (n + kMask) >> Shift;
      for (std::size_t c = keep; c < tab_.size(); ++c) release(tab_[c]);
      tab_.resize(keep);
      size_ = n;
      return;
    }
    tab_.reserve((n + kMask) >> Shift);
    while (size_ < n) push_back(v);
  }
  void assign(std::size_t n, const T& v) {
    clear();
    resize(n, v);
  }
  void clear() {
    releaseAll();
    tab_.clear();
    size_ = 0;
  }

  // Chunks shared with `o` at the same index (what a copy has not cloned yet).
  std::size_t chunksSharedWith(const CowVector& o) const {
    std::size_t n = 0;
    for (std::size_t c = 0; c < std::min(tab_.size(), o.tab_.size()); ++c) n += tab_[c] == o.tab_[c];
    return n;
  }
  std::size_t chunkCount() const { return tab_.size(); }
  static constexpr std::size_t chunkBytes() { return sizeof(T) * kChunk; }
  // Bytes this vector holds beyond what it shares with `prev` (chunks not
  // shared, plus its table); with no `prev`, all of its bytes.
  std::uint64_t bytesBeyond(const CowVector* prev) const {
    std::size_t own = tab_.size() - (prev ? chunksSharedWith(*prev) : 0);
    return std::uint64_t(own) * chunkBytes() + tab_.size() * sizeof(Chunk*);
  }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    const_iterator() = default;
    const_iterator(const CowVector* v, std::size_t i) : v_(v), i_(i) {}
    const T& operator*() const { return (*v_)[i_]; }
    const T* operator->() const { return &(*v_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator t = *this;
      ++i_;
      return t;
    }
    bool operator==(const const_iterator& o) const { return i_ == o.i_; }
    bool operator!=(const const_iterator& o) const { return i_ != o.i_; }

   private:
    const CowVector* v_ = nullptr;
    std::size_t i_ = 0;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

  // Element-wise; shared chunks compare equal without being read.
  bool operator==(const CowVector& o) const {
    if (size_ != o.size_) return false;
    for (std::size_t c = 0; c < tab_.size(); ++c) {
      if (tab_[c] == o.tab_[c]) continue;
      const std::size_t n = std::min(kChunk, size_ - (c << Shift));
      if (!std::equal(tab_[c]->data, tab_[c]->data + n, o.tab_[c]->data)) return false;
    }
    return true;
  }

 private:
  struct Chunk {
    std::atomic<std::uint32_t> refs{1};
    // Cache-line aligned (a 32-byte record never straddles two lines);
    // value-initialised: a clone copies no indeterminate value.
    alignas(64) T data[kChunk]{};
  };
  static Chunk* clone(Chunk* c) {
    Chunk* n = new Chunk();
    std::copy(c->data, c->data + kChunk, n->data);
    release(c);
    return n;
  }
  static void release(Chunk* c) {
    if (c->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete c;
  }
  void releaseAll() {
    for (Chunk* c : tab_) release(c);
  }

  std::vector<Chunk*> tab_;
  std::size_t size_ = 0;
};

}  // namespace tricolor
