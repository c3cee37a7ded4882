/* For SweepMpi.RefusesAnMpiWithoutThreadSupport: preloaded into kyosei-mpi, this MPI_Init_thread
   (through MPI's profiling interface, PMPI) reports MPI_THREAD_SINGLE whatever the MPI granted,
   as an MPI built without thread support would. */
#include <mpi.h>

int MPI_Init_thread(int* argc, char*** argv, int required, int* provided) {
  const int code = PMPI_Init_thread(argc, argv, required, provided);
  *provided = MPI_THREAD_SINGLE;
  return code;
}
