// Checkpoints (checkpoint.hpp). Layout, checkpoint_format_version 10 (9 lacked the residents'
// partners; 8 saved a tie's version, kind,
// status and origin as four columns, now one word; 7 held the community places'
// index ranges of the residents present at the start, by district; 6 lacked the population
// snapshots and their days; 5 saved a fixed tie graph
// instead of the tie store with its free lists and the formation calendar; 4 lacked the episodes'
// household_type; 3 saved an aux and a kind
// column for the tie flips too; 2 saved the outreach target list as households alone, fully
// sorted; 1 also saved the tie graph's arcs, which are now laid out again from the tie records):
//
//   /            attributes software ("kyosei"), checkpoint_format_version (int32), version,
//                git_commit, date, seed (uint64), replicate (uint32), threads (int32), output,
//                scenario_name, scenario_path, scenario (the YAML text), scenario_fingerprint and
//                state_checksum (uint64), and complete (int32 1), written last
//   /scenario/   keys, values: every parameter of the table; timeline_day, timeline_key,
//                timeline_value: the timeline in the order written
//   /state/<group>/<member>   one 1-D dataset per member visited by visit_state
//                (sim/model/state_visit.hpp, generated from the State's member lists; docs/state.md
//                names each member's datasets); scalars as one-element datasets
//
// Non-empty numeric datasets are chunked with HDF5's Fletcher32 checksum filter (not compressed:
// the file is about the size of the State in memory; text cannot be
// filtered); state_checksum is a 64-bit FNV-1a over seed, replicate, the scenario fingerprint and
// every state dataset (name, length, bytes) in visiting order, recomputed after reading.
#include "kyosei/io/checkpoint.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "model/state_visit.hpp"
#include "hdf5_attributes.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/io/hdf5_output.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/model/state.hpp"
#include "kyosei/version.hpp"

namespace kyosei {
namespace {

using hdf5::check;
using hdf5::Failure;
using hdf5::Handle;

constexpr std::size_t kChunkBytes = 1 << 20;

// 64-bit FNV-1a.
class Fnv1a {
public:
  void add(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) hash_ = (hash_ ^ bytes[i]) * 0x100000001b3ULL;
  }
  template <class T>
  requires std::is_trivially_copyable_v<T>
  void add(const T& value) { add(&value, sizeof value); }
  void add_text(std::string_view text) {
    add(static_cast<std::uint64_t>(text.size()));
    add(text.data(), text.size());
  }
  std::uint64_t value() const { return hash_; }

private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

template <class T>
void add_array(Fnv1a& hash, std::string_view name, const std::vector<T>& values) {
  hash.add_text(name);
  hash.add(static_cast<std::uint64_t>(values.size()));
  if constexpr (std::is_same_v<T, std::string>) {
    for (const std::string& value : values) hash.add_text(value);
  } else {
    hash.add(values.data(), values.size() * sizeof(T));
  }
}

// Writes 1-D datasets under one group (intermediate groups created from the "a/b" names) and
// hashes what it writes: the Visitor of visit_state that saves.
class ArrayWriter {
public:
  static constexpr bool kRestores = false;
  explicit ArrayWriter(hid_t group) : group_(group) {}

  template <class T>
  void value(std::string_view name, const T& x) {
    array(name, std::vector<T>{x});
  }
  template <class T>
  void array(std::string_view name, const std::vector<T>& x) {
    write(name, hdf5::native_type<T>(), sizeof(T), x.size(), x.data(), true);
    add_array(hash_, name, x);
  }
  void strings(std::string_view name, const std::vector<std::string>& x) {
    std::vector<const char*> pointers;
    for (const std::string& s : x) pointers.push_back(s.c_str());
    const Handle type = hdf5::string_type();
    // HDF5 filters refuse variable-length data: text relies on the whole-state checksum alone.
    write(name, type.get(), sizeof(const char*), x.size(), pointers.data(), false);
    add_array(hash_, name, x);
  }
  std::uint64_t checksum() const { return hash_.value(); }

private:
  void write(std::string_view name, hid_t type, std::size_t element_size, std::size_t n, const void* data,
             bool fletcher32) {
    const std::string path(name);
    const hsize_t dims[1] = {n};
    const Handle space{H5Screate_simple(1, dims, nullptr), H5Sclose, "cannot create a dataspace"};
    const Handle links{H5Pcreate(H5P_LINK_CREATE), H5Pclose, "cannot create link properties"};
    check(H5Pset_create_intermediate_group(links.get(), 1), "cannot set intermediate groups");
    const Handle properties{H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "cannot create dataset properties"};
    if (fletcher32 && n > 0) {  // a chunk cannot have a zero extent; an empty dataset has nothing to check
      const hsize_t chunk[1] = {std::clamp<hsize_t>(kChunkBytes / element_size, 1, n)};
      check(H5Pset_chunk(properties.get(), 1, chunk), "cannot set the chunk size of " + path);
      check(H5Pset_fletcher32(properties.get()), "cannot set the Fletcher32 filter of " + path);
    }
    const Handle dataset{
        H5Dcreate2(group_, path.c_str(), type, space.get(), links.get(), properties.get(), H5P_DEFAULT), H5Dclose,
        "cannot create dataset " + path};
    if (n > 0)
      check(H5Dwrite(dataset.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "cannot write dataset " + path);
  }

  hid_t group_;
  Fnv1a hash_;
};

// Reads the datasets an ArrayWriter wrote and hashes what it reads: the Visitor of visit_state
// that restores. Every dataset must exist, be 1-D and have the type of the member it fills.
class ArrayReader {
public:
  static constexpr bool kRestores = true;
  ArrayReader(hid_t group, std::string prefix) : group_(group), prefix_(std::move(prefix)) {}

  template <class T>
  void value(std::string_view name, T& x) {
    std::vector<T> values;
    array(name, values);
    if (values.size() != 1)
      throw Failure(where(name) + " holds " + std::to_string(values.size()) + " values, expected 1");
    x = values.front();
  }
  template <class T>
  void array(std::string_view name, std::vector<T>& x) {
    const Handle dataset = open(name);
    const Handle type{H5Dget_type(dataset.get()), H5Tclose, "cannot read the type of " + where(name)};
    if (H5Tequal(type.get(), hdf5::native_type<T>()) <= 0)
      throw Failure(where(name) + " has another type than expected");
    x.resize(length(dataset, name));
    if (!x.empty())
      check(H5Dread(dataset.get(), hdf5::native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, x.data()),
            "cannot read " + where(name) + " (damaged: its checksum does not match?)");
    add_array(hash_, name, x);
  }
  void strings(std::string_view name, std::vector<std::string>& x) {
    const Handle dataset = open(name);
    const Handle type{H5Dget_type(dataset.get()), H5Tclose, "cannot read the type of " + where(name)};
    if (H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) <= 0)
      throw Failure(where(name) + " is not text");
    std::vector<char*> pointers(length(dataset, name), nullptr);
    const Handle memory = hdf5::string_type();
    if (!pointers.empty())
      check(H5Dread(dataset.get(), memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
            "cannot read " + where(name) + " (damaged: its checksum does not match?)");
    x.clear();
    for (char* p : pointers) {
      x.emplace_back(p != nullptr ? p : "");
      H5free_memory(p);
    }
    add_array(hash_, name, x);
  }
  std::uint64_t checksum() const { return hash_.value(); }

private:
  std::string where(std::string_view name) const { return prefix_ + std::string(name); }
  Handle open(std::string_view name) const {
    const std::string path(name);
    if (H5Lexists(group_, path.c_str(), H5P_DEFAULT) <= 0)  // negative when a group on the way is missing
      throw Failure("missing dataset " + where(name));
    return {H5Dopen2(group_, path.c_str(), H5P_DEFAULT), H5Dclose, "cannot open " + where(name)};
  }
  std::size_t length(const Handle& dataset, std::string_view name) const {
    const Handle space{H5Dget_space(dataset.get()), H5Sclose, "cannot read the shape of " + where(name)};
    if (H5Sget_simple_extent_ndims(space.get()) != 1) throw Failure(where(name) + " is not a 1-D array");
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space.get(), &n, nullptr);
    return static_cast<std::size_t>(n);
  }

  hid_t group_;
  std::string prefix_;
  Fnv1a hash_;
};

std::uint64_t state_checksum(std::uint64_t seed, std::uint32_t replicate, std::uint64_t fingerprint,
                             std::uint64_t arrays) {
  Fnv1a hash;
  hash.add(seed);
  hash.add(replicate);
  hash.add(fingerprint);
  hash.add(arrays);
  return hash.value();
}

// The scenario as arrays: every parameter by key, and the timeline.
struct ScenarioArrays {
  std::vector<std::string> keys, timeline_key;
  std::vector<double> values, timeline_value;
  std::vector<std::int64_t> timeline_day;

  template <class V>
  void visit(V& v) {
    v.strings("keys", keys);
    v.array("values", values);
    v.array("timeline_day", timeline_day);
    v.strings("timeline_key", timeline_key);
    v.array("timeline_value", timeline_value);
  }
};

ScenarioArrays arrays_of(const Scenario& s) {
  ScenarioArrays a;
  for (const ParamSpec& spec : parameter_table()) {
    a.keys.emplace_back(spec.path);
    a.values.push_back(spec.get(s));
  }
  for (const Scenario::PolicyChange& change : s.timeline) {
    a.timeline_day.push_back(change.day);
    a.timeline_key.push_back(change.key);
    a.timeline_value.push_back(change.value);
  }
  return a;
}

Scenario scenario_of(const ScenarioArrays& a) {
  if (a.values.size() != a.keys.size() || a.timeline_key.size() != a.timeline_day.size() ||
      a.timeline_value.size() != a.timeline_day.size())
    throw Failure("/scenario has columns of different lengths");
  if (a.keys.size() != parameter_table().size())
    throw Failure("/scenario holds " + std::to_string(a.keys.size()) + " parameters, this kyosei has " +
                  std::to_string(parameter_table().size()));
  Scenario s = Scenario::defaults();
  for (std::size_t i = 0; i < a.keys.size(); ++i) {
    const ParamSpec* spec = find_parameter(a.keys[i]);
    if (spec == nullptr) throw Failure("/scenario/keys: unknown parameter " + a.keys[i]);
    spec->set(s, a.values[i]);
  }
  for (std::size_t i = 0; i < a.timeline_day.size(); ++i) {
    if (find_parameter(a.timeline_key[i]) == nullptr)
      throw Failure("/scenario/timeline_key: unknown parameter " + a.timeline_key[i]);
    s.timeline.push_back({a.timeline_day[i], a.timeline_key[i], a.timeline_value[i]});
  }
  return s;
}

Handle file_access() {
  Handle access{H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "cannot create file properties"};
  // The 1.8 object format, whose object headers carry checksums of their own.
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), "cannot set the file format version");
  check(H5Pset_fclose_degree(access.get(), H5F_CLOSE_SEMI), "cannot set the file close degree");
  return access;
}

void write_file(const std::string& file_name, const Simulation& sim, const std::string& output) {
  const Handle access = file_access();
  Handle file{H5Fcreate(file_name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.get()), H5Fclose,
              "cannot create " + file_name};
  const hid_t f = file.get();
  const Scenario& s = sim.scenario();
  const RunOptions& o = sim.options();
  using hdf5::set_attribute;
  set_attribute(f, "software", std::string("kyosei"));
  set_attribute(f, "checkpoint_format_version", static_cast<std::int32_t>(kCheckpointFormatVersion));
  set_attribute(f, "version", std::string(kVersion));
  set_attribute(f, "git_commit", std::string(kGitCommit));
  set_attribute(f, "date", utc_timestamp());
  set_attribute(f, "seed", o.seed);
  set_attribute(f, "replicate", o.replicate);
  set_attribute(f, "threads", static_cast<std::int32_t>(o.threads));
  set_attribute(f, "output", output);
  set_attribute(f, "scenario_name", s.name);
  set_attribute(f, "scenario_path", s.source_path);
  set_attribute(f, "scenario", s.source_text);
  const std::uint64_t fingerprint = scenario_fingerprint(s);
  set_attribute(f, "scenario_fingerprint", fingerprint);
  {
    const Handle group{H5Gcreate2(f, "scenario", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                       "cannot create group scenario"};
    ArrayWriter writer(group.get());
    arrays_of(s).visit(writer);
  }
  {
    const Handle group{H5Gcreate2(f, "state", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                       "cannot create group state"};
    ArrayWriter writer(group.get());
    visit_state(sim.state(), writer);
    set_attribute(f, "state_checksum", state_checksum(o.seed, o.replicate, fingerprint, writer.checksum()));
  }
  set_attribute(f, "complete", std::int32_t{1});
  file.close("cannot close " + file_name);
}

std::string build_name(const std::string& version, const std::string& commit) {
  return "kyosei " + version + (commit.empty() ? "" : " (" + commit + ")");
}

Resumed read_file(const std::string& path, std::optional<int> threads) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) throw Failure("no such file");
  if (std::filesystem::is_directory(status)) throw Failure("is a directory, not a checkpoint");
  if (H5Fis_hdf5(path.c_str()) <= 0)
    throw Failure("not an HDF5 file (expected a kyosei checkpoint; damaged or truncated?)");
  const Handle file{H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                    "cannot be opened as HDF5 (damaged or truncated?)"};
  const hid_t f = file.get();
  using hdf5::has_attribute;
  using hdf5::number_attribute;
  using hdf5::text_attribute;
  if (!has_attribute(f, "checkpoint_format_version") || !has_attribute(f, "software") ||
      text_attribute(f, "software") != "kyosei")
    throw Failure("not a kyosei checkpoint (no checkpoint_format_version attribute)");
  const auto format = number_attribute<std::int32_t>(f, "checkpoint_format_version");
  if (format != kCheckpointFormatVersion)
    throw Failure("checkpoint_format_version " + std::to_string(format) + " is not supported (this kyosei reads " +
                  std::to_string(kCheckpointFormatVersion) + "); resume it with the kyosei that wrote it");
  const std::string version = text_attribute(f, "version"), commit = text_attribute(f, "git_commit");
  if (version != kVersion || commit != kGitCommit)
    throw Failure("written by " + build_name(version, commit) + ", this is " + build_name(kVersion, kGitCommit) +
                  ": a checkpoint is resumed only by the build that wrote it (the State's layout and the "
                  "model may differ); resume it with that build or rerun the scenario");
  if (!has_attribute(f, "complete") || number_attribute<std::int32_t>(f, "complete") != 1)
    throw Failure("incomplete checkpoint (no complete=1 attribute): its writing was cut short");

  ScenarioArrays arrays;
  {
    const Handle group{H5Gopen2(f, "scenario", H5P_DEFAULT), H5Gclose, "missing group /scenario"};
    ArrayReader reader(group.get(), "/scenario/");
    arrays.visit(reader);
  }
  Scenario scenario = scenario_of(arrays);
  scenario.name = text_attribute(f, "scenario_name");
  scenario.source_path = text_attribute(f, "scenario_path");
  scenario.source_text = text_attribute(f, "scenario");
  const std::uint64_t fingerprint = scenario_fingerprint(scenario);
  if (fingerprint != number_attribute<std::uint64_t>(f, "scenario_fingerprint"))
    throw Failure("damaged: the scenario's parameters do not match their fingerprint");

  RunOptions options;
  options.seed = number_attribute<std::uint64_t>(f, "seed");
  options.replicate = number_attribute<std::uint32_t>(f, "replicate");
  options.threads = threads.value_or(number_attribute<std::int32_t>(f, "threads"));
  auto state = std::make_unique<State>();
  {
    const Handle group{H5Gopen2(f, "state", H5P_DEFAULT), H5Gclose, "missing group /state"};
    ArrayReader reader(group.get(), "/state/");
    try {
      visit_state(*state, reader);
    } catch (const StateShapeError& e) {
      throw Failure(std::string("damaged: /state/") + e.what());
    }
    if (state_checksum(options.seed, options.replicate, fingerprint, reader.checksum()) !=
        number_attribute<std::uint64_t>(f, "state_checksum"))
      throw Failure("damaged: the state does not match its checksum (state_checksum)");
  }
  Resumed resumed;
  resumed.output = text_attribute(f, "output");
  resumed.date = text_attribute(f, "date");
  try {
    resumed.simulation = std::make_unique<Simulation>(scenario, options, std::move(state));
  } catch (const UsageError& e) {
    throw Failure(std::string("damaged: ") + e.what());
  }
  return resumed;
}

}  // namespace

std::uint64_t scenario_fingerprint(const Scenario& scenario) {
  Fnv1a hash;
  for (const ParamSpec& spec : parameter_table()) {
    hash.add_text(spec.path);
    hash.add(std::bit_cast<std::uint64_t>(spec.get(scenario)));
  }
  for (const Scenario::PolicyChange& change : scenario.timeline) {
    hash.add(change.day);
    hash.add_text(change.key);
    hash.add(std::bit_cast<std::uint64_t>(change.value));
  }
  return hash.value();
}

void check_same_scenario(const Scenario& stored, const Scenario& given, const std::string& given_name) {
  for (const ParamSpec& spec : parameter_table()) {
    const double a = spec.get(stored), b = spec.get(given);
    if (std::bit_cast<std::uint64_t>(a) != std::bit_cast<std::uint64_t>(b))
      throw UsageError(given_name + ": " + std::string(spec.path) + " = " + format_parameter_value(spec, b) +
                       ", but the checkpoint was saved with " + format_parameter_value(spec, a) +
                       ": a checkpoint continues only the scenario it was saved with");
  }
  if (scenario_fingerprint(stored) != scenario_fingerprint(given))
    throw UsageError(given_name + ": its timeline differs from the one the checkpoint was saved with (" +
                     std::to_string(given.timeline.size()) + " changes here, " +
                     std::to_string(stored.timeline.size()) +
                     " there, or other days or values): a checkpoint continues only the scenario it was saved with");
}

void write_checkpoint(const std::string& path, const Simulation& sim, const std::string& output) {
  hdf5::write_then_rename(path, [&](const std::string& temporary) { write_file(temporary, sim, output); });
}

Resumed read_checkpoint(const std::string& path, std::optional<int> threads) {
  const hdf5::QuietErrors quiet;
  try {
    return read_file(path, threads);
  } catch (const Failure& e) {
    throw OutputError(path + ": " + e.what());
  }
}

}  // namespace kyosei
