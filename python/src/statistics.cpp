// The engine's statistics (summary.hpp, uncertainty.hpp) for the package's survival and
// uncertainty modules, so that Python and the CLI compute every curve, interval and test with the
// same code and get the same numbers (no second implementation in Python).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <span>
#include <vector>

#include "bindings.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/analysis/summary.hpp"
#include "kyosei/analysis/uncertainty.hpp"

namespace kyosei::python {
namespace {

using Doubles = py::array_t<double, py::array::c_style | py::array::forcecast>;
using Flags = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>;

std::span<const double> span_of(const Doubles& a, const char* what) {
  if (a.ndim() != 1) throw UsageError(std::string(what) + ": expected a 1-D array");
  return {a.data(), static_cast<std::size_t>(a.size())};
}

std::span<const std::uint8_t> span_of(const Flags& a, const char* what) {
  if (a.ndim() != 1) throw UsageError(std::string(what) + ": expected a 1-D array");
  return {a.data(), static_cast<std::size_t>(a.size())};
}

// [(time, observed), ...] per replicate to the engine's durations.
std::vector<DetectionTimes> durations_of(const py::sequence& replicates, const char* what) {
  std::vector<DetectionTimes> out;
  for (const py::handle item : replicates) {
    const auto pair = item.cast<py::sequence>();
    if (pair.size() != 2) throw UsageError(std::string(what) + ": expected (time, observed) per replicate");
    const auto time = span_of(Doubles::ensure(pair[0]), what);
    const auto observed = span_of(Flags::ensure(pair[1]), what);
    out.push_back({{time.begin(), time.end()}, {observed.begin(), observed.end()}});
  }
  return out;
}

BootstrapOptions bootstrap(int resamples, std::uint64_t seed) {
  if (resamples < 1) throw UsageError("resamples must be at least 1, got " + std::to_string(resamples));
  return {resamples, seed};
}

py::tuple curve_arrays(const std::vector<KaplanMeierPoint>& curve) {
  py::array_t<double> times(curve.size()), survival(curve.size());
  py::array_t<std::int64_t> at_risk(curve.size()), events(curve.size());
  for (std::size_t i = 0; i < curve.size(); ++i) {
    times.mutable_at(i) = curve[i].time;
    survival.mutable_at(i) = curve[i].survival;
    at_risk.mutable_at(i) = curve[i].at_risk;
    events.mutable_at(i) = curve[i].events;
  }
  return py::make_tuple(times, survival, at_risk, events);
}

std::vector<KaplanMeierPoint> curve_of(const Doubles& time, const Flags& observed) {
  const auto t = span_of(time, "time");
  const auto o = span_of(observed, "observed");
  if (t.size() != o.size())
    throw UsageError("time has " + std::to_string(t.size()) + " values but observed has " + std::to_string(o.size()));
  py::gil_scoped_release release;
  return kaplan_meier(t, o);
}

}  // namespace

void bind_statistics(py::module_& m) {
  m.attr("BOOTSTRAP_SEED") = kBootstrapSeed;
  m.attr("RESAMPLES") = BootstrapOptions{}.resamples;
  m.def(
      "kaplan_meier", [](const Doubles& time, const Flags& observed) { return curve_arrays(curve_of(time, observed)); },
      py::arg("time"), py::arg("observed"),
      "The engine's Kaplan-Meier curve: (times, survival, at_risk, events) at the event times.");
  m.def(
      "kaplan_meier_band",
      [](const Doubles& time, const Flags& observed) {
        const std::vector<KaplanMeierBandPoint> band = kaplan_meier_band(curve_of(time, observed));
        py::array_t<double> lower(band.size()), upper(band.size());
        for (std::size_t i = 0; i < band.size(); ++i) {
          lower.mutable_at(i) = band[i].lower;
          upper.mutable_at(i) = band[i].upper;
        }
        return py::make_tuple(lower, upper);
      },
      py::arg("time"), py::arg("observed"),
      "The pointwise 95% log-log Greenwood band (lower, upper) of the curve, as uncertainty_km.csv.");
  m.def(
      "quantile", [](const Doubles& values, double q) { return quantile(span_of(values, "values"), q); },
      py::arg("values"), py::arg("q"),
      "q-quantile of the finite values (numpy's linear interpolation); NaN when none is finite.");
  m.def(
      "band_of",
      [](const Doubles& values) {
        const Band b = band_of(span_of(values, "values"));
        return py::dict(py::arg("p10") = b.p10, py::arg("median") = b.median, py::arg("p90") = b.p90,
                        py::arg("count") = b.count);
      },
      py::arg("values"), "Median and 10-90% band of the finite values, with their count.");
  m.def(
      "cumulative_incidence",
      [](py::array_t<double, py::array::c_style | py::array::forcecast> time,
         py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast> cause, int which) {
        if (time.ndim() != 1 || cause.ndim() != 1) throw UsageError("cumulative_incidence: expected 1-D arrays");
        std::vector<CumulativeIncidencePoint> curve;
        {
          const std::span<const double> t(time.data(), static_cast<std::size_t>(time.size()));
          const std::span<const std::uint8_t> c(cause.data(), static_cast<std::size_t>(cause.size()));
          py::gil_scoped_release release;
          curve = cumulative_incidence(t, c, which);
        }
        py::array_t<double> times(curve.size()), incidence(curve.size()), se(curve.size()), lower(curve.size()),
            upper(curve.size());
        for (std::size_t i = 0; i < curve.size(); ++i) {
          times.mutable_at(i) = curve[i].time;
          incidence.mutable_at(i) = curve[i].incidence;
          se.mutable_at(i) = curve[i].std_error;
          lower.mutable_at(i) = curve[i].lower;
          upper.mutable_at(i) = curve[i].upper;
        }
        return py::make_tuple(times, incidence, se, lower, upper);
      },
      py::arg("time"), py::arg("cause"), py::arg("which"),
      "The engine's Aalen-Johansen cumulative incidence of cause `which` (1-based; cause 0 is "
      "censoring): (times, incidence, std_error, lower, upper) at the times of any event.");
  m.def(
      "bootstrap_picks",
      [](std::size_t n, int resamples, std::uint64_t seed) {
        const std::vector<std::size_t> picks = bootstrap_picks(n, bootstrap(resamples, seed));
        py::array_t<std::int64_t> out({static_cast<py::ssize_t>(resamples), static_cast<py::ssize_t>(n)});
        std::copy(picks.begin(), picks.end(), out.mutable_data());
        return out;
      },
      py::arg("n"), py::arg("resamples") = BootstrapOptions{}.resamples, py::arg("seed") = kBootstrapSeed,
      "uncertainty.hpp bootstrap_picks: the resampled indices, shape (resamples, n), that the CLI draws.");
  m.def(
      "paired_difference",
      [](const Doubles& scenario, const Doubles& baseline, int resamples, std::uint64_t seed) {
        const auto s = span_of(scenario, "scenario");
        const auto b = span_of(baseline, "baseline");
        if (s.size() != b.size())
          throw UsageError(std::to_string(s.size()) + " scenario values but " + std::to_string(b.size()) +
                           " baseline values");
        const PairedDifference d = paired_difference(s, b, bootstrap(resamples, seed));
        return py::dict(py::arg("pairs") = d.pairs, py::arg("mean") = d.mean, py::arg("lower") = d.lower,
                        py::arg("upper") = d.upper);
      },
      py::arg("scenario"), py::arg("baseline"), py::arg("resamples") = BootstrapOptions{}.resamples,
      py::arg("seed") = kBootstrapSeed, "uncertainty.hpp paired_difference: the mean with its 95% bootstrap CI.");
  m.def(
      "rmst_difference",
      [](const py::sequence& scenario, const py::sequence& baseline, double tau, int resamples, std::uint64_t seed) {
        const auto s = durations_of(scenario, "scenario");
        const auto b = durations_of(baseline, "baseline");
        const BootstrapOptions options = bootstrap(resamples, seed);
        RmstDifference d{};
        {
          py::gil_scoped_release release;
          d = rmst_difference(s, b, tau, options);
        }
        return py::dict(py::arg("baseline") = d.baseline, py::arg("scenario") = d.scenario,
                        py::arg("difference") = d.difference, py::arg("lower") = d.lower, py::arg("upper") = d.upper);
      },
      py::arg("scenario"), py::arg("baseline"), py::arg("tau") = 365.0,
      py::arg("resamples") = BootstrapOptions{}.resamples, py::arg("seed") = kBootstrapSeed,
      "uncertainty.hpp rmst_difference: pooled restricted means and a paired bootstrap over replicates.");
  m.def(
      "log_rank",
      [](const py::sequence& scenario, const py::sequence& baseline) {
        const auto s = durations_of(scenario, "scenario");
        const auto b = durations_of(baseline, "baseline");
        const LogRank t = log_rank(s, b);
        return py::dict(py::arg("chi2") = t.chi2, py::arg("p_value") = t.p_value, py::arg("observed") = t.observed,
                        py::arg("expected") = t.expected);
      },
      py::arg("scenario"), py::arg("baseline"), "uncertainty.hpp log_rank: stratified by replicate.");
}

}  // namespace kyosei::python
