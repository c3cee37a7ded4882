#pragma once
// The field table of the Summary, as output_fields.hpp is for the series
// and episode columns: the JSON and HDF5 writers loop over these lists instead of naming each
// number. Keep them in step with DetectionEstimate and Summary in results.hpp.
//
// X(member name, unit, meaning); the C++ type is the member's own.

// Every number of a group: the pathway's stages (docs/ODD.md "Outcomes"), cumulative incidences
// from onset with a crisis, death and remission competing, then the deprecated Kaplan-Meier
// numbers, which count an acceptance after a crisis as a detection (they go in the next release;
// the CLI's summary table leaves them out).
#define KYOSEI_DETECTION_FIELDS(X) KYOSEI_PATHWAY_FIELDS(X) KYOSEI_DEPRECATED_DETECTION_FIELDS(X)

#define KYOSEI_PATHWAY_FIELDS(X)                                                          \
  X(episodes, "episode", "Episodes in the group")                                         \
  X(contact_365, "share",                                                                 \
    "Cumulative incidence of first contact with any agency by 365 days "                  \
    "(before a crisis; death and remission compete)")                                     \
  X(detection_events, "episode",                                                          \
    "Needs detected before a crisis: an agency took "                                     \
    "responsibility before any crisis revealed the need")                                 \
  X(detection_30, "share",                                                                \
    "Cumulative incidence of detection before a crisis by 30 days "                       \
    "(Aalen-Johansen; crisis, death and remission compete)")                              \
  X(detection_90, "share", "The same by 90 days")                                         \
  X(detection_365, "share", "The same by 365 days: the headline detection outcome")       \
  X(detection_365_lower, "share", "Lower end of its pointwise 95% confidence band")       \
  X(detection_365_upper, "share", "Upper end of its pointwise 95% confidence band")       \
  X(detection_median_days, "day",                                                         \
    "First day the cumulative incidence of detection before a "                           \
    "crisis reaches 0.5; NaN if it never does")                                           \
  X(crisis_events, "episode",                                                             \
    "Needs revealed by a crisis (hospital, eviction, collapse) "                          \
    "before any agency took them on: failures of detection")                              \
  X(crisis_365, "share", "Cumulative incidence of a crisis before detection by 365 days") \
  X(death_365, "share", "Cumulative incidence of death before detection by 365 days")     \
  X(engagement_365, "share",                                                              \
    "Cumulative incidence of engagement (支援開始: service starts) by "               \
    "365 days (death and remission compete)")                                             \
  X(engagement_median_days, "day", "First day that incidence reaches 0.5; NaN if never")  \
  X(resolution_365, "share", "Cumulative incidence of resolution by service by 365 days")

#define KYOSEI_DEPRECATED_DETECTION_FIELDS(X)                                           \
  X(detected, "episode",                                                                \
    "Deprecated (crises count as detections; use detection_events): "                   \
    "episodes an agency took responsibility for by the horizon")                        \
  X(median_days, "day",                                                                 \
    "Deprecated (use detection_median_days): Kaplan-Meier median time to "              \
    "acceptance, crises included; NaN if the curve never falls to 0.5")                 \
  X(rmst_days, "day",                                                                   \
    "Deprecated: restricted mean time to acceptance up to 365 days, crises "            \
    "included (area under the Kaplan-Meier curve)")                                     \
  X(within_30, "share",                                                                 \
    "Deprecated (use detection_30): 1 - S(30) of the acceptance curve, "                \
    "crises included")                                                                  \
  X(within_90, "share", "Deprecated (use detection_90): 1 - S(90), crises included")    \
  X(within_365, "share", "Deprecated (use detection_365): 1 - S(365), crises included") \
  X(crisis_share, "share",                                                              \
    "Deprecated (use crisis_events): share of the accepted needs "                      \
    "revealed by a crisis")

#define KYOSEI_SUMMARY_SCALARS(X)                                                                \
  X(mean_isolation_residents, "share", "Mean over days of the isolation_residents series")       \
  X(mean_isolation_households, "share", "Mean over days of the isolation_households series")     \
  X(share_bounced, "share", "Share of episodes with at least one refusal or lost referral")      \
  X(share_crisis, "share", "Share of detected episodes whose detection channel was a crisis")    \
  X(mean_hops, "referral",                                                                       \
    "Mean referrals between first contact and acceptance, over "                                 \
    "accepted episodes")                                                                         \
  X(refusals, "contact", "Contacts refused over the run")                                        \
  X(dropoffs, "contact", "Referrals that never arrived over the run")                            \
  X(mean_wait_days, "day",                                                                       \
    "Mean days from detection to the start of service, over covered "                            \
    "needs (hand-offs, coordinator and agency queues)")                                          \
  X(compound_coverage_days, "day",                                                               \
    "The same for needs of compound households (8050, double "                                   \
    "care, multi-need): the delay to full coverage")                                             \
  X(mean_monitoring_cases, "case", "Mean over days of the cases kept open as monitoring")        \
  X(caseload_per_worker, "case", "Mean over days of open cases per agency worker")               \
  X(mean_coordinator_queue, "household", "Mean over days of households waiting for a plan")      \
  X(meeting_hours_per_year, "hour", "Staff hours in joint meetings per year")                    \
  X(intake_hours_per_year, "hour",                                                               \
    "Staff hours of household assessments and accompanied "                                      \
    "hand-offs per year (charged in cost_yen_per_year)")                                         \
  X(outreach_visits_per_year, "visit", "Outreach visits per year")                               \
  X(mean_participants, "person", "Mean over days of residents in a programme")                   \
  X(mean_attendees, "person", "Mean over days of regular attendees of community places")         \
  X(cost_yen_per_year, "yen", "Cost per year of the support system as modelled")                 \
  X(new_function_cost_yen_per_year, "yen",                                                       \
    "Part of it for outreach, coordination and "                                                 \
    "participation (the jūsō grant's functions)")                                                \
  X(national_subsidy_yen_per_year, "yen", "National share of the new functions, per year")       \
  X(municipal_cost_yen_per_year, "yen", "Cost per year less the national subsidy")               \
  X(cost_per_detected_yen, "yen", "Cost over the run divided by the needs detected in it")       \
  X(solitary_deaths, "person", "Deaths at home of residents living alone (孤立死) over the run") \
  X(solitary_deaths_per_100k, "1/100k/year",                                                     \
    "Those deaths per 100,000 residents (mean of the "                                           \
    "residents series) per year")                                                                \
  X(solitary_share_65plus, "share", "Share of them aged 65 or more")                             \
  X(solitary_share_8_days, "share", "Share discovered 8 or more days after death")               \
  X(solitary_share_30_days, "share", "Share discovered 30 or more days after death")             \
  X(solitary_median_days, "day", "Median days from death to discovery")
