#pragma once
// The kinds of event each calendar holds, and the day an event falls on.
#include <cstdint>

#include "kyosei/engine/calendar.hpp"

namespace kyosei {

// Event kinds, per calendar.
// kTurn65: a resident's 65th birthday, when its household may become one of residents 65+ only
// (commissioners' registration).
enum DemographyEvent : std::uint8_t { kDeath = 0, kBirth, kComeOfAge, kTurn65 };
enum OnsetEvent : std::uint8_t { kOnset = 0, kRecovery, kProgrammeRecovery };
enum IntakeEvent : std::uint8_t {
  kReferralArrival = 0,
  kHandOffArrival,
  kHandOffRetry,
  kAssessmentDone,
  kCoordinatorReferral,  // a household (not an episode) reaching a coordinator
};
enum HouseholdEvent : std::uint8_t { kLeaveHome = 0, kPartnership, kSeparation, kJoinChild };

// First day of an event whose waiting time from `today` is `wait_days` (continuous). Events
// happen on a later day than the one that schedules them, so a phase never adds to a bucket it
// has already processed.
Day event_day(Day today, double wait_days);

}  // namespace kyosei
