// Numbers as a person reads them (number_format.hpp).
#include "kyosei/analysis/number_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace kyosei {
namespace {

// Digits after the point for a unit: the same for every value of a metric, whatever its size.
int decimals_of(const std::string& unit) {
  if (unit == "share" || unit == "day" || unit == "case" || unit == "household" || unit == "1/100k/year") return 1;
  if (unit == "referral") return 2;
  return 0;  // yen, and counts: episodes, contacts, visits, persons, hours
}

// `v` with `decimals` digits, thousands separated by commas, never "-0" ("%+" gives a sign).
std::string with_separators(double v, int decimals, bool sign) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::abs(v));
  const std::string_view plain = buffer;
  const std::size_t point = std::min(plain.find('.'), plain.size());
  const bool zero = plain.find_first_not_of("0.") == std::string_view::npos;  // rounds to zero
  std::string out = v < 0 && !zero ? "-" : sign ? "+" : "";
  for (std::size_t i = 0; i < plain.size(); ++i) {  // copied with a comma before each group of three
    if (i > 0 && i < point && (point - i) % 3 == 0) out += ',';
    out += plain[i];
  }
  return out;
}

}  // namespace

std::string format_value(double v, const std::string& unit) {
  if (!std::isfinite(v)) return "-";
  if (unit == "share") return with_separators(100 * v, decimals_of(unit), false) + "%";
  return with_separators(v, decimals_of(unit), false);
}

std::string format_change(double change, const std::string& unit) {
  if (!std::isfinite(change)) return "-";
  if (unit == "share") return with_separators(100 * change, decimals_of(unit), true) + " pt";
  return with_separators(change, decimals_of(unit), true);
}

}  // namespace kyosei
