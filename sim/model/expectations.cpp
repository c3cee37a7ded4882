// Expectations and awareness (docs/ODD.md §7 "Expectations and awareness"). Awareness is two
// shares that follow a Bass diffusion (publicity, word of mouth, partners) with forgetting, one
// step a day: no draw per resident and day. A resident knows the integrated window while their
// own fixed uniform (Process::awareness, drawn from the resident's id alone) lies below the share,
// so who knows is stable and grows with the share.
#include <algorithm>
#include <cmath>

#include "model/episodes.hpp"
#include "model/expectations.hpp"
#include "model/phases/ties.hpp"

namespace kyosei {
namespace {

bool integrated(const Context& ctx) { return ctx.scenario.intake.mode == IntakeMode::integrated; }

bool knows_integrated_window(const Context& ctx, const State& st, std::int32_t r) {
  return ctx.draws(Process::awareness, static_cast<std::uint32_t>(r), 0).uniform() < st.awareness.residents;
}

// One day of dA/dt = (learning) (1 - A) - forgetting A, kept within [0, 1].
double step_share(double share, double learning_per_year, double forgetting_per_year) {
  const double next = share + ((learning_per_year * (1 - share)) - forgetting_per_year * share) / kDaysPerYear;
  return std::clamp(next, 0.0, 1.0);
}

}  // namespace

GapFactors gap_factors(const Context& ctx, const State& st, std::int32_t r, Field field) {
  if (field != Field::gap || !integrated(ctx)) return {};
  const Scenario::Awareness& A = ctx.scenario.awareness;
  const double resident_gain = 1 / A.silo_gap_belief, referrer_gain = 1 / A.silo_gap_referral_belief;
  GapFactors f;
  f.self = knows_integrated_window(ctx, st, r) ? resident_gain : 1.0;
  f.tie = 1 + (resident_gain - 1) * st.awareness.residents;
  f.referrer = 1 + (referrer_gain - 1) * st.awareness.referrers;
  return f;
}

GapFactors gap_factor_bounds(const Context& ctx, Field field) {
  if (field != Field::gap || !integrated(ctx)) return {};
  const Scenario::Awareness& A = ctx.scenario.awareness;
  return {1 / A.silo_gap_belief, 1 / A.silo_gap_belief, 1 / A.silo_gap_referral_belief};
}

double word_of_mouth_factor(const Context& ctx, const State& st, std::int32_t r) {
  const int net = st.residents.word_of_mouth[r];
  return net == 0 ? 1.0 : std::pow(ctx.scenario.detection.word_of_mouth, net);
}

void tell_ties(const Context& ctx, State& st, std::int32_t r, int experience) {
  const auto cap = static_cast<int>(std::min<std::int64_t>(ctx.scenario.detection.word_of_mouth_cap, INT8_MAX));
  for_each_active_tie(st, r, [&](std::int32_t other) {
    std::int8_t& net = st.residents.word_of_mouth[other];
    const int heard = std::clamp(net + experience, -cap, cap);
    if (heard == net) return;
    net = static_cast<std::int8_t>(heard);
    if (experience > 0) refresh_resident(ctx, st, other);
  });
}

void update_awareness(const Context& ctx, State& st) {
  const Scenario& s = ctx.scenario;
  const Scenario::Awareness& A = s.awareness;
  Awareness& now = st.awareness;
  if (integrated(ctx) && !A.diffusion) {
    now = {1.0, 1.0};
    return;
  }
  double residents = 0, referrers = 0;  // learning hazards per year
  if (integrated(ctx)) {
    residents = A.publicity + A.spread * now.residents + A.partner_learning * now.referrers;
    referrers = A.referrer_publicity;
    if (s.collaboration.mode != CollaborationMode::off) referrers += A.collaboration_learning;
    // Each of the day's visits teaches outreach_informs referrers, out of one per commissioner.
    referrers += A.outreach_informs * static_cast<double>(st.counters.outreach_visits) * kDaysPerYear /
                 static_cast<double>(std::max<std::int64_t>(1, st.totals.commissioners));
  }
  now.residents = step_share(now.residents, residents, A.forgetting);
  now.referrers = step_share(now.referrers, referrers, A.referrer_forgetting);
}

}  // namespace kyosei
