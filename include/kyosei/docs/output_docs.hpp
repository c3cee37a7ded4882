#pragma once
#include <string>

namespace kyosei {

// docs/outputs.md: every recorded episode column, daily series, agency series and summary number
// with its type, unit and meaning, generated from the field tables.
std::string output_dictionary_markdown();

}  // namespace kyosei
