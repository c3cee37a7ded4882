#pragma once
// A hazard that is constant within consecutive age bands of equal width (births by the mother's
// age, partnership by age): its waiting time, drawn exactly from one unit exponential, and its
// cumulative value.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

#include "engine/rng.hpp"

namespace kyosei {

// Age bands [first + i * width, first + (i + 1) * width) with hazard rates[i]; none after the last.
template <std::size_t N>
struct BandedHazard {
  double first = 0, width = 0;
  std::array<double, N> rates{};

  double end() const { return first + width * static_cast<double>(N); }

  // The hazard accumulated over the ages [from, to).
  double cumulative(double from, double to) const {
    double sum = 0;
    for (std::size_t i = 0; i < N; ++i) {
      const double lo = first + width * static_cast<double>(i), hi = lo + width;
      sum += rates[i] * std::max(0.0, std::min(to, hi) - std::max(from, lo));
    }
    return sum;
  }

  // Years from `age` until the event, or infinity if the bands end first: one unit exponential
  // spent band by band (the inverse of the cumulative hazard).
  double wait(double age, Draws& d) const {
    double left = d.exponential(1.0), at = std::max(age, first);
    for (std::size_t i = 0; i < N; ++i) {
      const double hi = first + width * static_cast<double>(i + 1);
      if (at >= hi) continue;
      if (rates[i] * (hi - at) >= left) return at + left / rates[i] - age;
      left -= rates[i] * (hi - at);
      at = hi;
    }
    return INFINITY;
  }
};

}  // namespace kyosei
