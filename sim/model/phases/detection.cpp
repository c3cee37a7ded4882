// Detection (docs/ODD.md §7 "Detection"): an undetected need's scheduled candidate detection falls
// due; it is a detection with probability (today's hazard) / (the bound it was drawn at), otherwise
// the next candidate is drawn (thinning, episodes.cpp). The channel is chosen in proportion to the
// channel hazards, and the contact goes to a window.
#include "model/context.hpp"
#include "model/episodes.hpp"
#include "model/phases.hpp"
#include "model/phases/intake.hpp"
#include "model/warnings.hpp"

namespace kyosei {

void phase_detection(const Context& ctx, State& st) {
  for (const Event& ev : st.calendars.detection.bucket(st.today)) {
    const std::int32_t e = ev.id;
    if (ev.version != st.episodes.version[e] || st.episodes.outcome[e] != Outcome::undetected) continue;
    const ChannelRates rates = detection_rates(ctx, st, e);
    const double hazard = rates.total(), bound = st.episodes.detection_bound[e];
    // Thinning is exact only while the hazard stays within the bound it was drawn at
    // (detection_bound, built to hold); above it, this candidate under-detects.
    if (hazard > bound * (1 + 1e-12)) count_warning(st, Warning::detection_hazard_above_bound);
    Draws d = ctx.draws(Process::channel_choice, static_cast<std::uint32_t>(e), st.today, ev.version);
    // Accepted, u is uniform on [0, hazard): it also chooses the channel.
    double u = d.uniform() * bound;
    if (u >= hazard) {
      reschedule_detection(ctx, st, e);
      continue;
    }
    auto channel = Channel::institution;
    for (int c = 0; c < kChannelCount; ++c) {
      if (rates.per_day[c] <= 0) continue;
      channel = static_cast<Channel>(c);
      if (u < rates.per_day[c]) break;
      u -= rates.per_day[c];
    }
    contact(ctx, st, e, channel, choose_window(ctx, st, e, channel));
    // A contact that left the need undetected (turned away, referred on) used up its candidate:
    // an undetected need always holds one.
    if (st.episodes.outcome[e] == Outcome::undetected && st.episodes.version[e] == ev.version)
      reschedule_detection(ctx, st, e);
  }
  st.calendars.detection.release(st.today);
}

}  // namespace kyosei
