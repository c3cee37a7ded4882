#pragma once
// The field table of the Summary, as output_fields.hpp is for the series
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
  X(within_365, "share", "Share detected within 365 days of onset (1 - S(365))")                 \
  X(crisis_share, "share", "Share of the group's detected needs revealed by a crisis: detected, "\
                           "but too late")

#define KYOSEI_SUMMARY_SCALARS(X)                                                               \
  X(mean_isolation_residents, "share", "Mean over days of the isolation_residents series")      \
  X(mean_isolation_households, "share", "Mean over days of the isolation_households series")    \
  X(share_bounced, "share", "Share of episodes with at least one refusal or lost referral")     \
  X(share_crisis, "share", "Share of detected episodes whose detection channel was a crisis")   \
  X(mean_hops, "referral", "Mean referrals between first contact and acceptance, over "         \
                           "accepted episodes")                                                 \
  X(refusals, "contact", "Contacts refused over the run")                                       \
  X(dropoffs, "contact", "Referrals that never arrived over the run")                          \
  X(mean_wait_days, "day", "Mean days from detection to the start of service, over covered "   \
                           "needs (hand-offs, coordinator and agency queues)")                 \
  X(compound_coverage_days, "day", "The same for needs of compound households (8050, double "  \
                                   "care, multi-need): the delay to full coverage")            \
  X(mean_monitoring_cases, "case", "Mean over days of the cases kept open as monitoring")      \
  X(caseload_per_worker, "case", "Mean over days of open cases per agency worker")             \
  X(mean_coordinator_queue, "household", "Mean over days of households waiting for a plan")    \
  X(meeting_hours_per_year, "hour", "Staff hours in joint meetings per year")                  \
  X(outreach_visits_per_year, "visit", "Outreach visits per year")                             \
  X(mean_participants, "person", "Mean over days of residents in a programme")                 \
  X(mean_attendees, "person", "Mean over days of regular attendees of community places")       \
  X(cost_yen_per_year, "yen", "Cost per year of the support system as modelled")               \
  X(new_function_cost_yen_per_year, "yen", "Part of it for outreach, coordination and "        \
                                           "participation (the jūsō grant's functions)")       \
  X(national_subsidy_yen_per_year, "yen", "National share of the new functions, per year")     \
  X(municipal_cost_yen_per_year, "yen", "Cost per year less the national subsidy")             \
  X(cost_per_detected_yen, "yen", "Cost over the run divided by the needs detected in it")     \
  X(solitary_deaths, "person", "Deaths at home of residents living alone (孤立死) over the run") \
  X(solitary_deaths_per_100k, "1/100k/year", "Those deaths per 100,000 residents (mean of the "  \
                                             "residents series) per year")                     \
  X(solitary_share_65plus, "share", "Share of them aged 65 or more")                           \
  X(solitary_share_8_days, "share", "Share discovered 8 or more days after death")             \
  X(solitary_share_30_days, "share", "Share discovered 30 or more days after death")           \
  X(solitary_median_days, "day", "Median days from death to discovery")
