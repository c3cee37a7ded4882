// STREAM-like memory bandwidth (McCalpin's copy, scale, add, triad) over arrays far larger than
// the caches, on 1 and 2 threads: the bound that docs/performance.md compares the engine with.
// Bytes count what the kernel reads and writes (no write-allocate traffic), as STREAM does.
// Besides, the two figures that a day's tie flips meet (random cache lines anywhere in memory):
// the latency of one load that waits for the one before (a pointer chase, `seconds_per_load`), and
// the rate of independent random loads that a core keeps in flight (`lines_per_second`); and
// arithmetic alone on 1 and 2 threads (`items_per_second`), which tells cores from hyperthreads.
//   build/benchmarks/kyosei_bench_stream   (bytes_per_second is the bandwidth)
//   benchmarks/host_profile.sh prints them beside a run's 2-thread speedup.
#include <benchmark/benchmark.h>
#include <sys/mman.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

namespace {

constexpr std::size_t kElements = std::size_t{1} << 24;  // 128 MiB per array of doubles
constexpr double kScalar = 3.0;

struct Arrays {
  std::vector<double> a, b, c;
  Arrays() : a(kElements, 1.0), b(kElements, 2.0), c(kElements, 0.0) {}
};

Arrays& arrays() {
  static Arrays x;
  return x;
}

const auto n = static_cast<std::ptrdiff_t>(kElements);

// Each kernel, with the arrays it reads and writes.
template <class Kernel>
void run(benchmark::State& bench, int arrays_touched, Kernel kernel) {
  Arrays& x = arrays();
  const int threads = static_cast<int>(bench.range(0));
  double* a = x.a.data();
  double* b = x.b.data();
  double* c = x.c.data();
  for (auto _ : bench) {
#pragma omp parallel for num_threads(threads) schedule(static)
    for (std::ptrdiff_t i = 0; i < n; ++i) kernel(a, b, c, i);
    benchmark::ClobberMemory();
  }
  bench.SetBytesProcessed(bench.iterations() * arrays_touched * n * static_cast<std::int64_t>(sizeof(double)));
}

void BM_copy(benchmark::State& s) {
  run(s, 2, [](double* a, double*, double* c, std::ptrdiff_t i) { c[i] = a[i]; });
}
void BM_scale(benchmark::State& s) {
  run(s, 2, [](double*, double* b, double* c, std::ptrdiff_t i) { b[i] = kScalar * c[i]; });
}
void BM_add(benchmark::State& s) {
  run(s, 3, [](double* a, double* b, double* c, std::ptrdiff_t i) { c[i] = a[i] + b[i]; });
}
void BM_triad(benchmark::State& s) {
  run(s, 3, [](double* a, double* b, double* c, std::ptrdiff_t i) { a[i] = b[i] + kScalar * c[i]; });
}

// One cache line per slot, 256 MiB in all (far beyond the caches), on huge pages where the
// kernel allows, as the engine's large arrays are (sim/large_pages.hpp): what is measured is the
// memory, not the page walks.
struct Line {
  std::uint64_t next;
  std::uint64_t pad[7];
};
constexpr std::size_t kLines = (std::size_t{256} << 20) / sizeof(Line);

struct Lines {
  std::unique_ptr<Line[], decltype(&std::free)> line{nullptr, &std::free};
  Lines() {
    constexpr std::size_t kHugePage = std::size_t{2} << 20;
    line.reset(static_cast<Line*>(std::aligned_alloc(kHugePage, kLines * sizeof(Line))));
    madvise(line.get(), kLines * sizeof(Line), MADV_HUGEPAGE);
    // One cycle through every line in a random order (Sattolo's algorithm), so that each load's
    // address comes from the load before and no prefetcher can guess it.
    std::vector<std::uint64_t> order(kLines);
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(42);
    for (std::size_t i = kLines - 1; i > 0; --i)
      std::swap(order[i], order[std::uniform_int_distribution<std::size_t>(0, i - 1)(rng)]);
    for (std::size_t i = 0; i < kLines; ++i) line[order[i]].next = order[(i + 1) % kLines];
  }
};

Lines& lines() {
  static Lines x;
  return x;
}

constexpr std::int64_t kLoads = 1 << 22;  // per iteration, per thread

// Dependent loads: the latency of a random line from memory.
void BM_latency(benchmark::State& bench) {
  const Line* line = lines().line.get();
  std::uint64_t at = 0;
  for (auto _ : bench) {
    for (std::int64_t i = 0; i < kLoads; ++i) at = line[at].next;
    benchmark::DoNotOptimize(at);
  }
  bench.counters["seconds_per_load"] = benchmark::Counter(
      static_cast<double>(kLoads), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Independent loads of random lines (addresses from a counter-based hash, nothing waits for a
// load): how many lines a second the cores fetch, the bound of the flips' memory traffic.
void BM_random_lines(benchmark::State& bench) {
  const Line* line = lines().line.get();
  const int threads = static_cast<int>(bench.range(0));
  std::uint64_t sum = 0;
  for (auto _ : bench) {
#pragma omp parallel for num_threads(threads) schedule(static) reduction(+ : sum)
    for (std::int64_t i = 0; i < threads * kLoads; ++i) {
      const std::uint64_t h = static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ull;
      sum += line[(h ^ (h >> 29)) % kLines].next;
    }
    benchmark::DoNotOptimize(sum);
  }
  bench.counters["lines_per_second"] =
      benchmark::Counter(static_cast<double>(threads * kLoads), benchmark::Counter::kIsIterationInvariantRate);
}

// Arithmetic alone (a logarithm an item, as each flip's wait has one; no memory): on 1 and 2
// threads it shows whether the two cores are cores or two hyperthreads of one (which share the
// arithmetic units and scale far less than 2x).
void BM_arithmetic(benchmark::State& bench) {
  const int threads = static_cast<int>(bench.range(0));
  double sum = 0;
  for (auto _ : bench) {
#pragma omp parallel for num_threads(threads) schedule(static) reduction(+ : sum)
    for (std::int64_t i = 0; i < threads * kLoads; ++i) sum += std::log(1.0 + static_cast<double>(i) * 1e-9);
    benchmark::DoNotOptimize(sum);
  }
  bench.counters["items_per_second"] =
      benchmark::Counter(static_cast<double>(threads * kLoads), benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

BENCHMARK(BM_arithmetic)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);
// CPU time, not wall time: one thread's latency is then right on a loaded machine too.
BENCHMARK(BM_latency)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_random_lines)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_copy)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_scale)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_add)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_triad)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
