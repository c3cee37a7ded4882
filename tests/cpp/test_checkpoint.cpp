// Checkpoints: a run saved at any day and resumed ends bit-identical to the uninterrupted run
// (mid burn-in, at its end, around a timeline change, with another thread count), from the
// library and from the CLI; and every damaged or foreign checkpoint is refused with a clear
// message (another version or format, incomplete, truncated, flipped bytes, a missing dataset,
// a value changed behind the checksum, tie ends the graph cannot be laid out from, another
// scenario).
#include <gtest/gtest.h>

#include <cmath>
#include <hdf5.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kyosei/io/checkpoint.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/io/hdf5_reader.hpp"
#include "kyosei/model/output_fields.hpp"
#include "kyosei/run/simulation.hpp"
#include "kyosei/model/state.hpp"
#include "test_cli_support.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

namespace fs = std::filesystem;

// juso_adoption shrunk: a burn-in of 60 days, then 300 recorded days with every lever switched on
// at recorded day 120 (internal day 180).
Scenario adoption() {
  Scenario s = test::small_scenario("juso_adoption", 10000, 300);
  s.run.burn_in_days = 60;
  for (auto& change : s.timeline) change.day = 120;
  return s;
}

class Checkpoint : public ::testing::Test {
protected:
  std::string path(const std::string& name) const { return dir_ / name; }

  // A checkpoint of adoption() saved at internal day `day`.
  std::string saved_at(std::int64_t day, const std::string& name = "run.checkpoint.h5") {
    Simulation sim(adoption(), RunOptions{7, 1, 2});
    while (sim.days_done() < day) sim.step();
    write_checkpoint(path(name), sim, "run.h5");
    return path(name);
  }

  // read_checkpoint must refuse `file` with a message that names it and contains `expected`.
  static void expect_refused(const std::string& file, const std::string& expected) {
    try {
      read_checkpoint(file);
      ADD_FAILURE() << "accepted " << file << " (expected: " << expected << ")";
    } catch (const OutputError& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.rfind(file + ": ", 0), 0u) << message;
      EXPECT_NE(message.find(expected), std::string::npos) << message;
    }
  }

  test::ScratchDir dir_;
};

TEST_F(Checkpoint, ResumedRunsEndBitIdenticalToTheUninterruptedOne) {
  Simulation reference(adoption(), RunOptions{7, 1, 2});
  reference.run();
  const Results expected = reference.results();
  ASSERT_GT(expected.episodes.size(), 50u);
  // Day 0, mid burn-in, its last day and the first after it, around the timeline change (its
  // epoch starts at internal day 180), and the day before the horizon.
  for (std::int64_t day : {0, 30, 59, 60, 179, 180, 181, 359}) {
    SCOPED_TRACE(day);
    const std::string file = saved_at(day);
    Resumed resumed = read_checkpoint(file, day % 2 == 0 ? 1 : 3);  // threads do not matter
    ASSERT_EQ(resumed.simulation->days_done(), day);
    EXPECT_EQ(resumed.output, "run.h5");
    EXPECT_EQ(resumed.simulation->options().seed, 7u);
    EXPECT_EQ(resumed.simulation->options().replicate, 1u);
    EXPECT_EQ(scenario_fingerprint(resumed.simulation->scenario()), scenario_fingerprint(adoption()));
    EXPECT_EQ(resumed.simulation->scenario().name, "juso_adoption");
    resumed.simulation->run();
    test::expect_identical(expected, resumed.simulation->results());
  }
}

TEST_F(Checkpoint, AResumedRunCheckpointsAndResumesAgain) {
  Simulation reference(adoption(), RunOptions{7, 1, 2});
  reference.run();
  ASSERT_GT(reference.results().episodes.size(), 50u);
  Resumed first = read_checkpoint(saved_at(100));
  for (int i = 0; i < 150; ++i) first.simulation->step();
  write_checkpoint(path("second.h5"), *first.simulation, "run.h5");
  Resumed second = read_checkpoint(path("second.h5"));
  EXPECT_EQ(second.simulation->days_done(), 250);
  second.simulation->run();
  test::expect_identical(reference.results(), second.simulation->results());
}

// An outreach team that never revisits and visits faster than a list's first ordered stretch
// lasts: its lists get ordered further partway through (outreach_targets.cpp). Checkpoints fall
// while a list still has keys to draw, and between an ordered top and an unordered rest.
TEST_F(Checkpoint, ResumesAnOutreachListOrderedPartway) {
  Scenario s = test::small_scenario("full_juso", 40000, 400);
  s.run.burn_in_days = 0;
  s.outreach.workers = 10;
  s.outreach.revisit_days = 3650;
  Simulation reference(s, RunOptions{3, 0, 1});
  // A list's first stretch: twice a month's visits of 10 workers making 2 a day (targets_to_order).
  const std::size_t stretch = 1200;
  std::vector<std::int64_t> partway;       // days that end with a list ordered further than that
  std::vector<std::int64_t> keys_to_draw;  // days that end with a list some of whose keys are not drawn
  std::int64_t built_then_extended = -1;   // the day after a list was made that later got ordered further
  std::int64_t undrawn_since = -1;
  while (reference.days_done() < s.run.horizon_days) {
    reference.step();
    const LeverState& L = reference.state().levers;
    if (L.targets_drawn < L.targets.size()) {
      keys_to_draw.push_back(reference.days_done());
      if (L.targets_built + 1 == reference.days_done()) undrawn_since = reference.days_done();
    }
    if (L.targets_ordered > stretch && L.targets_ordered < L.targets.size()) {
      partway.push_back(reference.days_done());
      if (built_then_extended < 0 && undrawn_since == L.targets_built + 1) built_then_extended = undrawn_since;
    }
  }
  ASSERT_FALSE(partway.empty()) << "no list was ordered further than its first stretch";
  ASSERT_GE(built_then_extended, 0) << "no list with keys left to draw was ordered further";
  for (std::int64_t day : {built_then_extended, partway.front(), partway.back(), keys_to_draw.back()}) {
    SCOPED_TRACE(day);
    Simulation sim(s, RunOptions{3, 0, 1});
    while (sim.days_done() < day) sim.step();
    write_checkpoint(path("outreach.h5"), sim, "run.h5");
    Resumed resumed = read_checkpoint(path("outreach.h5"), 2);
    resumed.simulation->run();
    test::expect_identical(reference.results(), resumed.simulation->results());
  }
}

TEST_F(Checkpoint, WritingLeavesNoTemporaryFileAndReplacesTheEarlierCheckpoint) {
  saved_at(10);
  const std::string file = saved_at(20);
  EXPECT_EQ(read_checkpoint(file).simulation->days_done(), 20);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir_.path())) names.push_back(entry.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"run.checkpoint.h5"});
}

TEST_F(Checkpoint, ScenarioFingerprintSeesEveryParameterAndTheTimeline) {
  const Scenario a = adoption();
  Scenario b = a;
  b.name = "another name";
  b.source_text = "# other text";
  EXPECT_EQ(scenario_fingerprint(a), scenario_fingerprint(b));
  EXPECT_NO_THROW(check_same_scenario(a, b, "b.yaml"));
  b.conditions.poverty_onset *= 1.0000001;
  EXPECT_NE(scenario_fingerprint(a), scenario_fingerprint(b));
  try {
    check_same_scenario(a, b, "b.yaml");
    ADD_FAILURE() << "a changed parameter was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("b.yaml: conditions.poverty.onset = "), std::string::npos) << e.what();
  }
  Scenario c = a;
  c.timeline.back().day = 121;
  EXPECT_NE(scenario_fingerprint(a), scenario_fingerprint(c));
  try {
    check_same_scenario(a, c, "c.yaml");
    ADD_FAILURE() << "a changed timeline was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("c.yaml: its timeline differs"), std::string::npos) << e.what();
  }
}

// --- refusals: files changed with the HDF5 library, bytes changed behind its back -------------

void set_text_attribute(const std::string& file, const char* name, const std::string& value) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  H5Adelete(f, name);
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attribute = H5Acreate2(f, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
  const char* data = value.c_str();
  EXPECT_GE(H5Awrite(attribute, type, &data), 0);
  H5Aclose(attribute);
  H5Sclose(space);
  H5Tclose(type);
  H5Fclose(f);
}

template <class T>
void set_number_attribute(const std::string& file, const char* name, hid_t type, T value) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  const hid_t attribute = H5Aopen(f, name, H5P_DEFAULT);
  EXPECT_GE(H5Awrite(attribute, type, &value), 0);
  H5Aclose(attribute);
  H5Fclose(f);
}

void delete_link_or_attribute(const std::string& file, const char* name, bool attribute) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  EXPECT_GE(attribute ? H5Adelete(f, name) : H5Ldelete(f, name, H5P_DEFAULT), 0);
  H5Fclose(f);
}

// Reads a numeric dataset whole and, when `change` is given, writes back what it makes of the
// values, through HDF5 (its filters, the Fletcher32 checksum included, agree with the new values).
template <class T, class Change>
std::vector<T> rewrite_dataset(const std::string& file, const char* dataset, hid_t type, const Change& change) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  EXPECT_GE(f, 0) << file;
  const hid_t d = H5Dopen2(f, dataset, H5P_DEFAULT);
  EXPECT_GE(d, 0) << dataset;
  const hid_t space = H5Dget_space(d);
  std::vector<T> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  EXPECT_GE(H5Dread(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0) << dataset;
  if (change(values)) {
    EXPECT_GE(H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0) << dataset;
  }
  H5Sclose(space);
  H5Dclose(d);
  H5Fclose(f);
  return values;
}

template <class T>
std::vector<T> read_dataset(const std::string& file, const char* dataset, hid_t type) {
  return rewrite_dataset<T>(file, dataset, type, [](std::vector<T>&) { return false; });
}

// Adds `delta` to element `index` of a numeric dataset.
template <class T>
void change_dataset(const std::string& file, const char* dataset, hid_t type, std::size_t index, T delta) {
  rewrite_dataset<T>(file, dataset, type, [&](std::vector<T>& values) {
    EXPECT_LT(index, values.size()) << dataset;
    if (index >= values.size()) return false;
    values[index] += delta;
    return true;
  });
}

// The file offset of the first chunk of a chunked dataset.
haddr_t first_chunk_offset(const std::string& file, const char* dataset) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(f, dataset, H5P_DEFAULT);
  const hid_t space = H5Dget_space(d);
  haddr_t address = HADDR_UNDEF;
  hsize_t size = 0;
  H5Dget_chunk_info(d, space, 0, nullptr, nullptr, &address, &size);
  H5Sclose(space);
  H5Dclose(d);
  H5Fclose(f);
  return address;
}

void flip_byte(const std::string& file, std::uint64_t offset) {
  std::fstream io(file, std::ios::in | std::ios::out | std::ios::binary);
  io.seekg(static_cast<std::streamoff>(offset));
  char byte = 0;
  io.read(&byte, 1);
  byte = static_cast<char>(byte ^ 0x5a);
  io.seekp(static_cast<std::streamoff>(offset));
  io.write(&byte, 1);
}

TEST_F(Checkpoint, RefusesACheckpointOfAnotherBuild) {
  const std::string file = saved_at(70);
  set_text_attribute(file, "git_commit", "0123456789ab");
  expect_refused(file, "a checkpoint is resumed only by the build that wrote it");
  const std::string other = saved_at(70, "other.h5");
  set_text_attribute(other, "version", "0.0.1");
  expect_refused(other, "written by kyosei 0.0.1");
}

TEST_F(Checkpoint, RefusesAnotherCheckpointFormat) {
  const std::string file = saved_at(70);
  set_number_attribute<std::int32_t>(file, "checkpoint_format_version", H5T_NATIVE_INT32, 99);
  expect_refused(file, "checkpoint_format_version 99 is not supported");
}

TEST_F(Checkpoint, RefusesACheckpointWithoutItsCompleteFlag) {
  const std::string file = saved_at(70);
  delete_link_or_attribute(file, "complete", true);
  expect_refused(file, "incomplete checkpoint");
}

TEST_F(Checkpoint, RefusesACheckpointWithAMissingDataset) {
  const std::string file = saved_at(70);
  delete_link_or_attribute(file, "state/calendars/onset/id", false);
  expect_refused(file, "missing dataset /state/calendars/onset/id");
}

TEST_F(Checkpoint, RefusesAValueChangedBehindTheStateChecksum) {
  // Rewritten through HDF5, so Fletcher32 still agrees: only the whole-state checksum can tell.
  const std::string file = saved_at(70);
  change_dataset<std::int32_t>(file, "state/residents/birth_day", H5T_NATIVE_INT32, 17, -1);
  expect_refused(file, "damaged: the state does not match its checksum");
  // And a seed changed: the same state would go on with other random numbers.
  const std::string other = saved_at(70, "other.h5");
  set_number_attribute<std::uint64_t>(other, "seed", H5T_NATIVE_UINT64, 8);
  expect_refused(other, "damaged: the state does not match its checksum");
}

TEST_F(Checkpoint, RefusesATieStoreThatPointsOutsideItself) {
  // Tie ends, slots and blocks index residents, records and the arena: out of range, they are
  // refused before any is used (the whole-state checksum comes after).
  const std::string beyond = saved_at(70);
  change_dataset<std::int32_t>(beyond, "state/ties/end_b", H5T_NATIVE_INT32, 3, 1 << 30);
  expect_refused(beyond, "damaged: /state/ties/end_a: tie ends out of range");
  const std::string slot = saved_at(70, "slot.h5");
  change_dataset<std::int32_t>(slot, "state/ties/slot_other", H5T_NATIVE_INT32, 3, 1 << 30);
  expect_refused(slot, "damaged: /state/ties/arena: a slot names no tie record or no resident");
  const std::string block = saved_at(70, "block.h5");
  change_dataset<std::uint32_t>(block, "state/ties/block_first", H5T_NATIVE_UINT32, 0, 1u << 30);
  expect_refused(block, "damaged: /state/ties/blocks: a block past the arena");
  const std::string free = saved_at(70, "free.h5");
  change_dataset<std::uint32_t>(free, "state/ties/free_blocks", H5T_NATIVE_UINT32, 0, 1u << 30);
  expect_refused(free, "damaged: /state/ties/free_blocks: a free block past the arena");
}

TEST_F(Checkpoint, RefusesFlippedBytesInAnArray) {
  const std::string file = saved_at(70);
  const haddr_t chunk = first_chunk_offset(file, "state/residents/household");
  ASSERT_NE(chunk, HADDR_UNDEF);
  flip_byte(file, chunk + 40);
  expect_refused(file, "cannot read /state/residents/household (damaged");
}

TEST_F(Checkpoint, RefusesChangedScenarioParameters) {
  const std::string file = saved_at(70);
  change_dataset<double>(file, "scenario/values", H5T_NATIVE_DOUBLE, 5, 1);
  expect_refused(file, "the scenario's parameters do not match their fingerprint");
}

TEST_F(Checkpoint, RefusesATruncatedFile) {
  const std::string file = saved_at(70);
  for (const double kept : {0.5, 0.9, 0.999}) {
    SCOPED_TRACE(kept);
    const std::string copy = path("truncated.h5");
    fs::copy_file(file, copy, fs::copy_options::overwrite_existing);
    fs::resize_file(copy, static_cast<std::uintmax_t>(static_cast<double>(fs::file_size(copy)) * kept));
    expect_refused(copy, "");
  }
}

TEST_F(Checkpoint, RefusesWhatIsNotACheckpoint) {
  expect_refused(path("missing.h5"), "no such file");
  std::ofstream(path("text.h5")) << "not HDF5";
  expect_refused(path("text.h5"), "not an HDF5 file");
  Simulation sim(adoption(), RunOptions{7, 1, 2});
  for (int i = 0; i < 70; ++i) sim.step();
  write_results_hdf5(path("result.h5"), sim.results(), provenance_of(sim.scenario(), sim.options(), false), false);
  expect_refused(path("result.h5"), "not a kyosei checkpoint");
}

// --- the command-line tool -----------------------------------------------------------------

// A numeric dataset of a result file, as raw bytes.
std::vector<char> dataset_bytes(const std::string& file, const std::string& dataset) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(f, dataset.c_str(), H5P_DEFAULT);
  EXPECT_GE(d, 0) << file << ": " << dataset;
  const hid_t type = H5Dget_type(d);
  const hid_t native = H5Tget_native_type(type, H5T_DIR_ASCEND);
  const hid_t space = H5Dget_space(d);
  std::vector<char> bytes(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)) * H5Tget_size(native));
  if (!bytes.empty()) {
    EXPECT_GE(H5Dread(d, native, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()), 0);
  }
  H5Sclose(space);
  H5Tclose(native);
  H5Tclose(type);
  H5Dclose(d);
  H5Fclose(f);
  return bytes;
}

class CheckpointCli : public Checkpoint {
protected:
  test::CommandResult cli(const std::string& args) const { return test::run_kyosei(args, dir_); }
  static constexpr const char* kScenario =
      "scenarios/integrated.yaml --set population.residents=3000 --set run.horizon_days=400 "
      "--set run.burn_in_days=50";

  void expect_same_results(const std::string& a, const std::string& b) {
    std::vector<std::string> datasets = {"series/day"};
#define KYOSEI_NAME(name, ...) datasets.push_back("series/" #name);
    KYOSEI_SERIES(KYOSEI_NAME)
    KYOSEI_AGENCY_SERIES(KYOSEI_NAME)
#undef KYOSEI_NAME
#define KYOSEI_NAME(name, ...) datasets.push_back("episodes/" #name);
    KYOSEI_EPISODE_COLUMNS(KYOSEI_NAME)
#undef KYOSEI_NAME
    for (const char* column : {"field", "district", "staff", "capacity"})
      datasets.push_back(std::string("agencies/") + column);
    for (const std::string& dataset : datasets) {
      EXPECT_EQ(dataset_bytes(a, dataset), dataset_bytes(b, dataset)) << dataset;
    }
    // Value by value, a NaN (a median never reached) equal to a NaN.
    const auto summary_a = read_result_header(a).summary, summary_b = read_result_header(b).summary;
    ASSERT_EQ(summary_a.size(), summary_b.size());
    for (std::size_t i = 0; i < summary_a.size(); ++i) {
      EXPECT_EQ(summary_a[i].first, summary_b[i].first);
      const bool both_nan = std::isnan(summary_a[i].second) && std::isnan(summary_b[i].second);
      EXPECT_TRUE(both_nan || summary_a[i].second == summary_b[i].second) << summary_a[i].first;
    }
    EXPECT_EQ(read_result_header(a).episodes, read_result_header(b).episodes);
  }
};

TEST_F(CheckpointCli, ResumingTheLastCheckpointGivesTheSameResultFile) {
  const test::CommandResult run = cli(std::string("run ") + kScenario + " --checkpoint-every 120 -o " + path("run.h5"));
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_NE(run.err.find("checkpoint at day 360 of 450 saved in " + path("run.checkpoint.h5")), std::string::npos)
      << run.err;
  fs::copy_file(path("run.checkpoint.h5"), path("copy.h5"));
  // The checkpoint remembers its result file: resuming it without -o refuses to overwrite it.
  const test::CommandResult again = cli("resume " + path("run.checkpoint.h5"));
  EXPECT_EQ(again.code, 3) << again.err;
  EXPECT_NE(again.err.find(path("run.h5") + ": exists; use --force"), std::string::npos) << again.err;
  const test::CommandResult resumed = cli("resume " + path("copy.h5") + " --threads 1 -o " + path("resumed.h5"));
  ASSERT_EQ(resumed.code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("resuming integrated at day 360 of 450"), std::string::npos) << resumed.err;
  expect_same_results(path("run.h5"), path("resumed.h5"));
}

TEST_F(CheckpointCli, ResumeChecksTheScenarioFileWhenGiven) {
  ASSERT_EQ(cli(std::string("run ") + kScenario + " --checkpoint-every 200 --checkpoint " + path("c.h5") + " -o " +
                path("run.h5"))
                .code,
            0);
  const test::CommandResult same =
      cli("resume " + path("c.h5") + " --scenario " + kScenario + " -o " + path("same.h5"));
  EXPECT_EQ(same.code, 0) << same.err;
  const test::CommandResult other =
      cli("resume " + path("c.h5") + " --scenario " + kScenario + " --set intake.mode=silo -o " + path("other.h5"));
  EXPECT_EQ(other.code, 2);
  EXPECT_NE(
      other.err.find("scenarios/integrated.yaml: intake.mode = silo, but the checkpoint was saved with integrated"),
      std::string::npos)
      << other.err;
  EXPECT_FALSE(fs::exists(path("other.h5")));
  const test::CommandResult missing = cli("resume " + path("missing.h5"));
  EXPECT_EQ(missing.code, 3);
  EXPECT_NE(missing.err.find(path("missing.h5") + ": no such file"), std::string::npos) << missing.err;
}

TEST_F(CheckpointCli, RunRefusesToOverwriteACheckpointWithoutForce) {
  std::ofstream(path("run.checkpoint.h5")) << "an earlier checkpoint";
  const test::CommandResult r = cli(std::string("run ") + kScenario + " --checkpoint-every 100 -o " + path("run.h5"));
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find(path("run.checkpoint.h5") + ": exists; use --force"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kyosei
