/* The one entry point every benchmark workload file defines.  The guest links
 * a single workload under this name; the kernel build renames each file's
 * copy to bench_workload_<file> (tests/bench/bench.mk). */
#ifndef MIMIC_TESTS_BENCH_WORKLOAD_H
#define MIMIC_TESTS_BENCH_WORKLOAD_H

#include <stdint.h>

/* Runs the workload from a fresh state and returns a checksum of its result;
 * two calls return the same value. */
uint32_t workload(void);

#endif
