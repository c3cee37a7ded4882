#pragma once
// Building a municipality: the steps of initialise() (initialise.cpp, population.cpp, ties.cpp,
// agencies.cpp).
#include "model/context.hpp"

namespace kyosei {

// The run's length and its empty calendars, before anything is built.
void start_clock(const Context& ctx, State& st);
void build_population(const Context& ctx, State& st);
void build_ties(const Context& ctx, State& st);
// Lays out the agencies (with an outreach team if `with_outreach`) and sizes them.
void build_agencies(const Context& ctx, State& st, bool with_outreach);
// Staff and capacity of every agency from the parameters in force; admits queued needs if a
// capacity grew.
void size_agencies(const Context& ctx, State& st);

}  // namespace kyosei
