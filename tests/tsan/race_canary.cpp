// A deliberate data race inside an OpenMP loop. scripts/tsan.sh runs it first and requires
// ThreadSanitizer to report it: a TSan setup that cannot see OpenMP's threads would otherwise
// pass the real tests silently.
#include <cstdio>

int main() {
  long sum = 0;
#pragma omp parallel for num_threads(4) schedule(static)
  for (int i = 0; i < 100000; ++i) sum += i;  // every thread writes `sum` unsynchronised
  std::printf("%ld\n", sum);
  return 0;
}
