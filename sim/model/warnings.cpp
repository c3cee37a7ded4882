// Counted warnings: oddities during a run that do not stop it but that a
// reader of its results should know of. Each is named in docs/ODD.md ("Warnings").
#include <algorithm>

#include "model/warnings.hpp"

namespace kyosei {

void count_warning(State& st, std::string_view name) {
  auto& warnings = st.warnings;
  const auto it = std::find_if(warnings.begin(), warnings.end(), [&](const auto& w) { return w.first == name; });
  if (it != warnings.end()) ++it->second;
  else warnings.emplace_back(std::string(name), 1);
}

}  // namespace kyosei
