#pragma once
// Shared helpers of the C++ tests: scenarios from the repository, small fast municipalities, and
// results compared in full.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>

#include "kyosei/model/output_fields.hpp"
#include "kyosei/model/results.hpp"
#include "kyosei/model/scenario.hpp"
#include "kyosei/io/scenario_yaml.hpp"
#include "kyosei/io/summary_json.hpp"

// Defined in a build under AddressSanitizer or ThreadSanitizer (scripts/asan.sh, scripts/tsan.sh).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define KYOSEI_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define KYOSEI_TEST_SANITIZED 1
#endif
#endif

namespace kyosei::test {

// True in a sanitizer build: a test that averages over seeds then runs its first seed only, for
// memory and consistency, and leaves its statistics to the main build (minutes under a
// sanitizer, and nothing a sanitizer adds).
#ifdef KYOSEI_TEST_SANITIZED
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

inline std::string source_path(const std::string& relative) { return std::string(KYOSEI_SOURCE_DIR) + "/" + relative; }

inline Scenario repository_scenario(const std::string& name) {
  return load_scenario(source_path("scenarios/" + name + ".yaml"));
}

// The repository scenario shrunk for speed: fewer residents and a shorter horizon.
inline Scenario small_scenario(const std::string& name, std::int64_t residents, std::int64_t horizon_days) {
  Scenario s = repository_scenario(name);
  s.population.residents = residents;
  s.run.horizon_days = horizon_days;
  return s;
}

// Deaths by the life table alone: relative risks of 1 (sim/model/mortality.cpp), so that every
// candidate death is a death (for tests that schedule one) and policy cannot change who dies.
inline Scenario with_neutral_mortality(Scenario s) {
  s.demography.care_mortality_ratio = s.demography.unserved_care_mortality_ratio = 1;
  s.demography.isolation_mortality_ratio = s.demography.midlife_isolated_men_mortality_ratio = 1;
  return s;
}

// Every recorded column and series, the summary, the warnings and the agencies, compared value by
// value: two runs that must be the same run (seed, threads, checkpoint and resume).
inline void expect_identical(const Results& a, const Results& b) {
#define KYOSEI_COMPARE(name, type, unit, meaning) EXPECT_EQ(a.episodes.name, b.episodes.name) << #name;
  KYOSEI_EPISODE_COLUMNS(KYOSEI_COMPARE)
#undef KYOSEI_COMPARE
#define KYOSEI_COMPARE(name, type, unit, meaning) EXPECT_EQ(a.solitary_deaths.name, b.solitary_deaths.name) << #name;
  KYOSEI_SOLITARY_DEATH_COLUMNS(KYOSEI_COMPARE)
#undef KYOSEI_COMPARE
  EXPECT_EQ(a.series.day, b.series.day);
#define KYOSEI_COMPARE(name, type, unit, meaning) EXPECT_EQ(a.series.name, b.series.name) << #name;
  KYOSEI_SERIES(KYOSEI_COMPARE)
#undef KYOSEI_COMPARE
#define KYOSEI_COMPARE(name, unit, meaning) EXPECT_EQ(a.series.name, b.series.name) << #name;
  KYOSEI_AGENCY_SERIES(KYOSEI_COMPARE)
#undef KYOSEI_COMPARE
  EXPECT_EQ(summary_to_json(a.summary, "x"), summary_to_json(b.summary, "x"));
  EXPECT_EQ(a.warnings, b.warnings);
  ASSERT_EQ(a.agencies.size(), b.agencies.size());
  for (std::size_t i = 0; i < a.agencies.size(); ++i) {
    EXPECT_EQ(a.agencies[i].name, b.agencies[i].name);
    EXPECT_EQ(a.agencies[i].staff, b.agencies[i].staff);
    EXPECT_EQ(a.agencies[i].capacity, b.agencies[i].capacity);
  }
}

// FNV-1a hash of the bytes of every output dataset, by name.
inline std::map<std::string, std::uint64_t> dataset_hashes(const Results& r) {
  std::map<std::string, std::uint64_t> out;
  const auto hash = [&](const std::string& name, const auto& values) {
    std::uint64_t h = 14695981039346656037ull;
    const auto* bytes = reinterpret_cast<const unsigned char*>(values.data());
    for (std::size_t i = 0; i < values.size() * sizeof(values[0]); ++i) h = (h ^ bytes[i]) * 1099511628211ull;
    out[name] = h;
  };
#define KYOSEI_HASH(name, type, unit, meaning) hash("episodes/" #name, r.episodes.name);
  KYOSEI_EPISODE_COLUMNS(KYOSEI_HASH)
#undef KYOSEI_HASH
#define KYOSEI_HASH(name, type, unit, meaning) hash("series/" #name, r.series.name);
  KYOSEI_SERIES(KYOSEI_HASH)
#undef KYOSEI_HASH
#define KYOSEI_HASH(name, unit, meaning) hash("agency_series/" #name, r.series.name);
  KYOSEI_AGENCY_SERIES(KYOSEI_HASH)
#undef KYOSEI_HASH
  return out;
}

// One hash of every output dataset (FNV-1a over the datasets' hashes, in name order).
inline std::uint64_t results_hash(const Results& r) {
  std::uint64_t h = 14695981039346656037ull;
  for (const auto& [name, dataset] : dataset_hashes(r)) h = (h ^ dataset) * 1099511628211ull;
  return h;
}

}  // namespace kyosei::test
