#pragma once
// The field table of the Summary (DESIGN.md principle 7), as output_fields.hpp is for the series
// and episode columns: the JSON and HDF5 writers loop over these lists instead of naming each
// number. Keep them in step with DetectionEstimate and Summary in results.hpp.
//
// X(member name, unit, meaning); the C++ type is the member's own.

#define KYOSEI_DETECTION_FIELDS(X)                                                              \
  X(episodes, "episode", "Episodes in the group")                                               \
  X(detected, "episode", "Episodes an agency took responsibility for by the horizon")           \
  X(median_days, "day", "Kaplan-Meier median detection time; NaN if the curve never falls "     \
                        "to 0.5")                                                               \
  X(rmst_days, "day", "Restricted mean detection time up to 365 days (area under the "          \
                      "Kaplan-Meier curve)")                                                    \
  X(within_30, "share", "Share detected within 30 days of onset (1 - S(30))")                   \
  X(within_90, "share", "Share detected within 90 days of onset (1 - S(90))")                   \
  X(within_365, "share", "Share detected within 365 days of onset (1 - S(365))")

#define KYOSEI_SUMMARY_SCALARS(X)                                                               \
  X(mean_isolation_residents, "share", "Mean over days of the isolation_residents series")      \
  X(mean_isolation_households, "share", "Mean over days of the isolation_households series")    \
  X(share_bounced, "share", "Share of episodes with at least one refusal or lost referral")     \
  X(share_crisis, "share", "Share of detected episodes whose detection channel was a crisis")   \
  X(mean_hops, "referral", "Mean referrals between first contact and acceptance, over "         \
                           "accepted episodes")                                                 \
  X(refusals, "contact", "Contacts refused over the run")                                       \
  X(dropoffs, "contact", "Referrals that never arrived over the run")
