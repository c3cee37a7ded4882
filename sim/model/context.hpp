#pragma once
// What every model function takes besides the State: the immutable Scenario, the run's random
// key and its threads. Every function reads the Scenario and writes the State (docs/ODD.md).
#include <cstdint>
#include <functional>

#include "engine/rng.hpp"
#include "kyosei/model/scenario.hpp"
#include "kyosei/model/state.hpp"
#include "kyosei/engine/errors.hpp"

namespace kyosei {

struct Context {
  const Scenario& scenario;
  RngKey key;
  int threads;
  // While a municipality is built: RunOptions::stop, if any (simulation.hpp).
  const std::function<bool()>* stop = nullptr;
  Draws draws(Process process, std::uint32_t entity, Day day, std::uint32_t draw = 0) const {
    return Draws(key, process, entity, day, draw);
  }
  // Throws RunStopped when stop asks to: called between the steps of construction and every
  // kStopCheckEvery entities within the long ones (one call of a function: negligible there).
  void stop_if_asked() const {
    if (stop != nullptr && *stop && (*stop)()) throw RunStopped("stopped while the population was being built");
  }
  static constexpr std::int64_t kStopCheckEvery = 1 << 16;
};

}  // namespace kyosei
