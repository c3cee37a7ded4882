#pragma once
// The immutable description of one simulated municipality and its support regime: nothing
// writes it during a run. Every member is a parameter of the one parameter table (params.hpp),
// which holds its default, unit, range, meaning and source; this struct only lays
// the values out for the engine. Rates are per year unless the name says otherwise.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "kyosei/model/fields.hpp"

namespace kyosei {

template <class T>
using PerField = std::array<T, kFieldCount>;
template <class T>
using PerSilo = std::array<T, kSiloCount>;

// Population bands of the jūsō grant base amounts (docs/parameters.md, `costs.grant_base`): upper
// bounds, exclusive.
inline constexpr std::array<double, 7> kGrantBandUpperBounds = {10000, 30000, 50000, 100000, 200000, 300000, 500000};

struct Scenario {
  struct Run {
    std::int64_t horizon_days{};
    std::int64_t burn_in_days{};
    std::int64_t seed{};
  } run;

  struct Population {
    std::int64_t residents{};
    std::int64_t district_residents{};
    std::int64_t block_households{};
    std::array<double, kHouseholdTypeCount> household_shares{};
    double elderly_single_female_share{};
    double other_couple_parent_share{};  // of other households, a couple living with a parent
    double help_seeking_shape{};
    double sociability_shape{};
  } population;

  struct Demography {
    // Relative risks of death against the life table's average person (sim/model/mortality.cpp).
    double care_mortality_ratio{};
    double unserved_care_mortality_ratio{};
    double isolation_mortality_ratio{};
    double midlife_isolated_men_mortality_ratio{};
    double birth_rate{};
    // Multipliers of birth_rate by the woman's age: 20-24, 25-29, 30-34, 35-39, 40-44.
    std::array<double, 5> birth_age_factor{};
    double unpartnered_birth_factor{};  // multiplier of birth_rate for a woman without a partner
    double bereavement_notice{};        // share of pension losses at a death that reach an agency at once
  } demography;

  // Leaving the parental home and partnership (docs/ODD.md §7 "Household dynamics").
  struct LifeCourse {
    double leave_home_min_age{};
    std::array<double, 2> leave_home_rate{};  // [male, female], per year from leave_home_min_age
    std::array<double, 2> stay_share{};       // unmarried children who never leave nor partner
    double partnership_min_age{}, partnership_max_age{};
    std::array<double, 2> partnership_rate{};  // per year, unpartnered residents in the ages
    // Multipliers of partnership_rate in six equal age bands from partnership_min_age to
    // partnership_max_age (20-24, ..., 45-49 at the defaults).
    std::array<double, 6> partnership_age_factor{};
    double partner_moves_in{};    // share of partnerships that bring the partner in
    double parents_home_share{};  // of those of a child at home, share living in the parental home
    // Share of children leaving home in the municipality who move in with adults of their own
    // generation (siblings, friends: an other household) rather than live alone.
    double share_home{};
    // Separation of a couple, per year by the woman's age: 20-29, 30-44, 45-59.
    std::array<double, 3> separation_rate{};
    // Moving in with a child's household (同居) when living alone, per year by age: 65-74, 75-84, 85+.
    std::array<double, 3> join_child_rate{};
    double join_child_male_factor{};  // multiplier of join_child_rate for men
    double join_sibling_share{};      // of those moves, the share to a sibling's household (other)
    double join_child_away_share{};   // of the moves to a child, the share to a child outside (moves out)
  } life_course;

  // Moves into residential care (施設入所) of residents with a care need (docs/ODD.md §7).
  struct CareEntry {
    double rate{};          // per year, a care need living with others
    double alone_factor{};  // multiplier for living alone
    double start_share{};   // of residents 65+ with a care need, the share in care at the start
  } care_entry;

  // Migration in and out of the municipality (docs/ODD.md §7 "Migration").
  struct Migration {
    std::array<double, 6> out_rate{};       // per year, ages 18-24, 25-29, 30-39, 40-64, 65-74, 75+
    double out_factor{};                    // the municipality type's multiplier of out_rate
    double in_rate{};                       // newcomers per year per resident at the start
    double newcomer_single_share{};         // newcomer households of one young adult
    double newcomer_family_share{};         // of a couple or a single parent with children
    double newcomer_single_parent_share{};  // of those families, a single parent
    double newcomer_older_share{};          // of one or two residents aged 55-90 (the rest: a young couple)
    double newcomer_older_couple_share{};   // of those older newcomer households, the share of a couple
    double newcomer_return_share{};         // of one adult aged 30-59 moving back in with parents 65+
  } migration;

  struct Conditions {
    double care_onset_at_65{};
    double care_onset_growth{};
    double dementia_share{};
    double disability_prevalence{};
    double disability_onset{};
    double disability_certified_share{};
    double withdrawal_prevalence_15_39{};
    double withdrawal_prevalence_40_64{};
    double withdrawal_male_share{};
    double withdrawal_onset{};
    double withdrawal_recovery{};
    double poverty_prevalence{};
    double poverty_onset{};
    double poverty_recovery{};
    double child_need_onset{};
    double child_need_recovery{};
  } conditions;

  struct Ties {
    double neighbours_per_resident{};
    double friends_per_resident{};
    double friend_outside_district{};
    double active_share{};
    double decay_rate{};
    double withdrawn_factor{};
    double old_age_factor{};
    double household_contact{};
    double neighbour_contact{};
    double friend_contact{};
    std::int64_t isolation_min_age{};
    double neighbour_formation{};
    double friend_formation{};
    double triadic_closure{};
    std::int64_t formation_min_age{};
    // Share of its expected ties an arrival seeks itself; a lost tie is sought again with the rest.
    double arrival_share{};
  } ties;

  struct Detection {
    PerField<double> self_referral{};
    double window_knowledge{};
    PerField<double> tie_notice{};
    double tie_report{};
    PerField<double> institution{};
    PerField<double> crisis{};
    double crisis_isolated_factor{};
    double dementia_help_factor{};
    double withdrawn_help_factor{};
    double refusal_discouragement{};
    double word_of_mouth{};            // factor on self-referral per net experience of the ties
    std::int64_t word_of_mouth_cap{};  // net experiences counted at most, either way
  } detection;

  struct Commissioners {
    std::int64_t households_per_commissioner{};
    double registration{};
    double visit_interval_days{};
    double visit_detection{};
    std::int64_t caseload_per_commissioner{};
  } commissioners;

  // Deaths at home of residents living alone (孤立死) and who discovers them.
  struct SolitaryDeaths {
    double at_home_share{};          // aged 65+, no care need, not isolated, no services
    double younger_at_home_ratio{};  // factors on it (solitary_deaths.cpp)
    double unserved_care_at_home_ratio{};
    double services_at_home_ratio{};
    double isolated_at_home_ratio{};
    double family_share{};
    double family_rate{};
    double tie_discovery{};
    double service_rate{};
    double background_rate{};
  } solitary_deaths;

  // Who believes a window takes a gap need, and how knowledge of the integrated window spreads
  // among residents and referrers (docs/ODD.md §7 "Expectations and awareness").
  struct Awareness {
    double silo_gap_belief{};           // residents who think some window takes a gap need (silo)
    double silo_gap_referral_belief{};  // the same among commissioners and institutions
    bool diffusion{};                   // false: everyone knows the integrated window at once
    double publicity{};                 // per year, while integrated intake is in force
    double spread{};                    // per year and unit of awareness (word of mouth)
    double partner_learning{};          // per year and unit of referrer awareness
    double forgetting{};                // per year
    double referrer_publicity{};        // per year, while integrated intake is in force
    double collaboration_learning{};    // per year, while a collaboration mode is in force
    double outreach_informs{};          // referrers taught per outreach visit
    double referrer_forgetting{};       // per year
  } awareness;

  // Watching agreements (見守り協定): deliveries, utilities and landlords that look out for the
  // households they serve and report signs of trouble.
  struct Watching {
    double coverage{};  // share of households on a deliverer's round
    double contacts_per_week{};
    double report{};     // probability that a sign a deliverer notices is reported
    double discovery{};  // share of missed contacts after a death that lead to discovery
  } watching;

  struct Intake {
    IntakeMode mode{};
    HandOff handoff{};
    double staff_knowledge{};
    double notice_other_needs{};
    double household_assessment{};
    double assessment_days{};               // integrated: least time of a whole-household assessment
    double assessments_per_worker_month{};  // integrated: assessments a window's worker completes
    double assessment_hours{};              // staff hours of one whole-household assessment
    double warm_handoff_hours{};            // staff hours of accompanying one hand-off
    std::int64_t max_hops{};
    double cold_arrival{};
    double cold_delay_days{};
    double warm_arrival{};
    double warm_delay_days{};
    double withdrawn_arrival_factor{};
    double self_reliance_gap_acceptance{};  // silo: the self-reliance consultation takes a gap need
  } intake;

  struct Agencies {
    double elderly_per_centre{};
    double staff_per_centre{};
    PerSilo<double> staff_per_100k{};  // the elderly entry is unused: centres set its staff
    PerSilo<double> cases_per_worker{};
  } agencies;

  struct Service {
    PerField<double> mean_days{};
    PerField<double> chronic_share{};
    double monitoring_mean_days{};
    double load_slowdown{};
  } service;

  struct Outreach {
    double workers{};
    double visits_per_worker_day{};
    OutreachTargeting targeting{};
    std::int64_t visits_to_trust{};
    double trust_interval_days{};
    double revisit_days{};
    double visit_detection{};
    double cases_per_worker{};
    // age 75+, living alone, no outside tie, past crisis, a member 15-64 with no outside tie
    std::array<double, 6> risk_weights{};
  } outreach;

  struct Participation {
    double slots{};
    double uptake{};
    double mean_days{};
    double dropout_rate{};
    double waiting_per_slot{};  // the waiting list holds at most slots x this many people
    double recovery_factor{};
    std::int64_t ties_renewed{};
    double ties_formed{};
  } participation;

  struct Community {
    double places_per_district{};
    std::int64_t capacity{};
    double sessions_per_week{};
    double mean_attendance_days{};
    double watchfulness{};
    double renewal_factor{};
    double older_preference{};
    double ties_per_attendee{};
    double invitation_share{};
    double invitation_acceptance{};
  } community;

  struct Collaboration {
    CollaborationMode mode{};
    double coordinators{};
    double plans_per_coordinator_month{};
    double meeting_hours_per_agency{};
    double plan_service_time_factor{};  // mean service time of a planned need, relative
    double plan_chronic_factor{};       // chronic share of a planned need, relative
    // How the two modes work (docs/ODD.md §7 "Multi-agency collaboration"). Hub: a referral to
    // the team, consent to share information, plans approved at the team's periodic meeting.
    double hub_referral_days{};                // mean, accepting agency to the hub
    std::int64_t hub_meeting_interval_days{};  // 重層的支援会議 cycle
    double hub_consent_stall{};                // share of referrals without consent at first
    double hub_consent_days{};                 // mean extra wait of a stalled referral
    // Distributed: a coordinator knows its own agency's cases and has to reach the others.
    double own_case_plan_work{};        // plan work for the agency's own case, in hub plans
    double outside_agency_days{};       // mean wait to reach agencies outside its field
    double outside_agency_plan_work{};  // extra plan work per outside agency, in hub plans
  } collaboration;

  struct Costs {
    double staff_yen_per_fte{};
    double coordinator_yen_per_fte{};
    double meeting_hour_yen{};
    double slot_yen_per_year{};
    double place_yen_per_year{};
    double integrated_intake_yen_per_100k{};
    double national_share{};
    std::array<double, 8> grant_base_yen{};  // by population band, see kGrantBands
  } costs;

  // A change of parameters on a recorded day (a municipality adopting jūsō in a fiscal year).
  struct PolicyChange {
    std::int64_t day;  // recorded day, 0 = the first day after the burn-in
    std::string key;   // a parameter path
    double value;
  };
  std::vector<PolicyChange> timeline;  // in the order written; applied by day, then by order

  // Provenance, not parameters: where the scenario came from and its text (stored in outputs).
  std::string name;         // file stem, e.g. "silo"
  std::string source_path;  // as given on the command line
  std::string source_text;  // the YAML text, with the overrides appended as comments

  // The scenario with every parameter at its table default.
  static Scenario defaults();

  // The parameters in force on recorded day `day`: these with every timeline change up to it.
  Scenario in_force(std::int64_t day) const;

  // The regime of the burn-in: these parameters with silo intake, cold hand-offs and every jūsō
  // lever off, so that every scenario starts its recorded horizon from the same pre-2021 past.
  Scenario silo_baseline() const;
};

// The jūsō grant base amount (yen per year) for a municipality of `residents`.
double grant_base_yen(const Scenario& scenario, std::int64_t residents);

}  // namespace kyosei
