// Tests of sim/io/hdf5_output.cpp: the layout read back with the HDF5 C API and with h5py, and
// the atomic, no-clobber write.
#include "kyosei/io/hdf5_output.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "kyosei/engine/errors.hpp"
#include "test_cli_support.hpp"

namespace kyosei {
namespace {

namespace fs = std::filesystem;

constexpr std::int32_t kDays = 4;

Results sample_results(std::size_t episodes = 3) {
  Results r;
  for (std::int32_t d = 0; d < kDays; ++d) r.series.day.push_back(d);
  // Every series gets distinct values, so that a mix-up between datasets shows.
  int offset = 0;
#define KYOSEI_FILL(name, type, unit, meaning)                                                     \
  for (std::int32_t d = 0; d < kDays; ++d) r.series.name.push_back(static_cast<type>(offset + d)); \
  offset += 100;
  KYOSEI_SERIES(KYOSEI_FILL)
#undef KYOSEI_FILL
  r.agencies = {{"elderly_d0", Field::elderly, 0, 3.5, 120}, {"gap", Field::gap, -1, 1.0, 30}};
#define KYOSEI_FILL(name, unit, meaning) \
  for (std::int64_t k = 0; k < kDays * 2; ++k) r.series.name.push_back(k);
  KYOSEI_AGENCY_SERIES(KYOSEI_FILL)
#undef KYOSEI_FILL
#define KYOSEI_FILL(name, type, unit, meaning) \
  for (std::size_t i = 0; i < episodes; ++i) r.episodes.name.push_back(static_cast<type>(i + 1));
  KYOSEI_EPISODE_COLUMNS(KYOSEI_FILL)
#undef KYOSEI_FILL
#define KYOSEI_FILL(name, type, unit, meaning) \
  for (std::size_t i = 0; i < 2; ++i) r.solitary_deaths.name.push_back(static_cast<type>(i + 2));
  KYOSEI_SOLITARY_DEATH_COLUMNS(KYOSEI_FILL)
#undef KYOSEI_FILL
  r.summary.overall.episodes = 3;
  r.summary.overall.detection_365 = 0.5;
  r.summary.overall.detected = 2;
  r.summary.overall.median_days = 12.0;
  r.summary.overall.rmst_days = 40.5;
  r.summary.overall.within_30 = 0.25;
  r.summary.overall.within_90 = 0.5;
  r.summary.overall.within_365 = 0.75;
  r.summary.by_field[2].median_days = std::nan("");
  r.summary.by_compound[1].episodes = 7;
  r.summary.mean_isolation_residents = 0.125;
  r.summary.refusals = 9;
  r.warnings = {{"event_past_horizon", 2}, {"queue_overflow", 1}, {"event_past_horizon", 3}};
  return r;
}

Provenance sample_provenance() {
  Provenance p;
  p.version = "0.1.0";
  p.git_commit = "abc123";
  p.date = "2024-01-02T03:04:05Z";
  p.seed = 18446744073709551557ull;  // above INT64_MAX: the attribute must be unsigned
  p.replicate = 3;
  p.threads = 8;
  p.scenario_name = "baseline";
  p.scenario_text = "run:\n  horizon_days: 4\n";
  p.complete = false;
  return p;
}

// Closes an HDF5 id when the test is done with it.
struct Id {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Id() {
    if (id >= 0) close(id);
  }
  operator hid_t() const { return id; }
};

Id open_dataset(hid_t file, const std::string& path) { return {H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose}; }

template <class T>
std::vector<T> read_dataset(hid_t file, const std::string& path, hid_t type) {
  const Id dataset = open_dataset(file, path);
  EXPECT_GE(dataset.id, 0) << path;
  const Id space{H5Dget_space(dataset), H5Sclose};
  std::vector<T> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  if (!values.empty()) {
    EXPECT_GE(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0) << path;
  }
  return values;
}

std::vector<hsize_t> dataset_dims(hid_t file, const std::string& path) {
  const Id dataset = open_dataset(file, path);
  const Id space{H5Dget_space(dataset), H5Sclose};
  std::vector<hsize_t> dims(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

// A variable-length string attribute of the object at `path`.
std::string string_attribute(hid_t file, const std::string& path, const std::string& name) {
  const Id attribute{H5Aopen_by_name(file, path.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
  if (attribute.id < 0) return "<missing " + path + "@" + name + ">";
  const Id type{H5Aget_type(attribute), H5Tclose};
  EXPECT_TRUE(H5Tis_variable_str(type) > 0) << path << "@" << name;
  char* text = nullptr;
  EXPECT_GE(H5Aread(attribute, type, &text), 0);
  std::string result = text != nullptr ? text : "";
  H5free_memory(text);
  return result;
}

template <class T>
T number_attribute(hid_t file, const std::string& path, const std::string& name, hid_t type) {
  const Id attribute{H5Aopen_by_name(file, path.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
  EXPECT_GE(attribute.id, 0) << path << "@" << name;
  T value{};
  H5Aread(attribute, type, &value);
  return value;
}

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Hdf5Output : public ::testing::Test {
protected:
  std::vector<std::string> directory_entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_.path())) names.push_back(entry.path().filename());
    return names;
  }

  test::ScratchDir dir_;
  std::string path_ = dir_ / "run.h5";
};

TEST_F(Hdf5Output, WritesTheDocumentedLayout) {
  const Results results = sample_results();
  write_results_hdf5(path_, results, sample_provenance(), false);
  EXPECT_EQ(directory_entries(), std::vector<std::string>{"run.h5"});  // no temporary left

  const Id file{H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  ASSERT_GE(file.id, 0);
  EXPECT_EQ(string_attribute(file, "/", "software"), "kyosei");
  EXPECT_EQ(string_attribute(file, "/", "git_commit"), "abc123");
  EXPECT_EQ(string_attribute(file, "/", "scenario"), "run:\n  horizon_days: 4\n");
  EXPECT_EQ(number_attribute<std::uint64_t>(file, "/", "seed", H5T_NATIVE_UINT64), 18446744073709551557ull);
  EXPECT_EQ(number_attribute<int>(file, "/", "threads", H5T_NATIVE_INT), 8);
  EXPECT_EQ(number_attribute<int>(file, "/", "format_version", H5T_NATIVE_INT), 1);
  EXPECT_EQ(number_attribute<int>(file, "/", "complete", H5T_NATIVE_INT), 0);

  EXPECT_EQ(read_dataset<std::int32_t>(file, "/series/day", H5T_NATIVE_INT32), (std::vector<std::int32_t>{0, 1, 2, 3}));
  const Id day = open_dataset(file, "/series/day");
  EXPECT_GT(H5DSis_scale(day), 0);
  // Every series: its values, its unit and description from the field table, the day scale.
  const auto check_series = [&](const std::string& name, const char* unit, const char* meaning,
                                std::vector<hsize_t> dims) {
    const std::string path = "/series/" + name;
    EXPECT_EQ(dataset_dims(file, path), dims) << path;
    EXPECT_EQ(string_attribute(file, path, "unit"), unit);
    EXPECT_EQ(string_attribute(file, path, "description").rfind(meaning, 0), 0u) << path;
    const Id dataset = open_dataset(file, path);
    EXPECT_GT(H5DSis_attached(dataset, day, 0), 0) << path;
  };
#define KYOSEI_CHECK(name, type, unit, meaning)                              \
  check_series(#name, unit, meaning, {kDays});                               \
  EXPECT_EQ(read_dataset<double>(file, "/series/" #name, H5T_NATIVE_DOUBLE), \
            std::vector<double>(results.series.name.begin(), results.series.name.end()));
  KYOSEI_SERIES(KYOSEI_CHECK)
#undef KYOSEI_CHECK
#define KYOSEI_CHECK(name, unit, meaning)         \
  check_series(#name, unit, meaning, {kDays, 2}); \
  EXPECT_EQ(read_dataset<std::int64_t>(file, "/series/" #name, H5T_NATIVE_INT64), results.series.name);
  KYOSEI_AGENCY_SERIES(KYOSEI_CHECK)
#undef KYOSEI_CHECK

  const auto check_column = [&](const std::string& path, hsize_t rows, const char* unit, const char* meaning) {
    EXPECT_EQ(dataset_dims(file, path), std::vector<hsize_t>{rows}) << path;
    EXPECT_EQ(string_attribute(file, path, "unit"), unit) << path;
    EXPECT_EQ(string_attribute(file, path, "description"), meaning) << path;
  };
#define KYOSEI_CHECK(name, type, unit, meaning) check_column("/episodes/" #name, 3, unit, meaning);
  KYOSEI_EPISODE_COLUMNS(KYOSEI_CHECK)
#undef KYOSEI_CHECK
  EXPECT_EQ(read_dataset<std::int32_t>(file, "/episodes/onset_day", H5T_NATIVE_INT32),
            (std::vector<std::int32_t>{1, 2, 3}));
#define KYOSEI_CHECK(name, type, unit, meaning) check_column("/solitary_deaths/" #name, 2, unit, meaning);
  KYOSEI_SOLITARY_DEATH_COLUMNS(KYOSEI_CHECK)
#undef KYOSEI_CHECK
  EXPECT_EQ(read_dataset<std::int32_t>(file, "/solitary_deaths/days_to_discovery", H5T_NATIVE_INT32),
            (std::vector<std::int32_t>{2, 3}));

  EXPECT_EQ(read_dataset<double>(file, "/agencies/staff", H5T_NATIVE_DOUBLE), (std::vector<double>{3.5, 1.0}));
  EXPECT_EQ(read_dataset<std::int32_t>(file, "/agencies/district", H5T_NATIVE_INT32),
            (std::vector<std::int32_t>{0, -1}));
  EXPECT_EQ(read_dataset<std::int32_t>(file, "/agencies/field", H5T_NATIVE_INT32), (std::vector<std::int32_t>{0, 4}));
  EXPECT_EQ(string_attribute(file, "/agencies/capacity", "unit"), "case");

  EXPECT_EQ(number_attribute<double>(file, "/summary/overall", "median_days", H5T_NATIVE_DOUBLE), 12.0);
  EXPECT_EQ(number_attribute<std::int64_t>(file, "/summary/overall", "detected", H5T_NATIVE_INT64), 2);
  EXPECT_TRUE(std::isnan(number_attribute<double>(file, "/summary/by_field/child", "median_days", H5T_NATIVE_DOUBLE)));
  EXPECT_EQ(number_attribute<std::int64_t>(file, "/summary/by_compound/double_care", "episodes", H5T_NATIVE_INT64), 7);
  EXPECT_GE(H5Oexists_by_name(file, "/summary/no_compound", H5P_DEFAULT), 1);
  EXPECT_EQ(number_attribute<double>(file, "/summary", "mean_isolation_residents", H5T_NATIVE_DOUBLE), 0.125);
  EXPECT_EQ(number_attribute<std::int64_t>(file, "/summary", "refusals", H5T_NATIVE_INT64), 9);
  EXPECT_EQ(number_attribute<std::int64_t>(file, "/warnings", "event_past_horizon", H5T_NATIVE_INT64),
            5);  // listed twice: summed
  EXPECT_EQ(number_attribute<std::int64_t>(file, "/warnings", "queue_overflow", H5T_NATIVE_INT64), 1);
}

TEST_F(Hdf5Output, AgencyNamesAreVariableLengthStrings) {
  write_results_hdf5(path_, sample_results(), sample_provenance(), false);
  const Id file{H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  const Id dataset = open_dataset(file, "/agencies/name");
  const Id type{H5Dget_type(dataset), H5Tclose};
  ASSERT_GT(H5Tis_variable_str(type), 0);
  std::vector<char*> names(2, nullptr);
  ASSERT_GE(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, names.data()), 0);
  EXPECT_STREQ(names[0], "elderly_d0");
  EXPECT_STREQ(names[1], "gap");
  for (char* name : names) H5free_memory(name);
}

// Chunking and filters of a dataset: {layout, number of filters}.
std::pair<H5D_layout_t, int> storage_of(hid_t file, const std::string& path) {
  const Id dataset = open_dataset(file, path);
  const Id properties{H5Dget_create_plist(dataset), H5Pclose};
  return {H5Pget_layout(properties), H5Pget_nfilters(properties)};
}

TEST_F(Hdf5Output, CompressesNonEmptyDatasetsAndHandlesEmptyOnes) {
  Results results = sample_results(0);
  results.agencies.clear();
#define KYOSEI_CLEAR(name, unit, meaning) results.series.name.clear();
  KYOSEI_AGENCY_SERIES(KYOSEI_CLEAR)
#undef KYOSEI_CLEAR
  write_results_hdf5(path_, results, sample_provenance(), false);
  const Id file{H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  EXPECT_EQ(storage_of(file, "/series/deaths"), std::make_pair(H5D_CHUNKED, 2));  // shuffle, gzip
  EXPECT_EQ(storage_of(file, "/episodes/age"), std::make_pair(H5D_CONTIGUOUS, 0));
  EXPECT_EQ(dataset_dims(file, "/episodes/age"), std::vector<hsize_t>{0});
  EXPECT_EQ(dataset_dims(file, "/agencies/name"), std::vector<hsize_t>{0});
  EXPECT_EQ(dataset_dims(file, "/series/caseload"), (std::vector<hsize_t>{kDays, 0}));
  EXPECT_EQ(storage_of(file, "/series/caseload"), std::make_pair(H5D_CONTIGUOUS, 0));
}

TEST_F(Hdf5Output, LongScenarioTextFitsInAnAttribute) {
  Provenance provenance = sample_provenance();
  provenance.scenario_text = std::string(200 * 1024, 'x');  // over the 64 KiB compact limit
  write_results_hdf5(path_, sample_results(), provenance, false);
  const Id file{H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  EXPECT_EQ(string_attribute(file, "/", "scenario"), provenance.scenario_text);
}

TEST_F(Hdf5Output, RefusesToOverwriteWithoutForce) {
  Provenance first = sample_provenance();
  write_results_hdf5(path_, sample_results(), first, false);
  const std::string before = file_bytes(path_);
  Provenance second = sample_provenance();
  second.scenario_name = "other";
  try {
    write_results_hdf5(path_, sample_results(), second, false);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("exists; use --force to overwrite"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find(path_), std::string::npos);
  }
  EXPECT_EQ(file_bytes(path_), before);
  EXPECT_EQ(directory_entries(), std::vector<std::string>{"run.h5"});

  write_results_hdf5(path_, sample_results(), second, true);
  EXPECT_EQ(directory_entries(), std::vector<std::string>{"run.h5"});
  const Id file{H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  EXPECT_EQ(string_attribute(file, "/", "scenario_name"), "other");
}

TEST_F(Hdf5Output, MissingDirectoryThrowsAndLeavesNothing) {
  const std::string path = dir_ / "missing/run.h5";
  try {
    write_results_hdf5(path, sample_results(), sample_provenance(), false);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  EXPECT_TRUE(directory_entries().empty());
}

TEST_F(Hdf5Output, InconsistentResultsThrowAndLeaveNothing) {
  Results results = sample_results();
  results.episodes.age.pop_back();
  EXPECT_THROW(write_results_hdf5(path_, results, sample_provenance(), false), OutputError);
  results = sample_results();
  results.series.caseload.pop_back();
  EXPECT_THROW(write_results_hdf5(path_, results, sample_provenance(), false), OutputError);
  EXPECT_TRUE(directory_entries().empty());
}

// An independent reader: h5py opens the file and checks a few datasets and attributes.
TEST_F(Hdf5Output, OpensInH5py) {
  if (std::system("/usr/bin/python3 -c 'import h5py' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "/usr/bin/python3 with h5py not available";
  }
  write_results_hdf5(path_, sample_results(), sample_provenance(), false);
  const std::string script = dir_ / "check.py";
  std::ofstream(script) << R"(import sys, math, h5py
with h5py.File(sys.argv[1], "r") as f:
    assert f.attrs["scenario_name"] == "baseline", f.attrs["scenario_name"]
    assert int(f.attrs["seed"]) == 18446744073709551557
    assert list(f["series/day"][:]) == [0, 1, 2, 3]
    births = f["series/births"]
    assert births.dims[0][0].name == "/series/day", births.dims[0].keys()
    assert births.attrs["unit"] == "person"
    assert f["series/caseload"].shape == (4, 2)
    assert list(f["agencies/name"].asstr()[:]) == ["elderly_d0", "gap"]
    assert list(f["episodes/onset_day"][:]) == [1, 2, 3]
    assert f["episodes/onset_day"].compression == "gzip"
    assert f["summary/overall"].attrs["rmst_days"] == 40.5
    assert math.isnan(f["summary/by_field/child"].attrs["median_days"])
)";
  const std::string command = "/usr/bin/python3 " + script + " " + path_;
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

}  // namespace
}  // namespace kyosei
