// docs/outputs.md, generated from the output field tables, so that the
// documentation names exactly what the HDF5 writer writes.
#include "kyosei/docs/output_docs.hpp"

#include <cstdint>
#include <sstream>
#include <type_traits>

#include "kyosei/model/output_fields.hpp"
#include "kyosei/model/results.hpp"
#include "kyosei/analysis/summary_fields.hpp"
#include "docs/markdown.hpp"

namespace kyosei {
namespace {

template <class T>
constexpr const char* type_name() {
  if constexpr (std::is_same_v<T, double>)
    return "float64";
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return "int64";
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return "int32";
  else if constexpr (std::is_same_v<T, std::int16_t>)
    return "int16";
  else if constexpr (std::is_same_v<T, std::uint8_t>)
    return "uint8";
  else
    static_assert(sizeof(T) == 0, "add the type's name");
}

void row(std::ostringstream& out, const std::string& name, const char* type, const char* unit, const char* meaning) {
  out << "| `" << name << "` | " << type << " | " << markdown_cell(unit) << " | " << markdown_cell(meaning) << " |\n";
}

constexpr const char* kHeader = "| Dataset | Type | Unit | Meaning |\n|---|---|---|---|\n";

}  // namespace

std::string output_dictionary_markdown() {
  std::ostringstream out;
  out << "# Outputs\n\n"
         "<!-- Generated from the field tables (include/kyosei/model/output_fields.hpp,\n"
         "     include/kyosei/analysis/summary_fields.hpp) by `kyosei outputs --markdown > docs/outputs.md`.\n"
         "     Do not edit by hand. -->\n\n"
         "One HDF5 file per run (`kyosei run`, `kyosei compare -o DIR`). Root attributes: `software`,\n"
         "`version`, `git_commit`, `date`, `seed`, `replicate`, `threads` (the OpenMP threads that ran),\n"
         "`scenario_name`, `scenario` (the YAML text of the scenario as it ran: any `--set` overrides are\n"
         "written into it), `overrides` (those overrides, `key.path=value` a line), `format_version`,\n"
         "`complete`, and CF's `Conventions`. Days count from the end of the burn-in (day 0) to\n"
         "`run.horizon_days - 1`; `-1` in a day column means the event did not happen by the horizon.\n"
         "Every dataset carries `unit` and `description` attributes and their CF names `units` and\n"
         "`long_name`; the columns where -1 means never (or still open) carry it as `_FillValue`. Every\n"
         "dimension is a named dimension scale: `day` (`/series/day`), and the indices `/agency`,\n"
         "`/episode` and `/death` of the agency, episode and solitary-death tables, so that netCDF tools\n"
         "and xarray open each group with labelled dimensions:\n"
         "`xarray.open_dataset(\"run.h5\", engine=\"h5netcdf\", group=\"series\")`.\n\n"
         "## Episodes: `/episodes/<column>`\n\n"
         "One row per need episode whose onset falls inside the recorded horizon.\n\n"
      << kHeader;
#define KYOSEI_ROW(name, type, unit, meaning) row(out, "/episodes/" #name, type_name<type>(), unit, meaning);
  KYOSEI_EPISODE_COLUMNS(KYOSEI_ROW)
#undef KYOSEI_ROW
  out << "\n## Solitary deaths: `/solitary_deaths/<column>`\n\n"
         "One row per death at home of a resident living alone (孤立死) inside the recorded horizon.\n\n"
      << kHeader;
#define KYOSEI_ROW(name, type, unit, meaning) row(out, "/solitary_deaths/" #name, type_name<type>(), unit, meaning);
  KYOSEI_SOLITARY_DEATH_COLUMNS(KYOSEI_ROW)
#undef KYOSEI_ROW
  out << "\n## Daily series: `/series/<name>`\n\n"
         "One value per recorded day; `/series/day` is their dimension scale.\n\n"
      << kHeader;
  row(out, "/series/day", "int32", "day", "Day since the end of the burn-in (dimension scale)");
#define KYOSEI_ROW(name, type, unit, meaning) row(out, "/series/" #name, type_name<type>(), unit, meaning);
  KYOSEI_SERIES(KYOSEI_ROW)
#undef KYOSEI_ROW
  out << "\n## Agency series: `/series/<name>`, days x agencies\n\n"
         "Columns follow `/agencies/name` (also `/agencies/field`, `district`, `staff`, `capacity`).\n\n"
      << kHeader;
#define KYOSEI_ROW(name, unit, meaning) row(out, "/series/" #name, "int64", unit, meaning);
  KYOSEI_AGENCY_SERIES(KYOSEI_ROW)
#undef KYOSEI_ROW
  out << "\n## Summary: `/summary`\n\n"
         "Detection times are Kaplan-Meier estimates from onset to detection, right-censored at the\n"
         "horizon or when the episode closed undetected. Groups: `overall`, `by_field/<field>`,\n"
         "`no_compound`, `by_compound/<tag>` (an episode counts in every tag it has), each a group with\n"
         "these attributes (`@name`):\n\n"
      << kHeader;
// The attributes' types are the members' own (counts are int64), as the writer stores them.
#define KYOSEI_ROW(name, unit, meaning) \
  row(out, "/summary/<group>@" #name, type_name<decltype(DetectionEstimate::name)>(), unit, meaning);
  KYOSEI_DETECTION_FIELDS(KYOSEI_ROW)
#undef KYOSEI_ROW
  out << "\nand for the whole run:\n\n" << kHeader;
#define KYOSEI_ROW(name, unit, meaning) \
  row(out, "/summary@" #name, type_name<decltype(Summary::name)>(), unit, meaning);
  KYOSEI_SUMMARY_SCALARS(KYOSEI_ROW)
#undef KYOSEI_ROW
  return out.str();
}

}  // namespace kyosei
