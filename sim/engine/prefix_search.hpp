#pragma once
// Choosing an item in proportion to its weight from prefix sums, with a guide table so that a draw
// from a wide range reads one or two cache lines instead of binary-searching megabytes. Each pick
// is exactly the binary search's (std::upper_bound over the range's prefix sums), so a realisation
// does not depend on the table.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace kyosei {

class GuidedPrefixSums {
public:
  // About `items_per_bucket` items fall in each bucket of the table on average.
  template <class Weight>
  explicit GuidedPrefixSums(const std::vector<Weight>& weights, std::size_t items_per_bucket = 4) {
    const std::size_t n = weights.size();
    cum_.assign(n + 1, 0.0);
    for (std::size_t i = 0; i < n; ++i) cum_[i + 1] = cum_[i] + weights[i];
    buckets_ = std::max<std::size_t>(1, n / std::max<std::size_t>(1, items_per_bucket));
    scale_ = cum_[n] > 0 ? static_cast<double>(buckets_) / cum_[n] : 0.0;
    // first_[k]: the first prefix sum whose bucket is k or more. The answer for a value in bucket k
    // lies in [first_[k], first_[k + 1]]: a sum in an earlier bucket is below the value, one in a
    // later bucket above it (bucket_of is monotone).
    first_.assign(buckets_ + 1, static_cast<std::uint32_t>(n + 1));
    std::size_t k = 0;
    for (std::size_t p = 0; p <= n; ++p)
      for (const std::size_t b = bucket_of(cum_[p]); k <= b; ++k) first_[k] = static_cast<std::uint32_t>(p);
  }

  // The item in [lo, hi) whose share of the range's weight holds u in [0, 1): the one that
  // std::upper_bound finds for cum[lo] + u * (cum[hi] - cum[lo]) among cum[lo + 1 .. hi].
  std::int32_t pick(std::int32_t lo, std::int32_t hi, double u) const {
    const double x = cum_[lo] + u * (cum_[hi] - cum_[lo]);
    const std::size_t k = bucket_of(x);
    const auto from = cum_.begin() + first_[k], to = cum_.begin() + first_[k + 1];
    // The first sum above x anywhere, which lies past lo since x >= cum[lo]; past hi, the search
    // over the range alone ends at hi + 1.
    const auto p = static_cast<std::int32_t>(std::upper_bound(from, to, x) - cum_.begin());
    return std::min(p, hi + 1) - 1;
  }

private:
  std::size_t bucket_of(double x) const { return std::min(buckets_ - 1, static_cast<std::size_t>(x * scale_)); }

  std::vector<double> cum_;
  std::vector<std::uint32_t> first_;
  std::size_t buckets_ = 1;
  double scale_ = 0;
};

}  // namespace kyosei
