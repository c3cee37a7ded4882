// Regions (region.hpp): municipalities from a CSV or an inline list, each a variant of a run plan
// with its population, staffing scaled to it and its adoption year as a timeline; the region's
// total from the municipalities' summaries.
#include "kyosei/ensemble/region.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/analysis/summary_fields.hpp"
#include "yaml_support.hpp"

namespace kyosei {
namespace {

using namespace ensemble;

constexpr int kFirstYear = 1900, kLastYear = 2200;

// ---- CSV ------------------------------------------------------------------------------------

struct CsvField {
  std::string text;
  Where at;
};

// RFC 4180 records: quoted fields with "" for a quote, CRLF or LF line ends. Blank lines and lines
// starting with '#' are skipped. Columns count UTF-8 characters, as the YAML readers do.
std::vector<std::vector<CsvField>> parse_csv(std::string_view text, const std::string& file) {
  std::vector<std::vector<CsvField>> records;
  std::vector<CsvField> record;
  Where at{1, 1};
  std::size_t i = 0;
  const auto advance = [&](char c) {
    if (c == '\n')
      at = {at.line + 1, 1};
    else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      ++at.column;
  };
  while (i < text.size()) {
    if (record.empty() && (text[i] == '#' || text[i] == '\n' || text[i] == '\r')) {  // comment or blank line
      while (i < text.size() && text[i] != '\n') advance(text[i++]);
      if (i < text.size()) advance(text[i++]);
      continue;
    }
    CsvField field{{}, at};
    if (text[i] == '"') {
      advance(text[i++]);
      for (;;) {
        if (i >= text.size()) fail(file, field.at, "", "a quoted field without its closing quote");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.text += '"';
            advance(text[i++]);
            advance(text[i++]);
            continue;
          }
          advance(text[i++]);
          break;
        }
        field.text += text[i];
        advance(text[i++]);
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
        fail(file, at, "", "text after a quoted field (expected a comma or the end of the line)");
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        field.text += text[i];
        advance(text[i++]);
      }
    }
    record.push_back(std::move(field));
    if (i < text.size() && text[i] == ',') {
      advance(text[i++]);
      if (i >= text.size() || text[i] == '\n' || text[i] == '\r')
        record.push_back({{}, at});
      else
        continue;
    }
    if (i < text.size() && text[i] == '\r') advance(text[i++]);
    if (i < text.size() && text[i] == '\n') advance(text[i++]);
    records.push_back(std::move(record));
    record.clear();
  }
  if (!record.empty()) records.push_back(std::move(record));
  return records;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::int64_t csv_integer(const CsvField& f, const std::string& file, const std::string& column, std::int64_t min,
                         std::int64_t max) {
  const std::string text = trimmed(f.text);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string expected = " (expected an integer from " + std::to_string(min) + " to " + std::to_string(max) + ")";
  if (text.empty() || end != text.data() + text.size() || error != std::errc{})
    fail(file, f.at, column, "'" + f.text + "' is not an integer" + expected);
  if (value < min || value > max) fail(file, f.at, column, "value " + text + " out of range" + expected);
  return value;
}

double csv_share(const CsvField& f, const std::string& file, const std::string& column) {
  const std::string text = trimmed(f.text);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || end != text.data() + text.size() || error != std::errc{} || !(value >= 0 && value <= 1))
    fail(file, f.at, column, "'" + f.text + "' is not a share (expected a number from 0 to 1)");
  return value;
}

std::int64_t population_limit(bool max) {
  const ParamSpec* spec = find_parameter("population.residents");
  return static_cast<std::int64_t>(max ? spec->max : spec->min);
}

// Names are unique: they identify the rows of the tables.
void check_unique(const std::vector<Municipality>& list, const std::vector<Where>& at, const std::string& file,
                  const std::string& key) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto [earlier, inserted] = seen.emplace(list[i].name, i);
    if (!inserted)
      fail(file, at[i], key,
           "municipality '" + list[i].name + "' is listed twice (first at line " +
               std::to_string(at[earlier->second].line) + ")");
  }
}

// ---- aggregation ----------------------------------------------------------------------------

class WeightedMean {
public:
  void add(double value, double weight) {
    if (!std::isfinite(value) || !(weight > 0)) return;
    sum_ += value * weight;
    weight_ += weight;
  }
  double value() const { return weight_ > 0 ? sum_ / weight_ : NAN; }

private:
  double sum_ = 0, weight_ = 0;
};

// How each KYOSEI_DETECTION_FIELDS entry of a group adds up: counts are summed, shares of
// detected needs weighted by the group's detected needs, the rest by its episodes.
enum class GroupRule { sum, by_episodes, by_detected };

GroupRule group_rule_of(std::string_view name) {
  static const std::map<std::string_view, GroupRule> rules = {
      {"episodes", GroupRule::sum},
      {"detected", GroupRule::sum},
      {"detection_events", GroupRule::sum},
      {"crisis_events", GroupRule::sum},
      {"contact_365", GroupRule::by_episodes},
      {"detection_30", GroupRule::by_episodes},
      {"detection_90", GroupRule::by_episodes},
      {"detection_365", GroupRule::by_episodes},
      {"detection_365_lower", GroupRule::by_episodes},
      {"detection_365_upper", GroupRule::by_episodes},
      {"detection_median_days", GroupRule::by_episodes},
      {"crisis_365", GroupRule::by_episodes},
      {"death_365", GroupRule::by_episodes},
      {"engagement_365", GroupRule::by_episodes},
      {"engagement_median_days", GroupRule::by_episodes},
      {"resolution_365", GroupRule::by_episodes},
      {"median_days", GroupRule::by_episodes},
      {"rmst_days", GroupRule::by_episodes},
      {"within_30", GroupRule::by_episodes},
      {"within_90", GroupRule::by_episodes},
      {"within_365", GroupRule::by_episodes},
      {"crisis_share", GroupRule::by_detected},
  };
  const auto found = rules.find(name);
  if (found == rules.end())
    throw UsageError("no aggregation rule for the detection number " + std::string(name) + " (add one in region.cpp)");
  return found->second;
}

template <class T>
T aggregate_field(std::string_view name, const std::vector<const DetectionEstimate*>& parts,
                  T DetectionEstimate::*member) {
  const GroupRule rule = group_rule_of(name);
  if (rule == GroupRule::sum) {
    T total{};
    for (const DetectionEstimate* e : parts) total += e->*member;
    return total;
  }
  WeightedMean mean;
  for (const DetectionEstimate* e : parts)
    mean.add(static_cast<double>(e->*member),
             static_cast<double>(rule == GroupRule::by_episodes ? e->episodes : e->detected));
  return static_cast<T>(mean.value());
}

DetectionEstimate aggregate(const std::vector<const DetectionEstimate*>& parts) {
  DetectionEstimate total;
#define KYOSEI_AGGREGATE(name, unit, meaning) total.name = aggregate_field(#name, parts, &DetectionEstimate::name);
  KYOSEI_DETECTION_FIELDS(KYOSEI_AGGREGATE)
#undef KYOSEI_AGGREGATE
  return total;
}

// How each KYOSEI_SUMMARY_SCALARS entry adds up over municipalities.
enum class Rule { sum, by_residents, by_episodes, by_detected, by_compound_detected, by_solitary_deaths };

Rule rule_of(std::string_view name) {
  static const std::map<std::string_view, Rule> rules = {
      {"mean_isolation_residents", Rule::by_residents},
      {"mean_isolation_households", Rule::by_residents},
      {"share_bounced", Rule::by_episodes},
      {"share_crisis", Rule::by_detected},
      {"mean_hops", Rule::by_detected},
      {"refusals", Rule::sum},
      {"dropoffs", Rule::sum},
      {"mean_wait_days", Rule::by_detected},
      {"compound_coverage_days", Rule::by_compound_detected},
      {"mean_monitoring_cases", Rule::sum},
      {"caseload_per_worker", Rule::by_residents},
      {"mean_coordinator_queue", Rule::sum},
      {"meeting_hours_per_year", Rule::sum},
      {"intake_hours_per_year", Rule::sum},
      {"outreach_visits_per_year", Rule::sum},
      {"mean_participants", Rule::sum},
      {"mean_attendees", Rule::sum},
      {"cost_yen_per_year", Rule::sum},
      {"new_function_cost_yen_per_year", Rule::sum},
      {"national_subsidy_yen_per_year", Rule::sum},
      {"municipal_cost_yen_per_year", Rule::sum},
      {"cost_per_detected_yen", Rule::by_detected},
      {"solitary_deaths", Rule::sum},
      {"solitary_deaths_per_100k", Rule::by_residents},
      {"solitary_share_65plus", Rule::by_solitary_deaths},
      {"solitary_share_8_days", Rule::by_solitary_deaths},
      {"solitary_share_30_days", Rule::by_solitary_deaths},
      {"solitary_median_days", Rule::by_solitary_deaths},
  };
  const auto found = rules.find(name);
  if (found == rules.end())
    throw UsageError("no aggregation rule for the summary number " + std::string(name) + " (add one in region.cpp)");
  return found->second;
}

template <class T>
T aggregate_scalar(std::string_view name, std::span<const Summary> parts, std::span<const double> residents,
                   T Summary::*member) {
  const Rule rule = rule_of(name);
  if (rule == Rule::sum) {
    T total{};
    for (const Summary& s : parts) total += s.*member;
    return total;
  }
  WeightedMean mean;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Summary& s = parts[i];
    double weight = 0;
    switch (rule) {
      case Rule::by_residents: weight = residents[i]; break;
      case Rule::by_episodes: weight = static_cast<double>(s.overall.episodes); break;
      case Rule::by_detected: weight = static_cast<double>(s.overall.detected); break;
      case Rule::by_compound_detected: weight = static_cast<double>(s.overall.detected - s.no_compound.detected); break;
      case Rule::by_solitary_deaths: weight = static_cast<double>(s.solitary_deaths); break;
      case Rule::sum: break;
    }
    mean.add(static_cast<double>(s.*member), weight);
  }
  return static_cast<T>(mean.value());
}

// Throws if a summary number has no aggregation rule (a number added to summary_fields.hpp).
void check_aggregation_rules() {
#define KYOSEI_CHECK(name, unit, meaning) group_rule_of(#name);
  KYOSEI_DETECTION_FIELDS(KYOSEI_CHECK)
#undef KYOSEI_CHECK
#define KYOSEI_CHECK(name, unit, meaning) rule_of(#name);
  KYOSEI_SUMMARY_SCALARS(KYOSEI_CHECK)
#undef KYOSEI_CHECK
}

}  // namespace

// ---- municipalities -------------------------------------------------------------------------

std::vector<Municipality> parse_municipalities_csv(std::string_view text, const std::string& file) {
  const auto records = parse_csv(text, file);
  if (records.empty())
    fail(file, {1, 1}, "", "no header row (expected name,population[,adoption_year][,share_65plus])");
  const std::vector<std::string_view> known = {"name", "population", "adoption_year", "share_65plus"};
  std::map<std::string, std::size_t> column;
  for (std::size_t c = 0; c < records[0].size(); ++c) {
    const CsvField& f = records[0][c];
    const std::string name = trimmed(f.text);
    if (std::find(known.begin(), known.end(), name) == known.end()) fail(file, f.at, name, unknown_key(name, known));
    if (!column.emplace(name, c).second) fail(file, f.at, name, "duplicate column");
  }
  for (const char* required : {"name", "population"})
    if (!column.count(required))
      fail(file, records[0].front().at, required, "no column " + std::string(required) + " in the header row");
  std::vector<Municipality> list;
  std::vector<Where> at;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& row = records[r];
    if (row.size() != records[0].size())
      fail(file, row.front().at, "",
           "a row of " + std::to_string(row.size()) + " fields (expected " + std::to_string(records[0].size()) +
               ", as the header row)");
    Municipality m;
    m.name = trimmed(row[column["name"]].text);
    if (m.name.empty()) fail(file, row[column["name"]].at, "name", "an empty name (expected the municipality's name)");
    m.population =
        csv_integer(row[column["population"]], file, "population", population_limit(false), population_limit(true));
    if (column.count("adoption_year") && !trimmed(row[column["adoption_year"]].text).empty())
      m.adoption_year =
          static_cast<int>(csv_integer(row[column["adoption_year"]], file, "adoption_year", kFirstYear, kLastYear));
    if (column.count("share_65plus") && !trimmed(row[column["share_65plus"]].text).empty())
      m.share_65plus = csv_share(row[column["share_65plus"]], file, "share_65plus");
    list.push_back(std::move(m));
    at.push_back(row.front().at);
  }
  if (list.empty()) fail(file, {1, 1}, "", "no municipalities (expected rows after the header)");
  check_unique(list, at, file, "name");
  return list;
}

std::vector<Municipality> read_municipalities_csv(const std::string& path) {
  return parse_municipalities_csv(read_text_file(path), path);
}

namespace {

std::vector<Municipality> inline_municipalities(const YAML::Node& node, const std::string& file) {
  if (node.size() == 0) fail(file, where(node), "municipalities", "an empty list (expected at least one municipality)");
  std::vector<Municipality> list;
  std::vector<Where> at;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node item = node[i];
    const std::string key = "municipalities[" + std::to_string(i) + "]";
    if (!item.IsMap())
      fail(file, where(item), key, "found " + describe(item) + " (expected {name, population, adoption_year})");
    check_keys(item, {"name", "population", "adoption_year", "share_65plus"}, file, key);
    for (const char* required : {"name", "population"})
      if (!item[required]) fail(file, where(item), key + "." + required, "missing");
    Municipality m;
    m.name = text_value(item["name"], file, key + ".name");
    m.population =
        integer_value(item["population"], file, key + ".population", population_limit(false), population_limit(true));
    if (item["adoption_year"] && !item["adoption_year"].IsNull())
      m.adoption_year =
          static_cast<int>(integer_value(item["adoption_year"], file, key + ".adoption_year", kFirstYear, kLastYear));
    if (item["share_65plus"] && !item["share_65plus"].IsNull()) {
      m.share_65plus = real_value(item["share_65plus"], file, key + ".share_65plus");
      if (!(m.share_65plus >= 0 && m.share_65plus <= 1))
        fail(file, where(item["share_65plus"]), key + ".share_65plus", "out of range (expected a number from 0 to 1)");
    }
    list.push_back(std::move(m));
    at.push_back(where(item));
  }
  check_unique(list, at, file, "municipalities");
  return list;
}

}  // namespace

RunPlan parse_region(std::string_view text, const std::string& file) {
  const YAML::Node root = parse_yaml(text, file);
  if (!root.IsMap())
    fail(file, where(root), "", "found " + describe(root) + " (expected a mapping with scenario and municipalities)");
  check_keys(root,
             {"name", "description", "scenario", "set", "start_year", "scale", "replicates", "seed", "municipalities"},
             file, "");
  for (const char* required : {"scenario", "municipalities"})
    if (!root[required]) fail(file, {1, 1}, required, "missing");

  RunPlan plan = read_plan_header(root, text, file, "region");
  plan.seeds = SeedMode::independent;

  Scenario base = load_base_scenario(root["scenario"], file, "scenario");
  if (root["set"]) {
    for (const auto& [key, node] : parameter_entries(root["set"], file, "set")) {
      if (key == "population.residents")
        fail(file, where(node), "set." + key,
             "is set by each municipality's population (expected no population.residents here)");
      const ParamSpec& spec = *find_parameter(key);
      set_parameter(base, spec, parameter_value(base, spec, node, file, "set." + key));
    }
  }

  // Staffing given in absolute numbers for a reference population, scaled to each municipality.
  double reference = 0;
  std::vector<const ParamSpec*> scaled;
  if (const YAML::Node scale = root["scale"]) {
    if (!scale.IsMap())
      fail(file, where(scale), "scale", "found " + describe(scale) + " (expected {reference_residents, keys})");
    check_keys(scale, {"reference_residents", "keys"}, file, "scale");
    if (!scale["reference_residents"] || !scale["keys"])
      fail(file, where(scale), "scale", "expected {reference_residents, keys}");
    reference = static_cast<double>(
        integer_value(scale["reference_residents"], file, "scale.reference_residents", 1, INT64_MAX));
    const YAML::Node keys = scale["keys"];
    if (!keys.IsSequence())
      fail(file, where(keys), "scale.keys", "found " + describe(keys) + " (expected a list of parameters)");
    for (const YAML::Node& key : keys) {
      const std::string name = text_value(key, file, "scale.keys");
      const ParamSpec& spec = parameter(name, file, where(key));
      if ((spec.type != ParamType::integer && spec.type != ParamType::real) || name.starts_with("run.") ||
          name == "population.residents")
        fail(file, where(key), "scale.keys",
             name + " cannot be scaled (expected a numeric parameter outside run and population.residents)");
      scaled.push_back(&spec);
    }
  }

  const YAML::Node list = root["municipalities"];
  std::vector<Municipality> municipalities;
  if (list.IsScalar()) {
    const std::string path = relative_to(file, list.Scalar());
    std::error_code ignored;
    if (!std::filesystem::is_regular_file(path, ignored))
      fail(file, where(list), "municipalities",
           "no file " + path + " (expected a CSV path relative to this file, or a list)");
    municipalities = read_municipalities_csv(path);
  } else if (list.IsSequence()) {
    municipalities = inline_municipalities(list, file);
  } else {
    fail(file, where(list), "municipalities",
         "found " + describe(list) + " (expected a CSV path or a list of municipalities)");
  }

  const bool adoption = std::any_of(municipalities.begin(), municipalities.end(),
                                    [](const Municipality& m) { return m.adoption_year != 0; });
  int start_year = 0;
  if (root["start_year"])
    start_year = static_cast<int>(integer_value(root["start_year"], file, "start_year", kFirstYear, kLastYear));
  if (adoption && start_year == 0)
    fail(file, {1, 1}, "start_year",
         "missing (expected the calendar year of recorded day 0: the municipalities have adoption years)");
  if (adoption && !base.timeline.empty())
    fail(file, where(root["scenario"]), "scenario",
         "the scenario has a timeline, and adoption years make their own (expected a scenario without timeline:)");
  if (std::any_of(municipalities.begin(), municipalities.end(),
                  [](const Municipality& m) { return !std::isnan(m.share_65plus); }))
    plan.notes.push_back(
        "share_65plus is reported but not simulated: the synthetic population's ages follow from its household types");

  plan.columns = {{"municipality", true, "name", "Municipality"},
                  {"residents", false, "person", "Residents at the start (population.residents)"},
                  {"adoption_year", false, "year", "Year the municipality adopts the scenario's levers; empty: never"},
                  {"share_65plus", false, "share", "Share of residents aged 65+ as given (reported, not simulated)"}};
  std::vector<std::string> names;
  const ParamSpec& residents_spec = *find_parameter("population.residents");
  const ParamSpec& block_spec = *find_parameter("population.block_households");
  for (const Municipality& m : municipalities) {
    Scenario s = base;
    set_parameter(s, residents_spec, static_cast<double>(m.population));
    if (m.population < 3 * s.population.block_households)
      set_parameter(s, block_spec, std::max(block_spec.min, std::floor(static_cast<double>(m.population) / 3)));
    for (const ParamSpec* spec : scaled) {
      double value = spec->get(base) * static_cast<double>(m.population) / reference;
      if (spec->type == ParamType::integer) value = std::round(value);
      if (value < spec->min || value > spec->max)
        fail(file, where(root["scale"]), std::string(spec->path),
             "scaled to " + format_number(value) + " for " + m.name + " (expected " +
                 format_parameter_value(*spec, spec->min) + " to " + format_parameter_value(*spec, spec->max) + ")");
      set_parameter(s, *spec, value);
    }
    if (adoption) {
      const Scenario adopted = s;
      const std::int64_t day =
          m.adoption_year == 0 ? INT64_MAX : (static_cast<std::int64_t>(m.adoption_year) - start_year) * 365;
      if (day > 0) {
        s = adopted.silo_baseline();
        if (day < s.run.horizon_days)
          for (const ParamSpec& spec : parameter_table())
            if (spec.get(s) != spec.get(adopted))
              s.timeline.push_back({day, std::string(spec.path), spec.get(adopted)});
        s.source_text +=
            day < s.run.horizon_days
                ? "# region: the silo baseline until recorded day " + std::to_string(day) + ", then the levers above\n"
                : "# region: the silo baseline throughout (no adoption within the horizon)\n";
      }
    }
    const auto problems = validate(s);
    if (!problems.empty())
      fail(file, where(list), problems.front().key, "municipality " + m.name + ": " + problems.front().problem);
    Variant variant{std::move(s), {}};
    variant.cells = {{NAN, m.name},
                     {static_cast<double>(m.population), {}},
                     {m.adoption_year == 0 ? NAN : static_cast<double>(m.adoption_year), {}},
                     {m.share_65plus, {}}};
    plan.variants.push_back(std::move(variant));
    names.push_back(m.name);
  }
  add_runs(plan, "m", names, [](std::size_t v) { return v + 1; });
  check_aggregation_rules();  // before hours of runs, not after
  return plan;
}

RunPlan load_region(const std::string& path) { return parse_region(read_text_file(path), path); }

Summary aggregate_summaries(std::span<const Summary> parts, std::span<const double> residents) {
  if (parts.size() != residents.size()) throw UsageError("aggregate_summaries: one population per summary");
  Summary total;
  const auto group = [&](auto select) {
    std::vector<const DetectionEstimate*> estimates;
    estimates.reserve(parts.size());
    for (const Summary& s : parts) estimates.push_back(&select(s));
    return aggregate(estimates);
  };
  total.overall = group([](const Summary& s) -> const DetectionEstimate& { return s.overall; });
  total.no_compound = group([](const Summary& s) -> const DetectionEstimate& { return s.no_compound; });
  for (std::size_t f = 0; f < total.by_field.size(); ++f)
    total.by_field[f] = group([f](const Summary& s) -> const DetectionEstimate& { return s.by_field[f]; });
  for (std::size_t t = 0; t < total.by_compound.size(); ++t)
    total.by_compound[t] = group([t](const Summary& s) -> const DetectionEstimate& { return s.by_compound[t]; });
#define KYOSEI_AGGREGATE(name, unit, meaning) total.name = aggregate_scalar(#name, parts, residents, &Summary::name);
  KYOSEI_SUMMARY_SCALARS(KYOSEI_AGGREGATE)
#undef KYOSEI_AGGREGATE
  return total;
}

std::string region_totals_csv(const RunPlan& plan, const std::vector<RunRecord>& records) {
  std::map<std::uint32_t, std::vector<const RunRecord*>> by_replicate;
  for (const RunRecord& r : records) by_replicate[plan.runs.at(r.run).replicate].push_back(&r);
  std::ostringstream out;
  out << "replicate,municipalities,residents";
  for (const MetricColumn& c : metric_columns()) out << ',' << c.name;
  out << '\n';
  for (const auto& [replicate, list] : by_replicate) {
    std::vector<const RunRecord*> sorted = list;
    std::sort(sorted.begin(), sorted.end(), [](const RunRecord* a, const RunRecord* b) { return a->run < b->run; });
    std::vector<Summary> parts;
    std::vector<double> residents;
    double population = 0;
    for (const RunRecord* r : sorted) {
      parts.push_back(unflatten_summary(r->metrics));
      residents.push_back(static_cast<double>(plan.variants[plan.runs[r->run].variant].scenario.population.residents));
      population += residents.back();
    }
    out << replicate << ',' << sorted.size() << ',' << format_number(population);
    for (const double v : flatten_summary(aggregate_summaries(parts, residents))) out << ',' << format_number(v);
    out << '\n';
  }
  return out.str();
}

}  // namespace kyosei
