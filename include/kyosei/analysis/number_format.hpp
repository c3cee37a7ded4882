#pragma once
// Numbers as a person reads them, the same in every table of the command-line tool and of the
// Python package (kyosei._core.format_value): shares as percentages, thousands separated by
// commas, the same digits for every value of a unit (yen and counts whole, days to a tenth),
// never "-0", "-" when not finite.
#include <string>

namespace kyosei {

// A value of a summary number of `unit` (the field tables' units: "share", "day", "yen", ...).
std::string format_value(double value, const std::string& unit);
// A change of such a number: "+1.2", "-3,400", "+0.5 pt" for shares.
std::string format_change(double change, const std::string& unit);

}  // namespace kyosei
