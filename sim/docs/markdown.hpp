#pragma once
// Small helpers for the generated Markdown dictionaries (parameters, outputs).
#include <string>
#include <string_view>

namespace kyosei {

// A table cell: a '|' inside would end the cell.
inline std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace kyosei
