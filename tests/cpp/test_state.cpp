// Helpers of the State (include/kyosei/model/state.hpp).
#include <gtest/gtest.h>

#include "kyosei/model/state.hpp"

namespace kyosei {
namespace {

TEST(State, DaysToAgeDecidesAnAgeAsAgeDoes) {
  Residents R;
  R.core.resize(1);
  R.core[0].birth_day = 0;
  for (double years : {0.0, 0.5, 6.0, 15.0, 18.0, 65.0, 75.0, 100.0 / 3, 1.0 / kDaysPerYear, 40.0 + 1e-12}) {
    SCOPED_TRACE(years);
    const Day line = days_to_age(years);
    for (Day today = std::max(0, line - 800); today < line + 800; ++today)
      ASSERT_EQ(R.days_lived(0, today) >= line, R.age(0, today) >= years) << "day " << today;
  }
}

}  // namespace
}  // namespace kyosei
