// kyosei run --snapshot-days D1,D2,...: the recorded days at whose end the population is saved in
// the result file (docs/outputs.md, "Population snapshots"). Checked with the scenario, before any
// file is touched.
#include <CLI/CLI.hpp>

#include <charconv>
#include <string_view>

#include "cli.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/run/resource_guard.hpp"

namespace kyosei::cli {
namespace {

constexpr const char* kOption = "--snapshot-days";

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The days of a comma-separated list, as written (their order is checked with the horizon).
std::vector<std::int32_t> parse_days(const std::string& text) {
  std::vector<std::int32_t> days;
  std::string_view rest = text;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = trimmed(rest.substr(0, comma));
    std::int32_t day = 0;
    const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), day);
    if (item.empty() || error != std::errc() || end != item.data() + item.size())
      throw UsageError(std::string(kOption) + ": '" + std::string(item) + "' in '" + text +
                       "' is not a day (expected recorded days as whole numbers separated by commas, "
                       "e.g. --snapshot-days 0,365,730)");
    days.push_back(day);
    if (comma == std::string_view::npos) return days;
    rest.remove_prefix(comma + 1);
  }
}

// The bytes of one row of each snapshot table, from the field tables.
#define KYOSEI_ROW_BYTES(name, type, unit, meaning) +sizeof(type)
constexpr double kResidentRowBytes = 0 KYOSEI_SNAPSHOT_RESIDENT_COLUMNS(KYOSEI_ROW_BYTES);
constexpr double kHouseholdRowBytes = 0 KYOSEI_SNAPSHOT_HOUSEHOLD_COLUMNS(KYOSEI_ROW_BYTES);
constexpr double kTieRowBytes = 0 KYOSEI_SNAPSHOT_TIE_COLUMNS(KYOSEI_ROW_BYTES);
#undef KYOSEI_ROW_BYTES

}  // namespace

void add_snapshot_days_option(CLI::App& app, RunSettings& s) {
  app.add_option(kOption, s.snapshot_days_text,
                 "Save the residents, households and tie edge list at the end of each of these recorded "
                 "days (ascending, 0 .. run.horizon_days - 1) in the result file's /snapshots group")
      ->type_name("D1,D2,...")
      ->check(
          [](const std::string& text) { return text.empty() ? std::string("no day given (expected D1,D2,...)") : ""; });
}

std::vector<std::int32_t> snapshot_days(const RunSettings& s, const Scenario& scenario) {
  if (s.snapshot_days_text.empty()) return {};
  std::vector<std::int32_t> days = parse_days(s.snapshot_days_text);
  check_snapshot_days(days, scenario.run.horizon_days, kOption);
  return days;
}

double snapshot_file_bytes(const Scenario& scenario, std::size_t snapshots) {
  // Upper bounds: every resident the run may have, no more households than residents, and the
  // ties of the start (formation replaces the ties that end).
  const ResourceEstimate e = estimate_resources(scenario);
  return static_cast<double>(snapshots) *
         (e.residents * (kResidentRowBytes + kHouseholdRowBytes + 16) + e.ties * (kTieRowBytes + 8));
}

}  // namespace kyosei::cli
