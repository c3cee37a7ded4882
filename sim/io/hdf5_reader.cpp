// Checking a result file (hdf5_reader.hpp): existence, HDF5 signature, format_version, complete,
// then the provenance attributes and the table sizes.
#include "kyosei/hdf5_reader.hpp"

#include <hdf5.h>

#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <vector>

#include "kyosei/errors.hpp"

namespace kyosei {
namespace {

// A problem with the file; read_result_header turns it into an OutputError naming the path.
class ReadFailure : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// HDF5's own error printing is off while a file is checked: every failure becomes one message.
class QuietHdf5Errors {
public:
  QuietHdf5Errors() {
    H5Eget_auto2(H5E_DEFAULT, &function_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietHdf5Errors() { H5Eset_auto2(H5E_DEFAULT, function_, data_); }
  QuietHdf5Errors(const QuietHdf5Errors&) = delete;
  QuietHdf5Errors& operator=(const QuietHdf5Errors&) = delete;

private:
  H5E_auto2_t function_ = nullptr;
  void* data_ = nullptr;
};

// Owns one HDF5 identifier; throws `what` when the call that made it failed.
class Id {
public:
  Id(hid_t id, herr_t (*close)(hid_t), const std::string& what) : id_(id), close_(close) {
    if (id_ < 0) throw ReadFailure(what);
  }
  Id(Id&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), close_(other.close_) {}
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  Id& operator=(Id&&) = delete;
  ~Id() {
    if (id_ >= 0) close_(id_);
  }
  hid_t get() const { return id_; }

private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

bool has_attribute(hid_t object, const char* name) { return H5Aexists(object, name) > 0; }

// Opens a scalar (or one-element) attribute and returns it with its class.
std::pair<Id, H5T_class_t> open_scalar(hid_t object, const std::string& name) {
  Id attribute{H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, "cannot open attribute " + name};
  const Id space{H5Aget_space(attribute.get()), H5Sclose, "cannot read the shape of attribute " + name};
  if (H5Sget_simple_extent_npoints(space.get()) != 1)
    throw ReadFailure("attribute " + name + " is not a single value");
  const Id type{H5Aget_type(attribute.get()), H5Tclose, "cannot read the type of attribute " + name};
  return {std::move(attribute), H5Tget_class(type.get())};
}

template <class T>
T number_attribute(hid_t object, const std::string& name, hid_t memory_type) {
  const auto [attribute, type_class] = open_scalar(object, name);
  if (type_class != H5T_INTEGER && type_class != H5T_FLOAT)
    throw ReadFailure("attribute " + name + " is not a number");
  T value{};
  if (H5Aread(attribute.get(), memory_type, &value) < 0)
    throw ReadFailure("cannot read attribute " + name);
  return value;
}

// Variable-length (kyosei, h5py's default) or fixed-length strings.
std::string text_attribute(hid_t object, const std::string& name) {
  const auto [attribute, type_class] = open_scalar(object, name);
  if (type_class != H5T_STRING) throw ReadFailure("attribute " + name + " is not text");
  const Id file_type{H5Aget_type(attribute.get()), H5Tclose, "cannot read the type of attribute " + name};
  Id memory_type{H5Tcopy(H5T_C_S1), H5Tclose, "cannot copy the string type"};
  H5Tset_cset(memory_type.get(), H5Tget_cset(file_type.get()));
  if (H5Tis_variable_str(file_type.get()) > 0) {
    H5Tset_size(memory_type.get(), H5T_VARIABLE);
    char* data = nullptr;
    if (H5Aread(attribute.get(), memory_type.get(), &data) < 0)
      throw ReadFailure("cannot read attribute " + name);
    std::string text = data != nullptr ? data : "";
    H5free_memory(data);
    return text;
  }
  const std::size_t size = H5Tget_size(file_type.get());
  if (size == 0 || size > (std::size_t{1} << 30)) throw ReadFailure("attribute " + name + " has an odd size");
  H5Tset_size(memory_type.get(), size + 1);  // room for the terminator whatever the padding
  std::string buffer(size + 1, '\0');
  if (H5Aread(attribute.get(), memory_type.get(), buffer.data()) < 0)
    throw ReadFailure("cannot read attribute " + name);
  return buffer.substr(0, buffer.find('\0'));
}

// The length of a one-dimensional dataset (the first extent of any other).
std::int64_t dataset_length(hid_t file, const std::string& path) {
  const Id dataset{H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, "no dataset " + path};
  const Id space{H5Dget_space(dataset.get()), H5Sclose, "cannot read the shape of " + path};
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 1) throw ReadFailure(path + " is not an array");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return static_cast<std::int64_t>(dims[0]);
}

struct SummaryVisit {
  std::string prefix;
  std::vector<std::pair<std::string, double>>* out;
};

herr_t collect_number(hid_t object, const char* name, const H5A_info_t*, void* data) {
  auto* visit = static_cast<SummaryVisit*>(data);
  try {
    const auto [attribute, type_class] = open_scalar(object, name);
    if (type_class != H5T_INTEGER && type_class != H5T_FLOAT) return 0;
    double value = 0;
    if (H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &value) >= 0) visit->out->emplace_back(visit->prefix + name, value);
  } catch (const ReadFailure&) {
    // A summary attribute that cannot be read is left out; the checks above passed.
  }
  return 0;
}

void read_summary(hid_t file, ResultHeader& header) {
  for (const auto& [group_path, prefix] : {std::pair<const char*, const char*>{"summary", ""},
                                           std::pair<const char*, const char*>{"summary/overall", "overall."}}) {
    if (H5Lexists(file, "summary", H5P_DEFAULT) <= 0) return;
    if (H5Lexists(file, group_path, H5P_DEFAULT) <= 0) continue;
    const Id group{H5Gopen2(file, group_path, H5P_DEFAULT), H5Gclose, std::string("cannot open /") + group_path};
    SummaryVisit visit{prefix, &header.summary};
    hsize_t index = 0;
    H5Aiterate2(group.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_number, &visit);
  }
}

ResultHeader read_header(const std::string& path, bool allow_incomplete) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) throw ReadFailure("no such file");
  if (std::filesystem::is_directory(status)) throw ReadFailure("is a directory, not a result file");
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 == 0) throw ReadFailure("not an HDF5 file (expected a kyosei result file)");
  if (is_hdf5 < 0) throw ReadFailure("cannot be read (permissions?)");
  const Id file{H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                "cannot be opened as HDF5 (damaged or truncated?)"};
  const hid_t f = file.get();

  ResultHeader h;
  if (!has_attribute(f, "format_version"))
    throw ReadFailure("no format_version attribute: not a kyosei result file");
  h.format_version = number_attribute<int>(f, "format_version", H5T_NATIVE_INT);
  if (h.format_version != kResultFormatVersion)
    throw ReadFailure("format_version " + std::to_string(h.format_version) +
                      " is not supported (this kyosei reads format_version " +
                      std::to_string(kResultFormatVersion) + "); read it with the kyosei that wrote it");
  if (!has_attribute(f, "complete"))
    throw ReadFailure("no complete attribute: not a finished kyosei result file");
  h.provenance.complete = number_attribute<int>(f, "complete", H5T_NATIVE_INT) != 0;
  h.recorded_days = dataset_length(f, "series/day");
  if (!h.provenance.complete && !allow_incomplete)
    throw ReadFailure("incomplete result (complete=0): the run was stopped after " +
                      std::to_string(h.recorded_days) +
                      " recorded days, before its horizon; rerun it to the end");

  Provenance& p = h.provenance;
  p.software = text_attribute(f, "software");
  if (p.software != "kyosei") throw ReadFailure("written by '" + p.software + "', not by kyosei");
  p.version = text_attribute(f, "version");
  p.git_commit = text_attribute(f, "git_commit");
  p.date = text_attribute(f, "date");
  p.seed = number_attribute<std::uint64_t>(f, "seed", H5T_NATIVE_UINT64);
  p.replicate = number_attribute<std::uint32_t>(f, "replicate", H5T_NATIVE_UINT32);
  p.threads = number_attribute<int>(f, "threads", H5T_NATIVE_INT);
  p.scenario_name = text_attribute(f, "scenario_name");
  p.scenario_text = text_attribute(f, "scenario");
  h.episodes = dataset_length(f, "episodes/onset_day");
  h.agencies = dataset_length(f, "agencies/name");
  read_summary(f, h);
  return h;
}

}  // namespace

ResultHeader read_result_header(const std::string& path, bool allow_incomplete) {
  const QuietHdf5Errors quiet;
  try {
    return read_header(path, allow_incomplete);
  } catch (const ReadFailure& e) {
    throw OutputError(path + ": " + e.what());
  }
}

}  // namespace kyosei
