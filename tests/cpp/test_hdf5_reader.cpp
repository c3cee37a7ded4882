// Tests of sim/io/hdf5_reader.cpp: a result file is read back only when it is a finished kyosei
// result of a known format_version; everything else is refused with a message naming the file.
// Also `kyosei inspect`, the reader's face on the command line.
#include "kyosei/io/hdf5_reader.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <fstream>
#include <string>

#include "kyosei/engine/errors.hpp"
#include "kyosei/io/hdf5_output.hpp"
#include "test_cli_support.hpp"

namespace kyosei {
namespace {

using test::slurp;

constexpr std::int32_t kDays = 5;

Results sample_results() {
  Results r;
  for (std::int32_t d = 0; d < kDays; ++d) r.series.day.push_back(d);
#define KYOSEI_FILL(name, type, unit, meaning) r.series.name.assign(kDays, type{});
  KYOSEI_SERIES(KYOSEI_FILL)
#undef KYOSEI_FILL
  r.agencies = {{"elderly_d0", Field::elderly, 0, 3.5, 120}, {"gap", Field::gap, -1, 1.0, 30}};
#define KYOSEI_FILL(name, unit, meaning) r.series.name.assign(kDays * 2, 0);
  KYOSEI_AGENCY_SERIES(KYOSEI_FILL)
#undef KYOSEI_FILL
#define KYOSEI_FILL(name, type, unit, meaning) r.episodes.name.assign(3, type{});
  KYOSEI_EPISODE_COLUMNS(KYOSEI_FILL)
#undef KYOSEI_FILL
  r.summary.overall.episodes = 3;
  r.summary.overall.median_days = 12.5;
  r.summary.refusals = 4;
  return r;
}

Provenance sample_provenance(bool complete = true) {
  Provenance p;
  p.version = "0.1.0";
  p.git_commit = "abc123";
  p.date = "2024-01-02T03:04:05Z";
  p.seed = 18446744073709551557ull;
  p.replicate = 3;
  p.threads = 2;
  p.scenario_name = "baseline";
  p.scenario_text = "run:\n  horizon_days: 5\n";
  p.complete = complete;
  return p;
}

class Hdf5Reader : public ::testing::Test {
protected:
  std::string path(const std::string& name) const { return dir_ / name; }

  std::string write(const std::string& name, bool complete = true) const {
    const std::string p = path(name);
    write_results_hdf5(p, sample_results(), sample_provenance(complete), false);
    return p;
  }

  // The OutputError message of reading `p`, or "" when it was accepted.
  static std::string refusal(const std::string& p, bool allow_incomplete = false) {
    try {
      read_result_header(p, allow_incomplete);
    } catch (const OutputError& e) {
      return e.what();
    }
    return "";
  }

  // Changes one root attribute of a written file as another program (or version) might have.
  static void set_root_int(const std::string& p, const char* name, int value) {
    const hid_t file = H5Fopen(p.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    const hid_t attribute = H5Aopen(file, name, H5P_DEFAULT);
    ASSERT_GE(attribute, 0);
    EXPECT_GE(H5Awrite(attribute, H5T_NATIVE_INT, &value), 0);
    H5Aclose(attribute);
    H5Fclose(file);
  }
  static void delete_root_attribute(const std::string& p, const char* name) {
    const hid_t file = H5Fopen(p.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    EXPECT_GE(H5Adelete(file, name), 0);
    H5Fclose(file);
  }

  test::CommandResult cli(const std::string& args) const { return test::run_kyosei(args, dir_); }

  test::ScratchDir dir_;
};

TEST_F(Hdf5Reader, ReadsTheProvenanceSizesAndSummaryOfAFinishedResult) {
  const ResultHeader h = read_result_header(write("ok.h5"));
  EXPECT_EQ(h.format_version, kResultFormatVersion);
  EXPECT_TRUE(h.provenance.complete);
  EXPECT_EQ(h.provenance.software, "kyosei");
  EXPECT_EQ(h.provenance.version, "0.1.0");
  EXPECT_EQ(h.provenance.git_commit, "abc123");
  EXPECT_EQ(h.provenance.date, "2024-01-02T03:04:05Z");
  EXPECT_EQ(h.provenance.seed, 18446744073709551557ull);
  EXPECT_EQ(h.provenance.replicate, 3u);
  EXPECT_EQ(h.provenance.threads, 2);
  EXPECT_EQ(h.provenance.scenario_name, "baseline");
  EXPECT_EQ(h.provenance.scenario_text, "run:\n  horizon_days: 5\n");
  EXPECT_EQ(h.recorded_days, kDays);
  EXPECT_EQ(h.episodes, 3);
  EXPECT_EQ(h.agencies, 2);
  bool median = false, refusals = false;
  for (const auto& [name, value] : h.summary) {
    if (name == "overall.median_days") median = value == 12.5;
    if (name == "refusals") refusals = value == 4;
  }
  EXPECT_TRUE(median);
  EXPECT_TRUE(refusals);
}

TEST_F(Hdf5Reader, RefusesAMissingFileOrADirectory) {
  EXPECT_EQ(refusal(path("absent.h5")), path("absent.h5") + ": no such file");
  EXPECT_EQ(refusal(dir_.path().string()), dir_.path().string() + ": is a directory, not a result file");
}

TEST_F(Hdf5Reader, RefusesANonHdf5File) {
  std::ofstream(path("text.h5")) << "format_version: 1\ncomplete: 1\n";
  EXPECT_EQ(refusal(path("text.h5")), path("text.h5") + ": not an HDF5 file (expected a kyosei result file)");
  std::ofstream(path("empty.h5")).close();
  EXPECT_EQ(refusal(path("empty.h5")), path("empty.h5") + ": not an HDF5 file (expected a kyosei result file)");
}

TEST_F(Hdf5Reader, RefusesATruncatedFile) {
  const std::string whole = slurp(write("whole.h5"));
  for (std::size_t keep : {std::size_t{8}, std::size_t{600}, whole.size() / 2}) {
    std::ofstream(path("cut.h5"), std::ios::binary) << whole.substr(0, keep);
    const std::string message = refusal(path("cut.h5"));
    EXPECT_EQ(message.rfind(path("cut.h5") + ": ", 0), 0u) << keep << ": " << message;
  }
}

TEST_F(Hdf5Reader, RefusesAnHdf5FileThatIsNotAKyoseiResult) {
  const hid_t file = H5Fcreate(path("other.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  H5Fclose(file);
  EXPECT_EQ(refusal(path("other.h5")), path("other.h5") + ": no format_version attribute: not a kyosei result file");
}

TEST_F(Hdf5Reader, RefusesAnUnknownFormatVersion) {
  const std::string p = write("future.h5");
  set_root_int(p, "format_version", 99);
  EXPECT_EQ(refusal(p), p + ": format_version 99 is not supported (this kyosei reads format_version 1); "
                            "read it with the kyosei that wrote it");
  EXPECT_NE(refusal(p, true), "");  // allowing incomplete files does not allow unknown formats
}

TEST_F(Hdf5Reader, RefusesAnIncompleteResultUnlessAllowed) {
  const std::string p = write("stopped.h5", false);
  EXPECT_EQ(refusal(p), p + ": incomplete result (complete=0): the run was stopped after 5 recorded days, "
                            "before its horizon; rerun it to the end, or read what it holds with --allow-incomplete "
                            "(allow_incomplete=True in Python)");
  const ResultHeader h = read_result_header(p, true);
  EXPECT_FALSE(h.provenance.complete);
  EXPECT_EQ(h.recorded_days, kDays);
}

TEST_F(Hdf5Reader, RefusesAFileWithoutTheCompleteAttribute) {
  const std::string p = write("unmarked.h5");
  delete_root_attribute(p, "complete");
  EXPECT_EQ(refusal(p), p + ": no complete attribute: not a finished kyosei result file");
}

TEST_F(Hdf5Reader, InspectPrintsTheProvenanceOfAFinishedResult) {
  const std::string p = write("ok.h5");
  const test::CommandResult r = cli("inspect '" + p + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("format_version 1, complete"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("seed           18446744073709551557, replicate 3, threads 2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("recorded       5 days, 3 episodes, 2 agencies"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("overall.median_days (days) = 12.5"), std::string::npos) << r.out;
}

TEST_F(Hdf5Reader, InspectRefusesBadFilesWithExitCodeThree) {
  const std::string stopped = write("stopped.h5", false);
  test::CommandResult r = cli("inspect '" + stopped + "'");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("incomplete result (complete=0)"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;

  r = cli("inspect --allow-incomplete '" + stopped + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("INCOMPLETE"), std::string::npos) << r.out;

  std::ofstream(path("text.h5")) << "not hdf5";
  r = cli("inspect '" + path("text.h5") + "'");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("not an HDF5 file"), std::string::npos) << r.err;

  r = cli("inspect '" + path("absent.h5") + "'");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("no such file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kyosei
