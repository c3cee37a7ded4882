#pragma once
// The random numbers of experimental designs (Latin hypercubes, Morris trajectories, bootstrap
// resamples): a splitmix64 sequence from a seed. Not the runs' Philox streams: a design is drawn
// once, before any run, and must not depend on them.
#include <cstdint>
#include <utility>
#include <vector>

#include "kyosei/ensemble/sweep.hpp"

namespace kyosei::ensemble {

class DesignRandom {
public:
  explicit DesignRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return splitmix64(state_ += 0x9e3779b97f4a7c15ull); }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  template <class T>
  void shuffle(std::vector<T>& items) {  // Fisher-Yates
    for (std::size_t i = items.size(); i-- > 1;) std::swap(items[i], items[below(i + 1)]);
  }

private:
  std::uint64_t state_;
};

}  // namespace kyosei::ensemble
