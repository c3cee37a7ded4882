// Agencies (docs/ODD.md §2): a community comprehensive support centre team per district, sized by
// its residents 65+, municipality-wide disability, child and poverty agencies sized by
// population, and the outreach team when outreach is used; welfare commissioners by households.
#include <cmath>
#include <string>

#include "model/construction.hpp"
#include "model/context.hpp"
#include "model/phases/service.hpp"

namespace kyosei {
namespace {

void add_agency(State& st, std::string name, Field field, std::int32_t district) {
  AgencyState& A = st.agencies;
  A.info.push_back({std::move(name), field, district, 0.0, 0});
  A.caseload.push_back(0);
  A.monitoring.push_back(0);
  A.queue.emplace_back();
}

}  // namespace

void build_agencies(const Context& ctx, State& st, bool with_outreach) {
  AgencyState& A = st.agencies;
  A.district_elderly.assign(st.districts, 0.0);
  for (std::size_t r = 0; r < st.residents.size(); ++r)
    if (st.residents.age(r, st.today) >= 65)
      A.district_elderly[st.block_district[st.households.block[st.residents.household[r]]]] += 1;
  for (std::int32_t d = 0; d < st.districts; ++d) {
    A.elderly_centre_of_district.push_back(static_cast<std::int32_t>(A.info.size()));
    add_agency(st, "elderly_d" + std::to_string(d), Field::elderly, d);
  }
  A.agency_of_field[0] = A.elderly_centre_of_district[0];
  for (int f = 1; f < kSiloCount; ++f) {
    A.agency_of_field[f] = static_cast<std::int32_t>(A.info.size());
    add_agency(st, std::string(kFieldNames[f]), static_cast<Field>(f), -1);
  }
  if (with_outreach) {
    A.outreach = static_cast<std::int32_t>(A.info.size());
    add_agency(st, "outreach", Field::gap, -1);
  }
  const auto households = static_cast<double>(st.households.size());
  st.totals.commissioners = std::max<std::int64_t>(
      1, std::llround(std::ceil(households / ctx.scenario.commissioners.households_per_commissioner)));
  size_agencies(ctx, st);
}

void size_agencies(const Context& ctx, State& st) {
  const Scenario& s = ctx.scenario;
  AgencyState& A = st.agencies;
  // Staffed for the population at the start, like the centres (district_elderly) and the grant:
  // residents.size() would also count those born and died since.
  const double per_100k = static_cast<double>(st.initial_residents) / 1e5;
  for (std::size_t a = 0; a < A.info.size(); ++a) {
    AgencyInfo& info = A.info[a];
    double cases_per_worker = 0;
    if (static_cast<std::int32_t>(a) == A.outreach) {
      info.staff = s.outreach.workers;
      cases_per_worker = s.outreach.cases_per_worker;
    } else if (info.field == Field::elderly) {
      const double centres =
          std::max(1.0, std::round(A.district_elderly[info.district] / s.agencies.elderly_per_centre));
      info.staff = centres * s.agencies.staff_per_centre;
      cases_per_worker = s.agencies.cases_per_worker[0];
    } else {
      const int f = static_cast<int>(info.field);
      info.staff = s.agencies.staff_per_100k[f] * per_100k;
      cases_per_worker = s.agencies.cases_per_worker[f];
    }
    // Every silo agency keeps at least one case open; an outreach team without staff takes none.
    const std::int64_t floor = static_cast<std::int32_t>(a) == A.outreach ? 0 : 1;
    info.capacity = std::max<std::int64_t>(floor, std::llround(info.staff * cases_per_worker));
    admit_from_queue(ctx, st, static_cast<std::int32_t>(a));
  }
}

}  // namespace kyosei
