// Tests of sim/run/resource_guard.cpp: runs too big for the machine or for the engine's ids are
// refused before allocation with a message that states the estimate; the estimate covers the
// measured peak memory of real runs without being absurdly cautious.
#include "kyosei/run/resource_guard.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "kyosei/io/scenario_yaml.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_cli_support.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

namespace fs = std::filesystem;

constexpr double kMiB = 1024.0 * 1024;
constexpr std::uint64_t kGiB = 1024ull * 1024 * 1024;

// The message of the ResourceError `f` throws, or "" if it throws none.
std::string resource_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const ResourceError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The peak of this process's address space so far (VmPeak in /proc/self/status), in bytes.
std::uint64_t peak_address_space() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmPeak:", 0) == 0) return std::stoull(line.substr(7)) * 1024;
  ADD_FAILURE() << "no VmPeak in /proc/self/status";
  return 0;
}

// Unsets KYOSEI_MEMORY_LIMIT for a test and restores it afterwards.
class MemoryLimitVariable {
public:
  MemoryLimitVariable() {
    if (const char* v = std::getenv("KYOSEI_MEMORY_LIMIT")) saved_ = v, had_ = true;
    unsetenv("KYOSEI_MEMORY_LIMIT");
  }
  ~MemoryLimitVariable() {
    if (had_)
      setenv("KYOSEI_MEMORY_LIMIT", saved_.c_str(), 1);
    else
      unsetenv("KYOSEI_MEMORY_LIMIT");
  }

private:
  std::string saved_;
  bool had_ = false;
};

TEST(ResourceGuard, DefaultScenarioNeedsAboutOneKibPerResident) {
  const Scenario s = Scenario::defaults();  // 100,000 residents, 12 years with the burn-in
  const ResourceEstimate e = estimate_resources(s);
  EXPECT_EQ(e.days, static_cast<double>(s.run.burn_in_days + s.run.horizon_days));
  EXPECT_GT(e.residents, 100000);
  EXPECT_LT(e.residents, 200000);
  EXPECT_NEAR(e.ties, 100000 * (s.ties.neighbours_per_resident + s.ties.friends_per_resident) / 2, 1);
  EXPECT_GT(e.episodes, 0);
  EXPECT_NEAR(e.bytes, 64 * kMiB + e.resident_bytes + e.tie_bytes + e.episode_bytes + e.day_bytes, 1);
  const double per_resident = (e.bytes - 64 * kMiB) / 100000;
  EXPECT_GT(per_resident, 800);   // measured: about 600 B
  EXPECT_LT(per_resident, 2048);  // not absurdly cautious
  EXPECT_NO_THROW(check_resources(s, MemoryBudget{8 * kGiB, "a test budget"}));
}

TEST(ResourceGuard, EstimateGrowsWithEachInput) {
  const Scenario base = Scenario::defaults();
  const ResourceEstimate e = estimate_resources(base);
  Scenario s = base;
  s.population.residents *= 10;
  EXPECT_NEAR(estimate_resources(s).tie_bytes, 10 * e.tie_bytes, 1);
  EXPECT_NEAR(estimate_resources(s).resident_bytes, 10 * e.resident_bytes, 1);
  s = base;
  s.ties.friends_per_resident += 50;
  EXPECT_GT(estimate_resources(s).tie_bytes, 5 * e.tie_bytes);
  s = base;
  s.run.horizon_days *= 10;
  EXPECT_GT(estimate_resources(s).episode_bytes, 8 * e.episode_bytes);
  EXPECT_GT(estimate_resources(s).day_bytes, 8 * e.day_bytes);
  s = base;
  s.demography.birth_rate = 0.5;
  EXPECT_GT(estimate_resources(s).residents, 2 * e.residents);
  s = base;
  s.conditions.poverty_onset = 0.5;  // far above the default hazards
  EXPECT_GT(estimate_resources(s).episodes, 3 * e.episodes);
}

TEST(ResourceGuard, RefusesWhatDoesNotFitTheBudgetAndStatesTheEstimate) {
  const Scenario s = Scenario::defaults();
  const ResourceEstimate e = estimate_resources(s);
  const std::string message = resource_error([&] {
    check_resources(s, MemoryBudget{100 * 1024 * 1024, "a test budget"});
  });
  EXPECT_TRUE(contains(message, "population.residents = 100000 over 4380 days needs an estimated " +
                                    format_bytes(e.bytes) + " of memory (residents "))
      << message;
  EXPECT_TRUE(contains(message, "but 100.0 MiB is available (a test budget)")) << message;
  EXPECT_TRUE(contains(message, "KYOSEI_MEMORY_LIMIT")) << message;
  EXPECT_EQ(resource_error([&] {
              check_resources(s, MemoryBudget{static_cast<std::uint64_t>(e.bytes) + 1, "t"});
            }),
            "");
}

TEST(ResourceGuard, AnUnknownBudgetSkipsOnlyTheMemoryCheck) {
  Scenario s = Scenario::defaults();
  s.population.residents = 200'000'000;  // the loader's largest: 190 GiB, more than any budget here
  EXPECT_EQ(resource_error([&] { check_resources(s, MemoryBudget{}); }), "");
  EXPECT_NE(resource_error([&] { check_resources(s, MemoryBudget{64 * kGiB, "t"}); }), "");
  s.population.residents = 3'000'000'000;
  EXPECT_NE(resource_error([&] { check_resources(s, MemoryBudget{}); }), "");
}

TEST(ResourceGuard, RefusesCountsThatWouldOverflowTheEngineIds) {
  const MemoryBudget unlimited{};
  Scenario s = Scenario::defaults();
  s.population.residents = 2'000'000'000;  // fits int32 at the start, not with the births
  EXPECT_TRUE(contains(resource_error([&] { check_resources(s, unlimited); }),
                       "population.residents = 2000000000 with demography.birth_rate = 0.075 over 4380 days: "
                       "up to about 2.9e+09 residents, more than the 2147483647 resident ids (32-bit)"));

  s = Scenario::defaults();
  s.population.residents = 100'000'000;
  s.ties.neighbours_per_resident = 50;
  s.ties.friends_per_resident = 50;
  EXPECT_TRUE(contains(resource_error([&] { check_resources(s, unlimited); }),
                       "ties.neighbours_per_resident + ties.friends_per_resident = 100: about 5e+09 potential "
                       "ties, more than the 2147483647 tie ids (32-bit)"));

  s = Scenario::defaults();
  s.run.horizon_days = 3'000'000'000;
  EXPECT_TRUE(contains(resource_error([&] { check_resources(s, unlimited); }), "days a run can count (32-bit days)"));

  s = Scenario::defaults();
  s.population.residents = 100'000'000;
  s.run.horizon_days = 36500;
  s.conditions.poverty_onset = 1;
  EXPECT_TRUE(contains(resource_error([&] { check_resources(s, unlimited); }), "episode ids (32-bit)"));

  s = Scenario::defaults();
  s.population.residents = 10'000'000;
  s.population.district_residents = 100;
  EXPECT_TRUE(contains(resource_error([&] { check_resources(s, unlimited); }),
                       "about 100005 agencies (an elderly centre a district), more than the 32767 agency ids"));

  // Absurd values give a refusal, not an overflow inside the estimate.
  s = Scenario::defaults();
  s.population.residents = std::numeric_limits<std::int64_t>::max();
  EXPECT_NE(resource_error([&] { check_resources(s, unlimited); }), "");
}

TEST(ResourceGuard, NegativeOrZeroCountsAreUsageErrors) {
  for (const auto& change : std::vector<std::function<void(Scenario&)>>{
           [](Scenario& s) { s.population.residents = -1; }, [](Scenario& s) { s.run.horizon_days = 0; },
           [](Scenario& s) { s.run.burn_in_days = -5; }, [](Scenario& s) { s.population.district_residents = 0; }}) {
    Scenario s = Scenario::defaults();
    change(s);
    EXPECT_THROW(check_resources(s, MemoryBudget{}), UsageError);
  }
}

TEST(ResourceGuard, ParsesMemorySizes) {
  EXPECT_EQ(parse_memory_size("123456"), 123456u);
  EXPECT_EQ(parse_memory_size("512K"), 512u * 1024);
  EXPECT_EQ(parse_memory_size("100M"), 100u * 1024 * 1024);
  EXPECT_EQ(parse_memory_size("16G"), 16 * kGiB);
  EXPECT_EQ(parse_memory_size("16GiB"), 16 * kGiB);
  EXPECT_EQ(parse_memory_size("1.5T"), 1536 * kGiB);
  for (const char* bad : {"", "abc", "-1", "5X", "1e30T", "nan", "12 G"})
    EXPECT_THROW(parse_memory_size(bad), UsageError) << bad;
  EXPECT_EQ(format_bytes(880), "880 B");
  EXPECT_EQ(format_bytes(1.5 * 1024 * 1024), "1.5 MiB");
}

TEST(ResourceGuard, AvailableMemoryComesFromTheSystemOrTheVariable) {
  const MemoryLimitVariable guard;
  const MemoryBudget system = available_memory();
  EXPECT_GT(system.bytes, 0u);
  EXPECT_FALSE(system.source.empty());
  setenv("KYOSEI_MEMORY_LIMIT", "3G", 1);
  EXPECT_EQ(available_memory().bytes, 3 * kGiB);
  EXPECT_EQ(available_memory().source, "KYOSEI_MEMORY_LIMIT=3G");
  setenv("KYOSEI_MEMORY_LIMIT", "off", 1);
  EXPECT_EQ(available_memory().bytes, 0u);
}

TEST(ResourceGuard, SimulationRefusesBeforeAllocating) {
  const MemoryLimitVariable guard;
  Scenario s = Scenario::defaults();
  s.population.residents = 1'500'000'000;  // about 2 TiB
  const std::uint64_t peak = peak_address_space();
  EXPECT_THROW(Simulation(s, RunOptions{}), ResourceError);
  // Refused before allocating: the address space never grew by the population's arrays (an
  // allocation, touched or not, would have raised its peak by hundreds of GiB).
  EXPECT_LT(peak_address_space(), peak + kGiB);

  setenv("KYOSEI_MEMORY_LIMIT", "1M", 1);
  const std::string message = resource_error([] { Simulation(test::small_scenario("silo", 1000, 30), RunOptions{}); });
  EXPECT_TRUE(contains(message, "is available (KYOSEI_MEMORY_LIMIT=1M)")) << message;
}

// ---- the estimate against measured peaks, and the CLI --------------------------------------

struct Measured {
  int code = -1;
  double peak_bytes = 0;
};

// Runs the CLI and returns its exit code and peak resident set size (wait4's ru_maxrss).
Measured run_cli(const std::vector<std::string>& args, const fs::path& log) {
  Measured m;
  const pid_t pid = test::spawn_kyosei(args, "/dev/null", log.string());
  if (pid > 0) {
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    m.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    m.peak_bytes = static_cast<double>(usage.ru_maxrss) * 1024;  // Linux reports KiB
  }
  return m;
}

class ResourceGuardCli : public ::testing::Test {
protected:
  std::string slurp(const std::string& name) const { return test::slurp(dir_.path() / name); }

  // The estimate for a repository scenario with overrides, and the CLI's measured peak.
  void expect_estimate_covers_peak(const std::string& scenario, const std::vector<std::string>& sets) {
    Scenario s = load_scenario(test::source_path("scenarios/" + scenario + ".yaml"));
    apply_overrides(s, sets);
    const double estimate = estimate_resources(s).bytes;
    std::vector<std::string> args = {"run", test::source_path("scenarios/" + scenario + ".yaml"), "-o", dir_ / "out.h5",
                                     "--force"};
    for (const std::string& set : sets) args.insert(args.end(), {"--set", set});
    const Measured m = run_cli(args, dir_.path() / "log");
    ASSERT_EQ(m.code, 0) << slurp("log");
    EXPECT_GT(estimate, m.peak_bytes) << "the estimate " << format_bytes(estimate) << " is below the measured peak "
                                      << format_bytes(m.peak_bytes);
    EXPECT_LT(estimate, 4 * m.peak_bytes) << "the estimate " << format_bytes(estimate) << " is over four times the "
                                          << "measured peak " << format_bytes(m.peak_bytes);
  }

  test::ScratchDir dir_;
};

TEST_F(ResourceGuardCli, EstimateCoversTheMeasuredPeakOfRealRuns) {
#ifdef KYOSEI_TEST_SANITIZED
  GTEST_SKIP() << "sanitizer runtimes change the memory a run takes";
#endif
  const MemoryLimitVariable guard;
  expect_estimate_covers_peak("silo", {"population.residents=200000", "run.burn_in_days=365", "run.horizon_days=365"});
  expect_estimate_covers_peak(
      "integrated", {"population.residents=40000", "ties.neighbours_per_resident=40", "ties.friends_per_resident=40",
                     "run.burn_in_days=0", "run.horizon_days=200"});
}

TEST_F(ResourceGuardCli, RunRefusedWithExitCodeTwoAndNothingWritten) {
  const MemoryLimitVariable guard;
  setenv("KYOSEI_MEMORY_LIMIT", "10M", 1);
  const Measured m =
      run_cli({"run", test::source_path("scenarios/silo.yaml"), "-o", dir_ / "out.h5"}, dir_.path() / "log");
  EXPECT_EQ(m.code, 2);
  const std::string err = slurp("log");
  EXPECT_TRUE(contains(err, "error: population.residents = 100000 over 4380 days needs an estimated ")) << err;
  EXPECT_TRUE(contains(err, "is available (KYOSEI_MEMORY_LIMIT=10M)")) << err;
  EXPECT_FALSE(fs::exists(dir_ / "out.h5"));
  for (const auto& entry : fs::directory_iterator(dir_.path()))
    EXPECT_EQ(entry.path().filename(), "log") << entry.path();

  setenv("KYOSEI_MEMORY_LIMIT", "lots", 1);
  EXPECT_EQ(run_cli({"run", test::source_path("scenarios/silo.yaml"), "-o", dir_ / "out.h5"}, dir_.path() / "log").code,
            2);
  EXPECT_TRUE(contains(slurp("log"), "KYOSEI_MEMORY_LIMIT: 'lots' is not a size")) << slurp("log");
}

}  // namespace
}  // namespace kyosei
