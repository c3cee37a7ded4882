// Population snapshots as Python data (bindings.hpp), their columns named by the engine's field
// tables (output_fields.hpp).
#include <string>

#include "bindings.hpp"

namespace kyosei::python {
py::dict snapshot_dict(const PopulationSnapshot& snapshot, py::handle owner) {
  py::dict d;
  d["day"] = snapshot.day;
#define KYOSEI_VIEW(name, type, unit, meaning) columns[#name] = view(table.name, owner);
#define KYOSEI_TABLE(TABLE, COLUMNS)    \
  {                                     \
    const auto& table = snapshot.TABLE; \
    py::dict columns;                   \
    COLUMNS(KYOSEI_VIEW)                \
    d[#TABLE] = columns;                \
  }
  KYOSEI_TABLE(residents, KYOSEI_SNAPSHOT_RESIDENT_COLUMNS)
  KYOSEI_TABLE(households, KYOSEI_SNAPSHOT_HOUSEHOLD_COLUMNS)
  KYOSEI_TABLE(ties, KYOSEI_SNAPSHOT_TIE_COLUMNS)
#undef KYOSEI_TABLE
#undef KYOSEI_VIEW
  return d;
}

PopulationSnapshot snapshot_from_dict(const py::dict& d) {
  if (!d.contains("day")) throw UsageError("snapshot: missing 'day'");
  PopulationSnapshot s;
  s.day = d["day"].cast<std::int32_t>();
// size() counts the rows of the first column, copied first.
#define KYOSEI_COPY(name, type, unit, meaning)                                                          \
  table.name = to_vector<type>(columns, group.c_str(), #name);                                          \
  if (table.name.size() != table.size())                                                                \
    throw UsageError(group + "['" #name "'] has " + std::to_string(table.name.size()) + " rows, not " + \
                     std::to_string(table.size()));
#define KYOSEI_TABLE(TABLE, COLUMNS)                                                                 \
  {                                                                                                  \
    if (!d.contains(#TABLE) || !py::isinstance<py::dict>(d[#TABLE]))                                 \
      throw UsageError("snapshot of day " + std::to_string(s.day) + ": missing table '" #TABLE "'"); \
    const py::dict columns = d[#TABLE].cast<py::dict>();                                             \
    const std::string group = "snapshot['" #TABLE "']";                                              \
    auto& table = s.TABLE;                                                                           \
    COLUMNS(KYOSEI_COPY)                                                                             \
  }
  KYOSEI_TABLE(residents, KYOSEI_SNAPSHOT_RESIDENT_COLUMNS)
  KYOSEI_TABLE(households, KYOSEI_SNAPSHOT_HOUSEHOLD_COLUMNS)
  KYOSEI_TABLE(ties, KYOSEI_SNAPSHOT_TIE_COLUMNS)
#undef KYOSEI_TABLE
#undef KYOSEI_COPY
  return s;
}

}  // namespace kyosei::python
