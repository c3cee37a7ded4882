#pragma once
// Counted warnings: oddities during a run that do not stop it but make
// its results suspect. One fixed list: the State counts each in an array indexed by Warning, the
// results name those counted, and docs/ODD.md ("Warnings") explains each with its test.
#include <array>
#include <cstdint>
#include <string_view>

namespace kyosei {

enum class Warning : std::uint8_t {
  detection_hazard_above_bound = 0,  // thinning under-detected a candidate (phase_detection.cpp)
  implausible_age,                   // a resident lived past kOldestPlausibleAge (phase_demography.cpp)
  adult_without_ties,                // a resident came of age with no outside tie (phase_demography.cpp)
  waiting_list_full,                 // an offer declined: the programme's waiting list was full
};
inline constexpr int kWarningCount = 4;

struct WarningInfo {
  std::string_view name;
  std::string_view meaning;
};
inline constexpr std::array<WarningInfo, kWarningCount> kWarnings = {{
    {"detection_hazard_above_bound",
     "A candidate detection fell due with its channels' hazard above the bound it was drawn at: "
     "thinning detected it less often than the model says (a defect to report)"},
    {"implausible_age",
     "A resident died older than 110 (Japan's oldest recorded ages are 115-119): the mortality at "
     "the oldest ages is too low"},
    {"adult_without_ties",
     "A resident came of age (ties.isolation_min_age) with no active tie outside the household: "
     "each is a youth entering the isolation count alone, a share to compare with the surveys"},
    {"waiting_list_full",
     "A participation offer was declined because the waiting list held its cap "
     "(participation.slots x participation.waiting_per_slot): demand for the programme exceeds "
     "its places for long"},
}};

// The age past which a resident's survival is counted as implausible_age.
inline constexpr int kOldestPlausibleAge = 110;

}  // namespace kyosei
