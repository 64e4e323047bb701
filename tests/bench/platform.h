/* What the benchmark harness needs from the two platforms a guest is linked
 * for: the flat guest mimic runs (flat.c) and the i386 Linux process that
 * gives the reference result and the instruction count (linux.c). */
#ifndef MIMIC_TESTS_BENCH_PLATFORM_H
#define MIMIC_TESTS_BENCH_PLATFORM_H

#include <stdint.h>

/* The harness's main, called from _start. */
__attribute__((noreturn)) void bench_main(void);

/* Mark n (0, 1, 2): before the first run of the workload, after each run. */
void platform_mark(uint32_t n);
void platform_write(const char *s, uint32_t len);
__attribute__((noreturn)) void platform_exit(uint32_t status);

#endif
