// Results: one run's outputs, held in a shared_ptr by its Python object. Every column and series
// comes out as a read-only numpy array viewing the engine's vectors (no copy) whose base is that
// Python object, so an array keeps the Results alive after the caller drops it.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/model/results.hpp"
#include "kyosei/analysis/summary.hpp"
#include "kyosei/analysis/summary_fields.hpp"

namespace kyosei::python {
namespace {

const Results& results_of(py::handle self) { return self.cast<const Results&>(); }

py::dict estimate_dict(const DetectionEstimate& e) {
  py::dict d;
#define KYOSEI_ITEM(name, unit, meaning) d[#name] = e.name;
  KYOSEI_DETECTION_FIELDS(KYOSEI_ITEM)
#undef KYOSEI_ITEM
  return d;
}

template <std::size_t N>
py::dict estimates_dict(const std::array<DetectionEstimate, N>& estimates,
                        const std::array<std::string_view, N>& names) {
  py::dict d;
  for (std::size_t i = 0; i < N; ++i) d[py::str(names[i].data(), names[i].size())] = estimate_dict(estimates[i]);
  return d;
}

// The summary with the structure of summary_to_json: overall, by_field, no_compound,
// by_compound, then the scalars.
py::dict summary_dict(const Summary& s) {
  py::dict d;
  d["overall"] = estimate_dict(s.overall);
  d["by_field"] = estimates_dict(s.by_field, kFieldNames);
  d["no_compound"] = estimate_dict(s.no_compound);
  d["by_compound"] = estimates_dict(s.by_compound, kCompoundTagNames);
#define KYOSEI_ITEM(name, unit, meaning) d[#name] = s.name;
  KYOSEI_SUMMARY_SCALARS(KYOSEI_ITEM)
#undef KYOSEI_ITEM
  return d;
}

// A [days x agencies] array, row-major, into a vector.
std::vector<std::int64_t> to_matrix(const py::dict& columns, const char* name, std::size_t days, std::size_t agencies) {
  if (!columns.contains(name)) throw UsageError(std::string("agency_series: missing '") + name + "'");
  const auto array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(columns[name]);
  if (!array || array.ndim() != 2 || static_cast<std::size_t>(array.shape(0)) != days ||
      static_cast<std::size_t>(array.shape(1)) != agencies) {
    throw UsageError(std::string("agency_series['") + name + "'] must be an integer array of shape (" +
                     std::to_string(days) + ", " + std::to_string(agencies) + ")");
  }
  return std::vector<std::int64_t>(array.data(), array.data() + array.size());
}

py::dict sub_dict(const py::dict& d, const char* key, const std::string& where) {
  if (!d.contains(key) || !py::isinstance<py::dict>(d[key]))
    throw UsageError("summary: missing group '" + where + key + "'");
  return d[key].cast<py::dict>();
}

template <class T>
T summary_number(const py::dict& d, const char* key, const std::string& where) {
  if (!d.contains(key)) throw UsageError("summary: missing '" + where + key + "'");
  return d[key].cast<T>();
}

void fill_estimate(const py::dict& d, const std::string& where, DetectionEstimate& e) {
#define KYOSEI_FILL(name, unit, meaning) e.name = summary_number<decltype(e.name)>(d, #name, where);
  KYOSEI_DETECTION_FIELDS(KYOSEI_FILL)
#undef KYOSEI_FILL
}

template <std::size_t N>
void fill_estimates(const py::dict& d, const std::string& where, std::array<DetectionEstimate, N>& estimates,
                    const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    const std::string name(names[i]);
    fill_estimate(sub_dict(d, name.c_str(), where), where + name + ".", estimates[i]);
  }
}

// The inverse of summary_dict.
Summary summary_from_dict(const py::dict& d) {
  Summary s;
  fill_estimate(sub_dict(d, "overall", ""), "overall.", s.overall);
  fill_estimates(sub_dict(d, "by_field", ""), "by_field.", s.by_field, kFieldNames);
  fill_estimate(sub_dict(d, "no_compound", ""), "no_compound.", s.no_compound);
  fill_estimates(sub_dict(d, "by_compound", ""), "by_compound.", s.by_compound, kCompoundTagNames);
#define KYOSEI_FILL(name, unit, meaning) s.name = summary_number<decltype(s.name)>(d, #name, "");
  KYOSEI_SUMMARY_SCALARS(KYOSEI_FILL)
#undef KYOSEI_FILL
  return s;
}

// Rebuilds a Results from arrays (an HDF5 file read back). The summary is taken as given (a file's
// own), or else recomputed from the episodes and series by compute_summary.
std::shared_ptr<Results> from_arrays(const py::dict& episodes, const py::dict& series, const py::dict& agency_series,
                                     const py::dict& agencies, const py::dict& warnings, const py::object& summary,
                                     const py::dict& solitary_deaths, const py::list& snapshots) {
  auto r = std::make_shared<Results>();
  for (const py::handle snapshot : snapshots) {
    if (!py::isinstance<py::dict>(snapshot)) throw UsageError("snapshots: each must be a dict (Results.snapshots)");
    r->snapshots.push_back(snapshot_from_dict(snapshot.cast<py::dict>()));
  }
#define KYOSEI_COPY(name, type, unit, meaning) r->episodes.name = to_vector<type>(episodes, "episodes", #name);
  KYOSEI_EPISODE_COLUMNS(KYOSEI_COPY)
#undef KYOSEI_COPY
  // An empty dict is a run without solitary deaths; otherwise every column is required.
  if (!solitary_deaths.empty()) {
#define KYOSEI_COPY(name, type, unit, meaning)                                                              \
  r->solitary_deaths.name = to_vector<type>(solitary_deaths, "solitary_deaths", #name);                     \
  if (r->solitary_deaths.name.size() != r->solitary_deaths.resident.size())                                 \
    throw UsageError("solitary_deaths['" #name "'] has " + std::to_string(r->solitary_deaths.name.size()) + \
                     " rows, solitary_deaths['resident'] has " + std::to_string(r->solitary_deaths.resident.size()));
    KYOSEI_SOLITARY_DEATH_COLUMNS(KYOSEI_COPY)
#undef KYOSEI_COPY
  }
  r->series.day = to_vector<std::int32_t>(series, "series", "day");
  const std::size_t days = r->series.day.size();
#define KYOSEI_COPY(name, type, unit, meaning)                                            \
  r->series.name = to_vector<type>(series, "series", #name);                              \
  if (r->series.name.size() != days)                                                      \
    throw UsageError("series['" #name "'] has " + std::to_string(r->series.name.size()) + \
                     " days, series['day'] has " + std::to_string(days));
  KYOSEI_SERIES(KYOSEI_COPY)
#undef KYOSEI_COPY
  const auto names = agencies.contains("name") ? agencies["name"].cast<std::vector<std::string>>()
                                               : throw UsageError("agencies: missing column 'name'");
  const auto field = to_vector<std::uint8_t>(agencies, "agencies", "field");
  const auto district = to_vector<std::int32_t>(agencies, "agencies", "district");
  const auto staff = to_vector<double>(agencies, "agencies", "staff");
  const auto capacity = to_vector<std::int64_t>(agencies, "agencies", "capacity");
  const std::size_t n = names.size();
  if (field.size() != n || district.size() != n || staff.size() != n || capacity.size() != n)
    throw UsageError("agencies: columns of unequal length");
  for (std::size_t i = 0; i < n; ++i) {
    if (field[i] >= kFieldCount) throw UsageError("agencies: field " + std::to_string(field[i]) + " out of range");
    r->agencies.push_back({names[i], static_cast<Field>(field[i]), district[i], staff[i], capacity[i]});
  }
#define KYOSEI_COPY(name, unit, meaning) r->series.name = to_matrix(agency_series, #name, days, n);
  KYOSEI_AGENCY_SERIES(KYOSEI_COPY)
#undef KYOSEI_COPY
  for (const auto& [name, count] : warnings)
    r->warnings.emplace_back(name.cast<std::string>(), count.cast<std::int64_t>());
  if (!summary.is_none()) {
    if (!py::isinstance<py::dict>(summary)) throw UsageError("summary must be a dict or None");
    r->summary = summary_from_dict(summary.cast<py::dict>());
  } else {
    py::gil_scoped_release release;
    r->summary = compute_summary(r->episodes, r->series, static_cast<std::int32_t>(days));
    add_solitary_death_summary(*r, r->summary);
  }
  return r;
}

}  // namespace

void bind_results(py::module_& m) {
  py::class_<Results, std::shared_ptr<Results>>(
      m, "Results",
      "One run's outputs. Arrays are read-only views of the engine's memory whose base is this "
      "object, so they stay valid after it is dropped.")
      .def_static("from_arrays", &from_arrays, py::arg("episodes"), py::arg("series"), py::arg("agency_series"),
                  py::arg("agencies"), py::arg("warnings") = py::dict(), py::arg("summary") = py::none(),
                  py::arg("solitary_deaths") = py::dict(), py::arg("snapshots") = py::list(),
                  "Builds Results from dicts of arrays (as read from an HDF5 file). `summary` is a "
                  "dict shaped as Results.summary (a file's own); None recomputes the detection "
                  "and solitary death summaries. `solitary_deaths` holds one array per solitary "
                  "death column (empty: none); `snapshots` the population snapshots, each a dict shaped as "
                  "those of Results.snapshots. Raises UsageError on missing or misshapen input.")
      .def_property_readonly(
          "days", [](const Results& r) { return r.series.day.size(); }, "Recorded days (the length of every series).")
      .def_property_readonly(
          "episodes",
          [](py::object self) {
            const EpisodeTable& e = results_of(self).episodes;
            py::dict d;
#define KYOSEI_VIEW(name, type, unit, meaning) d[#name] = view(e.name, self);
            KYOSEI_EPISODE_COLUMNS(KYOSEI_VIEW)
#undef KYOSEI_VIEW
            return d;
          },
          "{column: read-only array view}, one entry per episode column of the field table.")
      .def_property_readonly(
          "solitary_deaths",
          [](py::object self) {
            const SolitaryDeathTable& t = results_of(self).solitary_deaths;
            py::dict d;
#define KYOSEI_VIEW(name, type, unit, meaning) d[#name] = view(t.name, self);
            KYOSEI_SOLITARY_DEATH_COLUMNS(KYOSEI_VIEW)
#undef KYOSEI_VIEW
            return d;
          },
          "{column: read-only array view}, one entry per solitary death column.")
      .def_property_readonly(
          "series",
          [](py::object self) {
            const DailySeries& s = results_of(self).series;
            py::dict d;
            d["day"] = view(s.day, self);
#define KYOSEI_VIEW(name, type, unit, meaning) d[#name] = view(s.name, self);
            KYOSEI_SERIES(KYOSEI_VIEW)
#undef KYOSEI_VIEW
            return d;
          },
          "{name: read-only array view [days]}: 'day' and every daily series.")
      .def_property_readonly(
          "agency_series",
          [](py::object self) {
            const Results& r = results_of(self);
            const auto days = static_cast<py::ssize_t>(r.series.day.size());
            const auto agencies = static_cast<py::ssize_t>(r.agencies.size());
            py::dict d;
#define KYOSEI_VIEW(name, unit, meaning) d[#name] = view(r.series.name, {days, agencies}, self);
            KYOSEI_AGENCY_SERIES(KYOSEI_VIEW)
#undef KYOSEI_VIEW
            return d;
          },
          "{name: read-only array view [days x agencies]} for the per-agency series.")
      .def_property_readonly(
          "agencies",
          [](const Results& r) {
            py::list name;
            std::vector<std::uint8_t> field;
            std::vector<std::int32_t> district;
            std::vector<double> staff;
            std::vector<std::int64_t> capacity;
            for (const AgencyInfo& a : r.agencies) {
              name.append(a.name);
              field.push_back(static_cast<std::uint8_t>(a.field));
              district.push_back(a.district);
              staff.push_back(a.staff);
              capacity.push_back(a.capacity);
            }
            py::dict d;
            d["name"] = name;
            d["field"] = py::array_t<std::uint8_t>(field.size(), field.data());
            d["district"] = py::array_t<std::int32_t>(district.size(), district.data());
            d["staff"] = py::array_t<double>(staff.size(), staff.data());
            d["capacity"] = py::array_t<std::int64_t>(capacity.size(), capacity.data());
            return d;
          },
          "The agency table as {column: values} (small; copied): name, field, district, staff, "
          "capacity.")
      .def_property_readonly(
          "snapshots",
          [](py::object self) {
            py::list out;
            for (const PopulationSnapshot& s : results_of(self).snapshots) out.append(snapshot_dict(s, self));
            return out;
          },
          "The population snapshots (RunOptions::snapshot_days), in day order: each {'day': D, "
          "'residents', 'households', 'ties': {column: read-only array view}}.")
      .def_property_readonly(
          "summary", [](const Results& r) { return summary_dict(r.summary); },
          "The engine's summary as a nested dict (the structure of the CLI's --json output).")
      .def_property_readonly(
          "warnings",
          [](const Results& r) {
            py::dict d;
            for (const auto& [name, count] : r.warnings) {
              const py::str key(name);
              d[key] = (d.contains(key) ? d[key].cast<std::int64_t>() : 0) + count;
            }
            return d;
          },
          "Counted oddities during the run, {name: count}.")
      .def(
          "pathway_times",
          [](const Results& r, const std::string& stage) {
            const auto at = std::find(kStageNames.begin(), kStageNames.end(), stage);
            if (at == kStageNames.end())
              throw UsageError("pathway_times: unknown stage '" + stage +
                               "' (expected contact, detection, "
                               "engagement or resolution)");
            PathwayTimes t;
            {
              py::gil_scoped_release release;
              t = pathway_times(r.episodes, static_cast<std::int32_t>(r.series.day.size()),
                                static_cast<Stage>(at - kStageNames.begin()));
            }
            return py::make_tuple(py::array_t<double>(t.time.size(), t.time.data()),
                                  py::array_t<std::uint8_t>(t.cause.size(), t.cause.data()));
          },
          py::arg("stage") = "detection",
          "summary.hpp pathway_times: (time, cause) of every episode for one stage of the pathway, "
          "the durations from onset the summary's cumulative incidences use; cause 0 censored, "
          "then PATHWAY_CAUSE_NAMES (1 the stage reached, 2 crisis, 3 death, 4 remission).");
}

}  // namespace kyosei::python
