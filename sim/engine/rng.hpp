#pragma once
// Counter-based random numbers (docs/ODD.md "Random numbers"). Every draw is a pure function of
// (seed, replicate, process, entity, day, draw): no generator state is carried between draws, so
// results do not depend on the order in which entities are processed, on thread counts, or on
// what another process drew. Two scenarios with the same seed draw the same life events
// (common random numbers) for as long as policy leaves those events' scheduling unchanged.
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

namespace kyosei {

// What a draw is for. Values are part of the stream identity: never renumber them
// (tests/cpp/test_pinned_streams.cpp pins the first draws of each).
enum class Process : std::uint32_t {
  household_type = 1,
  household_members,
  traits,
  initial_conditions,
  neighbour_ties,
  friend_ties,
  registration,
  death,
  care_onset,
  disability_onset,
  withdrawal_onset,
  withdrawal_recovery,
  poverty_onset,
  poverty_recovery,
  child_onset,
  child_recovery,
  birth,
  newborn,
  tie_flip,
  detection,
  channel_choice,
  crisis,
  window_choice,
  referral,
  service,
  tie_activity,
  household_assessment,
  handoff,
  programme_recovery,
  outreach_targets,
  outreach_visit,
  programme,
  place_attendance,
  solitary_death,
  bereavement_notice,
  self_reliance_intake,
  awareness,
  watching_agreement,
  tie_formation,
  place_ties,
  leave_home,
  partnership,
  partner,
  care_entry,
  move_out,
  move_in,
  newcomer_household,
  separation,
  join_child,
  coordination,
};

struct RngKey {
  std::uint64_t seed = 0;
  std::uint32_t replicate = 0;
};

// A short sequence of uniforms for one (process, entity, day, draw) key.
class Draws {
public:
  Draws(const RngKey& key, Process process, std::uint32_t entity, std::int64_t day, std::uint32_t draw = 0)
      : key_{{static_cast<std::uint32_t>(key.seed), static_cast<std::uint32_t>(key.seed >> 32)}},
        counter_{{entity, static_cast<std::uint32_t>(day),
                  (static_cast<std::uint32_t>(process) << 24) | (draw & 0xFFFFFFu), key.replicate << 16}} {}

  // Uniform on the open interval (0, 1), 53 random bits.
  double uniform() {
    if (used_ == 4) refill();
    const std::uint64_t hi = block_[used_++];
    const std::uint64_t lo = block_[used_++];
    const std::uint64_t bits = ((hi << 32) | lo) >> 11;
    return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
  }
  bool bernoulli(double p) { return uniform() < p; }
  // Exponential waiting time with the given rate (rate > 0).
  double exponential(double rate) { return -std::log(uniform()) / rate; }
  // Uniform integer in [0, n).
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(uniform() * n) % n; }
  double between(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Gamma with mean 1 and the given shape (Marsaglia-Tsang; shape < 1 by boosting).
  double gamma_mean_one(double shape);
  // Poisson count with the given mean (inversion; means here are small).
  std::uint32_t poisson(double mean);

private:
  void refill() {
    r123::Philox4x32 philox;
    const auto out = philox(counter_, key_);
    for (int i = 0; i < 4; ++i) block_[i] = out[i];
    counter_[3] = (counter_[3] & 0xFFFF0000u) | ((counter_[3] + 1) & 0xFFFFu);
    used_ = 0;
  }
  r123::Philox4x32::key_type key_;
  r123::Philox4x32::ctr_type counter_;
  std::uint32_t block_[4] = {};
  int used_ = 4;
};

inline double Draws::gamma_mean_one(double shape) {
  if (shape < 1.0) {
    const double boost = std::pow(uniform(), 1.0 / shape);
    return gamma_mean_one(shape + 1.0) * boost * (shape + 1.0) / shape;
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    // Standard normal by Box-Muller from two uniforms.
    const double z = std::sqrt(-2.0 * std::log(uniform())) * std::cos(6.283185307179586 * uniform());
    const double v = std::pow(1.0 + c * z, 3);
    if (v <= 0) continue;
    if (std::log(uniform()) < 0.5 * z * z + d - d * v + d * std::log(v)) return d * v / shape;
  }
}

inline std::uint32_t Draws::poisson(double mean) {
  if (mean <= 0) return 0;
  if (mean > 30) {  // normal approximation keeps the loop bounded for large means
    const double z = std::sqrt(-2.0 * std::log(uniform())) * std::cos(6.283185307179586 * uniform());
    const double x = std::round(mean + std::sqrt(mean) * z);
    return x < 0 ? 0u : static_cast<std::uint32_t>(x);
  }
  const double limit = std::exp(-mean);
  std::uint32_t k = 0;
  double product = uniform();
  while (product > limit) {
    ++k;
    product *= uniform();
  }
  return k;
}

}  // namespace kyosei
