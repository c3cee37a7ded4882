// Resource guards (resource_guard.hpp): the estimate, the memory budget and the refusal.
#include "kyosei/run/resource_guard.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

#include "kyosei/model/output_fields.hpp"

namespace kyosei {
namespace {

// The terms of the estimate (see the header for what they cover and how they were measured).
constexpr double kFixedBytes = 64.0 * 1024 * 1024;
constexpr double kBytesPerResident = 192;
constexpr double kBytesPerTieEnd = 56;  // per resident and unit of mean potential ties
constexpr double kBytesPerEpisode = 160;
constexpr double kCalendars = 16;  // day-bucketed calendars, each a vector header a day
constexpr double kBytesPerCalendarDay = 24;
constexpr double kBytesPerSeriesValue = 32;        // 8 B, in the State and in Results, with growth slack
constexpr double kEpisodesPerResidentYear = 0.05;  // at the default onset hazards
constexpr double kSiloAgencies = 5;  // besides a centre a district: disability, child, poverty, gap, outreach
constexpr double kDaysPerYear = 365.25;

constexpr double kInt32Max = std::numeric_limits<std::int32_t>::max();
constexpr double kInt16Max = std::numeric_limits<std::int16_t>::max();

#define KYOSEI_COUNT(...) +1
constexpr double kSeries = 1 KYOSEI_SERIES(KYOSEI_COUNT);  // the day column too
constexpr double kAgencySeries = 0 KYOSEI_AGENCY_SERIES(KYOSEI_COUNT);
constexpr double kEpisodeColumns = 0 KYOSEI_EPISODE_COLUMNS(KYOSEI_COUNT);
#undef KYOSEI_COUNT

// Onset hazards of the needs, with the care hazard taken at age 85: what scales the episodes.
double onset_hazard(const Scenario& s) {
  const Scenario::Conditions& c = s.conditions;
  return c.disability_onset + c.withdrawal_onset + c.poverty_onset + c.child_need_onset +
         c.care_onset_at_65 * std::exp(20 * c.care_onset_growth);
}

std::string number(double value) {
  std::ostringstream out;
  if (std::abs(value) < 1e15 && value == std::floor(value)) {
    out << static_cast<long long>(value);
  } else {
    out.precision(3);
    out << value;
  }
  return out.str();
}

std::string about(double value) {
  char buffer[32];
  if (value < 1e6)
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  else
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return buffer;
}

// The first number after `key` on its line in a file, or -1.
double read_field(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.compare(0, key.size(), key) != 0) continue;
    std::istringstream fields(line.substr(key.size()));
    double value = -1;
    fields >> value;
    return fields ? value : -1;
  }
  return -1;
}

double read_number(const std::string& path) {
  std::ifstream in(path);
  double value = -1;
  in >> value;  // "max" (no cgroup v2 limit) fails and leaves -1
  return in ? value : -1;
}

// Room left under the cgroup's memory limit (v2, then v1), or -1 when there is no limit.
double cgroup_room() {
  double limit = read_number("/sys/fs/cgroup/memory.max");
  double usage = read_number("/sys/fs/cgroup/memory.current");
  if (limit < 0) {
    limit = read_number("/sys/fs/cgroup/memory/memory.limit_in_bytes");
    usage = read_number("/sys/fs/cgroup/memory/memory.usage_in_bytes");
  }
  if (limit < 0 || limit >= 1e18) return -1;  // v1 writes "no limit" as about 2^63
  return std::max(0.0, limit - std::max(0.0, usage));
}

}  // namespace

ResourceEstimate estimate_resources(const Scenario& s) {
  ResourceEstimate e;
  const auto residents = static_cast<double>(s.population.residents);
  e.days = static_cast<double>(s.run.burn_in_days) + static_cast<double>(s.run.horizon_days);
  const double years = e.days / kDaysPerYear;
  e.residents = residents * (1 + s.demography.birth_rate / 2 * years);
  const double degree = s.ties.neighbours_per_resident + s.ties.friends_per_resident;
  e.ties = residents * degree / 2;
  const double default_hazard = onset_hazard(Scenario::defaults());
  const double hazard_scale = default_hazard > 0 ? std::max(1.0, onset_hazard(s) / default_hazard) : 1.0;
  e.episodes = (residents + e.residents) / 2 * years * kEpisodesPerResidentYear * hazard_scale;
  const double districts = std::max(1.0, std::round(residents / static_cast<double>(s.population.district_residents)));
  e.agencies = districts + kSiloAgencies;

  e.resident_bytes = kBytesPerResident * e.residents;
  e.tie_bytes = kBytesPerTieEnd * 2 * e.ties;
  e.episode_bytes = kBytesPerEpisode * e.episodes;
  e.day_bytes =
      e.days * (kCalendars * kBytesPerCalendarDay + kBytesPerSeriesValue * (kSeries + kAgencySeries * e.agencies));
  e.bytes = kFixedBytes + e.resident_bytes + e.tie_bytes + e.episode_bytes + e.day_bytes;
  // Every value 8 bytes, uncompressed (the file is gzip-compressed, so it is smaller), plus
  // 1 MiB for attributes, the summary and the solitary deaths' table.
  constexpr double kValueBytes = 8, kFileOverhead = 1024.0 * 1024;
  e.file_bytes =
      kFileOverhead + kValueBytes * (e.episodes * kEpisodeColumns + e.days * (kSeries + kAgencySeries * e.agencies));
  return e;
}

std::uint64_t parse_memory_size(const std::string& text) {
  const auto bad = [&text] {
    return UsageError("KYOSEI_MEMORY_LIMIT: '" + text +
                      "' is not a size (expected bytes, or a number with K, M, G or T, e.g. 16G)");
  };
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    throw bad();
  }
  std::string suffix = text.substr(used);
  if (!suffix.empty() && (suffix.back() == 'B' || suffix.back() == 'b')) suffix.pop_back();
  if (suffix.size() == 2 && (suffix[1] == 'i' || suffix[1] == 'I')) suffix.pop_back();  // "Gi"
  double scale = 1;
  if (suffix.size() == 1) {
    switch (suffix[0]) {
      case 'k':
      case 'K': scale = 1024.0; break;
      case 'm':
      case 'M': scale = 1024.0 * 1024; break;
      case 'g':
      case 'G': scale = 1024.0 * 1024 * 1024; break;
      case 't':
      case 'T': scale = 1024.0 * 1024 * 1024 * 1024; break;
      default: throw bad();
    }
  } else if (!suffix.empty()) {
    throw bad();
  }
  const double bytes = value * scale;
  if (!std::isfinite(bytes) || bytes < 0 || bytes >= 1.8e19) throw bad();
  return static_cast<std::uint64_t>(bytes);
}

std::string format_bytes(double bytes) {
  static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (bytes >= 1024 && u < 6) {
    bytes /= 1024;
    ++u;
  }
  char buffer[48];
  if (u == 0)
    std::snprintf(buffer, sizeof buffer, "%.0f B", bytes);
  else
    std::snprintf(buffer, sizeof buffer, "%.1f %s", bytes, units[u]);
  return buffer;
}

MemoryBudget available_memory() {
  if (const char* limit = std::getenv("KYOSEI_MEMORY_LIMIT"); limit != nullptr && *limit != '\0') {
    const std::string text = limit;
    if (text == "off" || text == "0") return {0, "KYOSEI_MEMORY_LIMIT=" + text};
    return {parse_memory_size(text), "KYOSEI_MEMORY_LIMIT=" + text};
  }
  MemoryBudget budget;
  const double kib = read_field("/proc/meminfo", "MemAvailable:");
  if (kib >= 0) {
    budget = {static_cast<std::uint64_t>(kib * 1024), "MemAvailable in /proc/meminfo"};
  } else {
    const long pages = sysconf(_SC_AVPHYS_PAGES);
    const long page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0)
      budget = {static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page),
                "available physical pages (sysconf)"};
  }
  const double room = cgroup_room();
  if (room >= 0 && (budget.bytes == 0 || room < static_cast<double>(budget.bytes)))
    budget = {static_cast<std::uint64_t>(room), "the room left under the cgroup's memory limit"};
  return budget;
}

void check_resources(const Scenario& s, const MemoryBudget& budget) {
  const Scenario::Run& run = s.run;
  const Scenario::Population& p = s.population;
  if (p.residents <= 0 || p.district_residents <= 0 || run.horizon_days <= 0 || run.burn_in_days < 0)
    throw UsageError("population.residents (" + number(static_cast<double>(p.residents)) +
                     "), population.district_residents (" + number(static_cast<double>(p.district_residents)) +
                     ") and run.horizon_days (" + number(static_cast<double>(run.horizon_days)) +
                     ") must be positive and run.burn_in_days (" + number(static_cast<double>(run.burn_in_days)) +
                     ") not negative");
  const ResourceEstimate e = estimate_resources(s);
  const std::string residents = "population.residents = " + number(static_cast<double>(p.residents));

  if (e.days > kInt32Max)
    throw ResourceError("run.burn_in_days + run.horizon_days = " + number(e.days) + " days: more than the " +
                        number(kInt32Max) + " days a run can count (32-bit days)");
  if (e.residents > kInt32Max)
    throw ResourceError(residents + " with demography.birth_rate = " + number(s.demography.birth_rate) + " over " +
                        number(e.days) + " days: up to about " + about(e.residents) + " residents, more than the " +
                        number(kInt32Max) + " resident ids (32-bit); reduce population.residents");
  if (e.ties > kInt32Max)
    throw ResourceError(residents + " with ties.neighbours_per_resident + ties.friends_per_resident = " +
                        number(s.ties.neighbours_per_resident + s.ties.friends_per_resident) + ": about " +
                        about(e.ties) + " potential ties, more than the " + number(kInt32Max) +
                        " tie ids (32-bit); reduce either");
  if (e.episodes > kInt32Max)
    throw ResourceError(residents + " over " + number(e.days) + " days: up to about " + about(e.episodes) +
                        " need episodes, more than the " + number(kInt32Max) +
                        " episode ids (32-bit); reduce population.residents or run.horizon_days");
  if (e.agencies > kInt16Max)
    throw ResourceError(residents +
                        " with population.district_residents = " + number(static_cast<double>(p.district_residents)) +
                        ": about " + about(e.agencies) + " agencies (an elderly centre a district), more than the " +
                        number(kInt16Max) + " agency ids (16-bit); raise population.district_residents");

  if (budget.bytes > 0 && e.bytes > static_cast<double>(budget.bytes))
    throw ResourceError(residents + " over " + number(e.days) + " days needs an estimated " + format_bytes(e.bytes) +
                        " of memory (residents " + format_bytes(e.resident_bytes) + ", ties " +
                        format_bytes(e.tie_bytes) + ", episodes " + format_bytes(e.episode_bytes) + ", days " +
                        format_bytes(e.day_bytes) + ", program " + format_bytes(kFixedBytes) + ") but " +
                        format_bytes(static_cast<double>(budget.bytes)) + " is available (" + budget.source +
                        "); reduce population.residents, the tie counts or the days, or set KYOSEI_MEMORY_LIMIT "
                        "(e.g. 64G, or off) if the estimate is too cautious for this run");
}

void check_resources(const Scenario& scenario) { check_resources(scenario, available_memory()); }

}  // namespace kyosei
