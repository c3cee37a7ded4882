#pragma once
#include <cstdint>

#include "kyosei/model/scenario.hpp"

namespace kyosei {

// A span of days with one set of parameters in force (the burn-in, then the timeline's steps).
struct Epoch {
  std::int32_t start;  // internal day, 0 = start of the burn-in
  Scenario scenario;
};

}  // namespace kyosei
