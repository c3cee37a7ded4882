#pragma once
// Service (service.cpp): requests for a caseload place, the queues, and freeing a place.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

void request_service(const Context& ctx, State& st, std::int32_t e, std::int32_t agency);
// Fills free caseload places from the agency's queue, first come first served.
void admit_from_queue(const Context& ctx, State& st, std::int32_t agency);
// A support plan is made for e, which is in service or monitoring already (or not: nothing
// happens): its service ends sooner from now on (collaboration.plan_service_time_factor).
void plan_service(const Context& ctx, State& st, std::int32_t e);
// Frees the caseload place of an episode that ends outside service (death).
void release_case(const Context& ctx, State& st, std::int32_t e);

}  // namespace kyosei
