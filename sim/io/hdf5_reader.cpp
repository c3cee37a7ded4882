// Checking a result file (hdf5_reader.hpp): existence, HDF5 signature, format_version, complete,
// then the provenance attributes and the table sizes.
#include "kyosei/io/hdf5_reader.hpp"

#include <hdf5.h>

#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include "hdf5_attributes.hpp"
#include "kyosei/engine/errors.hpp"

namespace kyosei {
namespace {

using hdf5::Failure;
using hdf5::has_attribute;
using hdf5::number_attribute;
using hdf5::open_scalar_attribute;
using hdf5::text_attribute;
using Id = hdf5::Handle;

// The length of a one-dimensional dataset (the first extent of any other).
std::int64_t dataset_length(hid_t file, const std::string& path) {
  const Id dataset{H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, "no dataset " + path};
  const Id space{H5Dget_space(dataset.get()), H5Sclose, "cannot read the shape of " + path};
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 1) throw Failure(path + " is not an array");
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
    const auto [attribute, type_class] = open_scalar_attribute(object, name);
    if (type_class != H5T_INTEGER && type_class != H5T_FLOAT) return 0;
    double value = 0;
    if (H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &value) >= 0) visit->out->emplace_back(visit->prefix + name, value);
  } catch (const Failure&) {
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
  if (!std::filesystem::exists(status)) throw Failure("no such file");
  if (std::filesystem::is_directory(status)) throw Failure("is a directory, not a result file");
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 == 0) throw Failure("not an HDF5 file (expected a kyosei result file)");
  if (is_hdf5 < 0) throw Failure("cannot be read (permissions?)");
  const Id file{H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                "cannot be opened as HDF5 (damaged or truncated?)"};
  const hid_t f = file.get();

  ResultHeader h;
  if (!has_attribute(f, "format_version")) throw Failure("no format_version attribute: not a kyosei result file");
  h.format_version = number_attribute<int>(f, "format_version");
  if (h.format_version != kResultFormatVersion)
    throw Failure("format_version " + std::to_string(h.format_version) +
                  " is not supported (this kyosei reads format_version " + std::to_string(kResultFormatVersion) +
                  "); read it with the kyosei that wrote it");
  if (!has_attribute(f, "complete")) throw Failure("no complete attribute: not a finished kyosei result file");
  h.provenance.complete = number_attribute<int>(f, "complete") != 0;
  h.recorded_days = dataset_length(f, "series/day");
  if (!h.provenance.complete && !allow_incomplete)
    throw Failure("incomplete result (complete=0): the run was stopped after " + std::to_string(h.recorded_days) +
                  " recorded days, before its horizon; rerun it to the end, or read what it holds with "
                  "--allow-incomplete (allow_incomplete=True in Python)");

  Provenance& p = h.provenance;
  p.software = text_attribute(f, "software");
  if (p.software != "kyosei") throw Failure("written by '" + p.software + "', not by kyosei");
  p.version = text_attribute(f, "version");
  p.git_commit = text_attribute(f, "git_commit");
  p.date = text_attribute(f, "date");
  p.seed = number_attribute<std::uint64_t>(f, "seed");
  p.replicate = number_attribute<std::uint32_t>(f, "replicate");
  p.threads = number_attribute<int>(f, "threads");
  p.scenario_name = text_attribute(f, "scenario_name");
  p.scenario_text = text_attribute(f, "scenario");
  if (has_attribute(f, "overrides")) p.overrides = text_attribute(f, "overrides");
  h.episodes = dataset_length(f, "episodes/onset_day");
  h.agencies = dataset_length(f, "agencies/name");
  read_summary(f, h);
  return h;
}

}  // namespace

ResultHeader read_result_header(const std::string& path, bool allow_incomplete) {
  const hdf5::QuietErrors quiet;
  try {
    return read_header(path, allow_incomplete);
  } catch (const Failure& e) {
    throw OutputError(path + ": " + e.what());
  }
}

}  // namespace kyosei
