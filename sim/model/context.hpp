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
  // Whether stop asks to stop: asked between the steps of construction and every kStopCheckEvery
  // entities within the long ones (one call of a function: negligible there), from one thread.
  bool stop_requested() const { return stop != nullptr && *stop && (*stop)(); }
  [[noreturn]] static void abandon_build() { throw RunStopped("stopped while the population was being built"); }
  void stop_if_asked() const {
    if (stop_requested()) abandon_build();
  }
  static constexpr std::int64_t kStopCheckEvery = 1 << 16;
};

}  // namespace kyosei
