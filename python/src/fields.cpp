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

// The tuple of the rows that `fill` appends to a list.
template <class Fill>
py::tuple rows_of(Fill fill) {
  py::list rows;
  fill(rows);
  return py::tuple(rows);
}

}  // namespace

void bind_fields(py::module_& m) {
  // One tuple per row of an X-macro list (rows_of's `rows`).
#define KYOSEI_TYPED_ROW(name, type, unit, meaning) \
  rows.append(py::make_tuple(#name, py::dtype::of<type>(), unit, meaning));
#define KYOSEI_COUNT_ROW(name, unit, meaning) \
  rows.append(py::make_tuple(#name, py::dtype::of<std::int64_t>(), unit, meaning));
#define KYOSEI_PLAIN_ROW(name, unit, meaning) rows.append(py::make_tuple(#name, unit, meaning));
  m.attr("EPISODE_COLUMNS") = rows_of([](py::list& rows) { KYOSEI_EPISODE_COLUMNS(KYOSEI_TYPED_ROW) });
  m.attr("SOLITARY_DEATH_COLUMNS") = rows_of([](py::list& rows) { KYOSEI_SOLITARY_DEATH_COLUMNS(KYOSEI_TYPED_ROW) });
  m.attr("SERIES") = rows_of([](py::list& rows) { KYOSEI_SERIES(KYOSEI_TYPED_ROW) });
  m.attr("AGENCY_SERIES") = rows_of([](py::list& rows) { KYOSEI_AGENCY_SERIES(KYOSEI_COUNT_ROW) });
  m.attr("SNAPSHOT_RESIDENT_COLUMNS") =
      rows_of([](py::list& rows) { KYOSEI_SNAPSHOT_RESIDENT_COLUMNS(KYOSEI_TYPED_ROW) });
  m.attr("SNAPSHOT_HOUSEHOLD_COLUMNS") =
      rows_of([](py::list& rows) { KYOSEI_SNAPSHOT_HOUSEHOLD_COLUMNS(KYOSEI_TYPED_ROW) });
  m.attr("SNAPSHOT_TIE_COLUMNS") = rows_of([](py::list& rows) { KYOSEI_SNAPSHOT_TIE_COLUMNS(KYOSEI_TYPED_ROW) });
  m.attr("DETECTION_FIELDS") = rows_of([](py::list& rows) { KYOSEI_DETECTION_FIELDS(KYOSEI_PLAIN_ROW) });
  m.attr("SUMMARY_SCALARS") = rows_of([](py::list& rows) { KYOSEI_SUMMARY_SCALARS(KYOSEI_PLAIN_ROW) });
#undef KYOSEI_TYPED_ROW
#undef KYOSEI_COUNT_ROW
#undef KYOSEI_PLAIN_ROW
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
