// Watching agreements (docs/ODD.md §7 "Watching over").
#include "model/watching.hpp"

namespace kyosei {

double watching_contacts(const Context& ctx, std::int32_t household) {
  const Scenario::Watching& W = ctx.scenario.watching;
  if (W.coverage <= 0 || W.contacts_per_week <= 0) return 0.0;
  const bool covered =
      ctx.draws(Process::watching_agreement, static_cast<std::uint32_t>(household), 0).uniform() < W.coverage;
  return covered ? W.contacts_per_week / 7.0 : 0.0;
}

}  // namespace kyosei
