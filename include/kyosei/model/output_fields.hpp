#pragma once
// The one field table of recorded outputs: every episode column, every
// solitary death column and every daily series with its type, unit and meaning. The Results
// struct, the HDF5 writer, the output dictionary and the Python accessors are all generated from
// these lists.
//
// X(name, C++ type, unit, meaning)

#define KYOSEI_EPISODE_COLUMNS(X)                                                          \
  X(resident, std::int32_t, "id", "Resident with the need (index into the population)")    \
  X(household, std::int32_t, "id", "Household of the resident at onset")                   \
  X(field, std::uint8_t, "enum",                                                           \
    "Field of the need: 0 elderly, 1 disability, 2 child, "                                \
    "3 poverty, 4 gap (no silo owns it)")                                                  \
  X(compound, std::uint8_t, "bits",                                                        \
    "Household compound tags at onset: 1 8050, 2 double care, "                            \
    "4 isolated, 8 multi-need")                                                            \
  X(household_type, std::uint8_t, "enum",                                                  \
    "Type of the household at onset: 0 single, 1 couple, "                                 \
    "2 couple with children, 3 single parent, 4 parent "                                   \
    "with adult child, 5 three generations, 6 other")                                      \
  X(age, std::int16_t, "year", "Age of the resident at onset")                             \
  X(onset_day, std::int32_t, "day", "Day the need began")                                  \
  X(first_contact_day, std::int32_t, "day",                                                \
    "First day any agency heard of the need (also a "                                      \
    "refusal or misrouted contact); -1 never")                                             \
  X(detected_day, std::int32_t, "day", "Day an agency took responsibility; -1 never")      \
  X(covered_day, std::int32_t, "day", "Day the owning agency began service; -1 never")     \
  X(resolved_day, std::int32_t, "day", "Day service ended the need; -1 never")             \
  X(end_day, std::int32_t, "day",                                                          \
    "Day the episode closed for any reason (resolved, remitted, "                          \
    "died); -1 open at the horizon")                                                       \
  X(outcome, std::uint8_t, "enum",                                                         \
    "0 undetected, 1 waiting, 2 in service, 3 monitoring, "                                \
    "4 resolved, 5 remitted, 6 died, 7 left (moved away or "                               \
    "into residential care)")                                                              \
  X(channel, std::uint8_t, "enum",                                                         \
    "Channel that led to detection: 0 none, 1 self-referral, "                             \
    "2 tie, 3 commissioner, 4 institution, 5 crisis, "                                     \
    "6 household assessment, 7 outreach")                                                  \
  X(hops, std::int16_t, "referral",                                                        \
    "Referrals between first contact and acceptance; -1 never "                            \
    "accepted")                                                                            \
  X(bounces, std::int16_t, "contact", "Contacts that ended in refusal or a lost referral") \
  X(agency, std::int16_t, "id", "Agency that served the need; -1 none")                    \
  X(plan_day, std::int32_t, "day", "Day a support plan (支援プラン) took the need on; -1 never")

// One row per death at home of a resident living alone (孤立死) in the recorded horizon.
#define KYOSEI_SOLITARY_DEATH_COLUMNS(X)                                                         \
  X(resident, std::int32_t, "id", "Resident who died (index into the population)")               \
  X(household, std::int32_t, "id", "Household the resident lived in alone")                      \
  X(age, std::int16_t, "year", "Age at death")                                                   \
  X(female, std::uint8_t, "bool", "1 woman, 0 man")                                              \
  X(death_day, std::int32_t, "day", "Day of death")                                              \
  X(discovery_day, std::int32_t, "day",                                                          \
    "Day the death was discovered (drawn at death; may lie "                                     \
    "past the horizon)")                                                                         \
  X(days_to_discovery, std::int32_t, "day", "discovery_day - death_day (0: found the same day)") \
  X(channel, std::uint8_t, "enum",                                                               \
    "Who found it: 0 household (relatives outside the "                                          \
    "household), 1 tie, 2 commissioner, 3 outreach, "                                            \
    "4 institution (care staff, landlord, utility, police)")                                     \
  X(outside_ties, std::int16_t, "tie", "Active outside ties at death")

#define KYOSEI_SERIES(X)                                                                             \
  X(residents, std::int64_t, "person", "Residents alive")                                            \
  X(isolation_residents, double, "share",                                                            \
    "Share of residents (aged ties.isolation_min_age+) "                                             \
    "with no active tie outside their household")                                                    \
  X(isolation_households, double, "share",                                                           \
    "Share of households with no member holding an "                                                 \
    "active outside tie")                                                                            \
  X(open_undetected, std::int64_t, "episode",                                                        \
    "Open needs no agency has taken responsibility "                                                 \
    "for")                                                                                           \
  X(onsets, std::int64_t, "episode", "New needs that day")                                           \
  X(first_contacts, std::int64_t, "episode", "Needs that reached an agency for the first time")      \
  X(first_contacts_self_referral, std::int64_t, "episode",                                           \
    "First contacts: the resident asked"                                                             \
    " a window")                                                                                     \
  X(first_contacts_tie, std::int64_t, "episode", "First contacts: a tie or place reported the need") \
  X(first_contacts_commissioner, std::int64_t, "episode", "First contacts: a commissioner's round")  \
  X(first_contacts_institution, std::int64_t, "episode",                                             \
    "First contacts: an institution or a "                                                           \
    "deliverer under a watching agreement")                                                          \
  X(first_contacts_crisis, std::int64_t, "episode", "First contacts: a crisis")                      \
  X(first_contacts_household, std::int64_t, "episode",                                               \
    "First contacts: found with another "                                                            \
    "member's need")                                                                                 \
  X(first_contacts_outreach, std::int64_t, "episode", "First contacts: an outreach visit")           \
  X(first_contacts_gap, std::int64_t, "episode",                                                     \
    "First contacts of needs no silo window owns "                                                   \
    "(gap needs: the silos never take them on)")                                                     \
  X(awareness_residents, double, "share",                                                            \
    "Share of residents who know the integrated window "                                             \
    "takes any need")                                                                                \
  X(awareness_referrers, double, "share",                                                            \
    "Share of referrers (commissioners, institutions, "                                              \
    "deliverers) who know it")                                                                       \
  X(detections_self_referral, std::int64_t, "episode", "Needs detected through self-referral")       \
  X(detections_tie, std::int64_t, "episode", "Needs detected through a tie's report")                \
  X(detections_commissioner, std::int64_t, "episode", "Needs detected on a commissioner's round")    \
  X(detections_institution, std::int64_t, "episode", "Needs detected through an institution")        \
  X(detections_crisis, std::int64_t, "episode", "Needs revealed by a crisis")                        \
  X(detections_household, std::int64_t, "episode",                                                   \
    "Needs found assessing another member or "                                                       \
    "in a support plan")                                                                             \
  X(detections_outreach, std::int64_t, "episode", "Needs found on an outreach visit")                \
  X(refusals, std::int64_t, "contact", "Contacts refused: no programme fits (gap needs, silo)")      \
  X(referrals, std::int64_t, "contact", "Referrals made to another agency")                          \
  X(dropoffs, std::int64_t, "contact", "Referrals that never arrived")                               \
  X(resolutions, std::int64_t, "episode", "Needs whose service ended")                               \
  X(deaths, std::int64_t, "person", "Deaths")                                                        \
  X(solitary_deaths, std::int64_t, "person",                                                         \
    "Deaths at home of residents living alone "                                                      \
    "(孤立死)")                                                                                      \
  X(solitary_discoveries, std::int64_t, "person",                                                    \
    "Those deaths discovered that day (deaths of "                                                   \
    "the recorded horizon)")                                                                         \
  X(births, std::int64_t, "person", "Births")                                                        \
  X(births_unpartnered, std::int64_t, "person",                                                      \
    "Of those, to a mother without a partner (living alone or with her parents)")                    \
  X(ties, std::int64_t, "tie", "Outside ties at the end of the day, active or dormant")              \
  X(ties_formed_neighbour, std::int64_t, "tie", "Neighbour ties formed")                             \
  X(ties_formed_friendship, std::int64_t, "tie", "Friendship ties formed")                           \
  X(ties_formed_neighbourhood, std::int64_t, "tie",                                                  \
    "Ties formed meeting in the "                                                                    \
    "neighbourhood: a neighbour of the "                                                             \
    "block, or a friend of the district or "                                                         \
    "beyond")                                                                                        \
  X(ties_formed_friend_of_friend, std::int64_t, "tie",                                               \
    "Friendships formed through a common "                                                           \
    "friend (triadic closure)")                                                                      \
  X(ties_formed_place, std::int64_t, "tie",                                                          \
    "Ties formed among the attendees of a community "                                                \
    "place")                                                                                         \
  X(ties_formed_programme, std::int64_t, "tie",                                                      \
    "Ties formed in a participation support "                                                        \
    "programme")                                                                                     \
  X(ties_ended_neighbour, std::int64_t, "tie",                                                       \
    "Neighbour ties ended (an end died, moved "                                                      \
    "away or went into care)")                                                                       \
  X(ties_ended_friendship, std::int64_t, "tie", "Friendship ties ended")                             \
  X(ties_ended_start, std::int64_t, "tie", "Ties drawn at the start that ended")                     \
  X(ties_ended_neighbourhood, std::int64_t, "tie",                                                   \
    "Ties formed in the neighbourhood that "                                                         \
    "ended")                                                                                         \
  X(ties_ended_friend_of_friend, std::int64_t, "tie",                                                \
    "Ties formed through a common friend "                                                           \
    "that ended")                                                                                    \
  X(ties_ended_place, std::int64_t, "tie", "Ties formed at a community place that ended")            \
  X(ties_ended_programme, std::int64_t, "tie",                                                       \
    "Ties formed in a participation programme "                                                      \
    "that ended")                                                                                    \
  X(moves_in, std::int64_t, "person",                                                                \
    "Residents who moved into the municipality (newcomers and "                                      \
    "partners joining a resident)")                                                                  \
  X(moves_out, std::int64_t, "person", "Residents who moved out of the municipality")                \
  X(care_entries, std::int64_t, "person", "Residents who moved into residential care (施設入所)")    \
  X(in_care, std::int64_t, "person",                                                                 \
    "Residents living in residential care (outside the "                                             \
    "community's households, not counted in residents)")                                             \
  X(households_formed, std::int64_t, "household",                                                    \
    "Households formed (leaving home, "                                                              \
    "partnership, newcomers)")                                                                       \
  X(households_dissolved, std::int64_t, "household",                                                 \
    "Households whose last member died, "                                                            \
    "moved or went into care")                                                                       \
  X(outreach_visits, std::int64_t, "visit", "Outreach home visits")                                  \
  X(participants, std::int64_t, "person", "Residents in a participation support programme")          \
  X(programme_waiting, std::int64_t, "person", "Residents waiting for a programme place")            \
  X(attendees, std::int64_t, "person", "Regular attendees of community places")                      \
  X(coordinator_queue, std::int64_t, "household",                                                    \
    "Compound households waiting for a support "                                                     \
    "plan")                                                                                          \
  X(plans, std::int64_t, "plan", "Support plans made (each with a joint meeting)")                   \
  X(meeting_hours, double, "hour", "Staff hours in joint meetings")                                  \
  X(intake_hours, double, "hour",                                                                    \
    "Staff hours of whole-household assessments (integrated "                                        \
    "intake) and of accompanying warm hand-offs")                                                    \
  X(cost_yen, double, "yen",                                                                         \
    "Cost of the day: staff, coordinators, meetings, programme places "                              \
    "and community places")                                                                          \
  X(new_function_cost_yen, double, "yen",                                                            \
    "Part of cost_yen for the functions the jūsō grant "                                           \
    "funds: outreach, coordination, participation")                                                  \
  X(national_subsidy_yen, double, "yen",                                                             \
    "National share of the new functions' cost, up to the "                                          \
    "grant base amount")

// Series with one column per agency: X(name, unit, meaning)
#define KYOSEI_AGENCY_SERIES(X)                                        \
  X(caseload, "case", "Open cases in service (monitoring included)")   \
  X(queue, "case", "Accepted needs waiting for a free caseload place") \
  X(monitoring, "case", "Chronic cases kept open as monitoring")

// Population snapshots (kyosei run --snapshot-days, Simulation::snapshot()): the State at the end
// of a day as three tables, written as /snapshots/day_<D>/<table>/<column> (docs/outputs.md).
// Every resident the run has had, one row each (row = id), those who left included.
#define KYOSEI_SNAPSHOT_RESIDENT_COLUMNS(X)                                                                    \
  X(id, std::int32_t, "id", "Resident (the ids of the episode, solitary death and tie tables)")                \
  X(household, std::int32_t, "id", "Household the resident lives in (for one who left: the last one)")         \
  X(partner, std::int32_t, "id", "Partner living in the same household; -1 none (and for one who left)")       \
  X(block, std::int32_t, "id", "Housing block of that household")                                              \
  X(female, std::uint8_t, "bool", "1 woman, 0 man")                                                            \
  X(age, std::int16_t, "year", "Completed years at the snapshot's day (for one who left: on leaving)")         \
  X(birth_day, std::int32_t, "day", "Day of birth (negative: before the recorded horizon)")                    \
  X(departure, std::uint8_t, "enum",                                                                           \
    "0 present in the community's households, 1 died, 2 moved out of the municipality, 3 in "                  \
    "residential care (施設入所), 4 died in residential care")                                                 \
  X(departure_day, std::int32_t, "day",                                                                        \
    "Day the resident left the community's households (negative: in the burn-in); -2147483648 while "          \
    "present")                                                                                                 \
  X(isolated, std::uint8_t, "bool",                                                                            \
    "Present, of isolation age (ties.isolation_min_age+) and with no active tie outside the household: "       \
    "counted in isolation_residents")                                                                          \
  X(outside_ties, std::int32_t, "tie", "Active ties outside the household")                                    \
  X(conditions, std::uint16_t, "bits",                                                                         \
    "Conditions: 1 care need, 2 dementia, 4 disability, 8 certified disability, 16 social withdrawal, "        \
    "32 no income, 64 childrearing difficulty")                                                                \
  X(open_needs, std::uint8_t, "episode", "Open need episodes")                                                 \
  X(known_needs, std::uint8_t, "episode", "Of those, needs an agency has taken responsibility for (detected)") \
  X(place, std::int32_t, "id", "Community place attended regularly; -1 none")                                  \
  X(in_programme, std::uint8_t, "bool", "In a participation support programme")                                \
  X(sociability, float, "1", "Propensity to form and keep ties (mean 1)")                                      \
  X(help_seeking, float, "1", "Propensity to seek help (mean 1)")

// Every household the run has had, one row each (row = id), dissolved ones with no members.
#define KYOSEI_SNAPSHOT_HOUSEHOLD_COLUMNS(X)                                                                       \
  X(id, std::int32_t, "id", "Household (the ids of the residents' and episodes' household columns)")               \
  X(block, std::int32_t, "id", "Housing block")                                                                    \
  X(district, std::int32_t, "id", "District of the block")                                                         \
  X(type, std::uint8_t, "enum",                                                                                    \
    "Type now, from the members' ages and partners: 0 single, 1 couple, 2 couple with children, 3 single parent, " \
    "4 parent with adult child, 5 three generations, 6 other (also an empty household)")                           \
  X(members, std::int32_t, "person", "Members present (0: dissolved)")                                             \
  X(isolated, std::uint8_t, "bool",                                                                                \
    "Has members and none of them holds an active outside tie: counted in isolation_households")                   \
  X(registered, std::uint8_t, "bool", "On a welfare commissioner's list")                                          \
  X(compound, std::uint8_t, "bits", "Compound tags now: 1 8050, 2 double care, 4 isolated, 8 multi-need")

// Every tie that has not ended (active or dormant), one row each, ordered by (a, b).
#define KYOSEI_SNAPSHOT_TIE_COLUMNS(X)                                                             \
  X(a, std::int32_t, "id", "One end (the lower resident id)")                                      \
  X(b, std::int32_t, "id", "The other end (the higher resident id)")                               \
  X(kind, std::uint8_t, "enum", "0 neighbour, 1 friendship")                                       \
  X(active, std::uint8_t, "bool", "1 active (the ends are in touch), 0 dormant")                   \
  X(origin, std::uint8_t, "enum",                                                                  \
    "Where it was made: 0 drawn at the start, 1 in the neighbourhood, 2 through a common friend, " \
    "3 at a community place, 4 in a participation programme")
