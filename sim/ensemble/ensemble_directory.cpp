// An ensemble's output directory (sweep.hpp): the manifest of finished runs, resumption, and the
// summary tables made from the manifest.
//
// DIR/manifest.csv has a header row, then one line per finished run, appended with a single
// write() and flushed to disk (fdatasync) as each run finishes, after its HDF5 file was renamed
// into place:
//   index,run_id,fingerprint,seed,replicate,wall_s,worker,peak_memory_mib,threads,<metric_columns()>
// wall_s, worker (thread or rank), peak_memory_mib and threads are the run's resource use, copied
// to DIR/resources.csv; they differ from one execution to the next, so the summary leaves them out
// and stays the same byte for byte. peak_memory_mib is the peak resident memory of the process
// that ran the run, its high-water mark reset before the run where the process runs one run at a
// time (kyosei sweep --threads 1, with or without --shard; every rank of kyosei-mpi): the run's
// own peak. With several runs at once in one process (--threads N) it is the process's peak until
// the run finished, which includes the runs beside it and before it.
// A run counts as finished when its line has every field, its run id is in the plan with the same
// fingerprint, and DIR/runs/<run_id>.h5 exists. A line cut short by a crash is ignored (and the
// next line starts on a line of its own); temporary files of result files whose write was cut
// short are removed when an ensemble starts. Numbers are written as the shortest text that reads
// back to the same double, so a summary made from the manifest equals one made from the runs.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unordered_map>

#include "kyosei/engine/errors.hpp"
#include "kyosei/ensemble/region.hpp"
#include "kyosei/ensemble/sweep.hpp"
#include "summary_hdf5.hpp"

namespace kyosei {
namespace {

namespace fs = std::filesystem;

std::string manifest_header() {
  std::string header = "index,run_id,fingerprint,seed,replicate,wall_s,worker,peak_memory_mib,threads";
  for (const MetricColumn& c : metric_columns()) header += "," + c.name;
  return header;
}

std::string hex(std::uint64_t x) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(x));
  return buffer;
}

bool parse_double(std::string_view text, double& value) {
  if (text == "NaN" || text == "nan") return value = NAN, true;
  if (text == "inf") return value = INFINITY, true;
  if (text == "-inf") return value = -INFINITY, true;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && end == text.data() + text.size() && error == std::errc{};
}

template <class T>
bool parse_unsigned(std::string_view text, T& value, int base = 10) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  return !text.empty() && end == text.data() + text.size() && error == std::errc{};
}

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(line.substr(start, comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

struct Entry {
  std::string id;
  std::uint64_t fingerprint = 0;
  RunRecord record;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The complete, well-formed lines of one manifest. Throws OutputError when its header is not the
// one this kyosei writes (another version, with other summary numbers).
std::vector<Entry> read_manifest(const fs::path& path, bool force) {
  std::vector<Entry> entries;
  const std::string text = slurp(path);
  if (text.empty()) return entries;
  const std::string header = manifest_header();
  const std::size_t columns = metric_columns().size();
  std::size_t start = 0;
  bool first = true;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // cut short by a crash: not a finished run
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    if (first) {
      first = false;
      if (line != header) {
        if (force) return {};
        throw OutputError(path.string() +
                          ": written by another version of kyosei (its columns differ); use --force to start over");
      }
      continue;
    }
    const auto fields = split(line);
    constexpr std::size_t kFirstMetric = 9;
    if (fields.size() != kFirstMetric + columns) continue;
    Entry e;
    e.id = std::string(fields[1]);
    bool ok = parse_unsigned(fields[0], e.record.run) && parse_unsigned(fields[2], e.fingerprint, 16) &&
              parse_double(fields[5], e.record.wall_s) && parse_unsigned(fields[6], e.record.worker) &&
              parse_double(fields[7], e.record.peak_memory_mib) && parse_unsigned(fields[8], e.record.threads);
    e.record.metrics.resize(columns);
    for (std::size_t c = 0; ok && c < columns; ++c) ok = parse_double(fields[kFirstMetric + c], e.record.metrics[c]);
    if (ok) entries.push_back(std::move(e));
  }
  return entries;
}

std::vector<fs::path> manifests_in(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.starts_with("manifest") && name.ends_with(".csv")) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Files of DIR/runs: the result files (".h5") and the temporary files of writes that a killed
// process left ("<id>.h5.tmp-<pid>").
void remove_run_files(const fs::path& dir, bool results) {
  std::error_code ec;
  const fs::path runs = dir / "runs";
  if (!fs::is_directory(runs, ec)) return;
  std::vector<fs::path> doomed;
  for (const auto& entry : fs::directory_iterator(runs, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && ((results && name.ends_with(".h5")) || name.find(".h5.tmp-") != std::string::npos))
      doomed.push_back(entry.path());
  }
  for (const fs::path& p : doomed) fs::remove(p, ec);
}

// --force: the files an ensemble writes, and nothing else.
void remove_ensemble_files(const fs::path& dir) {
  std::error_code ec;
  for (const fs::path& m : manifests_in(dir)) fs::remove(m, ec);
  for (const char* name : {"summary.csv", "summary.h5", "resources.csv", "total.csv", "sensitivity.csv"})
    fs::remove(dir / name, ec);
  remove_run_files(dir, true);
}

void write_all(int fd, std::string_view data, const std::string& what) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw OutputError("cannot write " + what + ": " + std::strerror(errno));
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

std::string csv_text(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos &&
      (text.empty() || (text.front() != ' ' && text.back() != ' ')))
    return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

namespace {

// The open, locked manifest this process appends to.
class ManifestWriter {
public:
  ManifestWriter(const fs::path& path) : path_(path.string()) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) throw OutputError("cannot open " + path_ + ": " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd_);
      throw OutputError(manifest_lock_error(path_, error));
    }
    const std::string existing = slurp(path);
    if (existing.empty())
      append(manifest_header() + "\n");
    else if (existing.back() != '\n')
      append("\n");  // a line cut short stays on its own
  }
  ~ManifestWriter() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  ManifestWriter(const ManifestWriter&) = delete;
  ManifestWriter& operator=(const ManifestWriter&) = delete;

  void append(const std::string& line) {
    write_all(fd_, line, path_);
    if (::fdatasync(fd_) != 0 && errno != EINVAL)
      throw OutputError("cannot flush " + path_ + ": " + std::strerror(errno));
  }

  void record(const RunPlan& plan, const RunRecord& r) {
    const PlannedRun& run = plan.runs[r.run];
    std::string line;
    for (const std::string& field : {std::to_string(r.run), run.id, hex(run.fingerprint), std::to_string(run.seed),
                                     std::to_string(run.replicate), format_number(r.wall_s), std::to_string(r.worker),
                                     format_number(r.peak_memory_mib), std::to_string(r.threads)}) {
      line += field;
      line += ',';
    }
    for (const double v : r.metrics) {
      line += format_number(v);
      line += ',';
    }
    line.back() = '\n';
    append(line);
  }

private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace

std::string manifest_path(const std::string& directory, int shard, int shards) {
  const fs::path dir(directory);
  if (shards > 1) return (dir / ("manifest.shard-" + std::to_string(shard) + ".csv")).string();
  return (dir / "manifest.csv").string();
}

std::string manifest_lock_error(const std::string& manifest, int error) {
  if (error == EWOULDBLOCK)
    return manifest + " is locked: another kyosei is running this ensemble in the same directory";
  if (error == ENOSYS || error == EOPNOTSUPP || error == ENOLCK)
    return "cannot lock " + manifest + " (" + std::strerror(error) + "): its file system does not offer flock, which " +
           "keeps two kyosei processes from writing one ensemble (some Lustre and NFS mounts; Lustre's mount option " +
           "flock enables it); write the ensemble to a file system that offers it";
  return "cannot lock " + manifest + ": " + std::strerror(error);
}

std::string run_directory(const std::string& directory) { return (fs::path(directory) / "runs").string(); }

void write_text_file(const std::string& path, const std::string& text) {
  const fs::path temporary = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(temporary, ec);
      throw OutputError("cannot write " + path);
    }
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw OutputError("cannot rename " + temporary.string() + ": " + ec.message());
  }
}

namespace {

std::vector<const RunRecord*> in_plan_order(const std::vector<RunRecord>& records) {
  std::vector<const RunRecord*> sorted;
  for (const RunRecord& r : records) sorted.push_back(&r);
  std::sort(sorted.begin(), sorted.end(), [](const RunRecord* a, const RunRecord* b) { return a->run < b->run; });
  return sorted;
}

}  // namespace

std::string summary_csv(const RunPlan& plan, const std::vector<RunRecord>& records) {
  const std::vector<const RunRecord*> sorted = in_plan_order(records);
  std::ostringstream out;
  out << "run_id,variant";
  for (const PlanColumn& c : plan.columns) out << ',' << csv_text(c.name);
  out << ",replicate,seed";
  for (const MetricColumn& c : metric_columns()) out << ',' << c.name;
  out << '\n';
  for (const RunRecord* r : sorted) {
    const PlannedRun& run = plan.runs.at(r->run);
    const Variant& variant = plan.variants[run.variant];
    out << run.id << ',' << run.variant;
    for (std::size_t c = 0; c < plan.columns.size(); ++c) {
      const PlanCell& cell = variant.cells[c];
      out << ','
          << (plan.columns[c].text      ? csv_text(cell.text)
              : std::isnan(cell.number) ? std::string()
                                        : format_number(cell.number));
    }
    out << ',' << run.replicate << ',' << run.seed;
    for (const double v : r->metrics) out << ',' << format_number(v);
    out << '\n';
  }
  return out.str();
}

std::string resources_csv(const RunPlan& plan, const std::vector<RunRecord>& records) {
  const std::vector<const RunRecord*> sorted = in_plan_order(records);
  std::ostringstream out;
  out << "run_id,wall_s,peak_memory_mib,threads,worker\n";
  for (const RunRecord* r : sorted)
    out << plan.runs.at(r->run).id << ',' << format_number(r->wall_s) << ',' << format_number(r->peak_memory_mib) << ','
        << r->threads << ',' << r->worker << '\n';
  return out.str();
}

EnsembleReport run_ensemble(const RunPlan& plan, const EnsembleOptions& options, Executor& executor) {
  const auto start = std::chrono::steady_clock::now();
  if (options.directory.empty()) throw UsageError("an ensemble needs an output directory (-o DIR)");
  if (options.shards < 1 || options.shard < 0 || options.shard >= options.shards)
    throw UsageError("shard " + std::to_string(options.shard) + " of " + std::to_string(options.shards) +
                     " (expected 0 <= shard < shards)");
  if (options.force && options.shards > 1)
    throw UsageError("--force with --shard would let each shard erase the others' results; clear the directory first");
  const fs::path dir(options.directory);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw OutputError(options.directory + ": exists and is not a directory");
  if (options.force) {
    remove_ensemble_files(dir);
  } else if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec) && manifests_in(dir).empty()) {
    throw OutputError(
        options.directory +
        ": exists and holds no kyosei manifest; use --force to write into it, or an empty or new directory");
  }
  fs::create_directories(dir / "runs", ec);
  if (ec) throw OutputError("cannot create " + (dir / "runs").string() + ": " + ec.message());

  ManifestWriter writer(manifest_path(options.directory, options.shard, options.shards));
  // Holding the manifest's lock, and before any run starts, nothing of this ensemble is being
  // written: temporary files are what killed processes left. (Shards run side by side and leave
  // them to the final call without --shard.)
  if (options.shards == 1) remove_run_files(dir, false);

  // What has finished, from every manifest of DIR (the shards' too).
  std::unordered_map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < plan.runs.size(); ++i) by_id.emplace(plan.runs[i].id, i);
  std::vector<std::optional<RunRecord>> done(plan.runs.size());
  const std::string runs_dir = run_directory(options.directory);
  for (const fs::path& manifest : manifests_in(dir)) {
    for (Entry& e : read_manifest(manifest, options.force)) {
      const auto found = by_id.find(e.id);
      if (found == by_id.end()) continue;  // a run of a larger plan
      const PlannedRun& run = plan.runs[found->second];
      if (e.fingerprint != run.fingerprint)
        throw OutputError(manifest.string() + ": run " + e.id +
                          " was made with other parameters, seeds or kyosei version " + "than this " + plan.kind +
                          " asks for; use --force to start over, or another directory");
      if (!fs::exists(fs::path(runs_dir) / (e.id + ".h5"), ec)) continue;  // its file was removed: run it again
      e.record.run = found->second;
      if (!done[found->second]) done[found->second] = std::move(e.record);
    }
  }

  EnsembleReport report;
  report.runs = plan.runs.size();
  report.previously =
      static_cast<std::size_t>(std::count_if(done.begin(), done.end(), [](const auto& d) { return d.has_value(); }));
  std::vector<std::size_t> pending;
  const std::vector<std::size_t> order = largest_first(plan);
  for (std::size_t position = 0; position < order.size(); ++position)
    if (!done[order[position]] &&
        static_cast<int>(position % static_cast<std::size_t>(options.shards)) == options.shard)
      pending.push_back(order[position]);

  std::size_t finished = report.previously;
  executor.execute(plan, pending, runs_dir, options.execute, [&](RunRecord&& r) {
    writer.record(plan, r);
    const std::size_t run = r.run;
    if (!done[run]) ++finished;
    done[run] = std::move(r);
    ++report.finished;
    if (options.progress) options.progress(finished, plan.runs.size(), *done[run]);
  });

  report.done = finished;
  report.complete = report.done == plan.runs.size() && options.shards == 1;
  if (report.complete) {
    std::vector<RunRecord> records;
    for (auto& d : done) records.push_back(*d);
    write_text_file((dir / "summary.csv").string(), summary_csv(plan, records));
    report.written.push_back((dir / "summary.csv").string());
    ensemble::write_summary_hdf5((dir / "summary.h5").string(), plan, records);
    report.written.push_back((dir / "summary.h5").string());
    write_text_file((dir / "resources.csv").string(), resources_csv(plan, records));
    report.written.push_back((dir / "resources.csv").string());
    if (plan.kind == "region") {
      write_text_file((dir / "total.csv").string(), region_totals_csv(plan, records));
      report.written.push_back((dir / "total.csv").string());
    }
    report.records = std::move(records);
  }
  report.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace kyosei
