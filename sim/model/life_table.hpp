#pragma once
// The Japanese life table (life_table.cpp): the population's force of mortality by age and sex,
// before the relative risks of a resident's situation (mortality.cpp, docs/ODD.md §7 "Demography").
#include <array>

namespace kyosei {

inline constexpr int kLifeTableBandYears = 5;
// Bands 0-4, 5-9, ..., 95-99 from the table; 100-104, ... continue it (life_table.cpp).
inline constexpr int kLifeTableBands = 24;  // the last band is open: 115 and over

// Annual probability of death q(x), mean of the single years of each five-year band, 2020.
extern const std::array<std::array<double, 20>, 2> kLifeTableQ;  // [male, female][band]

// Force of mortality per year (constant within a band) at `band` for one sex.
double life_table_force(bool female, int band);
int life_table_band(double age);

}  // namespace kyosei
