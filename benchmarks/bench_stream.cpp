// STREAM-like memory bandwidth (McCalpin's copy, scale, add, triad) over arrays far larger than
// the caches, on 1 and 2 threads: the bound that docs/performance.md compares the engine with.
// Bytes count what the kernel reads and writes (no write-allocate traffic), as STREAM does.
//   build/benchmarks/kyosei_bench_stream   (bytes_per_second is the bandwidth)
#include <benchmark/benchmark.h>

#include <cstddef>
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

void BM_copy(benchmark::State& s) { run(s, 2, [](double* a, double*, double* c, std::ptrdiff_t i) { c[i] = a[i]; }); }
void BM_scale(benchmark::State& s) { run(s, 2, [](double*, double* b, double* c, std::ptrdiff_t i) { b[i] = kScalar * c[i]; }); }
void BM_add(benchmark::State& s) { run(s, 3, [](double* a, double* b, double* c, std::ptrdiff_t i) { c[i] = a[i] + b[i]; }); }
void BM_triad(benchmark::State& s) { run(s, 3, [](double* a, double* b, double* c, std::ptrdiff_t i) { a[i] = b[i] + kScalar * c[i]; }); }

}  // namespace

BENCHMARK(BM_copy)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_scale)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_add)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_triad)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
