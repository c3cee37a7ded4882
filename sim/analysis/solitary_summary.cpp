// The solitary deaths' part of the summary (summary.hpp): how many, how often per resident, how
// old, and how late they were found: the numbers the National Police Agency publishes (2024:
// 76,020 deaths at home of people living alone, 76.4% aged 65+; about 28% found after 8 or more
// days, about 9-11% after a month or more).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "kyosei/analysis/summary.hpp"

namespace kyosei {

void add_solitary_death_summary(const Results& r, Summary& s) {
  const SolitaryDeathTable& D = r.solitary_deaths;
  const auto n = static_cast<std::int64_t>(D.size());
  s.solitary_deaths = n;
  const std::vector<std::int64_t>& residents = r.series.residents;
  const double resident_years = std::accumulate(residents.begin(), residents.end(), 0.0) / 365.25;
  s.solitary_deaths_per_100k = resident_years > 0 ? 1e5 * static_cast<double>(n) / resident_years : NAN;
  if (n == 0) {
    s.solitary_share_65plus = s.solitary_share_8_days = s.solitary_share_30_days = s.solitary_median_days = NAN;
    return;
  }
  std::int64_t older = 0, after_8 = 0, after_30 = 0;
  for (std::size_t i = 0; i < D.size(); ++i) {
    older += D.age[i] >= 65;
    after_8 += D.days_to_discovery[i] >= 8;
    after_30 += D.days_to_discovery[i] >= 30;
  }
  const auto share = [n](std::int64_t part) { return static_cast<double>(part) / static_cast<double>(n); };
  s.solitary_share_65plus = share(older);
  s.solitary_share_8_days = share(after_8);
  s.solitary_share_30_days = share(after_30);
  std::vector<std::int32_t> days = D.days_to_discovery;
  const auto middle = days.begin() + static_cast<std::ptrdiff_t>(days.size() / 2);
  std::nth_element(days.begin(), middle, days.end());
  double median = *middle;
  if (days.size() % 2 == 0) median = (median + *std::max_element(days.begin(), middle)) / 2.0;
  s.solitary_median_days = median;
}

}  // namespace kyosei
