// Latin hypercube designs in the unit cube (sensitivity.hpp), shared by sweeps and sensitivity
// studies.
#include <numeric>

#include "design_random.hpp"
#include "kyosei/ensemble/sensitivity.hpp"

namespace kyosei {

Matrix latin_hypercube(std::size_t samples, std::size_t factors, std::uint64_t seed) {
  Matrix points(samples, std::vector<double>(factors));
  for (std::size_t j = 0; j < factors; ++j) {
    ensemble::DesignRandom random(derive_seed(seed, j + 1, 0));
    std::vector<std::size_t> strata(samples);
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    random.shuffle(strata);
    for (std::size_t i = 0; i < samples; ++i)
      points[i][j] = (static_cast<double>(strata[i]) + random.uniform()) / static_cast<double>(samples);
  }
  return points;
}

}  // namespace kyosei
