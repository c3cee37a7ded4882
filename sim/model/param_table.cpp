// The parameter table: the single definition of every scenario parameter (see params.hpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <type_traits>

#include "kyosei/model/params.hpp"

namespace kyosei {
namespace {

constexpr std::string_view kIntakeModes[] = {"silo", "integrated"};
constexpr std::string_view kHandOffs[] = {"cold", "warm"};
constexpr std::string_view kTargetings[] = {"none", "random", "risk", "lists"};
constexpr std::string_view kCollaborationModes[] = {"off", "hub", "distributed"};
// The jūsō grant's base amounts (基準額) for the new functions, by the municipality's population.
constexpr const char* kGrantBaseSource =
    "Jūsō grant (重層的支援体制整備事業交付金) base amount by municipal population, FY2021 (the Kyushu Regional Bureau "
    "of Health and Welfare's 2021 briefing on the jūsō project; docs/ODD.md §7, Recording and costs)";
constexpr double kMaxCount = 9007199254740992.0;  // 2^53: integers stay exact in a double

// One entry. `member` is an expression on `s`, e.g. `intake.cold_arrival`.
#define KY_PARAM(path, member, type, def, lo, hi, unit, meaning, source)                                       \
  ParamSpec {                                                                                                  \
    path, ParamType::type, def, lo, hi, {}, unit, meaning, source,                                             \
        [](Scenario& s, double v) { s.member = static_cast<std::remove_reference_t<decltype(s.member)>>(v); }, \
        [](const Scenario& s) { return static_cast<double>(s.member); }                                        \
  }
#define KY_CHOICE(path, member, def, names, meaning, source)                                                   \
  ParamSpec {                                                                                                  \
    path, ParamType::choice, def, 0, static_cast<double>(std::size(names) - 1), names, "-", meaning, source,   \
        [](Scenario& s, double v) { s.member = static_cast<std::remove_reference_t<decltype(s.member)>>(v); }, \
        [](const Scenario& s) { return static_cast<double>(s.member); }                                        \
  }
// Five entries, one per field, "prefix.elderly" ... "prefix.gap".
#define KY_PER_FIELD(prefix, member, d0, d1, d2, d3, d4, lo, hi, unit, meaning, source)   \
  KY_PARAM(prefix ".elderly", member[0], real, d0, lo, hi, unit, meaning, source),        \
      KY_PARAM(prefix ".disability", member[1], real, d1, lo, hi, unit, meaning, source), \
      KY_PARAM(prefix ".child", member[2], real, d2, lo, hi, unit, meaning, source),      \
      KY_PARAM(prefix ".poverty", member[3], real, d3, lo, hi, unit, meaning, source),    \
      KY_PARAM(prefix ".gap", member[4], real, d4, lo, hi, unit, meaning, source)

const std::vector<ParamSpec>& table() {
  static const std::vector<ParamSpec> specs = {
      // --- run -----------------------------------------------------------------------------
      KY_PARAM("run.horizon_days", run.horizon_days, integer, 3650, 1, 36500, "day",
               "Days simulated and recorded after the burn-in",
               "Design choice: ten recorded years, long enough for an adoption year and its effects on "
               "right-censored detection times to show (docs/ODD.md §2, Scales)"),
      KY_PARAM("run.burn_in_days", run.burn_in_days, integer, 730, 0, 36500, "day",
               "Days simulated under the silo regime before recording starts, so that "
               "prevalences and caseloads settle",
               "Design choice: two years under the silo regime let prevalences, caseloads and queues "
               "settle; the census targets hold at its end (docs/calibration.md, docs/ODD.md §3, The run)"),
      KY_PARAM("run.seed", run.seed, integer, 1, 0, kMaxCount, "-",
               "Seed of the counter-based random numbers (the CLI's --seed overrides it)",
               "Reason: a fixed default makes runs reproducible; never taken from the clock"),

      // --- population ----------------------------------------------------------------------
      KY_PARAM("population.residents", population.residents, integer, 100000, 10, 2.0e8, "person",
               "Residents at the start of the run",
               "Design choice: a mid-sized city, large enough for several districts and every agency, "
               "small enough for a run in seconds (docs/ODD.md §2, Scales)"),
      KY_PARAM("population.district_residents", population.district_residents, integer, 20000, 100, 1.0e7, "person",
               "Target size of a district (daily-life area, 日常生活圏域)",
               "Daily-life areas (日常生活圏域) are set by the long-term care insurance plans at about a "
               "junior-high-school zone (MHLW, 地域包括ケアシステム); about 10,000 junior high schools for "
               "126 million people give about 12,000 each, more in cities; assumption: 20,000 "
               "(docs/ODD.md §2, Scales)"),
      KY_PARAM("population.block_households", population.block_households, integer, 150, 5, 1000, "household",
               "Households per block (neighbourhood association, 自治会)",
               "Assumption: neighbourhood associations (自治会・町内会) range from a few dozen to several "
               "hundred households; about 300,000 of them (MIC survey of 地縁による団体) for about 55 "
               "million households (census 2020) average under 200 (docs/ODD.md §2, Scales)"),
      KY_PARAM("population.households.single", population.household_shares[0], real, 0.383, 0, 1, "share",
               "Share of households of one person when the population is drawn",
               "2020 census: 38.0% single-person households at the first recorded day; drawn a little "
               "lower because two years of burn-in widowhood add more of them than moves in with a child "
               "take, and 0.4 points lower to give them to couples with children (docs/calibration.md "
               "\"Stationarity\"); 0.383 (from 0.375) since a couple is read from its partner links, so that single "
               "households at the first recorded day meet the census (docs/calibration.md \"Couples read from partner "
               "links\"))"),
      KY_PARAM("population.households.couple", population.household_shares[1], real, 0.2359, 0, 1, "share",
               "Share of households of a couple only",
               "2022 Comprehensive Survey of Living Conditions (CSLC): 24.5% of its households, "
               "rescaled so the non-single types fill the 63.5% left by population.households.single, "
               "plus 0.6 points that burn-in widowhood takes back, less 0.8 points given to "
               "parent_adult_child, and 0.2 points that separation and "
               "moves in with a child take from couples with children in the burn-in; with partners kept "
               "(2026-12-07) it takes the points the other types gave so that each holds in a stationary "
               "municipality (docs/calibration.md \"Stationarity\"); 0.2359 (from 0.2429) once a couple is read from "
               "its partner links and no longer from two unpartnered adults of one generation (docs/calibration.md "
               "\"Couples read from partner links\")"),
      KY_PARAM("population.households.couple_children", population.household_shares[2], real, 0.1509, 0, 1, "share",
               "Share of households of a couple with children (children of any age, parents "
               "under 65)",
               "CSLC 2022 couple with unmarried children 25.8%, rescaled, less the households "
               "of older parents counted in parent_adult_child, less the 1.0 points given to couple, plus 0.4 "
               "points from single: the burn-in's children leaving home, separations, births that read as "
               "three generations and parents moving in take them, less 0.4 points since partners are kept "
               "(2026-12-07: the share that holds in a stationary municipality; docs/calibration.md "
               "\"Stationarity\")"),
      KY_PARAM("population.households.single_parent", population.household_shares[3], real, 0.0491, 0, 1, "share",
               "Share of households of one parent (under 65) with children",
               "CSLC 2022 single parent with unmarried children 6.8%, rescaled, less older "
               "parents; 0.0491 (from 0.0471) so that single parents hold in a stationary municipality once "
               "fewer parents move in with a child's family (docs/calibration.md \"Couples read from partner links\")"),
      KY_PARAM("population.households.parent_adult_child", population.household_shares[4], real, 0.0973, 0, 1, "share",
               "Share of households of one or two parents aged 65+ with an unmarried adult child",
               "CSLC 2022: 20.1% of households with a member 65+ (50.6% of all) are a parent "
               "with unmarried children; rescaled to the census, plus 2.1 points that the burn-in's "
               "deaths, care entries and moves take more than moves in with a child add (0.8 of them "
               "since 2026-12-07, for households_with_children and age_65_plus at the first recorded day), "
               "less 0.6 points since a couple living with a parent reads as other (2026-12-07) "
               "(docs/calibration.md \"Stationarity\")"),
      KY_PARAM("population.households.three_generation", population.household_shares[5], real, 0.0358, 0, 1, "share",
               "Share of three-generation households", "CSLC 2022: 3.8%, rescaled"),
      KY_PARAM("population.households.other", population.household_shares[6], real, 0.048, 0, 1, "share",
               "Share of other households (siblings, relatives, unrelated adults)",
               "CSLC 2022: 6.2% (couples living with a parent included, population.other_couple_parent_share), "
               "rescaled, less the points that the burn-in's moves into shared households and in with a sibling "
               "add; 5.1% since partners are kept (2026-12-07), which hold in a stationary municipality "
               "(life_course.share_home, join_sibling_share; docs/calibration.md \"Stationarity\"); 4.8% once two "
               "unpartnered adults of one generation read as other (docs/calibration.md \"Couples read from partner "
               "links\")"),
      KY_PARAM("population.other_couple_parent_share", population.other_couple_parent_share, real, 0.25, 0, 1, "share",
               "Share of the other households at generation that are a couple living with one or two parents "
               "(aged 65-92, both with probability 0.3; the couple 25-35 years younger), the rest siblings or "
               "unrelated adults",
               "2020 census (国勢調査 世帯の家族類型): couples living with both parents (夫婦と両親) or one "
               "(夫婦とひとり親) are about 1.4% of households, a quarter of the other households' 6.2% (CSLC, "
               "population.households.other). Without them at the start, the moves that form them (a "
               "partnership in the parental home, a parent joining a child's couple) raised other households "
               "by a fifth in 30 years in a stationary municipality (docs/calibration.md \"Stationarity\")"),
      KY_PARAM("population.elderly_single_female_share", population.elderly_single_female_share, real, 0.66, 0, 1,
               "share", "Share of women among residents 65+ living alone",
               "2020 census: 2.31 million men and 4.41 million women aged 65+ live alone"),
      KY_PARAM("population.help_seeking_shape", population.help_seeking_shape, real, 2.0, 0.1, 100, "-",
               "Gamma shape of the help-seeking propensity (mean 1); smaller is more unequal",
               "Assumption: moderate heterogeneity (coefficient of variation 0.71); no survey "
               "measures it directly"),
      KY_PARAM("population.sociability_shape", population.sociability_shape, real, 2.85, 0.1, 100, "-",
               "Gamma shape of sociability (mean 1), which scales a resident's ties",
               "calibrated to the 4.3-4.9% often or always lonely (national loneliness surveys "
               "2021-2024), read as residents 15+ with no active outside tie: by scripts/calibrate.py "
               "(2026-11-26) on the fixed tie graph, refitted by hand (2026-12-07, kyosei "
               "validate-model, 25,000 residents, 4 replicates: 4.7% over 10 recorded years) once "
               "ties form and end (docs/calibration.md)"),

      // --- demography ------------------------------------------------------------------------
      KY_PARAM("demography.care_mortality_ratio", demography.care_mortality_ratio, real, 2.75, 1, 10, "ratio",
               "Death hazard of a resident with a care need relative to one of the "
               "same age and sex without (the life table's average is kept: sim/model/mortality.cpp)",
               "Assumption: life expectancy at 75 (12.54 years, men, complete life table 2020) "
               "over the average duration of care (4 years 7 months, Japan Institute of Life "
               "Insurance, national survey on life protection 2021) is 2.74, read as the ratio of "
               "constant hazards; plausible range 2-4"),
      KY_PARAM("demography.unserved_care_mortality_ratio", demography.unserved_care_mortality_ratio, real, 1.3, 1, 5,
               "ratio",
               "Further factor on the death hazard while a care need is open and no agency serves "
               "or monitors it",
               "Assumption: untreated decline, malnutrition and missed medical care; no Japanese "
               "cohort measures it; plausible range 1-2"),
      KY_PARAM("demography.isolation_mortality_ratio", demography.isolation_mortality_ratio, real, 1.29, 1, 5, "ratio",
               "Death hazard of a resident of isolation age with no active tie outside the "
               "household, relative to one with ties",
               "Holt-Lunstad et al. 2015 (Perspectives on Psychological Science 10:227), meta-"
               "analysis: odds ratio 1.29 of mortality for social isolation (1.26 loneliness, 1.32 "
               "living alone)"),
      KY_PARAM("demography.midlife_isolated_men_mortality_ratio", demography.midlife_isolated_men_mortality_ratio, real,
               2.0, 1, 10, "ratio",
               "Further factor on the death hazard of a man aged 40-64 who lives alone and is "
               "isolated or withdrawn (suicide, alcohol, untreated illness)",
               "Assumption of the order of the excess all-cause mortality of unmarried and "
               "solitary middle-aged Japanese men in cohort studies (e.g. the JACC study, Ikeda "
               "et al. 2007, BMC Public Health 7:73); plausible range 1.5-3. Validation, not "
               "calibration: the share of solitary deaths under 65 (National Police Agency 2024, "
               "23.6%) is compared in docs/calibration.md"),
      KY_PARAM("demography.birth_rate", demography.birth_rate, real, 0.075, 0, 1, "1/year",
               "Births per year to a couple household with a woman aged 20-44",
               "About 0.8 million births (2022) over about 11 million married women aged 20-44; "
               "by age, times demography.birth_age_factor"),
      KY_PARAM("demography.birth_age_factor.20_24", demography.birth_age_factor[0], real, 3.2, 0, 20, "-",
               "Multiplier of demography.birth_rate for a woman aged 20-24 (marital fertility by age over "
               "its mean)",
               "Vital Statistics 2020 (人口動態統計) births by the mother's age (20-24: 67,000; 25-29: "
               "218,000; 30-34: 303,000; 35-39: 196,000; 40-44: 48,000) over married women by age "
               "(国勢調査 2020 配偶関係: about 0.21, 0.96, 1.85, 2.40 and 2.88 million): about 0.32, "
               "0.23, 0.16, 0.082 and 0.017 births a year, over their mean 0.10. A flat rate gave women "
               "40-44 four times their births, many read as three generations (docs/calibration.md "
               "\"Stationarity\")"),
      KY_PARAM("demography.birth_age_factor.25_29", demography.birth_age_factor[1], real, 2.3, 0, 20, "-",
               "Multiplier of demography.birth_rate for a woman aged 25-29", "As birth_age_factor.20_24"),
      KY_PARAM("demography.birth_age_factor.30_34", demography.birth_age_factor[2], real, 1.6, 0, 20, "-",
               "Multiplier of demography.birth_rate for a woman aged 30-34", "As birth_age_factor.20_24"),
      KY_PARAM("demography.birth_age_factor.35_39", demography.birth_age_factor[3], real, 0.82, 0, 20, "-",
               "Multiplier of demography.birth_rate for a woman aged 35-39", "As birth_age_factor.20_24"),
      KY_PARAM("demography.birth_age_factor.40_44", demography.birth_age_factor[4], real, 0.17, 0, 20, "-",
               "Multiplier of demography.birth_rate for a woman aged 40-44", "As birth_age_factor.20_24"),
      KY_PARAM("demography.unpartnered_birth_factor", demography.unpartnered_birth_factor, real, 0.024, 0, 1, "-",
               "Multiplier of demography.birth_rate (by age, as birth_age_factor) for a woman 20-44 without a "
               "partner who lives alone or with her parents: a birth outside a partnership. Living alone she "
               "becomes a single parent; with her parents, the child joins their household",
               "Vital Statistics 2020 (人口動態統計): births outside marriage (嫡出でない子) about 2.4% of 0.84 "
               "million births, about 20,000, over about 8.7 million women 20-44 without a spouse (国勢調査 2020 "
               "配偶関係: about 17 million women 20-44, 8.3 million married): about 0.0023 a year, against "
               "about 0.097 for married women (demography.birth_age_factor's sources), a ratio of 0.024"),
      KY_PARAM("demography.bereavement_notice", demography.bereavement_notice, real, 0.1, 0, 1, "share",
               "Chance that the death of a pensioner on whose pension a withdrawn member "
               "lived brings that member's loss of income to an agency at once (death "
               "registration, the pension stopping, the funeral's contacts)",
               "Assumption, plausible range 0-0.3: the death registration and the pension's end "
               "reach the municipal citizen desk and the Japan Pension Service, which do not "
               "routinely refer to welfare"),

      // --- life course ----------------------------------------------------------------------
      KY_PARAM("life_course.leave_home_min_age", life_course.leave_home_min_age, real, 18, 0, 40, "year",
               "Age from which children leave the parental home (study, work)",
               "End of upper secondary school: the first departures for university and work "
               "(IPSS Household Changes Survey, 世帯動態調査)"),
      KY_PARAM("life_course.leave_home_rate.male", life_course.leave_home_rate[0], real, 0.08, 0, 2, "1/year",
               "Hazard of leaving the parental home for study or work, men who will "
               "leave (partnership adds its own hazard)",
               "Calibrated with life_course.stay_share and partnership_rate so that the unmarried "
               "living with parents approach the census shares (Statistical Research and Training "
               "Institute, 親と同居の未婚者の最近の状況: most leave between 18 and 30; about 16% of "
               "those aged 35-44 still live with parents, men more than women; docs/calibration.md)"),
      KY_PARAM("life_course.leave_home_rate.female", life_course.leave_home_rate[1], real, 0.09, 0, 2, "1/year",
               "Hazard of leaving the parental home for study or work, women who "
               "will leave",
               "As leave_home_rate.male"),
      KY_PARAM("life_course.stay_share.male", life_course.stay_share[0], real, 0.20, 0, 1, "share",
               "Share of sons who never leave the parental home nor partner (親と同居の未婚者)",
               "Census 2015/2020 via the Statistical Research and Training Institute's series "
               "親と同居の未婚者: about a fifth of men aged 35-44 are unmarried and live with parents"),
      KY_PARAM("life_course.stay_share.female", life_course.stay_share[1], real, 0.13, 0, 1, "share",
               "Share of daughters who never leave the parental home nor partner",
               "As stay_share.male: about an eighth of women aged 35-44"),
      KY_PARAM("life_course.partnership_min_age", life_course.partnership_min_age, real, 20, 16, 60, "year",
               "Youngest age at which unpartnered residents form a partnership",
               "Vital statistics 2020: first marriages below 20 are under 1%"),
      KY_PARAM("life_course.partnership_max_age", life_course.partnership_max_age, real, 50, 16, 100, "year",
               "Age after which unpartnered residents no longer form a partnership",
               "Vital statistics 2020: first marriages after 50 are about 2%; 50 is the age of the "
               "lifetime never-married rate (生涯未婚率)"),
      KY_PARAM("life_course.partnership_rate.male", life_course.partnership_rate[0], real, 0.06, 0, 2, "1/year",
               "Hazard of forming a partnership (a new couple household), "
               "unpartnered men in the ages who are not stayers",
               "Vital statistics 2020: about 0.5 million first marriages a year over about 11 "
               "million never-married men aged 20-49 (4.5%), raised because stayers never marry"),
      KY_PARAM("life_course.partnership_rate.female", life_course.partnership_rate[1], real, 0.07, 0, 2, "1/year",
               "Hazard of forming a partnership, unpartnered women",
               "As partnership_rate.male, over about 8.5 million never-married women aged 20-49"),
      KY_PARAM("life_course.partnership_age_factor.20_24", life_course.partnership_age_factor[0], real, 0.6, 0, 20, "-",
               "Multiplier of life_course.partnership_rate in the first of six equal age bands from "
               "partnership_min_age to partnership_max_age (20-24 at the defaults)",
               "Vital Statistics 2020 (人口動態統計) first marriages by age over the never-married by age "
               "(国勢調査 2020): for women about 0.035, 0.105, 0.09, 0.045, 0.017 and 0.007 a year at "
               "20-24 to 45-49, for men about 0.02, 0.07, 0.08, 0.045, 0.02 and 0.009; the mean shape of "
               "the two, scaled so the six factors average 1 (the rate's 30-year total kept). A flat rate "
               "formed too few couples at 25-34, where the births are (demography.birth_age_factor), "
               "and too many at 40-49 (docs/calibration.md \"Stationarity\")"),
      KY_PARAM("life_course.partnership_age_factor.25_29", life_course.partnership_age_factor[1], real, 1.9, 0, 20, "-",
               "Multiplier of life_course.partnership_rate in the second age band (25-29)",
               "As partnership_age_factor.20_24"),
      KY_PARAM("life_course.partnership_age_factor.30_34", life_course.partnership_age_factor[2], real, 1.9, 0, 20, "-",
               "Multiplier of life_course.partnership_rate in the third age band (30-34)",
               "As partnership_age_factor.20_24"),
      KY_PARAM("life_course.partnership_age_factor.35_39", life_course.partnership_age_factor[3], real, 1.0, 0, 20, "-",
               "Multiplier of life_course.partnership_rate in the fourth age band (35-39)",
               "As partnership_age_factor.20_24"),
      KY_PARAM("life_course.partnership_age_factor.40_44", life_course.partnership_age_factor[4], real, 0.42, 0, 20,
               "-", "Multiplier of life_course.partnership_rate in the fifth age band (40-44)",
               "As partnership_age_factor.20_24"),
      KY_PARAM("life_course.partnership_age_factor.45_49", life_course.partnership_age_factor[5], real, 0.18, 0, 20,
               "-", "Multiplier of life_course.partnership_rate in the sixth age band (45-49)",
               "As partnership_age_factor.20_24"),
      KY_PARAM("life_course.partner_moves_in", life_course.partner_moves_in, real, 0.5, 0, 1, "share",
               "Share of partnerships in which the partner (from outside) moves in; "
               "otherwise the resident moves out to the partner",
               "Assumption: a municipality's marriages with outsiders bring partners in as often "
               "as they take residents out (no net migration from partnership)"),
      KY_PARAM(
          "life_course.parents_home_share", life_course.parents_home_share, real, 0.4, 0, 1, "share",
          "Share of the partnerships of a child at home (the partner moving in) in which the couple lives "
          "in the parental home (親との同居): a three-generation household once children come",
          "Fitted so that three-generation households hold in a stationary municipality "
          "(docs/calibration.md \"Stationarity\"): a quarter of the partnerships are of a child at home, so "
          "0.5 has about 14% of all partnerships begin in a parental home, against the National Survey on "
          "Family in Japan's (第6回全国家庭動向調査, IPSS 2018) a little under one in five recent marriages "
          "(over one in four in 2008). Without it three-generation households, which had come from births "
          "to daughters at home read as a couple's, fell by 31% in 30 years; 0.4 (from 0.5, about 11% of "
          "partnerships) since half the parents who move in with a child go to a child elsewhere and the "
          "rest make the other three-generation households (docs/calibration.md \"Couples read from partner links\")"),
      KY_PARAM(
          "life_course.share_home", life_course.share_home, real, 0.1, 0, 1, "share",
          "Share of children leaving the parental home within the municipality who move in with adults "
          "of their own generation (a sibling's or friends' household: the census's other households) "
          "instead of living alone",
          "Calibrated (docs/calibration.md \"Stationarity\") so that other households hold their share "
          "(2020 census, 人口等基本集計 表7-1: その他の世帯, i.e. 兄弟姉妹のみ, other relatives and 非親族を含む世帯, "
          "about 6% of households with the CSLC's definition) in a stationary municipality: "
          "they dissolve as their members die, move or partner, and these moves, lone elders moving in with "
          "a sibling and couples living with a parent form them. 0.1 since couples with a parent read as "
          "other (2026-12-07; 0.8 before)"),
      KY_PARAM("life_course.separation_rate.20_29", life_course.separation_rate[0], real, 0.025, 0, 2, "1/year",
               "Hazard of a couple separating, by the woman's age 20-29: the man moves to a household of his "
               "own, the children stay with their mother (a single parent)",
               "Vital statistics (人口動態統計特殊報告「離婚に関する統計」2022): divorces per 1,000 married "
               "women (有配偶離婚率) about 40 at 20-24 and 24 at 25-29 in 2020, weighted by the married women "
               "of the band"),
      KY_PARAM("life_course.separation_rate.30_44", life_course.separation_rate[1], real, 0.013, 0, 2, "1/year",
               "Hazard of a couple separating, woman aged 30-44",
               "As separation_rate.20_29: about 17 (30-34), 13 (35-39) and 11 (40-44) per 1,000"),
      KY_PARAM("life_course.separation_rate.45_59", life_course.separation_rate[2], real, 0.006, 0, 2, "1/year",
               "Hazard of a couple separating, woman aged 45-59 (none after 60)",
               "As separation_rate.20_29: about 8 (45-49), 5 (50-54) and 3 (55-59) per 1,000"),
      KY_PARAM("life_course.join_child_rate.65_74", life_course.join_child_rate[0], real, 0.1, 0, 2, "1/year",
               "Hazard of a resident aged 65-74 living alone (widowed, separated, left by the last child) moving "
               "in with a child's household in the municipality (同居): a household whose oldest member is 20-45 "
               "years younger (a child alone, a child's couple, or a child's family: a three-generation "
               "household)",
               "Calibrated (docs/calibration.md) so that the shares of men and women 65+ living alone stay at "
               "the 2020 census's 15.0% and 22.1% (国勢調査 2020, 人口等基本集計 表7-1 世帯の家族類型別 65歳以上"
               "世帯員数) over 30 years, nearly flat with age because the census's share living alone "
               "rises with age only for women (steeper rates empty the oldest ages and halve solitary deaths); "
               "of the order of IPSS 第8回世帯動態調査 (2019), where a few percent of elderly parents a year "
               "start living with a child. Refitted in 2026-12 (0.06, 0.065, 0.075 before) when joins into a "
               "child's family were added and fewer newcomer families came, and again (0.08, 0.085, 0.10 before) "
               "when half the moves to a child became moves out to a child elsewhere "
               "(life_course.join_child_away_share) and a sibling came to mean one living without a partner "
               "(docs/calibration.md \"Couples read from partner links\")"),
      KY_PARAM("life_course.join_child_rate.75_84", life_course.join_child_rate[1], real, 0.106, 0, 2, "1/year",
               "Hazard of moving in with a child's household, living alone aged 75-84", "As join_child_rate.65_74"),
      KY_PARAM("life_course.join_child_rate.85_plus", life_course.join_child_rate[2], real, 0.125, 0, 2, "1/year",
               "Hazard of moving in with a child's household, living alone aged 85+", "As join_child_rate.65_74"),

      KY_PARAM("life_course.join_child_male_factor", life_course.join_child_male_factor, real, 1.8, 0, 10, "-",
               "Multiplier of life_course.join_child_rate for men 65+ living alone",
               "Calibrated (docs/calibration.md \"Stationarity\") so that the share of men 65+ living alone "
               "holds at the census's 15.0% (国勢調査 2020 表7-1) in a stationary municipality; widowed "
               "fathers move in with a child more often than mothers of their age (IPSS 第8回世帯動態調査 2019), "
               "being less able to keep house alone; 2.3 since residents start in residential care, enter it "
               "more slowly and partner younger, so that fewer men partner after 40 (2026-12-07: 1.7 before); 1.8 "
               "with the moves to a child elsewhere and to a sibling alone (docs/calibration.md \"Couples read from "
               "partner links\")"),
      KY_PARAM("life_course.join_sibling_share", life_course.join_sibling_share, real, 0.2, 0, 1, "share",
               "Share of the moves in with relatives of residents 65+ living alone (life_course.join_child_rate) "
               "that go to a sibling of their own generation who lives without a partner (alone, or with one "
               "other such sibling: siblings living together, 兄弟姉妹のみの世帯, an other household) rather "
               "than to a child",
               "Calibrated (docs/calibration.md \"Stationarity\") so that other, three-generation households "
               "and parents 65+ with an adult child hold their shares in a stationary municipality; the census counts "
               "a parent joining a child's couple as その他の親族世帯 too (国勢調査 2020, 世帯の家族類型), which "
               "the model, without kinship, would read as a parent with an adult child; 0.65 (from 0.6, "
               "2026-12-07) with adult children moving back (migration.newcomer_return_share); 0.2 since the "
               "hosts are siblings without a partner, each such move ending two households of one person, and "
               "a couple is read from its partner links (docs/calibration.md \"Couples read from partner links\")"),

      KY_PARAM("life_course.join_child_away_share", life_course.join_child_away_share, real, 0.5, 0, 1, "share",
               "Share of the moves to a child (life_course.join_child_rate, not to a sibling) that go to a "
               "child living outside the municipality: the parent moves out",
               "Assumption of the order of the National Survey on Family in Japan (第6回全国家庭動向調査, IPSS "
               "2018), where about half of the children who live apart from their mother live outside her "
               "municipality; plausible range 0.3-0.6. Without it every such move stays in the municipality "
               "and the moves that keep the share of residents 65+ living alone at its level raised "
               "three-generation and other households by a quarter in 30 years in a stationary municipality "
               "(docs/calibration.md \"Couples read from partner links\")"),

      // --- residential care -----------------------------------------------------------------
      KY_PARAM("care_entry.rate", care_entry.rate, real, 0.049, 0, 5, "1/year",
               "Hazard of moving into residential care (施設入所) of a resident with a care need "
               "living with others",
               "Calibrated to the stock of residents in care (validate-model in_care_65, 5.1% of residents "
               "65+: Long-term Care Insurance Status Report 2020, about 0.95 million users of the three "
               "facility services and 0.9 million in residential homes, over the census's 36.0 million "
               "65+) so that it holds in a stationary municipality (5.3% over 30 years); at 0.08 (before "
               "2026-12-07) the stock rose to 8% (docs/calibration.md \"Residential care\"); 0.049 (from 0.045) "
               "once old parents who move to a child elsewhere leave the municipality (docs/calibration.md \"Couples "
               "read from partner links\")"),
      KY_PARAM("care_entry.alone_factor", care_entry.alone_factor, real, 2.5, 1, 20, "-",
               "Multiplier of care_entry.rate for a resident living alone",
               "Assumption, plausible range 1.5-4: special nursing homes' admission guidelines "
               "(入所指針) give priority to those with no carer at home"),
      KY_PARAM("care_entry.start_share", care_entry.start_share, real, 0.25, 0, 1, "share",
               "Share of the residents 65+ with a care need who live in residential care on the first "
               "day (drawn with odds alone_factor times as high for those living alone, as entries are), "
               "so that the run starts with the stock its entries and deaths keep",
               "Long-term Care Insurance Status Report 2020 (介護保険事業状況報告): about 0.95 million "
               "users of the three facility services and 0.9 million in residential homes over 6.8 "
               "million certified, 27%; 0.25, so that the stock after the burn-in is the one the entry "
               "rate keeps (5.3% of residents 65+; docs/calibration.md \"Residential care\")"),

      // --- migration ------------------------------------------------------------------------
      KY_PARAM("migration.out_rate.18_24", migration.out_rate[0], real, 0.08, 0, 2, "1/year",
               "Hazard of moving out of the municipality, ages 18-24 (under 18 with the household; a child "
               "at home leaves the municipality when leaving home, with the share this hazard has of "
               "the two)",
               "Report on Internal Migration 2020 (住民基本台帳人口移動報告): about 5.3 million "
               "moves between municipalities a year (4.2% of residents), most at ages 20-29; "
               "read by band from its age profile"),
      KY_PARAM("migration.out_rate.25_29", migration.out_rate[1], real, 0.08, 0, 2, "1/year",
               "Hazard of moving out, ages 25-29", "As migration.out_rate.18_24"),
      KY_PARAM("migration.out_rate.30_39", migration.out_rate[2], real, 0.05, 0, 2, "1/year",
               "Hazard of moving out, ages 30-39 (a householder takes the household along)",
               "As migration.out_rate.18_24"),
      KY_PARAM("migration.out_rate.40_64", migration.out_rate[3], real, 0.02, 0, 2, "1/year",
               "Hazard of moving out, ages 40-64", "As migration.out_rate.18_24"),
      KY_PARAM("migration.out_rate.65_74", migration.out_rate[4], real, 0.01, 0, 2, "1/year",
               "Hazard of moving out, ages 65-74", "As migration.out_rate.18_24"),
      KY_PARAM("migration.out_rate.75_plus", migration.out_rate[5], real, 0.015, 0, 2, "1/year",
               "Hazard of moving out, ages 75+ (to a child's home elsewhere)",
               "As migration.out_rate.18_24: moves rise again after 75"),
      KY_PARAM("migration.out_factor", migration.out_factor, real, 1, 0, 10, "-",
               "Multiplier of every out_rate: the municipality type (above 1 a town losing its "
               "young, below 1 a settled city)",
               "Reason: one knob sets the municipality type; scenarios/rural_town.yaml and "
               "scenarios/growing_city.yaml set it"),
      KY_PARAM("migration.in_rate", migration.in_rate, real, 0.03, 0, 1, "1/year",
               "Newcomers arriving per year, per resident at the start",
               "Balanced with the default out rates (about 3% of residents leave a year), so the "
               "default municipality neither gains nor loses by migration"),
      KY_PARAM("migration.newcomer_single_share", migration.newcomer_single_share, real, 0.40, 0, 1, "share",
               "Share of newcomer households of one adult aged 18-34",
               "Report on Internal Migration 2020: most movers are single adults in their 20s; 0.40 leaves "
               "room for newcomer_older_share and newcomer_return_share (0.5 before the returns, 0.43 before "
               "the older newcomers rose, docs/calibration.md \"Couples read from partner links\")"),
      KY_PARAM("migration.newcomer_family_share", migration.newcomer_family_share, real, 0.12, 0, 1, "share",
               "Share of newcomer households of one or two parents with one or two children aged 0-12 "
               "(the rest of the young households are couples)",
               "Report on Internal Migration 2019 (住民基本台帳人口移動報告, 年齢5歳階級別): of 5.40 million "
               "movers between municipalities, 0.53 million (9.8%) were aged 0-14 and 0.28 million 15-19; "
               "0.12 makes about 12% of newcomers children, the movers under 18. At 0.25 (before "
               "2026-12) a fifth of newcomers were children, and couples with children rose by a quarter "
               "in 30 years in a stationary municipality (docs/calibration.md \"Stationarity\")"),
      KY_PARAM("migration.newcomer_single_parent_share", migration.newcomer_single_parent_share, real, 0.26, 0, 1,
               "share",
               "Share of the newcomer families (migration.newcomer_family_share) of a mother alone "
               "with her children",
               "2020 census (国勢調査 人口等基本集計 表7-1): households of one parent with children are 26% "
               "of the households of parents with children (about 5.0 million ひとり親と子供 to 14.0 "
               "million 夫婦と子供); newcomer families taken as those households. Without them single "
               "parents, formed only by separation and widowhood, fell by about 40% in 30 years in a "
               "stationary municipality (docs/calibration.md \"Stationarity\")"),
      KY_PARAM("migration.newcomer_older_share", migration.newcomer_older_share, real, 0.24, 0, 1, "share",
               "Share of newcomer households of one resident aged 55-90 (or, in 40% of them, a couple)",
               "Report on Internal Migration 2020 (住民基本台帳人口移動報告, 年齢別): movers aged 55+ are about "
               "10% of the movers between municipalities, in households more (most move alone or as a couple). "
               "Calibrated within that order so that the share 65+ after the burn-in meets the census "
               "(validate-model age_65_plus); without them the default municipality, whose out-moves take "
               "older residents too, grows younger by migration (docs/calibration.md); 0.24 (from 0.2) once old "
               "parents who move to a child elsewhere leave the municipality (docs/calibration.md \"Couples read from "
               "partner links\")"),
      KY_PARAM("migration.newcomer_older_couple_share", migration.newcomer_older_couple_share, real, 0.45, 0, 1,
               "share", "Share of the older newcomer households (migration.newcomer_older_share) of a couple",
               "2020 census (国勢調査): about 6.7 million residents 65+ live alone and about 6.5 million "
               "households are an older couple only (夫65歳以上妻60歳以上の夫婦のみ), so older households of one "
               "and of two are about equally many; 0.45 (a fixed 0.4 before 2026-12-07) holds the share of "
               "residents 65+ living alone once old parents move to a child elsewhere (docs/calibration.md \"Couples "
               "read from partner links\")"),
      KY_PARAM("migration.newcomer_return_share", migration.newcomer_return_share, real, 0.07, 0, 1, "share",
               "Share of newcomer households of one unmarried adult aged 30-59 who moves back in with "
               "parents 65+ living alone or as a couple (a household found at random, as for moving in "
               "with a child; none found, the newcomer lives alone)",
               "National Survey on Migration 2001 (国立社会保障・人口問題研究所 第5回人口移動調査): 7.4% of "
               "the moves of the past five years were to live with or near parents or children (親や子との"
               "同居・近居), an upper bound; calibrated within it so that households of parents 65+ with an "
               "adult child hold their share in a stationary municipality: without these returns they "
               "came only from children who never left, and fell by a fifth in 30 years "
               "(docs/calibration.md \"Stationarity\")"),

      // --- conditions ------------------------------------------------------------------------
      KY_PARAM("conditions.care.onset_at_65", conditions.care_onset_at_65, real, 0.0040, 0, 1, "1/year",
               "Hazard of a new long-term care need at age 65 (Gompertz level)",
               "calibrated to about 19% of 65+ with a care need over the run (long-term care "
               "insurance statistics; slope fitted to certification by age): by scripts/calibrate.py "
               "(2026-11-26), refitted by hand (2026-12-07, kyosei validate-model, 25,000 residents, "
               "4 replicates: 18.0% at 10 recorded years) after the life table's mortality with "
               "relative risks shortened care spells and moves into care took the frailest out"),
      KY_PARAM("conditions.care.onset_growth", conditions.care_onset_growth, real, 0.14, 0, 1, "1/year of age",
               "Gompertz slope of the care-need hazard with age", "Fitted with conditions.care.onset_at_65"),
      KY_PARAM("conditions.care.dementia_share", conditions.dementia_share, real, 0.5, 0, 1, "share",
               "Share of care needs that come with dementia",
               "About half of certified older people have dementia-related needs (MHLW "
               "estimates)"),
      KY_PARAM("conditions.disability.prevalence", conditions.disability_prevalence, real, 0.076, 0, 1, "share",
               "Share of residents with a disability at the start",
               "Cabinet Office white paper 2022: about 9.6 million people with physical, "
               "intellectual or mental disabilities"),
      KY_PARAM("conditions.disability.onset", conditions.disability_onset, real, 0.002, 0, 1, "1/year",
               "Hazard of a new disability (any age)",
               "Reason: replaces the prevalence over a lifetime at current mortality; to "
               "calibrate"),
      KY_PARAM("conditions.disability.certified_share", conditions.disability_certified_share, real, 0.65, 0, 1,
               "share", "Share of disabilities with a certificate (handbook); the rest are gap needs",
               "About 6.3 of 9.6 million hold a physical, rehabilitation or mental health "
               "handbook"),
      KY_PARAM("conditions.withdrawal.prevalence_15_39", conditions.withdrawal_prevalence_15_39, real, 0.0205, 0, 1,
               "share", "Share of ages 15-39 withdrawn (hikikomori) at the start", "Cabinet Office survey 2022: 2.05%"),
      KY_PARAM("conditions.withdrawal.prevalence_40_64", conditions.withdrawal_prevalence_40_64, real, 0.0202, 0, 1,
               "share", "Share of ages 40-64 withdrawn at the start", "Cabinet Office survey 2022: 2.02%"),
      KY_PARAM("conditions.withdrawal.male_share", conditions.withdrawal_male_share, real, 0.766, 0, 1, "share",
               "Share of men among withdrawn residents",
               "Cabinet Office survey 2018: 76.6% of withdrawn people aged 40-64 are men"),
      KY_PARAM("conditions.withdrawal.onset", conditions.withdrawal_onset, real, 0.0056, 0, 1, "1/year",
               "Hazard of withdrawal at ages 15-64",
               "calibrated to 2.05% of ages 15-39 and 2.02% of 40-64 withdrawn over the run (Cabinet "
               "Office surveys 2018 and 2022): by scripts/calibrate.py (2026-11-26), refitted by hand "
               "(2026-12-07: 1.8% and 2.3%) while newcomers arrived without conditions; since they draw "
               "them on arrival, 2.1% and 2.4%; with withdrawal.recovery, refitted by hand again (2026-12-07, "
               "after the stationarity changes: 0.006 before) to 2.0% and 2.2% (docs/calibration.md)"),
      KY_PARAM("conditions.withdrawal.recovery", conditions.withdrawal_recovery, real, 0.13, 0, 10, "1/year",
               "Hazard of leaving withdrawal without help",
               "calibrated (scripts/calibrate.py, 2026-11-26) to about half of withdrawn people withdrawn 3+ years "
               "(Cabinet Office surveys 2018 and 2022), with the prevalences; refitted by hand (2026-12-07, 0.142 "
               "before) when more adult newcomers, whose spells begin on arrival, brought the share to 39% at "
               "25,000 residents (docs/calibration.md \"Stationarity\")"),
      KY_PARAM("conditions.poverty.prevalence", conditions.poverty_prevalence, real, 0.0078, 0, 1, "share",
               "Share of ages 18-64 without income at the start (and of newcomers on arrival)",
               "Onset over recovery: 0.0039 / 0.5"),
      KY_PARAM("conditions.poverty.onset", conditions.poverty_onset, real, 0.00375, 0, 1, "1/year",
               "Hazard of losing one's income at ages 18-64",
               "calibrated (scripts/calibrate.py, 2026-11-26: 0.00415) to 14.5-14.7 new poverty consultations per "
               "100,000 residents per month under the silo regime (self-reliance support statistics FY2015-16); "
               "refitted by hand (2026-12-07: 15.4 at 30 recorded years) once newcomers arrive "
               "with their conditions (docs/calibration.md \"Stationarity\"); 0.00375 (from 0.0039) once old parents "
               "moving to a child elsewhere leave, the working-age share a little higher "
               "(docs/calibration.md \"Couples read from partner links\")"),
      KY_PARAM("conditions.poverty.recovery", conditions.poverty_recovery, real, 0.5, 0, 10, "1/year",
               "Hazard of regaining an income without help", "Assumption: a mean spell of two years without help"),
      KY_PARAM("conditions.child.onset", conditions.child_need_onset, real, 0.03, 0, 1, "1/year",
               "Hazard of a childrearing difficulty, per child under 6",
               "Assumption: about 3% of families with a young child need the user support "
               "project in a year"),
      KY_PARAM("conditions.child.recovery", conditions.child_need_recovery, real, 0.3, 0, 10, "1/year",
               "Hazard that a childrearing difficulty ends without help",
               "Assumption: most difficulties pass within a few years"),

      // --- ties --------------------------------------------------------------------------------
      KY_PARAM("ties.neighbours_per_resident", ties.neighbours_per_resident, real, 5, 0, 100, "tie",
               "Mean potential neighbour ties (same block) of a resident of sociability 1",
               "Calibrated with ties.friends_per_resident to the isolation target"),
      KY_PARAM("ties.friends_per_resident", ties.friends_per_resident, real, 6, 0, 100, "tie",
               "Mean potential friendship ties (small world) of a resident of sociability 1",
               "Calibrated with ties.neighbours_per_resident to the isolation target"),
      KY_PARAM("ties.friend_outside_district", ties.friend_outside_district, real, 0.1, 0, 1, "share",
               "Share of friendships that leave the district (small-world shortcuts)",
               "Assumption: most friends live within a daily-life area"),
      KY_PARAM("ties.active_share", ties.active_share, real, 0.6, 0.01, 0.99, "share",
               "Share of potential ties active at the start and in the tie dynamics' balance",
               "Assumption; with the tie counts it sets about 5 active outside ties per adult"),
      KY_PARAM("ties.decay_rate", ties.decay_rate, real, 0.3, 0, 100, "1/year",
               "Hazard that an active outside tie becomes dormant",
               "Assumption: a tie lasts about three years without renewal"),
      KY_PARAM("ties.withdrawn_factor", ties.withdrawn_factor, real, 4, 1, 100, "-",
               "Factor on decay (and divisor of renewal) of a withdrawn resident's ties",
               "Assumption: withdrawal (ひきこもり: rarely leaving home for 6 months or more, Cabinet Office "
               "survey definition) lets most outside ties lapse (docs/ODD.md §7, Tie dynamics)"),
      KY_PARAM("ties.old_age_factor", ties.old_age_factor, real, 1.5, 1, 100, "-",
               "Factor on decay (and divisor of renewal) of the ties of residents 75+",
               "Assumption: retirement, frailty and bereavement shrink networks"),
      KY_PARAM("ties.household_contact", ties.household_contact, real, 1.0, 0, 10, "1/day",
               "Contact rate between members of a household", "Reason: daily contact"),
      KY_PARAM("ties.neighbour_contact", ties.neighbour_contact, real, 0.1, 0, 10, "1/day",
               "Contact rate of an active neighbour tie", "Assumption: about once in ten days"),
      KY_PARAM("ties.friend_contact", ties.friend_contact, real, 0.05, 0, 10, "1/day",
               "Contact rate of an active friendship tie", "Assumption: about once in three weeks"),
      KY_PARAM("ties.isolation_min_age", ties.isolation_min_age, integer, 15, 0, 120, "year",
               "Youngest age counted in the resident isolation rate",
               "Reason: loneliness surveys cover ages 16+; children have school ties"),
      KY_PARAM("ties.neighbour_formation", ties.neighbour_formation, real, 4, 0, 365, "1/year",
               "Rate at which each neighbour tie a resident owes itself (on arrival, or after a "
               "loss; docs/ODD.md, Tie formation) is met: a meeting with someone of its block, "
               "sought again at this rate when it does not become a tie",
               "Assumption: newcomers greet the households around them on moving in (引越しの挨拶) "
               "and know their usual neighbours within months (a quarter year each; about half "
               "of those met become ties); fast enough that the ties lost to deaths and moves "
               "(about a tenth a year) are back within a few months and the degree distribution "
               "keeps its start (docs/calibration.md, stationarity)"),
      KY_PARAM("ties.arrival_share", ties.arrival_share, real, 0.65, 0, 1, "share",
               "Share of its expected ties (its sociability times the kind's mean) that a resident "
               "arriving (a newcomer, a child reaching school age) seeks itself, as a Poisson number; "
               "one who loses a tie seeks another with probability one minus this share, so that the "
               "mean number of ties stays as it is when residents die or leave (docs/ODD.md, Tie "
               "formation). The rest of a resident's ties come from others' meetings",
               "Calibrated (docs/calibration.md \"Stationarity\"): the isolation rate of residents holds "
               "in a stationary municipality (+0.8% over 30 years, 4 seeds). At 0.5 (before 2026-12-07) a "
               "newcomer took about two decades of others' replacement meetings to reach the ties of a "
               "resident of its sociability, and isolation rose by 9% as the start's residents were "
               "replaced by newcomers; at 1 (no replacement) it fell by 6%"),
      KY_PARAM("ties.friend_formation", ties.friend_formation, real, 2, 0, 365, "1/year",
               "Rate at which each friendship a resident owes itself (on arrival, or after a "
               "loss) is met: a meeting with a possible friend, sought again at this rate when "
               "it does not become a tie",
               "Assumption: friendship takes longer than acquaintance (Hall 2018, J Soc Pers "
               "Relat 36(4): some 50 hours together for a casual friend, half a year at two "
               "hours a week)"),
      KY_PARAM("ties.triadic_closure", ties.triadic_closure, real, 0.3, 0, 1, "share",
               "Share of new friendships made through a friend's friend (triadic closure)",
               "Assumption: a common acquaintance makes a new tie far likelier (Kossinets & "
               "Watts 2006, Science 311:88); about a third of new friends met through friends"),
      KY_PARAM("ties.formation_min_age", ties.formation_min_age, integer, 6, 0, 120, "year",
               "Age from which a child born in the run forms ties of its own",
               "Reason: school entry at six (学校教育法 §17)"),

      // --- detection ---------------------------------------------------------------------------
      KY_PER_FIELD("detection.self_referral", detection.self_referral, 3.0, 2.0, 3.0, 1.5, 0.15, 0, 365, "1/year",
                   "Hazard that a resident of help-seeking 1 asks a window about this need",
                   "Assumption to calibrate: a few months for needs with a known window; near "
                   "zero for needs that send no SOS (docs/ODD.md §7, Detection)"),
      KY_PARAM("detection.window_knowledge", detection.window_knowledge, real, 0.5, 0, 1, "share",
               "Probability that a resident or neighbour goes to the window that owns the need",
               "Assumption, plausible range 0.3-0.8 (docs/calibration.md, robustness): half "
               "know the right window; the rest go to another one"),
      KY_PER_FIELD("detection.tie_notice", detection.tie_notice, 0.004, 0.002, 0.002, 0.0015, 0.001, 0, 1, "1/contact",
                   "Probability that one contact with a tie reveals this need",
                   "Assumption to calibrate: visible needs (frailty) are noticed more easily"),
      KY_PARAM("detection.tie_report", detection.tie_report, real, 0.3, 0, 1, "share",
               "Probability that a tie who noticed a need reports it",
               "Assumption: neighbours often do not know where to report"),
      KY_PER_FIELD("detection.institution", detection.institution, 0.6, 0.4, 1.0, 0.5, 0.05, 0, 365, "1/year",
                   "Hazard that an institution (hospital, school, utility) reports the need",
                   "Assumption to calibrate: children are seen often at checkups and schools"),
      KY_PER_FIELD("detection.crisis", detection.crisis, 0.5, 0.25, 0.1, 0.4, 0.1, 0, 365, "1/year",
                   "Hazard that an undetected need ends in a crisis that reveals it",
                   "Assumption to calibrate: falls, evictions, collapse reveal a need no one "
                   "reported (docs/ODD.md §7, Progression to crisis)"),
      KY_PARAM("detection.crisis_isolated_factor", detection.crisis_isolated_factor, real, 2.0, 1, 100, "-",
               "Factor on the crisis hazard in an isolated household",
               "Assumption: nobody intervenes early in an isolated household"),
      KY_PARAM("detection.dementia_help_factor", detection.dementia_help_factor, real, 0.3, 0, 1, "-",
               "Factor on self-referral for a resident with dementia", "Assumption: dementia impairs seeking help"),
      KY_PARAM("detection.withdrawn_help_factor", detection.withdrawn_help_factor, real, 0.05, 0, 1, "-",
               "Factor on self-referral and reporting for a withdrawn resident",
               "Assumption: withdrawn people seldom ask for help themselves (\"no SOS\", "
               "the Kyushu Regional Bureau of Health and Welfare's 2021 briefing on the jūsō project; docs/ODD.md §7, "
               "Detection)"),
      KY_PARAM("detection.refusal_discouragement", detection.refusal_discouragement, real, 0.5, 0, 1, "-",
               "Factor on self-referral after each refusal or lost referral",
               "Assumption: people turned away ask again less"),
      KY_PARAM("detection.word_of_mouth", detection.word_of_mouth, real, 1.25, 1, 10, "-",
               "Factor on self-referral per net experience heard from ties: each tie helped by a "
               "window multiplies it, each tie refused or lost on a referral divides it",
               "Assumption: hearing that someone like oneself was helped (or turned away) is a "
               "common reason given for consulting (or not); a quarter per story, so that three "
               "stories one way about halve or double the hazard"),
      KY_PARAM("detection.word_of_mouth_cap", detection.word_of_mouth_cap, integer, 3, 0, 100, "story",
               "Net experiences of ties counted at most, either way",
               "Assumption: a few stories make an opinion; more add little"),

      // --- commissioners -----------------------------------------------------------------------
      KY_PARAM("commissioners.households_per_commissioner", commissioners.households_per_commissioner, integer, 250, 1,
               100000, "household", "Households per welfare commissioner (民生委員)",
               "About 225,000 commissioners for about 55.7 million households (2022)"),
      KY_PARAM("commissioners.registration", commissioners.registration, real, 0.7, 0, 1, "share",
               "Share of households of residents 65+ only that commissioners register (one draw per household, "
               "asked whenever it may have become 65+ only: a 65th birthday, a death, a move)",
               "Assumption: most older-only households are on the commissioner's list"),
      KY_PARAM("commissioners.visit_interval_days", commissioners.visit_interval_days, real, 30, 1, 3650, "day",
               "Days between visits to a registered household at nominal load", "Assumption: monthly rounds"),
      KY_PARAM("commissioners.visit_detection", commissioners.visit_detection, real, 0.2, 0, 1, "share",
               "Probability that a visit reveals an open need", "Assumption: short doorstep visits miss most needs"),
      KY_PARAM("commissioners.caseload_per_commissioner", commissioners.caseload_per_commissioner, integer, 40, 1,
               100000, "household",
               "Registered households one commissioner can visit at the nominal interval; more "
               "stretch the interval",
               "Assumption: volunteers' time is finite"),

      // --- solitary deaths (孤立死) ---------------------------------------------------------------
      KY_PARAM("solitary_deaths.at_home_share", solitary_deaths.at_home_share, real, 0.315, 0, 1, "share",
               "Probability that the death of a resident living alone happens at home "
               "with nobody present, at 65 or over with ties outside the household, no care need "
               "and no services (the factors below apply to the others; at most 1)",
               "Calibrated: the silo scenario then has the National Police Agency's 2024 rate, "
               "76,020 deaths at home of people living alone for 123.8 million residents (61 per "
               "100,000 a year); recalibrated 2026-12-07, with family_rate and background_rate, "
               "after moves into residential care took the frailest residents living alone (and "
               "their deaths) out of the community and the factors below changed who dies at home; "
               "again with the merged household dynamics (separation, moving in with a child), "
               "which brought the share of residents 65+ living alone back to the census; 0.315 "
               "(from 0.26, 2026-12-07) once residents started in residential care at its stock, adult "
               "children moved back in with old parents, more old men moved in with relatives and "
               "partnerships and births followed age (silo replicates 2-5: 53.9 per 100,000 at 0.26, "
               "60.8 at 0.31)"),
      KY_PARAM("solitary_deaths.younger_at_home_ratio", solitary_deaths.younger_at_home_ratio, real, 3, 1, 10, "ratio",
               "Factor on the probability of dying at home alone for a death before 65",
               "Assumption: deaths before 65 are more often sudden and happen where the person is "
               "(suicides and accidents are 18% of deaths aged 20-64 against 4-6% at 65-79, vital "
               "statistics 2009, table 2 of deaths by cause and age; sudden cardiac deaths "
               "likewise), where older people's deaths mostly follow an illness that ends in "
               "hospital; plausible range 2-5. Not tuned to the NPA's 23.6% of solitary deaths "
               "under 65 (a validation, docs/calibration.md)"),
      KY_PARAM("solitary_deaths.unserved_care_at_home_ratio", solitary_deaths.unserved_care_at_home_ratio, real, 1.5, 0,
               10, "ratio",
               "Factor on the probability of dying at home alone with a care need that no service "
               "meets",
               "Assumption: a frail resident whom nobody serves declines at home with nobody to "
               "call help; plausible range 1-2.5"),
      KY_PARAM("solitary_deaths.services_at_home_ratio", solitary_deaths.services_at_home_ratio, real, 0.5, 0, 10,
               "ratio",
               "Factor on the probability of dying at home alone for a resident with services "
               "(a met care need or disability, a need an agency serves or monitors, a "
               "participation programme)",
               "Assumption: home helpers, visiting nurses and support staff who come several times "
               "a week see a final decline and call a doctor or an ambulance; plausible range "
               "0.3-0.8"),
      KY_PARAM("solitary_deaths.isolated_at_home_ratio", solitary_deaths.isolated_at_home_ratio, real, 1.5, 1, 10,
               "ratio",
               "Factor on the probability of dying at home alone for a resident of isolation age "
               "with no active tie outside the household",
               "Assumption: nobody notices an illness or calls an ambulance; plausible range "
               "1-2.5"),
      KY_PARAM("solitary_deaths.family_share", solitary_deaths.family_share, real, 0.4, 0, 1, "share",
               "Share of residents living alone with relatives outside the household in "
               "regular contact",
               "Calibrated with family_rate, tie_discovery, service_rate and background_rate to "
               "the NPA's days until discovery (H1 2024: 39.7% within a day, 28% after 8+ days; "
               "2024: 9.1% after a month or more); relatives find about a quarter of the deaths "
               "in the insurers' association's reports (孤独死現状レポート)"),
      KY_PARAM("solitary_deaths.family_rate", solitary_deaths.family_rate, real, 0.6, 0, 10, "1/day",
               "Hazard that relatives in contact find the death (an unanswered call, a "
               "visit)",
               "Assumption: calls or visits a few times a week; calibrated as family_share (above "
               "0.6 it changes the late finds little: they are the residents without relatives)"),
      KY_PARAM("solitary_deaths.tie_discovery", solitary_deaths.tie_discovery, real, 0.05, 0, 1, "share",
               "Share of an outside tie's contacts (ties.*_contact) whose absence leads "
               "the tie to find the death; a community place's attendees likewise miss the "
               "resident at its sessions",
               "Assumption, calibrated as family_share: a missed meeting is rarely acted on at once"),
      KY_PARAM("solitary_deaths.service_rate", solitary_deaths.service_rate, real, 0.3, 0, 10, "1/day",
               "Hazard that care or support staff find the death of a resident whose "
               "care need or disability is met, whose need an agency serves or monitors, or who "
               "is in a participation programme",
               "Assumption, calibrated as family_share: home help and day services come a few "
               "times a week"),
      KY_PARAM("solitary_deaths.background_rate", solitary_deaths.background_rate, real, 0.03, 1e-4, 10, "1/day",
               "Hazard that the landlord, a utility, mail piling up or the "
               "police find the death of any resident living alone",
               "Assumption, calibrated as family_share: the slow channel of the late discoveries"),

      // --- awareness ---------------------------------------------------------------------------
      KY_PARAM("awareness.silo_gap_belief", awareness.silo_gap_belief, real, 0.1, 1e-3, 1, "share",
               "Share of residents with a gap need who believe some window takes it while "
               "no integrated window exists; a resident who knows the integrated window asks "
               "1/this times as often (detection.self_referral.gap is the silo rate)",
               "Assumption: people who know that no window takes a withdrawn son, debts or "
               "hoarding mostly never come (the needs that send no SOS, docs/ODD.md §7); 0.1 makes a known "
               "window's gap need asked about 1.5 times a year, as poverty's; plausible range "
               "0.05-0.3 (a known window's gap need asked 0.5-3 times a year), the range of "
               "docs/calibration.md's robustness table"),
      KY_PARAM("awareness.silo_gap_referral_belief", awareness.silo_gap_referral_belief, real, 0.2, 1e-3, 1, "share",
               "Share of referrers (ties, commissioners, institutions) who "
               "know a window for a gap need under silo intake; a referrer who knows the integrated "
               "window refers 1/this times as often",
               "Assumption: some know the self-reliance consultation (2015) takes some; with 0.2 a "
               "knowing institution refers a gap need at 0.25 a year, half poverty's rate; plausible "
               "range 0.1-0.5, the range of docs/calibration.md's robustness table"),
      KY_PARAM("awareness.diffusion", awareness.diffusion, boolean, 1, 0, 1, "-",
               "Whether knowledge of the integrated window spreads over time; false: every "
               "resident and referrer knows it from the day it opens (a step)",
               "Reason: a switch to isolate the effect of the spread (docs/ODD.md §7)"),
      KY_PARAM("awareness.publicity", awareness.publicity, real, 0.2, 0, 100, "1/year",
               "Hazard that a resident who does not know the integrated window learns of it from "
               "the municipality's publicity (newsletter, website) while it is open",
               "Assumption: a municipal newsletter reaches most households but is read by few "
               "(a fifth a year); "
               "the Bass model's innovation coefficient, with spread its imitation coefficient"),
      KY_PARAM("awareness.spread", awareness.spread, real, 0.8, 0, 100, "1/year",
               "Hazard of learning of the integrated window from ties, per unit share of "
               "residents who know it (word of mouth, Bass imitation)",
               "Assumption: with publicity 0.2 and partners, awareness reaches half the residents "
               "in about a year and a half, the pace at which adopting municipalities describe "
               "consultations growing over their first years (not fitted to any count)"),
      KY_PARAM("awareness.partner_learning", awareness.partner_learning, real, 0.2, 0, 100, "1/year",
               "Hazard of learning of the integrated window from a referrer who knows it, "
               "per unit share of referrers who know it",
               "Assumption: commissioners and staff tell the people they meet"),
      KY_PARAM("awareness.forgetting", awareness.forgetting, real, 0.1, 0, 100, "1/year",
               "Hazard that a resident who knew of the integrated window forgets it (or stops "
               "believing it; all of it once the window closes)",
               "Assumption: knowledge of a service fades over years without reminders"),
      KY_PARAM("awareness.referrer_publicity", awareness.referrer_publicity, real, 0.3, 0, 100, "1/year",
               "Hazard that a referrer learns of the integrated window from the "
               "municipality's notices to partners while it is open",
               "Assumption: partners are told directly (a notice a year, read by about a third)"),
      KY_PARAM("awareness.collaboration_learning", awareness.collaboration_learning, real, 0.5, 0, 100, "1/year",
               "Hazard that a referrer learns of the integrated window through the "
               "joint meetings and platforms of a collaboration mode in force",
               "Assumption: the support meetings (支援会議) and platforms meet some partners "
               "monthly; about half of all referrers take part in a year"),
      KY_PARAM("awareness.outreach_informs", awareness.outreach_informs, real, 0.05, 0, 100, "referrer",
               "Referrers (a commissioner, a landlord, a doctor) who learn of the "
               "integrated window per outreach visit, out of one per commissioner",
               "Assumption: one visit in twenty brings the team to a referrer who did not know; "
               "the default team (2 workers, about 2.9 visits a day) then adds about 0.3 a year "
               "at 100,000 residents (about 180 commissioners)"),
      KY_PARAM("awareness.referrer_forgetting", awareness.referrer_forgetting, real, 0.1, 0, 100, "1/year",
               "Hazard that a referrer who knew of the integrated window forgets it "
               "(staff turnover)",
               "Assumption: commissioners serve 3-year terms; staff rotate every few years"),

      // --- watching agreements ----------------------------------------------------------------
      KY_PARAM("watching.coverage", watching.coverage, real, 0, 0, 1, "share",
               "Share of households on the round of a deliverer, utility or landlord with a "
               "watching agreement (見守り協定) beyond those of today",
               "Reason: a lever; the agreements of today are in solitary_deaths.background_rate "
               "and detection.institution, so the baseline has none beyond them"),
      KY_PARAM("watching.contacts_per_week", watching.contacts_per_week, real, 6, 0, 7, "1/week",
               "Contacts a week of a covered household with the deliverer (a newspaper "
               "or milk delivery, a meter reading, a landlord's call)",
               "Assumption: a daily newspaper or drink delivery, six days a week"),
      KY_PARAM("watching.report", watching.report, real, 0.3, 0, 1, "share",
               "Probability that a deliverer who noticed a need (at detection.tie_notice per "
               "contact) reports it to an agency",
               "Assumption: as a tie's report (detection.tie_report); the agreement names whom "
               "to call"),
      KY_PARAM("watching.discovery", watching.discovery, real, 0.3, 0, 1, "share",
               "Share of a deliverer's missed contacts after a death (papers piling up, no "
               "answer) that lead to the death being found",
               "Assumption: agreements ask for a call after two or three uncollected deliveries"),

      // --- intake ------------------------------------------------------------------------------
      KY_CHOICE("intake.mode", intake.mode, 0, kIntakeModes,
                "silo: each window takes its own field only; integrated: every window accepts "
                "every need of the household (断らない相談)",
                "Policy lever: integrated intake is function I of the jūsō project (Social Welfare "
                "Act art. 106-4, 2020 amendment, in force April 2021); silo is the baseline before it "
                "(docs/ODD.md §7, Intake and routing)"),
      KY_CHOICE("intake.handoff", intake.handoff, 0, kHandOffs,
                "cold: the person is told where to go; warm: staff accompany the hand-off "
                "(同行によるつなぎ)",
                "Policy lever: the Aomori survey reported in the Kyushu Regional Bureau of Health and Welfare's 2021 "
                "briefing on the jūsō project asks "
                "for accompanied hand-offs (docs/ODD.md §7, Intake and routing)"),
      KY_PARAM("intake.staff_knowledge", intake.staff_knowledge, real, 0.6, 0, 1, "share",
               "Probability that staff refer a need to the agency that owns it",
               "Assumption, plausible range 0.4-0.9 (docs/calibration.md, robustness): staff "
               "do not know other agencies' programmes"),
      KY_PARAM("intake.notice_other_needs", intake.notice_other_needs, real, 0.3, 0, 1, "share",
               "Silo: probability that staff notice another open need of the household",
               "Assumption: silo assessment looks at its own field"),
      KY_PARAM("intake.household_assessment", intake.household_assessment, real, 0.8, 0, 1, "share",
               "Integrated: probability that the household assessment finds another "
               "open need",
               "Assumption: hidden needs (a withdrawn child) can still be missed"),
      KY_PARAM("intake.assessment_days", intake.assessment_days, real, 7, 0, 365, "day",
               "Integrated: least time from a contact at a window that does not own the need to "
               "its acceptance (a whole-household assessment: home visit, records, a case "
               "conference); the wait for an assessor comes on top",
               "Assumption: a home visit and a case conference within one to two weeks; "
               "plausible range 3-21"),
      KY_PARAM("intake.assessments_per_worker_month", intake.assessments_per_worker_month, real, 10, 0.1, 1000,
               "assessment/month",
               "Integrated: whole-household assessments one window worker completes in a month "
               "beside the caseload; a window's backlog over its staff's rate is the wait",
               "Assumption: two to three a week beside casework; plausible range 5-20"),
      KY_PARAM("intake.assessment_hours", intake.assessment_hours, real, 4, 0, 100, "hour",
               "Integrated: staff hours of one whole-household assessment (charged at "
               "costs.meeting_hour_yen)",
               "Assumption: a home visit with travel, records and a short case conference; "
               "plausible range 2-8"),
      KY_PARAM("intake.warm_handoff_hours", intake.warm_handoff_hours, real, 1.5, 0, 100, "hour",
               "Staff hours of accompanying one warm hand-off (同行支援) to the serving agency",
               "Assumption: travel and a joint first interview; plausible range 0.5-3"),
      KY_PARAM("intake.max_hops", intake.max_hops, integer, 4, 1, 100, "referral",
               "Referrals after which a person gives up",
               "Assumption, plausible range 2-6 (docs/calibration.md, robustness)"),
      KY_PARAM("intake.cold_arrival", intake.cold_arrival, real, 0.4, 0, 1, "share",
               "Probability that a cold referral arrives (scaled by help-seeking)",
               "Assumption, plausible range 0.3-0.8 (docs/calibration.md, robustness): many "
               "never arrive after being told a name"),
      KY_PARAM("intake.cold_delay_days", intake.cold_delay_days, real, 14, 0, 3650, "day",
               "Mean delay of a cold referral that arrives", "Assumption"),
      KY_PARAM("intake.warm_arrival", intake.warm_arrival, real, 0.95, 0, 1, "share",
               "Probability that a warm hand-off arrives", "Assumption: accompanied"),
      KY_PARAM("intake.warm_delay_days", intake.warm_delay_days, real, 3, 0, 3650, "day",
               "Mean delay of a warm hand-off", "Assumption"),
      KY_PARAM("intake.withdrawn_arrival_factor", intake.withdrawn_arrival_factor, real, 0.3, 0, 1, "-",
               "Factor on the arrival of a cold referral for a withdrawn resident",
               "Assumption, plausible range 0.2-0.7 (docs/calibration.md, robustness): withdrawn "
               "people rarely go on their own"),
      KY_PARAM("intake.self_reliance_gap_acceptance", intake.self_reliance_gap_acceptance, real, 0.3, 0, 1, "share",
               "Silo: probability that the self-reliance consultation (生活困窮者自立相談支援) "
               "takes on a gap need that reaches it",
               "About 0.3: support plans made per new consultation of the self-reliance support "
               "system (MHLW, 生活困窮者自立支援制度 支援状況調査, FY2019: about 250,000 new "
               "consultations, about 78,000 plans); plausible range 0.2-0.6, continuing support "
               "without a plan included"),

      // --- agencies ----------------------------------------------------------------------------
      KY_PARAM("agencies.elderly.residents_65_per_centre", agencies.elderly_per_centre, real, 4500, 100, 1.0e7,
               "person", "Residents 65+ per community comprehensive support centre (地域包括支援センター)",
               "One centre per 3,000-6,000 residents 65+ (2023)"),
      KY_PARAM("agencies.elderly.staff_per_centre", agencies.staff_per_centre, real, 3, 0.1, 1000, "FTE",
               "Professionals per centre", "Three professionals per centre (2023)"),
      KY_PARAM("agencies.disability.staff_per_100k", agencies.staff_per_100k[1], real, 4, 0.01, 10000, "FTE",
               "Disability consultation staff per 100,000 residents",
               "Assumption: a core centre with a few counsellors"),
      KY_PARAM("agencies.child.staff_per_100k", agencies.staff_per_100k[2], real, 4, 0.01, 10000, "FTE",
               "User support project staff per 100,000 residents", "Assumption"),
      KY_PARAM("agencies.poverty.staff_per_100k", agencies.staff_per_100k[3], real, 4, 0.01, 10000, "FTE",
               "Self-reliance consultation staff per 100,000 residents",
               "Assumption: about four counsellors in a city of 100,000, so that the silo "
               "regime runs near 80% of capacity"),
      KY_PARAM("agencies.elderly.cases_per_worker", agencies.cases_per_worker[0], real, 40, 1, 10000, "case",
               "Open cases per worker at full capacity", "Assumption"),
      KY_PARAM("agencies.disability.cases_per_worker", agencies.cases_per_worker[1], real, 30, 1, 10000, "case",
               "Open cases per worker at full capacity", "Assumption"),
      KY_PARAM("agencies.child.cases_per_worker", agencies.cases_per_worker[2], real, 30, 1, 10000, "case",
               "Open cases per worker at full capacity", "Assumption"),
      KY_PARAM("agencies.poverty.cases_per_worker", agencies.cases_per_worker[3], real, 50, 1, 10000, "case",
               "Open cases per worker at full capacity",
               "Assumption: most consultations are light (information, benefits applications)"),

      // --- service -----------------------------------------------------------------------------
      KY_PER_FIELD("service.mean_days", service.mean_days, 60, 120, 120, 60, 180, 1, 36500, "day",
                   "Mean days of service to resolve a need at light caseload",
                   "Assumption to calibrate: linking to long-term care takes about two months; "
                   "withdrawal takes longest"),
      KY_PER_FIELD("service.chronic_share", service.chronic_share, 0.2, 0.3, 0.15, 0.2, 0.4, 0, 1, "share",
                   "Share of accepted needs that stay open as monitoring (見守り継続)",
                   "Assumption: the pilot municipalities report more cases kept open as monitoring "
                   "(the Kyushu Regional Bureau of Health and Welfare's 2021 briefing on the jūsō project); the shares "
                   "are set by hand (docs/ODD.md §7, Service)"),
      KY_PARAM("service.monitoring_mean_days", service.monitoring_mean_days, real, 365, 1, 36500, "day",
               "Mean days a chronic case stays open as monitoring", "Assumption: monitoring is reviewed yearly"),
      KY_PARAM("service.load_slowdown", service.load_slowdown, real, 0.5, 0, 100, "-",
               "Service time grows by this factor times caseload over capacity",
               "Assumption: overloaded workers resolve cases more slowly (docs/ODD.md §7, Service)"),

      // --- outreach (アウトリーチ等を通じた継続的支援) -----------------------------------------
      KY_PARAM("outreach.workers", outreach.workers, real, 0, 0, 100000, "FTE",
               "Outreach workers; 0 turns outreach off", "Lever: off in the silo regime; jūsō scenarios set it"),
      KY_PARAM("outreach.visits_per_worker_day", outreach.visits_per_worker_day, real, 2, 0, 100, "visit/day",
               "Home visits one worker makes on a working day",
               "Assumption: travel and trust-building keep visits few"),
      KY_CHOICE("outreach.targeting", outreach.targeting, 2, kTargetings,
                "none: no proactive visits; random: any household; risk: highest risk score "
                "first; lists: households named by commissioners, utilities, schools and the "
                "agencies' list of people known but not engaged",
                "Policy lever: outreach (アウトリーチ等を通じた継続的支援, a jūsō function) reaches people "
                "who send no SOS; the targeting rule is the choice under study (docs/ODD.md §7, Outreach)"),
      KY_PARAM("outreach.visits_to_trust", outreach.visits_to_trust, integer, 4, 1, 100, "visit",
               "Visits before a household with a withdrawn member lets a worker in",
               "Assumption: the Kyushu Regional Bureau of Health and Welfare's 2021 briefing on the jūsō project "
               "reports that trust with withdrawn "
               "people takes repeated visits; the number is set by hand (docs/ODD.md §7, Outreach)"),
      KY_PARAM("outreach.trust_interval_days", outreach.trust_interval_days, real, 14, 1, 365, "day",
               "Days between visits while building trust", "Assumption: fortnightly"),
      KY_PARAM("outreach.revisit_days", outreach.revisit_days, real, 180, 1, 3650, "day",
               "Days before a household is visited again after a visit", "Assumption: twice a year"),
      KY_PARAM("outreach.visit_detection", outreach.visit_detection, real, 0.7, 0, 1, "share",
               "Probability that a trusted visit reveals each open need of the household",
               "Assumption: a home visit sees far more than a doorstep round"),
      KY_PARAM("outreach.cases_per_worker", outreach.cases_per_worker, real, 15, 1, 10000, "case",
               "Open cases per outreach worker (the team serves the gap needs it finds)",
               "Assumption: continuous support (継続的支援) is intensive"),
      KY_PARAM("outreach.risk.older", outreach.risk_weights[0], real, 1, 0, 100, "-",
               "Risk score weight of a member aged 75+", "Assumption"),
      KY_PARAM("outreach.risk.living_alone", outreach.risk_weights[1], real, 1, 0, 100, "-",
               "Risk score weight of a one-person household", "Assumption"),
      KY_PARAM("outreach.risk.no_ties", outreach.risk_weights[2], real, 2, 0, 100, "-",
               "Risk score weight of a household with no outside tie", "Assumption"),
      KY_PARAM("outreach.risk.past_crisis", outreach.risk_weights[3], real, 2, 0, 100, "-",
               "Risk score weight of a household that had a crisis", "Assumption"),
      KY_PARAM("outreach.risk.isolated_member", outreach.risk_weights[4], real, 3, 0, 100, "-",
               "Risk score weight of a member aged 15-64 with no outside tie (\"the son never goes "
               "out\": what neighbours and commissioners notice)",
               "Assumption: the visible sign of withdrawal in a household"),
      KY_PARAM("outreach.risk.known_unengaged", outreach.risk_weights[5], real, 4, 0, 100, "-",
               "Risk score weight of a member whose open need reached an agency and was not taken "
               "on (refused, a lost referral, given up): the agencies' list of people known but "
               "not engaged (支援拒否), also on the lists rule",
               "Assumption: the field's first targets (outreach reaches those who refuse support, "
               "docs/ODD.md §7 Outreach); the highest weight, so these households come first"),

      // --- participation support (参加支援) -----------------------------------------------------
      KY_PARAM("participation.slots", participation.slots, real, 0, 0, 1.0e7, "slot",
               "Programme places (work trials, places to belong, volunteering); 0 turns it off",
               "Lever: off in the silo regime"),
      KY_PARAM("participation.uptake", participation.uptake, real, 0.6, 0, 1, "share",
               "Probability that a detected isolated or withdrawn resident offered a place joins", "Assumption"),
      KY_PARAM("participation.mean_days", participation.mean_days, real, 270, 1, 3650, "day",
               "Mean days in the programme for those who complete it", "Assumption"),
      KY_PARAM("participation.dropout_rate", participation.dropout_rate, real, 0.5, 0, 100, "1/year",
               "Hazard of dropping out of the programme", "Assumption"),
      KY_PARAM("participation.waiting_per_slot", participation.waiting_per_slot, real, 1, 0, 100, "person",
               "People the waiting list holds per programme place; an offer when it is "
               "full is declined (no place, no list) and counted as the warning waiting_list_full",
               "Assumption: a list as long as the places, about a programme's length of wait; "
               "plausible range 0.5-3"),
      KY_PARAM("participation.recovery_factor", participation.recovery_factor, real, 3, 1, 100, "-",
               "Factor on the hazard of leaving withdrawal while in the programme",
               "Assumption: a place to belong is the main route out of withdrawal"),
      KY_PARAM("participation.ties_renewed", participation.ties_renewed, integer, 2, 0, 100, "tie",
               "Dormant ties renewed on completing the programme (programme ties)", "Assumption"),
      KY_PARAM("participation.ties_formed", participation.ties_formed, real, 1, 0, 100, "tie",
               "Mean new ties (Poisson) a participant forms on completing the programme, with "
               "residents of its district met there (programme ties)",
               "Assumption: a work trial or a place to belong introduces about one person who "
               "stays in touch"),

      // --- community building (地域づくり) -------------------------------------------------------
      KY_PARAM("community.places_per_district", community.places_per_district, real, 0, 0, 1000, "place",
               "Places where residents of all ages meet (salons, children's cafeterias); "
               "0 turns it off",
               "Lever: off in the silo regime"),
      KY_PARAM("community.capacity", community.capacity, integer, 30, 1, 10000, "person",
               "Regular attendees of a place", "Assumption: a salon of a few dozen"),
      KY_PARAM("community.sessions_per_week", community.sessions_per_week, real, 1, 0, 7, "session/week",
               "Sessions of a place (its schedule)", "Assumption: weekly"),
      KY_PARAM("community.mean_attendance_days", community.mean_attendance_days, real, 365, 1, 36500, "day",
               "Mean days a resident keeps attending", "Assumption"),
      KY_PARAM("community.watchfulness", community.watchfulness, real, 1.5, 1, 100, "-",
               "Factor on how readily an attendee reports a need noticed in a tie",
               "Assumption: places teach residents what to look for and where to report"),
      KY_PARAM("community.renewal_factor", community.renewal_factor, real, 2, 1, 100, "-",
               "Factor on the renewal of an attendee's dormant ties", "Assumption"),
      KY_PARAM("community.older_preference", community.older_preference, real, 2, 0, 100, "-",
               "Relative chance that a resident 65+ (or a parent of a child under 6) attends",
               "Assumption: salons draw older people and young families"),
      KY_PARAM("community.ties_per_attendee", community.ties_per_attendee, real, 1.5, 0, 100, "tie",
               "Mean new ties (Poisson) a resident forms with a place's regular attendees "
               "on joining it",
               "Assumption: salon participants report more friends and social support than "
               "non-participants (JAGES Taketoyo study, Hikichi et al. 2015, J Epidemiol "
               "Community Health 69:905); one or two acquaintances that last"),
      KY_PARAM("community.invitation_share", community.invitation_share, real, 0.3, 0, 1, "share",
               "Share of a place's free seats offered by personal invitation to an "
               "isolated resident a welfare commissioner or an agency knows or, failing one, "
               "whom a regular of the place knows and brings along",
               "Assumption: commissioners and the centres bring known isolated elders to "
               "salons (the 通いの場 guidance asks them to) and members bring acquaintances; "
               "about a third of new members"),
      KY_PARAM("community.invitation_acceptance", community.invitation_acceptance, real, 0.3, 0, 1, "share",
               "Probability that an invited isolated resident starts attending",
               "Assumption: a personal invitation wins over about one isolated person in three"),

      // --- multi-agency collaboration (多機関協働) ---------------------------------------------
      KY_CHOICE("collaboration.mode", collaboration.mode, 0, kCollaborationModes,
                "off; hub: one coordinator team takes every compound household; distributed: a "
                "coordinator in every agency takes those it accepted",
                "Policy lever: Nabari city moved from one hub coordinator to a coordinator in every "
                "department (the Kyushu Regional Bureau of Health and Welfare's 2021 briefing on the jūsō project; "
                "docs/ODD.md §7, Multi-agency collaboration)"),
      KY_PARAM("collaboration.coordinators", collaboration.coordinators, real, 1, 0, 1000, "FTE",
               "Hub: coordinators in the team; distributed: coordinator time in each agency", "Assumption"),
      KY_PARAM("collaboration.plans_per_coordinator_month", collaboration.plans_per_coordinator_month, real, 8, 0, 1000,
               "plan/month", "Support plans (支援プラン) one coordinator makes in a month",
               "Assumption: a plan needs a joint meeting and preparation"),
      KY_PARAM("collaboration.meeting_hours_per_agency", collaboration.meeting_hours_per_agency, real, 2, 0, 100,
               "hour", "Staff hours each involved agency spends on a joint meeting", "Assumption: a two-hour meeting"),
      KY_PARAM("collaboration.plan_service_time_factor", collaboration.plan_service_time_factor, real, 0.8, 0.1, 1,
               "ratio",
               "Mean service time of a need under a support plan relative to one without (the "
               "agencies act together instead of in turn); a need already in service when the "
               "plan is made ends sooner by the same factor from then on",
               "Assumption: no Japanese evaluation measures it; plausible range 0.6-1 (1: a plan "
               "changes nothing, as before 2026-12)"),
      KY_PARAM("collaboration.plan_chronic_factor", collaboration.plan_chronic_factor, real, 0.75, 0, 1, "ratio",
               "Chance that a need under a support plan becomes chronic (monitoring) relative to "
               "one without",
               "Assumption: a plan addresses the household's needs together, so fewer stay open "
               "as monitoring; plausible range 0.5-1 (1: a plan changes nothing)"),
      KY_PARAM("collaboration.hub_referral_days", collaboration.hub_referral_days, real, 7, 0, 365, "day",
               "Hub: mean time from the accepting agency's decision to refer a compound household "
               "until the hub team has it (referral form, the municipality's decision to support, "
               "支援決定)",
               "Assumption: paperwork of a week; plausible range 2-21 days"),
      KY_PARAM("collaboration.hub_meeting_interval_days", collaboration.hub_meeting_interval_days, integer, 30, 1, 365,
               "day",
               "Hub: days between the team's support meetings (重層的支援会議), where plans are "
               "approved; a plan waits for the next one (1: plans any day)",
               "Assumption: a monthly meeting, the usual rhythm of municipal case conferences; "
               "plausible range 14-60 days (some towns convene case by case, e.g. Daisen town's "
               "2025 重層的支援会議設置要綱, art. 5)"),
      KY_PARAM("collaboration.hub_consent_stall", collaboration.hub_consent_stall, real, 0.2, 0, 1, "share",
               "Hub: share of referrals the household does not at first consent to (本人同意 for "
               "sharing personal information among the agencies); the worker goes back, reassesses "
               "and asks again",
               "The 重層的支援会議 that makes plans needs the person's consent to share information, "
               "unlike the 支援会議 of Social Welfare Act art. 106-6 (MHLW, 社会保障審議会福祉部会 "
               "第29回, 2025-09-08, 資料1 p. 42); the share is an assumption, plausible range 0.1-0.4"),
      KY_PARAM("collaboration.hub_consent_days", collaboration.hub_consent_days, real, 30, 0, 365, "day",
               "Hub: mean extra wait of a referral stalled on consent (a new visit and "
               "reassessment)",
               "Assumption: a month; plausible range 14-90 days"),
      KY_PARAM("collaboration.own_case_plan_work", collaboration.own_case_plan_work, real, 0.75, 0.1, 1, "plan",
               "Distributed: a coordinator's work on a plan for a household its own agency serves, "
               "relative to a hub plan (it knows the case: no referral, no new assessment)",
               "Assumption: the assessment is a quarter of a plan's work; plausible range 0.5-1"),
      KY_PARAM("collaboration.outside_agency_days", collaboration.outside_agency_days, real, 14, 0, 365, "day",
               "Distributed: mean wait before a coordinator has reached the agencies outside its "
               "field that serve the household (a joint meeting arranged without a standing "
               "channel)",
               "Assumption: two weeks; plausible range 7-30 days"),
      KY_PARAM("collaboration.outside_agency_plan_work", collaboration.outside_agency_plan_work, real, 0.25, 0, 10,
               "plan",
               "Distributed: extra plan work for each agency outside the coordinator's field that "
               "serves the household, relative to a hub plan",
               "Assumption: a quarter of a plan per agency reached; plausible range 0-0.5"),

      // --- costs --------------------------------------------------------------------------------
      KY_PARAM("costs.staff_yen_per_fte", costs.staff_yen_per_fte, real, 6.0e6, 0, 1.0e9, "yen/year",
               "Cost of one agency or outreach worker for a year",
               "Assumption: salary and overheads of a municipal social worker"),
      KY_PARAM("costs.coordinator_yen_per_fte", costs.coordinator_yen_per_fte, real, 7.0e6, 0, 1.0e9, "yen/year",
               "Cost of one coordinator for a year", "Assumption: senior staff"),
      KY_PARAM("costs.meeting_hour_yen", costs.meeting_hour_yen, real, 3500, 0, 1.0e6, "yen/hour",
               "Cost of one staff hour in a joint meeting",
               "costs.staff_yen_per_fte over about "
               "1,700 working hours"),
      KY_PARAM("costs.slot_yen_per_year", costs.slot_yen_per_year, real, 3.0e5, 0, 1.0e9, "yen/year",
               "Cost of one participation programme place for a year", "Assumption"),
      KY_PARAM("costs.place_yen_per_year", costs.place_yen_per_year, real, 5.0e5, 0, 1.0e9, "yen/year",
               "Cost of running one community place for a year", "Assumption"),
      KY_PARAM("costs.integrated_intake_yen_per_100k", costs.integrated_intake_yen_per_100k, real, 6.0e6, 0, 1.0e10,
               "yen/year",
               "Yearly cost of integrated intake per 100,000 residents: training and the time of "
               "whole-household assessment at every window",
               "Assumption: about one worker's time per 100,000 residents"),
      KY_PARAM("costs.national_share", costs.national_share, real, 0.75, 0, 1, "share",
               "Share of the new functions' cost (up to the grant base) paid by the state",
               "Jūsō grant (重層的支援体制整備事業交付金), FY2021: the state pays 3/4 of the new functions "
               "(outreach, multi-agency collaboration, participation support), the municipality 1/4 "
               "(the Kyushu Regional Bureau of Health and Welfare's 2021 briefing on the jūsō project; docs/ODD.md §7, "
               "Recording and costs)"),
      KY_PARAM("costs.grant_base.under_10k", costs.grant_base_yen[0], real, 25.3e6, 0, 1.0e10, "yen/year",
               "Grant base amount for municipalities under 10,000 residents", kGrantBaseSource),
      KY_PARAM("costs.grant_base.10k_30k", costs.grant_base_yen[1], real, 28.0e6, 0, 1.0e10, "yen/year",
               "Grant base amount, 10,000-30,000 residents", kGrantBaseSource),
      KY_PARAM("costs.grant_base.30k_50k", costs.grant_base_yen[2], real, 31.0e6, 0, 1.0e10, "yen/year",
               "Grant base amount, 30,000-50,000 residents", kGrantBaseSource),
      KY_PARAM("costs.grant_base.50k_100k", costs.grant_base_yen[3], real, 33.8e6, 0, 1.0e10, "yen/year",
               "Grant base amount, 50,000-100,000 residents", kGrantBaseSource),
      KY_PARAM("costs.grant_base.100k_200k", costs.grant_base_yen[4], real, 42.0e6, 0, 1.0e10, "yen/year",
               "Grant base amount, 100,000-200,000 residents", kGrantBaseSource),
      KY_PARAM("costs.grant_base.200k_300k", costs.grant_base_yen[5], real, 50.5e6, 0, 1.0e10, "yen/year",
               "Grant base amount, 200,000-300,000 residents", kGrantBaseSource),
      KY_PARAM("costs.grant_base.300k_500k", costs.grant_base_yen[6], real, 56.0e6, 0, 1.0e10, "yen/year",
               "Grant base amount, 300,000-500,000 residents", kGrantBaseSource),
      KY_PARAM("costs.grant_base.500k_plus", costs.grant_base_yen[7], real, 61.8e6, 0, 1.0e10, "yen/year",
               "Grant base amount, 500,000 residents and over", kGrantBaseSource),
  };
  return specs;
}

#undef KY_PARAM
#undef KY_CHOICE
#undef KY_PER_FIELD

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::span<const ParamSpec> parameter_table() { return table(); }

const ParamSpec* find_parameter(std::string_view path) {
  for (const ParamSpec& spec : table())
    if (spec.path == path) return &spec;
  return nullptr;
}

std::vector<std::string_view> closest_parameters(std::string_view path, std::size_t n) {
  // Compare at the depth of the query, so that a misspelt section ("populaton") is matched
  // against sections and a misspelt leaf against full paths.
  const auto depth = static_cast<std::size_t>(std::count(path.begin(), path.end(), '.')) + 1;
  auto prefix = [depth](std::string_view full) {
    std::size_t cut = 0;
    for (std::size_t parts = 0; parts < depth && cut != std::string_view::npos; ++parts)
      cut = full.find('.', cut == 0 && parts == 0 ? 0 : cut + 1);
    return cut == std::string_view::npos ? full : full.substr(0, cut);
  };
  std::vector<std::pair<std::size_t, std::string_view>> ranked;
  for (const ParamSpec& spec : table()) {
    const std::string_view candidate = prefix(spec.path);
    if (std::none_of(ranked.begin(), ranked.end(), [&](const auto& r) { return r.second == candidate; }))
      ranked.emplace_back(edit_distance(path, candidate), candidate);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < ranked.size() && i < n; ++i) out.push_back(ranked[i].second);
  return out;
}

std::string format_parameter_value(const ParamSpec& spec, double value) {
  switch (spec.type) {
    case ParamType::choice: return std::string(spec.choices[static_cast<std::size_t>(value)]);
    case ParamType::boolean: return value != 0 ? "true" : "false";
    case ParamType::integer: return std::to_string(static_cast<long long>(value));
    case ParamType::real: {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.10g", value);
      return buffer;
    }
  }
  return {};
}

Scenario Scenario::defaults() {
  Scenario s;
  for (const ParamSpec& spec : table()) spec.set(s, spec.default_value);
  s.name = "defaults";
  return s;
}

Scenario Scenario::in_force(std::int64_t day) const {
  Scenario s = *this;
  std::vector<const PolicyChange*> due;
  for (const PolicyChange& change : timeline)
    if (change.day <= day) due.push_back(&change);
  std::stable_sort(due.begin(), due.end(), [](const auto* a, const auto* b) { return a->day < b->day; });
  for (const PolicyChange* change : due) find_parameter(change->key)->set(s, change->value);
  s.timeline.clear();
  return s;
}

double grant_base_yen(const Scenario& s, std::int64_t residents) {
  std::size_t band = 0;
  while (band < kGrantBandUpperBounds.size() && residents >= kGrantBandUpperBounds[band]) ++band;
  return s.costs.grant_base_yen[band];
}

Scenario Scenario::silo_baseline() const {
  Scenario s = *this;
  s.intake.mode = IntakeMode::silo;
  s.intake.handoff = HandOff::cold;
  s.outreach.workers = 0;
  s.participation.slots = 0;
  s.community.places_per_district = 0;
  s.collaboration.mode = CollaborationMode::off;
  s.watching.coverage = 0;
  s.timeline.clear();
  return s;
}

std::vector<ValidationProblem> validate(const Scenario& s) {
  std::vector<ValidationProblem> problems;
  double share_sum = 0;
  for (double share : s.population.household_shares) share_sum += share;
  if (std::abs(share_sum - 1.0) > 1e-6) {
    char buffer[160];
    std::snprintf(buffer, sizeof buffer,
                  "household shares sum to %.6g (expected 1: the types partition all households)", share_sum);
    problems.push_back({"population.households", buffer});
  }
  for (const Scenario::PolicyChange& change : s.timeline) {
    if (find_parameter(change.key) == nullptr)
      problems.push_back({"timeline", "unknown key '" + change.key + "'"});
    else if (change.day < 0 || change.day >= s.run.horizon_days)
      problems.push_back({"timeline", "change of " + change.key + " on day " + std::to_string(change.day) +
                                          " is outside the horizon (expected 0 to run.horizon_days - 1)"});
  }
  if (s.migration.newcomer_single_share + s.migration.newcomer_family_share + s.migration.newcomer_older_share +
          s.migration.newcomer_return_share >
      1 + 1e-9)
    problems.push_back({"migration.newcomer_family_share",
                        "newcomer_single_share + newcomer_family_share + newcomer_older_share + "
                        "newcomer_return_share exceed 1 (expected at most 1)"});
  if (s.life_course.partnership_max_age < s.life_course.partnership_min_age)
    problems.push_back({"life_course.partnership_max_age", "below life_course.partnership_min_age"});
  if (s.population.residents < s.population.block_households * 3)
    problems.push_back({"population.residents",
                        "too few residents for one block of population.block_households "
                        "(expected at least 3 x population.block_households)"});
  return problems;
}

}  // namespace kyosei
