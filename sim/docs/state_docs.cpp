// docs/state.md and the State's byte table, generated from the State's member lists.
#include "kyosei/docs/state_docs.hpp"

#include <cstdio>
#include <memory>
#include <sstream>

#include "docs/markdown.hpp"
#include "kyosei/model/state_layout.hpp"
#include "kyosei/model/state_members.hpp"

namespace kyosei {

std::string state_layout_markdown() {
  std::ostringstream out;
  out << "# The State\n\n"
         "<!-- Generated from the State's member lists (include/kyosei/model/state.hpp) by\n"
         "     `kyosei state-layout > docs/state.md`. Do not edit by hand. -->\n\n"
         "The mutable State of one run (docs/ODD.md §2, \"Entities, state variables, and scales\"):\n"
         "structures of flat arrays, one group each for residents, households, ties, episodes and\n"
         "agencies, the event calendars of the phases, the levers' own state and the running counters.\n"
         "Each member is listed once, in its group's list in `include/kyosei/model/state.hpp`; the\n"
         "structs, the checkpoint (`sim/model/state_visit.hpp`), the byte counts of\n"
         "`kyosei state-layout SCENARIO` (each member's bytes, in total and per resident) and this page\n"
         "are generated from the lists.\n\n"
         "A checkpoint saves each member as the datasets `/state/<group>/<member>`:\n\n"
         "- **array**: a flat array, as it is; **value**: a scalar, as a one-element array;\n"
         "- **columns**: an array of records, one dataset `<group>/<field>` per field of the record;\n"
         "- **queue**, **queues**: a deque's items; a list of deques or lists as items and `_offsets`;\n"
         "- **fixed**: a fixed array of numbers; **calendar**: each bucket's events as columns and\n"
         "  offsets; **grid**: a fixed grid of counts, flat; **series**: the daily series (docs/outputs.md); "
         "**by_name**: warning counts by name;\n"
         "- **snapshots**: the population snapshots' days, and each table's columns over all snapshots\n"
         "  with the rows of each (`<table>_rows`);\n"
         "- **not saved**: derived, rebuilt when a checkpoint is restored or empty between days.\n\n"
         "To add a member, add one line to its group's list: `A(element type, name, meaning)` for a\n"
         "flat array, `V(type, name, initial value, meaning)` for a scalar, `S(type, name, how,\n"
         "meaning)` for any other member saved by the function `how` of `sim/model/state_visit.hpp`,\n"
         "`D(type, name, meaning)` for one that is not saved. Then regenerate this page.\n";
  const auto state = std::make_unique<State>();
  std::string_view group;
  for_each_state_member(*state, [&](const StateMember& m, const auto&) {
    if (m.group != group) {
      group = m.group;
      out << "\n## " << group << "\n\n| Member | Type | Saved as | Meaning |\n|---|---|---|---|\n";
    }
    out << "| `" << m.name << "` | `" << markdown_cell(m.type) << "` | " << m.saved_as << " | "
        << markdown_cell(m.meaning) << " |\n";
  });
  return out.str();
}

std::string state_bytes_table(const State& state) {
  const double residents = static_cast<double>(state.residents.size());
  const auto per_resident = [&](std::size_t bytes) { return residents > 0 ? bytes / residents : 0.0; };
  const std::vector<StateMemberBytes> members = state_member_bytes(state);
  std::ostringstream out;
  char line[160];
  std::snprintf(line, sizeof line, "%-12s %-28s %14s %12s\n", "group", "member", "bytes", "per resident");
  out << line;
  std::size_t total = 0;
  for (std::size_t i = 0; i < members.size();) {
    std::size_t group_bytes = 0, j = i;
    for (; j < members.size() && members[j].group == members[i].group; ++j) {
      const StateMemberBytes& m = members[j];
      group_bytes += m.bytes;
      std::snprintf(line, sizeof line, "%-12.*s %-28.*s %14zu %12.1f\n", static_cast<int>(m.group.size()),
                    m.group.data(), static_cast<int>(m.name.size()), m.name.data(), m.bytes, per_resident(m.bytes));
      out << line;
    }
    std::snprintf(line, sizeof line, "%-12.*s %-28s %14zu %12.1f\n", static_cast<int>(members[i].group.size()),
                  members[i].group.data(), "(group)", group_bytes, per_resident(group_bytes));
    out << line;
    total += group_bytes;
    i = j;
  }
  std::snprintf(line, sizeof line, "%-12s %-28s %14zu %12.1f\n", "State", "(all)", total, per_resident(total));
  out << line;
  return out.str();
}

}  // namespace kyosei
