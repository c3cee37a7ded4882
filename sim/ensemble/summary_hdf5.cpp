// The ensemble's summary table as HDF5 (summary_hdf5.hpp).
#include "summary_hdf5.hpp"

#include <algorithm>
#include <map>

#include "../io/hdf5_attributes.hpp"
#include "kyosei/ensemble/region.hpp"
#include "kyosei/version.hpp"

namespace kyosei::ensemble {
namespace {

using hdf5::check;
using hdf5::Handle;
using hdf5::set_attribute;
using hdf5::string_type;

constexpr int kFormatVersion = 1;

// One column: compressed when it has values; no modification times, so that the same table
// gives the same bytes.
void column(hid_t group, const std::string& name, hid_t type, std::size_t n, const void* data, const std::string& unit,
            const std::string& description) {
  const hsize_t dims[1] = {n};
  const Handle space{H5Screate_simple(1, dims, nullptr), H5Sclose, "cannot create a dataspace"};
  const Handle properties{H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "cannot create properties"};
  check(H5Pset_obj_track_times(properties.get(), false), "cannot turn off times");
  if (n > 0) {
    const hsize_t chunk[1] = {std::min<hsize_t>(n, 65536)};
    check(H5Pset_chunk(properties.get(), 1, chunk), "cannot set chunks");
    check(H5Pset_deflate(properties.get(), 4), "cannot set gzip");
  }
  const Handle dataset{H5Dcreate2(group, name.c_str(), type, space.get(), H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                       H5Dclose, "cannot create dataset " + name};
  if (n > 0) check(H5Dwrite(dataset.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "cannot write dataset " + name);
  set_attribute(dataset.get(), "unit", unit);
  set_attribute(dataset.get(), "description", description);
}

void numbers(hid_t group, const std::string& name, const std::vector<double>& values, const std::string& unit,
             const std::string& description) {
  column(group, name, H5T_NATIVE_DOUBLE, values.size(), values.data(), unit, description);
}

void texts(hid_t group, const std::string& name, const std::vector<std::string>& values, const std::string& unit,
           const std::string& description) {
  std::vector<const char*> pointers;
  for (const std::string& v : values) pointers.push_back(v.c_str());
  const Handle type = string_type();
  column(group, name, type.get(), values.size(), pointers.data(), unit, description);
}

Handle group(hid_t parent, const std::string& name) {
  const Handle properties{H5Pcreate(H5P_GROUP_CREATE), H5Pclose, "cannot create properties"};
  check(H5Pset_obj_track_times(properties.get(), false), "cannot turn off times");
  return {H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, properties.get(), H5P_DEFAULT), H5Gclose,
          "cannot create group " + name};
}

void write_runs(hid_t root, const RunPlan& plan, const std::vector<RunRecord>& records) {
  const Handle g = group(root, "runs");
  std::vector<std::string> ids;
  std::vector<std::int64_t> variants;
  std::vector<std::uint32_t> replicates;
  std::vector<std::uint64_t> seeds;
  for (const RunRecord& r : records) {
    const PlannedRun& run = plan.runs[r.run];
    ids.push_back(run.id);
    variants.push_back(static_cast<std::int64_t>(run.variant));
    replicates.push_back(run.replicate);
    seeds.push_back(run.seed);
  }
  texts(g.get(), "run_id", ids, "name", "Run id: the file runs/<run_id>.h5");
  column(g.get(), "variant", H5T_NATIVE_INT64, variants.size(), variants.data(), "index",
         "Variant (scenario) of the plan");
  for (std::size_t c = 0; c < plan.columns.size(); ++c) {
    const PlanColumn& pc = plan.columns[c];
    if (pc.text) {
      std::vector<std::string> values;
      for (const RunRecord& r : records) values.push_back(plan.variants[plan.runs[r.run].variant].cells[c].text);
      texts(g.get(), pc.name, values, pc.unit, pc.meaning);
    } else {
      std::vector<double> values;
      for (const RunRecord& r : records) values.push_back(plan.variants[plan.runs[r.run].variant].cells[c].number);
      numbers(g.get(), pc.name, values, pc.unit, pc.meaning);
    }
  }
  column(g.get(), "replicate", H5T_NATIVE_UINT32, replicates.size(), replicates.data(), "index", "Replicate");
  column(g.get(), "seed", H5T_NATIVE_UINT64, seeds.size(), seeds.data(), "-", "Seed of the run (kyosei run --seed)");
  const auto& metrics = metric_columns();
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    std::vector<double> values;
    for (const RunRecord& r : records) values.push_back(r.metrics[m]);
    numbers(g.get(), metrics[m].name, values, metrics[m].unit, metrics[m].meaning);
  }
}

void write_totals(hid_t root, const RunPlan& plan, const std::vector<RunRecord>& records) {
  std::map<std::uint32_t, std::vector<const RunRecord*>> by_replicate;
  for (const RunRecord& r : records) by_replicate[plan.runs[r.run].replicate].push_back(&r);
  std::vector<double> replicate, municipalities, residents;
  std::vector<std::vector<double>> rows;
  for (const auto& [rep, list] : by_replicate) {
    std::vector<Summary> parts;
    std::vector<double> people;
    for (const RunRecord* r : list) {
      parts.push_back(unflatten_summary(r->metrics));
      people.push_back(static_cast<double>(plan.variants[plan.runs[r->run].variant].scenario.population.residents));
    }
    double total = 0;
    for (double p : people) total += p;
    replicate.push_back(rep);
    municipalities.push_back(static_cast<double>(list.size()));
    residents.push_back(total);
    rows.push_back(flatten_summary(aggregate_summaries(parts, people)));
  }
  const Handle g = group(root, "total");
  numbers(g.get(), "replicate", replicate, "index", "Replicate");
  numbers(g.get(), "municipalities", municipalities, "municipality", "Municipalities in the total");
  numbers(g.get(), "residents", residents, "person", "Residents at the start, summed");
  const auto& metrics = metric_columns();
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    std::vector<double> values;
    for (const auto& row : rows) values.push_back(row[m]);
    numbers(g.get(), metrics[m].name, values, metrics[m].unit, metrics[m].meaning + "; region total (region.hpp)");
  }
}

void write_file(const std::string& name, const RunPlan& plan, const std::vector<RunRecord>& records) {
  const Handle access{H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "cannot create file properties"};
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), "cannot set the format version");
  check(H5Pset_fclose_degree(access.get(), H5F_CLOSE_SEMI), "cannot set the close degree");
  Handle file{H5Fcreate(name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.get()), H5Fclose, "cannot create " + name};
  const hid_t root = file.get();
  set_attribute(root, "software", std::string("kyosei"));
  set_attribute(root, "version", std::string(kVersion));
  set_attribute(root, "git_commit", std::string(kGitCommit));
  set_attribute(root, "kind", plan.kind);
  set_attribute(root, "name", plan.name);
  set_attribute(root, "seed", plan.seed);
  set_attribute(root, "seeds", std::string(plan.seeds == SeedMode::common ? "common" : "independent"));
  set_attribute(root, "replicates", std::int32_t{plan.replicates});
  set_attribute(root, "runs", static_cast<std::int64_t>(records.size()));
  set_attribute(root, "source", plan.source_text);
  set_attribute(root, "format_version", std::int32_t{kFormatVersion});
  write_runs(root, plan, records);
  if (plan.kind == "region") write_totals(root, plan, records);
  file.close("cannot close " + name);
}

}  // namespace

void write_summary_hdf5(const std::string& path, const RunPlan& plan, const std::vector<RunRecord>& records) {
  hdf5::write_then_rename(path, [&](const std::string& temporary) { write_file(temporary, plan, records); });
}

}  // namespace kyosei::ensemble
