// A measuring aid for benchmarks/issue19_phase_ab.sh (PHASE_CLOCK=thread), loaded with LD_PRELOAD:
// CLOCK_MONOTONIC, which std::chrono::steady_clock reads, reads the calling thread's CPU time
// instead, so that a phase's time in `kyosei run --profile` leaves out the time its thread waited
// for a core on a shared machine (docs/performance.md, "Migration, households and demography").
// Not for runs whose times mean wall time (the thread governor, progress lines).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <time.h>

int clock_gettime(clockid_t id, struct timespec* ts) {
  static int (*real)(clockid_t, struct timespec*);
  if (!real) real = (int (*)(clockid_t, struct timespec*))dlsym(RTLD_NEXT, "clock_gettime");
  return real(id == CLOCK_MONOTONIC ? CLOCK_THREAD_CPUTIME_ID : id, ts);
}
