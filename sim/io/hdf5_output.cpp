// Results -> HDF5 (hdf5_output.hpp, docs/outputs.md). Layout, format_version 1:
//
//   /                      attributes software, version, git_commit, date, seed (uint64),
//                          replicate (uint32), threads, scenario_name, scenario (the YAML text),
//                          format_version (int32), complete (int32 0/1)
//   /series/day            int32 [days], the dimension scale "day"
//   /series/<name>         [days] for each KYOSEI_SERIES entry, dimension 0 attached to day
//   /series/<name>         int64 [days x agencies] for each KYOSEI_AGENCY_SERIES entry
//   /agencies/<column>     [agencies]: name (variable-length UTF-8), field, district, staff, capacity
//   /episodes/<column>     [episodes] for each KYOSEI_EPISODE_COLUMNS entry
//   /solitary_deaths/<column>  [deaths] for each KYOSEI_SOLITARY_DEATH_COLUMNS entry
//   /summary/overall, /summary/no_compound, /summary/by_field/<field>, /summary/by_compound/<tag>
//                          groups whose attributes are the KYOSEI_DETECTION_FIELDS
//   /snapshots/day_<D>/<table>/<column>   population snapshots (only when asked for), attribute day:
//                          the tables residents, households and ties (KYOSEI_SNAPSHOT_*_COLUMNS),
//                          each with its dimension scale "row" (int64 0..n-1) in its group
//   /summary               attributes: the KYOSEI_SUMMARY_SCALARS
//   /warnings              attributes: count per warning name
//
//   /agency, /episode, /death   int64 indices 0..n-1: the dimension scales "agency", "episode" and
//                          "death" of the agency columns and the second dimension of the agency
//                          series, the episode columns and the solitary-death columns
//
// Every dataset has the attributes unit and description, and their CF names units and long_name;
// every dimension of every dataset is a labelled dimension scale, the root carries Conventions, and
// the day columns where -1 means "never" (or "open") carry it as _FillValue, so that netCDF tools
// and xarray (engine h5netcdf) open each group with named dimensions (docs/outputs.md). Non-empty
// datasets are chunked, shuffled and gzip-compressed; empty ones are contiguous (a chunk cannot
// have a zero extent).
#include "kyosei/io/hdf5_output.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>  // H5DS: dimension scales

#include <algorithm>
#include <array>
#include <filesystem>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "hdf5_attributes.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/analysis/summary_fields.hpp"

namespace kyosei {
namespace {

constexpr int kFormatVersion = 1;
constexpr std::size_t kChunkBytes = 256 * 1024;  // target size of one chunk
constexpr unsigned kGzipLevel = 4;

using hdf5::check;
using hdf5::Failure;
using hdf5::Handle;
using hdf5::native_type;
using hdf5::set_attribute;
using hdf5::string_type;

Handle create_group(hid_t parent, const std::string& name) {
  return {H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
          "cannot create group " + name};
}

Handle create_space(std::span<const hsize_t> dims) {
  if (dims.empty()) return {H5Screate(H5S_SCALAR), H5Sclose, "cannot create a scalar dataspace"};
  return {H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose, "cannot create a dataspace"};
}

// Creation properties: chunks of whole rows (all dimensions but the first in full) holding about
// kChunkBytes, shuffled and deflated. An empty dataset keeps the default contiguous layout.
Handle dataset_properties(std::span<const hsize_t> dims, std::size_t element_size) {
  Handle properties{H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "cannot create dataset properties"};
  const bool empty = std::find(dims.begin(), dims.end(), hsize_t{0}) != dims.end();
  if (empty) return properties;
  std::vector<hsize_t> chunk(dims.begin(), dims.end());
  hsize_t row_bytes = element_size;
  for (std::size_t d = 1; d < dims.size(); ++d) row_bytes *= dims[d];
  chunk[0] = std::clamp<hsize_t>(kChunkBytes / row_bytes, 1, dims[0]);
  check(H5Pset_chunk(properties.get(), static_cast<int>(chunk.size()), chunk.data()), "cannot set the chunk size");
  check(H5Pset_shuffle(properties.get()), "cannot set the shuffle filter");
  check(H5Pset_deflate(properties.get(), kGzipLevel), "cannot set the gzip filter");
  return properties;
}

// Creates and fills a dataset with its unit and description; returns it for scales to attach.
Handle write_dataset(hid_t parent, const std::string& name, hid_t type, std::span<const hsize_t> dims, const void* data,
                     const std::string& unit, const std::string& description) {
  const Handle space = create_space(dims);
  const Handle properties = dataset_properties(dims, H5Tget_size(type));
  Handle dataset{H5Dcreate2(parent, name.c_str(), type, space.get(), H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                 H5Dclose, "cannot create dataset " + name};
  if (H5Sget_simple_extent_npoints(space.get()) > 0) {
    check(H5Dwrite(dataset.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "cannot write dataset " + name);
  }
  set_attribute(dataset.get(), "unit", unit);
  set_attribute(dataset.get(), "description", description);
  set_attribute(dataset.get(), "units", unit);
  set_attribute(dataset.get(), "long_name", description);
  return dataset;
}

// Attaches `scale` as dimension `index` of `dataset`.
void attach(const Handle& dataset, const Handle& scale, unsigned index, const std::string& name) {
  check(H5DSattach_scale(dataset.get(), scale.get(), index), "cannot attach a dimension scale to " + name);
}

// An index 0..n-1 at the root, made the dimension scale `name` (netCDF's coordinate variable).
Handle write_index_scale(hid_t root, const char* name, std::size_t n, const std::string& description) {
  std::vector<std::int64_t> index(n);
  for (std::size_t i = 0; i < n; ++i) index[i] = static_cast<std::int64_t>(i);
  const std::array<hsize_t, 1> dims{n};
  Handle scale = write_dataset(root, name, native_type<std::int64_t>(), dims, index.data(), "1", description);
  check(H5DSset_scale(scale.get(), name), std::string("cannot make /") + name + " a dimension scale");
  return scale;
}

// The field table's meaning says when -1 stands for "never" (or "still open"); those columns carry
// -1 as CF's _FillValue, so xarray shows them as missing.
template <class T>
void mark_never(const Handle& dataset, std::string_view meaning) {
  if (meaning.find("-1 never") == std::string_view::npos && meaning.find("-1 open") == std::string_view::npos) return;
  set_attribute(dataset.get(), "_FillValue", static_cast<T>(-1));
}

template <class T>
Handle write_column(hid_t parent, const std::string& name, std::span<const T> values, const std::string& unit,
                    const std::string& description) {
  const std::array<hsize_t, 1> dims{values.size()};
  return write_dataset(parent, name, native_type<T>(), dims, values.data(), unit, description);
}

Handle write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                     const std::string& unit, const std::string& description) {
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const std::string& value : values) pointers.push_back(value.c_str());
  const Handle type = string_type();
  const std::array<hsize_t, 1> dims{values.size()};
  return write_dataset(parent, name, type.get(), dims, pointers.data(), unit, description);
}

// "0 elderly, 1 disability, ..." for the description of an enumeration column.
template <std::size_t N>
std::string enum_legend(const std::array<std::string_view, N>& names) {
  std::string legend;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) legend += ", ";
    legend += std::to_string(i) + " " + std::string(names[i]);
  }
  return legend;
}

void check_length(const std::string& name, std::size_t length, std::size_t expected) {
  if (length != expected) {
    throw Failure(name + " has " + std::to_string(length) + " values, expected " + std::to_string(expected));
  }
}

void write_provenance(hid_t root, const Provenance& p) {
  set_attribute(root, "software", p.software);
  set_attribute(root, "version", p.version);
  set_attribute(root, "git_commit", p.git_commit);
  set_attribute(root, "date", p.date);
  set_attribute(root, "seed", p.seed);
  set_attribute(root, "replicate", p.replicate);
  set_attribute(root, "threads", static_cast<std::int32_t>(p.threads));
  set_attribute(root, "scenario_name", p.scenario_name);
  set_attribute(root, "scenario", p.scenario_text);
  set_attribute(root, "overrides", p.overrides);
  set_attribute(root, "format_version", static_cast<std::int32_t>(kFormatVersion));
  set_attribute(root, "complete", static_cast<std::int32_t>(p.complete ? 1 : 0));
  set_attribute(root, "Conventions", std::string("CF-1.8"));
}

void write_series(hid_t root, const DailySeries& series, std::size_t agencies, const Handle& agency_scale) {
  const Handle group = create_group(root, "series");
  const std::size_t days = series.day.size();
  const Handle day = write_column<std::int32_t>(group.get(), "day", series.day, "day",
                                                "Recorded day, 0 .. horizon_days-1 (the dimension of every series)");
  check(H5DSset_scale(day.get(), "day"), "cannot make /series/day a dimension scale");
  const auto attach_day = [&](const Handle& dataset, const char* name) {
    check(H5DSattach_scale(dataset.get(), day.get(), 0), std::string("cannot attach the day scale to /series/") + name);
  };
#define KYOSEI_WRITE(name, type, unit, meaning)             \
  check_length("/series/" #name, series.name.size(), days); \
  attach_day(write_column<type>(group.get(), #name, series.name, unit, meaning), #name);
  KYOSEI_SERIES(KYOSEI_WRITE)
#undef KYOSEI_WRITE
  const std::array<hsize_t, 2> dims{days, agencies};
#define KYOSEI_WRITE(name, unit, meaning)                                                                           \
  {                                                                                                                 \
    check_length("/series/" #name, series.name.size(), days* agencies);                                             \
    const Handle dataset = write_dataset(group.get(), #name, native_type<std::int64_t>(), dims, series.name.data(), \
                                         unit, meaning " (days x agencies, in /agencies order)");                   \
    attach_day(dataset, #name);                                                                                     \
    attach(dataset, agency_scale, 1, "/series/" #name);                                                             \
  }
  KYOSEI_AGENCY_SERIES(KYOSEI_WRITE)
#undef KYOSEI_WRITE
}

// One column of the agency table, taken from each AgencyInfo by `member`.
template <class Member>
void write_agency_column(hid_t group, const std::string& name, const std::vector<AgencyInfo>& agencies, Member member,
                         const std::string& unit, const std::string& description, const Handle& scale) {
  using T = std::invoke_result_t<Member, const AgencyInfo&>;
  std::vector<T> values;
  values.reserve(agencies.size());
  for (const AgencyInfo& agency : agencies) values.push_back(member(agency));
  if constexpr (std::is_same_v<T, std::string>) {
    attach(write_strings(group, name, values, unit, description), scale, 0, "/agencies/" + name);
  } else {
    attach(write_column<T>(group, name, values, unit, description), scale, 0, "/agencies/" + name);
  }
}

void write_agencies(hid_t root, const std::vector<AgencyInfo>& agencies, const Handle& scale) {
  const Handle group = create_group(root, "agencies");
  const hid_t g = group.get();
  write_agency_column(
      g, "name", agencies, [](const AgencyInfo& a) { return a.name; }, "name",
      "Agency name; the column order of the per-agency series", scale);
  write_agency_column(
      g, "field", agencies, [](const AgencyInfo& a) { return static_cast<std::uint8_t>(a.field); }, "enum",
      "Field the agency serves: " + enum_legend(kFieldNames), scale);
  write_agency_column(
      g, "district", agencies, [](const AgencyInfo& a) { return a.district; }, "id",
      "District the agency covers; -1 the whole municipality", scale);
  write_agency_column(
      g, "staff", agencies, [](const AgencyInfo& a) { return a.staff; }, "FTE", "Staff in full-time equivalents",
      scale);
  write_agency_column(
      g, "capacity", agencies, [](const AgencyInfo& a) { return a.capacity; }, "case", "Open cases at full load",
      scale);
}

// A table of equal-length columns (KYOSEI_EPISODE_COLUMNS, KYOSEI_SOLITARY_DEATH_COLUMNS) in
// /<group>, each with its dimension scale `row` (/episode, /death).
#define KYOSEI_WRITE_TABLE_COLUMN(name, type, unit, meaning)                                  \
  {                                                                                           \
    check_length(path + #name, table.name.size(), table.size());                              \
    const Handle dataset = write_column<type>(group.get(), #name, table.name, unit, meaning); \
    attach(dataset, row, 0, path + #name);                                                    \
    mark_never<type>(dataset, meaning);                                                       \
  }

void write_episodes(hid_t root, const EpisodeTable& table) {
  const Handle group = create_group(root, "episodes");
  const Handle row = write_index_scale(root, "episode", table.size(), "Episode (need) index, the row of /episodes");
  const std::string path = "/episodes/";
  KYOSEI_EPISODE_COLUMNS(KYOSEI_WRITE_TABLE_COLUMN)
}

void write_solitary_deaths(hid_t root, const SolitaryDeathTable& table) {
  const Handle group = create_group(root, "solitary_deaths");
  const Handle row =
      write_index_scale(root, "death", table.size(), "Solitary death index, the row of /solitary_deaths");
  const std::string path = "/solitary_deaths/";
  KYOSEI_SOLITARY_DEATH_COLUMNS(KYOSEI_WRITE_TABLE_COLUMN)
}

// /snapshots/day_<D>/{residents,households,ties}, each table with its own dimension scale "row".
void write_snapshots(hid_t root, const std::vector<PopulationSnapshot>& snapshots) {
  if (snapshots.empty()) return;
  const Handle all = create_group(root, "snapshots");
  for (const PopulationSnapshot& snapshot : snapshots) {
    const std::string name = "day_" + std::to_string(snapshot.day);
    const Handle day = create_group(all.get(), name);
    set_attribute(day.get(), "day", snapshot.day);
#define KYOSEI_WRITE_SNAPSHOT_TABLE(TABLE, COLUMNS)                                                             \
  {                                                                                                             \
    const auto& table = snapshot.TABLE;                                                                         \
    const Handle group = create_group(day.get(), #TABLE);                                                       \
    const Handle row = write_index_scale(group.get(), "row", table.size(), "Row of the table (its dimension)"); \
    const std::string path = "/snapshots/" + name + "/" #TABLE "/";                                             \
    COLUMNS(KYOSEI_WRITE_TABLE_COLUMN)                                                                          \
  }
    KYOSEI_WRITE_SNAPSHOT_TABLE(residents, KYOSEI_SNAPSHOT_RESIDENT_COLUMNS)
    KYOSEI_WRITE_SNAPSHOT_TABLE(households, KYOSEI_SNAPSHOT_HOUSEHOLD_COLUMNS)
    KYOSEI_WRITE_SNAPSHOT_TABLE(ties, KYOSEI_SNAPSHOT_TIE_COLUMNS)
#undef KYOSEI_WRITE_SNAPSHOT_TABLE
  }
}
#undef KYOSEI_WRITE_TABLE_COLUMN

void write_estimate(hid_t parent, const std::string& name, const DetectionEstimate& e) {
  const Handle group = create_group(parent, name);
#define KYOSEI_WRITE(field, unit, meaning) set_attribute(group.get(), #field, e.field);
  KYOSEI_DETECTION_FIELDS(KYOSEI_WRITE)
#undef KYOSEI_WRITE
}

// A group holding one estimate group per name (kFieldNames, kCompoundTagNames).
template <std::size_t N>
void write_estimates(hid_t parent, const std::string& name, const std::array<DetectionEstimate, N>& estimates,
                     const std::array<std::string_view, N>& names) {
  const Handle group = create_group(parent, name);
  for (std::size_t i = 0; i < N; ++i) write_estimate(group.get(), std::string(names[i]), estimates[i]);
}

void write_summary(hid_t root, const Summary& s) {
  const Handle group = create_group(root, "summary");
  write_estimate(group.get(), "overall", s.overall);
  write_estimates(group.get(), "by_field", s.by_field, kFieldNames);
  write_estimate(group.get(), "no_compound", s.no_compound);
  write_estimates(group.get(), "by_compound", s.by_compound, kCompoundTagNames);
#define KYOSEI_WRITE(name, unit, meaning) set_attribute(group.get(), #name, s.name);
  KYOSEI_SUMMARY_SCALARS(KYOSEI_WRITE)
#undef KYOSEI_WRITE
}

// One attribute per warning name; a name listed twice gets the sum of its counts.
void write_warnings(hid_t root, const std::vector<std::pair<std::string, std::int64_t>>& warnings) {
  std::vector<std::pair<std::string, std::int64_t>> merged;
  for (const auto& [name, count] : warnings) {
    const auto same =
        std::find_if(merged.begin(), merged.end(), [&key = name](const auto& entry) { return entry.first == key; });
    if (same == merged.end()) {
      merged.emplace_back(name, count);
    } else {
      same->second += count;
    }
  }
  const Handle group = create_group(root, "warnings");
  for (const auto& [name, count] : merged) set_attribute(group.get(), name, count);
}

void write_file(const std::string& file_name, const Results& results, const Provenance& p) {
  const Handle access{H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "cannot create file properties"};
  // The 1.8 object format: read by every HDF5 since 1.8 and allows attributes over 64 KiB (a long
  // scenario text). A close that finds objects still open fails instead of leaving the file open.
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), "cannot set the file format version");
  check(H5Pset_fclose_degree(access.get(), H5F_CLOSE_SEMI), "cannot set the file close degree");
  Handle file{H5Fcreate(file_name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.get()), H5Fclose,
              "cannot create " + file_name};
  write_provenance(file.get(), p);
  {
    const Handle agency = write_index_scale(file.get(), "agency", results.agencies.size(),
                                            "Agency index, the row of /agencies and the column of the agency series");
    write_series(file.get(), results.series, results.agencies.size(), agency);
    write_agencies(file.get(), results.agencies, agency);
  }
  write_episodes(file.get(), results.episodes);
  write_solitary_deaths(file.get(), results.solitary_deaths);
  write_snapshots(file.get(), results.snapshots);
  write_summary(file.get(), results.summary);
  write_warnings(file.get(), results.warnings);
  file.close("cannot close " + file_name);
}

}  // namespace

void write_results_hdf5(const std::string& path, const Results& results, const Provenance& provenance, bool overwrite) {
  // Checked before writing anything. Another process could still create `path` before the rename
  // below replaces it; runs that share an output path are not supported.
  std::error_code ignored;
  if (!overwrite && std::filesystem::exists(path, ignored)) {
    throw OutputError(path + " exists; use --force to overwrite");
  }
  hdf5::write_then_rename(path, [&](const std::string& temporary) { write_file(temporary, results, provenance); });
}

}  // namespace kyosei
