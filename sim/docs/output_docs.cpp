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
  else if constexpr (std::is_same_v<T, float>)
    return "float32";
  else if constexpr (std::is_same_v<T, std::int16_t>)
    return "int16";
  else if constexpr (std::is_same_v<T, std::uint16_t>)
    return "uint16";
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
  out << "\n## Population snapshots: `/snapshots/day_<D>/<table>/<column>`\n\n"
         "Only with `kyosei run --snapshot-days D1,D2,...` (recorded days, ascending): the population at\n"
         "the end of each day D, in the group `day_<D>` (attribute `day`), as three tables of equal-length\n"
         "columns, each with its dimension scale `row`. `Simulation.snapshot()` returns the same tables\n"
         "for the day a Python run has reached, and `kyosei.read(path).snapshots[D]` reads them back\n"
         "(`.residents`, `.households`, `.ties` as DataFrames, `.graph()` a networkx graph). With h5py\n"
         "and pandas alone:\n\n"
         "```python\n"
         "g = h5py.File(\"run.h5\")[\"snapshots/day_365/ties\"]\n"
         "ties = pandas.DataFrame({c: g[c][()] for c in g if c != \"row\"})\n"
         "graph = networkx.from_pandas_edgelist(ties, \"a\", \"b\", edge_attr=[\"kind\", \"active\", \"origin\"])\n"
         "```\n\n"
         "### Residents: `/snapshots/day_<D>/residents/<column>`\n\n"
         "Every resident the run has had, one row each in id order; those who left (died, moved out,\n"
         "went into residential care) keep their row, with `departure` saying why.\n\n"
      << kHeader;
#define KYOSEI_ROW(name, type, unit, meaning) \
  row(out, "/snapshots/day_<D>/residents/" #name, type_name<type>(), unit, meaning);
  KYOSEI_SNAPSHOT_RESIDENT_COLUMNS(KYOSEI_ROW)
#undef KYOSEI_ROW
  out << "\n### Households: `/snapshots/day_<D>/households/<column>`\n\n"
         "Every household the run has had, one row each in id order; a dissolved one has no members.\n\n"
      << kHeader;
#define KYOSEI_ROW(name, type, unit, meaning) \
  row(out, "/snapshots/day_<D>/households/" #name, type_name<type>(), unit, meaning);
  KYOSEI_SNAPSHOT_HOUSEHOLD_COLUMNS(KYOSEI_ROW)
#undef KYOSEI_ROW
  out << "\n### Ties: `/snapshots/day_<D>/ties/<column>`\n\n"
         "The tie edge list: every tie outside a household that has not ended, active or dormant, once\n"
         "each (`a` < `b`), ordered by `a`, then `b`. Its rows number `/series/ties` of day D. A tie holds\n"
         "no strength or date of last contact: its state is active or dormant, flipping at rates that\n"
         "depend on its ends (docs/ODD.md §2, \"Ties\").\n\n"
      << kHeader;
#define KYOSEI_ROW(name, type, unit, meaning) \
  row(out, "/snapshots/day_<D>/ties/" #name, type_name<type>(), unit, meaning);
  KYOSEI_SNAPSHOT_TIE_COLUMNS(KYOSEI_ROW)
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
