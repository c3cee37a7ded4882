// The field tables as Python data, so that the package generates its
// accessors, DataFrame columns and documentation from the same X-macro lists as the HDF5 writer:
//
//   EPISODE_COLUMNS, SOLITARY_DEATH_COLUMNS, SERIES, AGENCY_SERIES, SNAPSHOT_RESIDENT_COLUMNS,
//   SNAPSHOT_HOUSEHOLD_COLUMNS, SNAPSHOT_TIE_COLUMNS
//                                            tuples of (name, numpy dtype, unit, meaning)
//   DETECTION_FIELDS, SUMMARY_SCALARS        tuples of (name, unit, meaning)
//   format_value, format_change              the CLI's numbers (number_format.hpp)
//   FIELD_NAMES, CHANNEL_NAMES, OUTCOME_NAMES, COMPOUND_TAG_NAMES, HOUSEHOLD_TYPE_NAMES,
//   DISCOVERY_CHANNEL_NAMES
#include <pybind11/numpy.h>

#include <array>
#include <cstdint>
#include <string_view>

#include "bindings.hpp"
#include "kyosei/model/fields.hpp"
#include "kyosei/model/output_fields.hpp"
#include "kyosei/model/results.hpp"
#include "kyosei/analysis/number_format.hpp"
#include "kyosei/analysis/summary.hpp"
#include "kyosei/analysis/summary_fields.hpp"

namespace kyosei::python {
namespace {

template <std::size_t N>
py::tuple names_of(const std::array<std::string_view, N>& names) {
  py::tuple out(N);
  for (std::size_t i = 0; i < N; ++i) out[i] = py::str(names[i].data(), names[i].size());
  return out;
}

}  // namespace

void bind_fields(py::module_& m) {
  py::list episodes, solitary_deaths, series, agency_series, detection, scalars;
#define KYOSEI_ROW(name, type, unit, meaning) \
  episodes.append(py::make_tuple(#name, py::dtype::of<type>(), unit, meaning));
  KYOSEI_EPISODE_COLUMNS(KYOSEI_ROW)
#undef KYOSEI_ROW
#define KYOSEI_ROW(name, type, unit, meaning) \
  solitary_deaths.append(py::make_tuple(#name, py::dtype::of<type>(), unit, meaning));
  KYOSEI_SOLITARY_DEATH_COLUMNS(KYOSEI_ROW)
#undef KYOSEI_ROW
#define KYOSEI_ROW(name, type, unit, meaning) \
  series.append(py::make_tuple(#name, py::dtype::of<type>(), unit, meaning));
  KYOSEI_SERIES(KYOSEI_ROW)
#undef KYOSEI_ROW
#define KYOSEI_ROW(name, unit, meaning) \
  agency_series.append(py::make_tuple(#name, py::dtype::of<std::int64_t>(), unit, meaning));
  KYOSEI_AGENCY_SERIES(KYOSEI_ROW)
#undef KYOSEI_ROW
#define KYOSEI_ROW(name, unit, meaning) detection.append(py::make_tuple(#name, unit, meaning));
  KYOSEI_DETECTION_FIELDS(KYOSEI_ROW)
#undef KYOSEI_ROW
#define KYOSEI_ROW(name, unit, meaning) scalars.append(py::make_tuple(#name, unit, meaning));
  KYOSEI_SUMMARY_SCALARS(KYOSEI_ROW)
#undef KYOSEI_ROW
  py::list snapshot_residents, snapshot_households, snapshot_ties;
#define KYOSEI_ROW(name, type, unit, meaning) \
  snapshot_residents.append(py::make_tuple(#name, py::dtype::of<type>(), unit, meaning));
  KYOSEI_SNAPSHOT_RESIDENT_COLUMNS(KYOSEI_ROW)
#undef KYOSEI_ROW
#define KYOSEI_ROW(name, type, unit, meaning) \
  snapshot_households.append(py::make_tuple(#name, py::dtype::of<type>(), unit, meaning));
  KYOSEI_SNAPSHOT_HOUSEHOLD_COLUMNS(KYOSEI_ROW)
#undef KYOSEI_ROW
#define KYOSEI_ROW(name, type, unit, meaning) \
  snapshot_ties.append(py::make_tuple(#name, py::dtype::of<type>(), unit, meaning));
  KYOSEI_SNAPSHOT_TIE_COLUMNS(KYOSEI_ROW)
#undef KYOSEI_ROW
  m.attr("SNAPSHOT_RESIDENT_COLUMNS") = py::tuple(snapshot_residents);
  m.attr("SNAPSHOT_HOUSEHOLD_COLUMNS") = py::tuple(snapshot_households);
  m.attr("SNAPSHOT_TIE_COLUMNS") = py::tuple(snapshot_ties);
  m.attr("EPISODE_COLUMNS") = py::tuple(episodes);
  m.attr("SOLITARY_DEATH_COLUMNS") = py::tuple(solitary_deaths);
  m.attr("SERIES") = py::tuple(series);
  m.attr("AGENCY_SERIES") = py::tuple(agency_series);
  m.attr("DETECTION_FIELDS") = py::tuple(detection);
  m.attr("SUMMARY_SCALARS") = py::tuple(scalars);
  m.attr("RMST_HORIZON_DAYS") = kRmstHorizonDays;
  // The tables' numbers, as the command-line tool writes them (number_format.hpp).
  m.def("format_value", &format_value, py::arg("value"), py::arg("unit"),
        "A summary number of `unit` as the CLI's tables write it: '12.3%', '1,234,567', '45.2'; '-' if not finite.");
  m.def("format_change", &format_change, py::arg("change"), py::arg("unit"),
        "A change of such a number as the CLI's tables write it: '+1.2 pt' for shares, '-3,400'.");

  m.attr("FIELD_NAMES") = names_of(kFieldNames);
  m.attr("CHANNEL_NAMES") = names_of(kChannelNames);
  m.attr("OUTCOME_NAMES") = names_of(kOutcomeNames);
  m.attr("COMPOUND_TAG_NAMES") = names_of(kCompoundTagNames);  // tag i is bit i
  m.attr("HOUSEHOLD_TYPE_NAMES") = names_of(kHouseholdTypeNames);
  m.attr("DISCOVERY_CHANNEL_NAMES") = names_of(kDiscoveryChannelNames);
  m.attr("STAGE_NAMES") = names_of(kStageNames);
  m.attr("PATHWAY_CAUSE_NAMES") = names_of(kPathwayCauseNames);  // cause i + 1; 0 is censoring
}

}  // namespace kyosei::python
