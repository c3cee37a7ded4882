// `kyosei sensitivity` end to end (sensitivity_command.cpp, sensitivity_report.cpp): a tiny Morris
// design and a tiny Latin hypercube run into a directory, the ranked tables, resumption, and a
// malformed file's located error.
#include <gtest/gtest.h>

#include <sstream>

#include "test_sweep_support.hpp"

namespace kyosei {
namespace {

using test::ScratchDir;
namespace fs = std::filesystem;

std::string tiny_study(const std::string& method) {
  return "name: tiny\nbase: " + test::source_path("scenarios/full_juso.yaml") + "\n" + test::kSmallSet + method +
         "parameters:\n  outreach.workers: {min: 0, max: 2}\n  intake.handoff: [cold, warm]\n"
         "outputs: [overall.rmst_days, mean_isolation_residents]\nseed: 3\n";
}

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
    rows.push_back(std::move(cells));
  }
  return rows;
}

TEST(SensitivityCli, MorrisRunsRanksAndResumes) {
  const ScratchDir dir;
  test::write_file(dir.path() / "m.yaml", tiny_study("morris: {trajectories: 2, levels: 4}\n"));
  auto r = test::run_kyosei("sensitivity " + (dir / "m.yaml") + " -o " + (dir / "out") + " --jobs 2", dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("6 runs; 0 had finished before, 6 finished now"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("Morris elementary effects, 2 trajectories x 3 points"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("overall.rmst_days (day)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("mu*"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::exists(dir.path() / "out/summary.csv"));
  EXPECT_EQ(test::count_lines(dir.path() / "out/summary.csv"), 7u);

  const auto rows = csv_rows(test::slurp(dir.path() / "out/sensitivity.csv"));
  ASSERT_EQ(rows.size(), 1u + 2 * 2);  // header, 2 outputs x 2 parameters
  EXPECT_EQ(rows[0], (std::vector<std::string>{"output", "unit", "rank", "parameter", "mu_star", "mu_star_low",
                                               "mu_star_high", "mu", "sigma", "effects", "samples"}));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][2], i % 2 == 1 ? "1" : "2");
    EXPECT_EQ(rows[i][9], "2") << "one effect per trajectory";
    EXPECT_GE(std::stod(rows[i][4]), 0.0);
  }
  // Ranked by mu*, most influential first.
  EXPECT_GE(std::stod(rows[1][4]), std::stod(rows[2][4]));

  // Started again: nothing to run, the same table.
  const std::string first = test::slurp(dir.path() / "out/sensitivity.csv");
  r = test::run_kyosei("sensitivity " + (dir / "m.yaml") + " -o " + (dir / "out"), dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("6 had finished before, 0 finished now"), std::string::npos) << r.err;
  EXPECT_EQ(test::slurp(dir.path() / "out/sensitivity.csv"), first);
}

TEST(SensitivityCli, LatinHypercubeGivesPrccAndSrc) {
  const ScratchDir dir;
  test::write_file(dir.path() / "l.yaml", tiny_study("lhs: {samples: 6}\n"));
  const auto r = test::run_kyosei("sensitivity " + (dir / "l.yaml") + " -o " + (dir / "out") + " --jobs 2", dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Latin hypercube, 6 samples of 2 parameters"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PRCC"), std::string::npos) << r.out;
  const auto rows = csv_rows(test::slurp(dir.path() / "out/sensitivity.csv"));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0][4], "prcc");
  EXPECT_EQ(rows[0].back(), "samples");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const double prcc = std::stod(rows[i][4]);
    EXPECT_GE(prcc, -1.0);
    EXPECT_LE(prcc, 1.0);
    EXPECT_EQ(rows[i].back(), "6");
  }
}

TEST(SensitivityCli, MalformedFileExitsWithTwoAndFileLineKey) {
  const ScratchDir dir;
  test::write_file(dir.path() / "bad.yaml", "base: " + test::source_path("scenarios/silo.yaml") +
                                                "\nmorris: {trajectories: 4}\nparameters:\n"
                                                "  outreach.visit_detection: {min: 0.2, max: 2}\n");
  const auto r = test::run_kyosei("sensitivity " + (dir / "bad.yaml") + " -o " + (dir / "out"), dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.yaml:4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("parameters.outreach.visit_detection.max: value 2 out of range"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

}  // namespace
}  // namespace kyosei
