#pragma once
// What every model function takes besides the State: the immutable Scenario, the run's random
// key and its threads. Every function reads the Scenario and writes the State (docs/ODD.md).
#include <cstdint>

#include "engine/rng.hpp"
#include "kyosei/model/scenario.hpp"
#include "kyosei/model/state.hpp"

namespace kyosei {

struct Context {
  const Scenario& scenario;
  RngKey key;
  int threads;
  Draws draws(Process process, std::uint32_t entity, Day day, std::uint32_t draw = 0) const {
    return Draws(key, process, entity, day, draw);
  }
};

}  // namespace kyosei
