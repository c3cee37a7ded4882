#pragma once
// Population snapshots (snapshot.cpp, docs/outputs.md "Population snapshots"): the State at the end
// of a day as three tables that pandas and networkx read: residents, households, and the tie edge
// list.
#include "model/context.hpp"

namespace kyosei {

// The population as the last day left it (the State before any day: as built): every resident and
// household the run has had, those that left included, and every tie that has not ended.
PopulationSnapshot take_snapshot(const Context& ctx, const State& st);

}  // namespace kyosei
