// Summary -> JSON (summary_json.hpp).
#include "kyosei/io/summary_json.hpp"

#include <array>
#include <string_view>
#include <utility>

#include "json_writer.hpp"
#include "kyosei/analysis/summary_fields.hpp"

namespace kyosei {
namespace {

void write_estimate(JsonWriter& w, std::string_view key, const DetectionEstimate& e) {
  w.open(key);
#define KYOSEI_WRITE(name, unit, meaning) w.value(#name, e.name);
  KYOSEI_DETECTION_FIELDS(KYOSEI_WRITE)
#undef KYOSEI_WRITE
  w.close();
}

// One object per group, keyed by the group names (kFieldNames, kCompoundTagNames).
template <std::size_t N>
void write_estimates(JsonWriter& w, std::string_view key, const std::array<DetectionEstimate, N>& estimates,
                     const std::array<std::string_view, N>& names) {
  w.open(key);
  for (std::size_t i = 0; i < N; ++i) write_estimate(w, names[i], estimates[i]);
  w.close();
}

}  // namespace

std::string summary_to_json(const Summary& summary, const std::string& scenario_name) {
  JsonWriter w;
  w.value("scenario", scenario_name);
  write_estimate(w, "overall", summary.overall);
  write_estimates(w, "by_field", summary.by_field, kFieldNames);
  write_estimate(w, "no_compound", summary.no_compound);
  write_estimates(w, "by_compound", summary.by_compound, kCompoundTagNames);
#define KYOSEI_WRITE(name, unit, meaning) w.value(#name, summary.name);
  KYOSEI_SUMMARY_SCALARS(KYOSEI_WRITE)
#undef KYOSEI_WRITE
  return std::move(w).finish();
}

}  // namespace kyosei
