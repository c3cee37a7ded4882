// Death probabilities of the 23rd complete life table (第23回生命表 (完全生命表), 令和2年 = 2020,
// MHLW, https://www.mhlw.go.jp/toukei/saikin/hw/life/23th/index.html): q(x), the chance that a
// person aged exactly x dies before x + 1, averaged over the five single years of each band. Test
// MortalityTable.LifeExpectancyMatchesThePublishedTable checks the band table against the
// table's published life expectancies (at 0, 65 and 75; docs/ODD.md §7 "Demography").
//
// Past 100 the table's single years rest on few deaths; the force of mortality continues the
// growth from the 90-94 to the 95-99 band and levels off at 0.7 a year (q about 0.5), the plateau
// of human mortality measured after 105 (Barbi et al. 2018, Science 360:1459).
#include "model/life_table.hpp"

#include <algorithm>
#include <cmath>

namespace kyosei {

const std::array<std::array<double, 20>, 2> kLifeTableQ = {{
    // men: 0-4, 5-9, ..., 95-99
    {0.000488, 0.0000540, 0.0000940, 0.000278, 0.000492, 0.000492, 0.000598, 0.000750, 0.001130, 0.001818,
     0.002974, 0.004760,  0.007686,  0.012524, 0.020322, 0.032748, 0.056140, 0.102270, 0.177538, 0.274620},
    // women
    {0.000434, 0.0000620, 0.0000700, 0.000162, 0.000238, 0.000258, 0.000296, 0.000464, 0.000690, 0.001096,
     0.001694, 0.002330,  0.003340,  0.005122, 0.008392, 0.014596, 0.028494, 0.058460, 0.118908, 0.217290},
}};

namespace {

constexpr double kPlateauForce = 0.7;  // per year, after 105 (Barbi et al. 2018)

double force_of(double q) { return -std::log1p(-q); }

}  // namespace

int life_table_band(double age) {
  return std::clamp(static_cast<int>(age / kLifeTableBandYears), 0, kLifeTableBands - 1);
}

double life_table_force(bool female, int band) {
  const auto& q = kLifeTableQ[female ? 1 : 0];
  const int last = static_cast<int>(q.size()) - 1;
  if (band <= last) return force_of(q[band]);
  const double growth = force_of(q[last]) / force_of(q[last - 1]);
  return std::min(kPlateauForce, force_of(q[last]) * std::pow(growth, band - last));
}

}  // namespace kyosei
