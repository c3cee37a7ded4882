// Run plans (sweep.hpp): seeds, run ids, fingerprints, the largest-first order, and the summary
// metrics as one flat row.
#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <numeric>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/analysis/summary_fields.hpp"
#include "kyosei/ensemble/sweep.hpp"
#include "kyosei/version.hpp"

namespace kyosei {
namespace {

// FNV-1a, 64 bits: the fingerprint of a run's inputs.
class Fingerprint {
public:
  void bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) hash_ = (hash_ ^ p[i]) * 0x100000001b3ull;
  }
  void text(std::string_view s) {
    number(static_cast<std::uint64_t>(s.size()));
    bytes(s.data(), s.size());
  }
  void number(std::uint64_t x) { bytes(&x, sizeof x); }
  void number(double x) { number(std::bit_cast<std::uint64_t>(x)); }
  std::uint64_t value() const { return hash_; }

private:
  std::uint64_t hash_ = 0xcbf29ce484222325ull;
};

std::uint64_t run_fingerprint(const Scenario& s, std::uint64_t seed, std::uint32_t replicate) {
  Fingerprint f;
  f.text(kVersion);
  f.text(kGitCommit);
  for (const ParamSpec& spec : parameter_table()) {
    f.text(spec.path);
    f.number(spec.get(s));
  }
  for (const Scenario::PolicyChange& change : s.timeline) {
    f.number(static_cast<std::uint64_t>(change.day));
    f.text(change.key);
    f.number(change.value);
  }
  f.number(seed);
  f.number(static_cast<std::uint64_t>(replicate));
  return f.value();
}

std::string padded(std::size_t value, std::size_t width) {
  std::string digits = std::to_string(value);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

std::vector<MetricColumn> make_metric_columns() {
  std::vector<MetricColumn> columns;
  const auto group = [&](const std::string& prefix, const std::string& which) {
#define KYOSEI_COLUMN(name, unit, meaning) \
  columns.push_back({prefix + "." #name, unit, std::string(meaning) + " (" + which + ")"});
    KYOSEI_DETECTION_FIELDS(KYOSEI_COLUMN)
#undef KYOSEI_COLUMN
  };
  group("overall", "all needs");
  for (std::string_view field : kFieldNames)
    group("by_field." + std::string(field), "needs of the " + std::string(field) + " field");
  group("no_compound", "needs in households without a compound tag");
  for (std::string_view tag : kCompoundTagNames)
    group("by_compound." + std::string(tag), "needs in " + std::string(tag) + " households");
#define KYOSEI_COLUMN(name, unit, meaning) columns.push_back({#name, unit, meaning});
  KYOSEI_SUMMARY_SCALARS(KYOSEI_COLUMN)
#undef KYOSEI_COLUMN
  return columns;
}

void flatten(const DetectionEstimate& e, std::vector<double>& out) {
#define KYOSEI_VALUE(name, unit, meaning) out.push_back(static_cast<double>(e.name));
  KYOSEI_DETECTION_FIELDS(KYOSEI_VALUE)
#undef KYOSEI_VALUE
}

void unflatten(std::span<const double> values, std::size_t& at, DetectionEstimate& e) {
#define KYOSEI_VALUE(name, unit, meaning) e.name = static_cast<decltype(e.name)>(values[at++]);
  KYOSEI_DETECTION_FIELDS(KYOSEI_VALUE)
#undef KYOSEI_VALUE
}

}  // namespace

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

std::uint64_t derive_seed(std::uint64_t sweep_seed, std::uint64_t stream, std::uint64_t replicate) {
  return splitmix64(splitmix64(splitmix64(sweep_seed) ^ stream) ^ replicate);
}

std::string sanitize_name(std::string_view name, std::size_t max) {
  std::string out;
  for (const char c : name) {
    if (out.size() >= max) break;
    const bool plain =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    out += plain ? c : '_';
  }
  if (out.find_first_not_of('_') == std::string::npos) return {};
  return out;
}

void add_runs(RunPlan& plan, const std::string& id_prefix, const std::vector<std::string>& id_suffixes,
              const std::function<std::uint64_t(std::size_t)>& stream_of_variant) {
  if (plan.replicates < 1) throw UsageError("a plan needs at least one replicate");
  const std::size_t variants = plan.variants.size();
  const auto digits = [](std::size_t n) { return std::to_string(n == 0 ? 0 : n - 1).size(); };
  const std::size_t variant_width = std::max<std::size_t>(4, digits(variants));
  const std::size_t replicate_width = std::max<std::size_t>(2, digits(static_cast<std::size_t>(plan.replicates)));
  plan.runs.clear();
  plan.runs.reserve(variants * static_cast<std::size_t>(plan.replicates));
  for (std::size_t v = 0; v < variants; ++v) {
    const Scenario& s = plan.variants[v].scenario;
    const std::string suffix = v < id_suffixes.size() ? sanitize_name(id_suffixes[v]) : std::string();
    for (int r = 0; r < plan.replicates; ++r) {
      PlannedRun run;
      run.variant = v;
      run.replicate = static_cast<std::uint32_t>(r);
      run.seed = derive_seed(plan.seed, stream_of_variant(v), run.replicate);
      run.id = sanitize_name(id_prefix, 8) + padded(v, variant_width) + (suffix.empty() ? "" : "-" + suffix) + "_r" +
               padded(run.replicate, replicate_width);
      run.fingerprint = run_fingerprint(s, run.seed, run.replicate);
      run.cost =
          static_cast<double>(s.population.residents) * static_cast<double>(s.run.horizon_days + s.run.burn_in_days);
      plan.runs.push_back(std::move(run));
    }
  }
}

std::vector<std::size_t> largest_first(const RunPlan& plan) {
  std::vector<std::size_t> order(plan.runs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return plan.runs[a].cost > plan.runs[b].cost; });
  return order;
}

const std::vector<MetricColumn>& metric_columns() {
  static const std::vector<MetricColumn> columns = make_metric_columns();
  return columns;
}

std::vector<double> flatten_summary(const Summary& s) {
  std::vector<double> out;
  out.reserve(metric_columns().size());
  flatten(s.overall, out);
  for (const auto& e : s.by_field) flatten(e, out);
  flatten(s.no_compound, out);
  for (const auto& e : s.by_compound) flatten(e, out);
#define KYOSEI_VALUE(name, unit, meaning) out.push_back(static_cast<double>(s.name));
  KYOSEI_SUMMARY_SCALARS(KYOSEI_VALUE)
#undef KYOSEI_VALUE
  return out;
}

Summary unflatten_summary(std::span<const double> values) {
  if (values.size() != metric_columns().size())
    throw UsageError("a summary row has " + std::to_string(values.size()) + " values, expected " +
                     std::to_string(metric_columns().size()));
  Summary s;
  std::size_t at = 0;
  unflatten(values, at, s.overall);
  for (auto& e : s.by_field) unflatten(values, at, e);
  unflatten(values, at, s.no_compound);
  for (auto& e : s.by_compound) unflatten(values, at, e);
#define KYOSEI_VALUE(name, unit, meaning) s.name = static_cast<decltype(s.name)>(values[at++]);
  KYOSEI_SUMMARY_SCALARS(KYOSEI_VALUE)
#undef KYOSEI_VALUE
  return s;
}

std::string format_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace kyosei
