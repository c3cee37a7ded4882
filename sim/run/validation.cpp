// Calibration targets and their statistics (validation.hpp). A run is stepped day by day so that
// the population can be counted at the first recorded day and once a recorded year; the
// statistics are ratios of those counts, means of them over the years, or totals of the results.
#include "kyosei/run/validation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "kyosei/engine/errors.hpp"
#include "kyosei/run/simulation.hpp"
#include "kyosei/model/state.hpp"
#include "model/households.hpp"

namespace kyosei {
namespace {

// Counts of the living population on one day.
struct Snapshot {
  double residents = 0, age_0_14 = 0, age_15_64 = 0, age_65 = 0, age_75 = 0;
  double households = 0, single_households = 0;
  // Households of 2+ members by their current type (household_type).
  std::array<double, kHouseholdTypeCount> households_by_type{};
  double men_65 = 0, women_65 = 0, men_65_alone = 0, women_65_alone = 0;
  double residents_15_39 = 0, residents_40_64 = 0;
  double withdrawn_15_39 = 0, withdrawn_40_64 = 0, withdrawn_40_64_male = 0;
  double withdrawn = 0, withdrawn_3_years = 0;
  bool spells_known = false;  // the day is 3+ years after the start, so a 3-year spell is visible
  double care_65 = 0, in_care_65 = 0;
  double commissioners = 0, centre_staff = 0;
};

}  // namespace

struct RunObservations {
  Snapshot start;                // first recorded day (the end of the burn-in)
  std::vector<Snapshot> yearly;  // recorded days 0, 365, 730, ... within the horizon
  double poverty_detected_per_100k_month = 0;
  double mean_isolation_residents = 0;
};

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr Day kYear = 365;
constexpr double kDaysPerMonth = kDaysPerYear / 12;

double ratio(double part, double whole) { return whole > 0 ? part / whole : kNaN; }

Snapshot count(const State& st) {
  const Residents& R = st.residents;
  const Households& H = st.households;
  Snapshot s;
  const Day three_years = static_cast<Day>(std::ceil(3 * kDaysPerYear));
  s.spells_known = st.today >= three_years;
  for (std::size_t r = 0; r < R.size(); ++r) {
    if (!R.alive(r)) {
      // Residents in residential care count in the census's population and its 65+ (not alone).
      if (R.departure[r] != static_cast<std::uint8_t>(Departure::in_care)) continue;
      const double age = R.age(r, st.today);
      s.residents += 1;
      s.age_65 += age >= 65;
      s.age_75 += age >= 75;
      if (age >= 65) {
        (R.female[r] ? s.women_65 : s.men_65) += 1;
        s.care_65 += R.has(r, kCare);
        s.in_care_65 += 1;
      }
      continue;
    }
    const double age = R.age(r, st.today);
    const bool withdrawn = R.has(r, kWithdrawn);
    s.residents += 1;
    s.age_0_14 += age < 15;
    s.age_15_64 += age >= 15 && age < 65;
    s.age_65 += age >= 65;
    s.age_75 += age >= 75;
    if (age >= 15 && age < 40) {
      s.residents_15_39 += 1;
      s.withdrawn_15_39 += withdrawn;
    } else if (age >= 40 && age < 65) {
      s.residents_40_64 += 1;
      s.withdrawn_40_64 += withdrawn;
      s.withdrawn_40_64_male += withdrawn && !R.female[r];
    }
    if (withdrawn) {
      s.withdrawn += 1;
      const std::int32_t e = open_episode_of(st, static_cast<std::int32_t>(r), NeedKind::withdrawal);
      s.withdrawn_3_years += e >= 0 && st.today - st.episodes.onset[e] >= three_years;
    }
    if (age >= 65) {
      const bool alone = H.members[R.household[r]] == 1;
      (R.female[r] ? s.women_65 : s.men_65) += 1;
      (R.female[r] ? s.women_65_alone : s.men_65_alone) += alone;
      s.care_65 += R.has(r, kCare);
    }
  }
  for (std::size_t h = 0; h < H.size(); ++h) {
    if (H.members[h] == 0) continue;
    s.households += 1;
    s.single_households += H.members[h] == 1;
    if (H.members[h] >= 2)
      s.households_by_type[static_cast<int>(household_type(st, static_cast<std::int32_t>(h)))] += 1;
  }
  s.commissioners = static_cast<double>(st.totals.commissioners);
  for (const AgencyInfo& a : st.agencies.info)
    if (a.field == Field::elderly) s.centre_staff += a.staff;
  return s;
}

// Mean of a snapshot statistic over the recorded years, skipping years where it is unknown.
template <class F>
double run_mean(const RunObservations& o, F statistic) {
  double sum = 0, n = 0;
  for (const Snapshot& s : o.yearly) {
    const double v = statistic(s);
    if (std::isfinite(v)) {
      sum += v;
      n += 1;
    }
  }
  return n > 0 ? sum / n : kNaN;
}

double share_of_type(const Snapshot& s, std::initializer_list<HouseholdType> types) {
  double n = 0;
  for (HouseholdType t : types) n += s.households_by_type[static_cast<int>(t)];
  return ratio(n, s.households);
}

double withdrawn_15_39(const Snapshot& s) { return ratio(s.withdrawn_15_39, s.residents_15_39); }
double withdrawn_40_64(const Snapshot& s) { return ratio(s.withdrawn_40_64, s.residents_40_64); }
double withdrawn_40_64_male(const Snapshot& s) { return ratio(s.withdrawn_40_64_male, s.withdrawn_40_64); }
double withdrawn_3_years(const Snapshot& s) { return s.spells_known ? ratio(s.withdrawn_3_years, s.withdrawn) : kNaN; }
double men_65_alone(const Snapshot& s) { return ratio(s.men_65_alone, s.men_65); }
double women_65_alone(const Snapshot& s) { return ratio(s.women_65_alone, s.women_65); }
double care_65(const Snapshot& s) { return ratio(s.care_65, s.age_65); }
double in_care_65(const Snapshot& s) { return ratio(s.in_care_65, s.age_65); }
double age_65(const Snapshot& s) { return ratio(s.age_65, s.residents); }

// The 2022 Comprehensive Survey of Living Conditions counts 32.9% single households where the
// 2020 census counts 38.0%: its other shares are rescaled to the census's non-single 62.0%.
constexpr double kSurveyToCensus = (1 - 0.380) / (1 - 0.329);

constexpr char kCensus[] = "2020 census";
constexpr char kSurvey[] =
    "2022 Comprehensive Survey of Living Conditions, rescaled to the census's 38.0% single households";
constexpr char kHikikomori[] = "Cabinet Office surveys 2018 and 2022";
const CalibrationTarget kTargets[] = {
    {"age_0_14", "Share of residents aged 0-14", 0.119, 0.119, 0.015, "share", kCensus,
     "alive residents aged under 15 over alive residents, at the first recorded day",
     [](const RunObservations& o) { return ratio(o.start.age_0_14, o.start.residents); }},
    {"age_15_64", "Share of residents aged 15-64", 0.595, 0.595, 0.015, "share", kCensus,
     "alive residents aged 15-64 over alive residents, at the first recorded day",
     [](const RunObservations& o) { return ratio(o.start.age_15_64, o.start.residents); }},
    {"age_65_plus", "Share of residents aged 65+", 0.286, 0.286, 0.015, "share", kCensus,
     "alive residents aged 65+ over alive residents, at the first recorded day",
     [](const RunObservations& o) { return age_65(o.start); }},
    {"age_75_plus", "Share of residents aged 75+", 0.147, 0.147, 0.015, "share", kCensus,
     "alive residents aged 75+ over alive residents, at the first recorded day",
     [](const RunObservations& o) { return ratio(o.start.age_75, o.start.residents); }},
    {"age_65_plus_mean", "Share of residents aged 65+, over the recorded years", 0.286, 0.286, 0.03, "share",
     "2020 census (the real share rises by about 0.3 points a year)",
     "mean over yearly snapshots of the recorded period (a closed population: no migration)",
     [](const RunObservations& o) { return run_mean(o, age_65); }},
    {"single_households", "Share of one-person households", 0.380, 0.380, 0.01, "share", kCensus,
     "households with one alive member over non-empty households, at the first recorded day",
     [](const RunObservations& o) { return ratio(o.start.single_households, o.start.households); }},
    {"mean_household_size", "Mean household size", 2.27, 2.27, 0.12, "person", kCensus,
     "alive residents over non-empty households, at the first recorded day",
     [](const RunObservations& o) { return ratio(o.start.residents, o.start.households); }},
    {"couple_households", "Share of couple-only households", 0.245 * kSurveyToCensus, 0.245 * kSurveyToCensus, 0.01,
     "share", kSurvey,
     "households of 2+ members that are a couple now (household_type), over non-empty households, at the first "
     "recorded day",
     [](const RunObservations& o) { return share_of_type(o.start, {HouseholdType::couple}); }},
    {"households_with_children",
     "Share of households of parent(s) with unmarried children (couple 25.8% + single parent 6.8%)",
     (0.258 + 0.068) * kSurveyToCensus, (0.258 + 0.068) * kSurveyToCensus, 0.01, "share", kSurvey,
     "households of 2+ members that are now a couple with children, single parent or parent 65+ with an adult "
     "child, over non-empty households, at the first recorded day",
     [](const RunObservations& o) {
       return share_of_type(
           o.start, {HouseholdType::couple_children, HouseholdType::single_parent, HouseholdType::parent_adult_child});
     }},
    {"three_generation_households", "Share of three-generation households", 0.038 * kSurveyToCensus,
     0.038 * kSurveyToCensus, 0.01, "share", kSurvey,
     "households of 2+ members of three generations now, over non-empty households, at the first recorded day",
     [](const RunObservations& o) { return share_of_type(o.start, {HouseholdType::three_generation}); }},
    {"other_households", "Share of other households", 0.062 * kSurveyToCensus, 0.062 * kSurveyToCensus, 0.01, "share",
     kSurvey, "households of 2+ members that are other now, over non-empty households, at the first recorded day",
     [](const RunObservations& o) { return share_of_type(o.start, {HouseholdType::other}); }},
    {"men_65_alone", "Share of men 65+ living alone", 0.150, 0.150, 0.04, "share", kCensus,
     "men 65+ in a one-member household over men 65+, mean over yearly snapshots (widowhood moves it)",
     [](const RunObservations& o) { return run_mean(o, men_65_alone); }},
    {"women_65_alone", "Share of women 65+ living alone", 0.221, 0.221, 0.04, "share", kCensus,
     "women 65+ in a one-member household over women 65+, mean over yearly snapshots",
     [](const RunObservations& o) { return run_mean(o, women_65_alone); }},
    {"withdrawn_15_39", "Hikikomori (withdrawn 6+ months), ages 15-39", 0.0205, 0.0205, 0.004, "share", kHikikomori,
     "withdrawn residents aged 15-39 over residents 15-39, mean over yearly snapshots",
     [](const RunObservations& o) { return run_mean(o, withdrawn_15_39); }},
    {"withdrawn_40_64", "Hikikomori, ages 40-64", 0.0202, 0.0202, 0.004, "share", kHikikomori,
     "withdrawn residents aged 40-64 over residents 40-64, mean over yearly snapshots",
     [](const RunObservations& o) { return run_mean(o, withdrawn_40_64); }},
    {"withdrawn_40_64_male", "Share of men among hikikomori aged 40-64", 0.766, 0.766, 0.08, "share",
     "Cabinet Office survey 2018", "withdrawn men 40-64 over withdrawn residents 40-64, mean over yearly snapshots",
     [](const RunObservations& o) { return run_mean(o, withdrawn_40_64_male); }},
    {"withdrawn_3_years", "Share of hikikomori withdrawn for 3+ years", 0.5, 0.5, 0.1, "share", kHikikomori,
     "withdrawn residents whose current spell began 3+ years before, over withdrawn residents, mean over "
     "yearly snapshots at least 3 years after the start of the burn-in",
     [](const RunObservations& o) { return run_mean(o, withdrawn_3_years); }},
    {"care_65", "Certified long-term care need, ages 65+", 0.19, 0.19, 0.02, "share",
     "long-term care insurance statistics (approximate)",
     "residents 65+ with a care need (any level) over residents 65+, mean over yearly snapshots",
     [](const RunObservations& o) { return run_mean(o, care_65); }},
    {"in_care_65", "Residents 65+ in residential care (施設入所)", 0.051, 0.051, 0.01, "share",
     "Long-term Care Insurance Status Report 2020 (about 1.85 million in facilities and residential homes); "
     "census 2020 (36.0 million aged 65+)",
     "residents 65+ in residential care over residents 65+ (in care or at home), mean over yearly snapshots",
     [](const RunObservations& o) { return run_mean(o, in_care_65); }},
    {"often_lonely", "Often or always lonely, adults", 0.043, 0.049, 0.01, "share",
     "national loneliness surveys 2021-2024",
     "proxy: residents 15+ with no active tie outside their household (isolation_residents), mean over "
     "the recorded days; the model has no feeling of loneliness, only missing ties",
     [](const RunObservations& o) { return o.mean_isolation_residents; }},
    {"poverty_consultations", "New self-reliance consultations, silo regime", 14.5, 14.7, 1.5, "per 100k per month",
     "self-reliance support statistics FY2015-16",
     "poverty-field needs accepted by an agency (detected, any channel) in the recorded period, per "
     "100,000 residents (mean of the residents series) per month",
     [](const RunObservations& o) { return o.poverty_detected_per_100k_month; }},
    {"households_per_commissioner", "Households per welfare commissioner", 55.7e6 / 225000, 55.7e6 / 225000, 10,
     "household", "about 225,000 commissioners for about 55.7 million households (2022)",
     "non-empty households over commissioners, at the first recorded day",
     [](const RunObservations& o) { return ratio(o.start.households, o.start.commissioners); }},
    {"residents_65_per_centre", "Residents 65+ per community comprehensive support centre", 3000, 6000, 0, "person",
     "1 centre per 3,000-6,000 residents 65+ (2023)",
     "residents 65+ over centre-equivalents (centre professionals / 3), at the first recorded day",
     [](const RunObservations& o) { return ratio(o.start.age_65, o.start.centre_staff / 3); }},
    {"centre_professionals_per_1000_65", "Centre professionals per 1,000 residents 65+", 0.5, 1.0, 0, "FTE",
     "3 professionals per centre, 1 centre per 3,000-6,000 residents 65+ (2023)",
     "staff of the elderly (centre) agencies per 1,000 residents 65+, at the first recorded day",
     [](const RunObservations& o) { return ratio(1000 * o.start.centre_staff, o.start.age_65); }},
};

double quantile(std::vector<double> values, double q) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
  if (values.empty()) return kNaN;
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (position - static_cast<double>(below)) * (values[above] - values[below]);
}

RunObservations observe(const Scenario& scenario, std::uint64_t seed, std::uint32_t replicate, int threads) {
  Simulation sim(scenario, RunOptions{seed, replicate, threads});
  const State& st = sim.state();
  RunObservations o;
  while (!sim.finished()) {
    const Day recorded = st.today - st.burn_in;
    if (recorded >= 0 && recorded % kYear == 0) o.yearly.push_back(count(st));
    sim.step();
  }
  if (o.yearly.empty()) throw UsageError("validation needs at least one recorded day (run.horizon_days >= 1)");
  o.start = o.yearly.front();
  const Results results = sim.results();
  const auto horizon = static_cast<std::int32_t>(results.series.day.size());
  double detected = 0;
  for (std::size_t e = 0; e < results.episodes.size(); ++e)
    detected += results.episodes.field[e] == static_cast<std::uint8_t>(Field::poverty) &&
                results.episodes.detected_day[e] >= 0 && results.episodes.detected_day[e] < horizon;
  double residents = 0;
  for (std::int64_t n : results.series.residents) residents += static_cast<double>(n);
  residents /= horizon;
  o.poverty_detected_per_100k_month = ratio(detected * 1e5 / residents, horizon / kDaysPerMonth);
  o.mean_isolation_residents = results.summary.mean_isolation_residents;
  return o;
}

}  // namespace

std::span<const CalibrationTarget> calibration_targets() { return kTargets; }

std::vector<double> calibration_statistics(const Scenario& scenario, std::uint64_t seed, std::uint32_t replicate,
                                           int threads) {
  const RunObservations o = observe(scenario, seed, replicate, threads);
  std::vector<double> values;
  for (const CalibrationTarget& t : kTargets) values.push_back(t.statistic(o));
  return values;
}

int ValidationReport::failures() const {
  return static_cast<int>(std::count_if(checks.begin(), checks.end(), [](const TargetCheck& c) { return !c.pass; }));
}

int ValidationReport::unexpected_failures() const {
  return static_cast<int>(std::count_if(checks.begin(), checks.end(),
                                        [](const TargetCheck& c) { return !c.pass && c.target->known_gap.empty(); }));
}

ValidationReport validate_model(const Scenario& scenario, std::uint64_t seed, int replicates, int threads,
                                const std::function<void(int, int)>& progress) {
  if (replicates < 1) throw UsageError("validation needs at least one replicate");
  ValidationReport report;
  report.seed = seed;
  report.replicates = replicates;
  for (const CalibrationTarget& t : kTargets) report.checks.push_back({&t, {}, kNaN, kNaN, kNaN, false});
  for (int r = 0; r < replicates; ++r) {
    const std::vector<double> values = calibration_statistics(scenario, seed, static_cast<std::uint32_t>(r), threads);
    for (std::size_t i = 0; i < values.size(); ++i) report.checks[i].values.push_back(values[i]);
    if (progress) progress(r + 1, replicates);
  }
  for (TargetCheck& c : report.checks) {
    c.median = quantile(c.values, 0.5);
    c.p10 = quantile(c.values, 0.1);
    c.p90 = quantile(c.values, 0.9);
    c.pass = std::isfinite(c.median) && c.median >= c.target->low - c.target->tolerance &&
             c.median <= c.target->high + c.target->tolerance;
  }
  return report;
}

}  // namespace kyosei
