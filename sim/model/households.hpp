#pragma once
// Households as they change (households.cpp, docs/ODD.md §7 "Household dynamics"): their current
// type read from the members' ages, the relations that the life-course events ask about, new
// households, moves between households within the municipality, and a consistency check of the
// household lists and totals for the tests.
#include <cstdint>
#include <string>

#include "model/context.hpp"

namespace kyosei {

// Years between the ages of two generations: a member this much older is of a parent's generation.
inline constexpr double kGenerationGap = 15;

// The household's type now, from its members' ages and partnerships: one generation (single; a
// couple when the two are partners, other otherwise), two (a couple living with a parent is other,
// as are children with two adults of the oldest generation who are not partners; parents 65+ with
// children all 18+ are parent_adult_child; otherwise couple_children or single_parent by the number
// of parents) or three. An empty household reads as other.
HouseholdType household_type(const State& st, std::int32_t household);
// r lives with a member of a parent's generation and with none of a child's: a child at home.
bool lives_with_parents(const State& st, std::int32_t r);
// r lives with its parents and without a partner (a couple may live with a parent: 同居).
bool child_at_home(const State& st, std::int32_t r);
// r has no partner and lives alone or as a child at home.
bool unpartnered(const State& st, std::int32_t r);
bool lives_alone(const State& st, std::int32_t r);
// r's partner, who lives in r's household (Residents::partner), or -1.
std::int32_t partner_of(const State& st, std::int32_t r);
// Whom a woman's births come with (docs/ODD.md §7 "Demography"): her partner; no partner, living
// alone or as a child at home (births outside a partnership); none otherwise, and for a man.
enum class BirthChain : std::uint8_t { none, partnered, unpartnered };
BirthChain birth_chain(const State& st, std::int32_t r);
// A new, empty household in `block` whose type at formation is `type`.
std::int32_t add_household(State& st, std::int32_t block, HouseholdType type);
// A block drawn uniformly from the municipality's blocks.
std::int32_t random_block(const State& st, Draws& d);
// Moves a present resident to another household of the municipality, keeping the member lists,
// the connected counts, the registrations and the isolation totals.
void move_to_household(const Context& ctx, State& st, std::int32_t r, std::int32_t household);
// Empty when the member lists, the per-household counts and the totals agree with the residents;
// otherwise what disagrees first (a debug check for the tests: it walks the whole population).
// Called between days, after step_day.
std::string household_inconsistency(const Context& ctx, const State& st);

}  // namespace kyosei
