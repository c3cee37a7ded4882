#pragma once
// The fields of need (the silos) and the enumerations shared by the scenario and the results.
#include <array>
#include <cstdint>
#include <string_view>

namespace kyosei {

// A need belongs to one field. The first four are the statutory silos, each with its own agency;
// `gap` is a need that no silo owns (狭間のニーズ): withdrawal, disability without a certificate.
enum class Field : std::uint8_t { elderly = 0, disability = 1, child = 2, poverty = 3, gap = 4 };
inline constexpr int kFieldCount = 5;
inline constexpr int kSiloCount = 4;  // fields with an agency of their own
inline constexpr std::array<std::string_view, kFieldCount> kFieldNames = {"elderly", "disability", "child", "poverty",
                                                                          "gap"};

// How a need came to an agency's attention (docs/ODD.md §7 "Detection"). `household` means the need
// was found while an agency assessed another member's need in the same household (or in a support
// plan); `outreach` on an outreach worker's visit.
enum class Channel : std::uint8_t {
  none = 0,
  self_referral,
  tie,
  commissioner,
  institution,
  crisis,
  household,
  outreach
};
inline constexpr int kChannelCount = 8;
inline constexpr std::array<std::string_view, kChannelCount> kChannelNames = {
    "none", "self_referral", "tie", "commissioner", "institution", "crisis", "household", "outreach"};

// Who found a resident living alone who died at home (孤立死): relatives outside the household
// (`household`), an outside tie (neighbour, friend, a fellow attendee of a place), the welfare
// commissioner, the outreach team, or an institution (care or support staff, utility, landlord,
// police).
enum class DiscoveryChannel : std::uint8_t { household = 0, tie, commissioner, outreach, institution };
inline constexpr int kDiscoveryChannelCount = 5;
inline constexpr std::array<std::string_view, kDiscoveryChannelCount> kDiscoveryChannelNames = {
    "household", "tie", "commissioner", "outreach", "institution"};

// Where an episode stands at the end of the run.
enum class Outcome : std::uint8_t {
  undetected = 0,  // still open and unknown to every agency at the horizon (censored)
  waiting,         // accepted, waiting for the owning agency (hand-off or queue)
  in_service,      // an agency is working on it
  monitoring,      // chronic: kept open as monitoring (見守り継続)
  resolved,        // service ended it
  remitted,        // the condition ended by itself, before or during service
  died             // the resident died while the need was open
};
inline constexpr int kOutcomeCount = 7;
inline constexpr std::array<std::string_view, kOutcomeCount> kOutcomeNames = {
    "undetected", "waiting", "in_service", "monitoring", "resolved", "remitted", "died"};

// Compound tags of the household at an episode's onset, a bit set derived from the members'
// conditions and ties (never assigned as labels).
enum CompoundTag : std::uint8_t {
  kTag8050 = 1u << 0,        // a member aged 70+ with a member aged 40-64 withdrawn or without income
  kTagDoubleCare = 1u << 1,  // a child under 6 and an adult member with care need or disability
  kTagIsolated = 1u << 2,    // no member has an active tie outside the household
  kTagMultiNeed = 1u << 3,   // open needs in two or more fields in the household
};
inline constexpr int kCompoundTagCount = 4;
inline constexpr std::array<std::string_view, kCompoundTagCount> kCompoundTagNames = {"8050", "double_care", "isolated",
                                                                                      "multi_need"};

// Household types of the synthetic population (docs/ODD.md §1 "Patterns").
enum class HouseholdType : std::uint8_t {
  single = 0,
  couple,
  couple_children,
  single_parent,
  parent_adult_child,
  three_generation,
  other
};
inline constexpr int kHouseholdTypeCount = 7;
inline constexpr std::array<std::string_view, kHouseholdTypeCount> kHouseholdTypeNames = {
    "single", "couple", "couple_children", "single_parent", "parent_adult_child", "three_generation", "other"};

enum class IntakeMode : std::uint8_t { silo = 0, integrated = 1 };
enum class HandOff : std::uint8_t { cold = 0, warm = 1 };
// How outreach workers choose the households they visit (docs/ODD.md §7 "Outreach").
enum class OutreachTargeting : std::uint8_t { none = 0, random, risk, lists };
// Multi-agency collaboration (多機関協働): off, one hub coordinator team, or a coordinator in
// every agency (Nabari's later design).
enum class CollaborationMode : std::uint8_t { off = 0, hub, distributed };

}  // namespace kyosei
