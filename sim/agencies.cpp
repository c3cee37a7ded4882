// Agencies (MODEL.md §2): a community comprehensive support centre team per district, sized by
// its residents 65+, and municipality-wide disability, child and poverty agencies sized by
// population; welfare commissioners by households.
#include <cmath>
#include <string>

#include "engine.hpp"

namespace kyosei {
namespace {

void add_agency(State& st, std::string name, Field field, std::int32_t district, double staff,
                double cases_per_worker) {
  AgencyState& A = st.agencies;
  const auto capacity = std::max<std::int64_t>(1, std::llround(staff * cases_per_worker));
  A.info.push_back({std::move(name), field, district, staff, capacity});
  A.caseload.push_back(0);
  A.monitoring.push_back(0);
  A.queue.emplace_back();
}

}  // namespace

void build_agencies(const Context& ctx, State& st) {
  const Scenario::Agencies& P = ctx.scenario.agencies;
  std::vector<double> elderly(st.districts, 0.0);
  for (std::size_t r = 0; r < st.residents.size(); ++r)
    if (st.residents.age(r, st.today) >= 65)
      elderly[st.block_district[st.households.block[st.residents.household[r]]]] += 1;
  AgencyState& A = st.agencies;
  for (std::int32_t d = 0; d < st.districts; ++d) {
    const double centres = std::max(1.0, std::round(elderly[d] / P.elderly_per_centre));
    A.elderly_centre_of_district.push_back(static_cast<std::int32_t>(A.info.size()));
    add_agency(st, "elderly_d" + std::to_string(d), Field::elderly, d, centres * P.staff_per_centre,
               P.cases_per_worker[0]);
  }
  A.agency_of_field[0] = A.elderly_centre_of_district[0];
  const double per_100k = static_cast<double>(st.residents.size()) / 1e5;
  for (int f = 1; f < kSiloCount; ++f) {
    A.agency_of_field[f] = static_cast<std::int32_t>(A.info.size());
    add_agency(st, std::string(kFieldNames[f]), static_cast<Field>(f), -1, P.staff_per_100k[f] * per_100k,
               P.cases_per_worker[f]);
  }
  const auto households = static_cast<double>(st.households.size());
  st.totals.commissioners = std::max<std::int64_t>(
      1, std::llround(std::ceil(households / ctx.scenario.commissioners.households_per_commissioner)));
}

}  // namespace kyosei
