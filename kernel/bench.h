/* Benchmarks (boot option bench=): the workloads of tests/bench/ compiled
 * for MIPS and timed natively, or a flat x86 guest timed on the translator,
 * both in CP0 Count ticks.  scripts/bench.sh runs them under icount. */
#ifndef MIMIC_KERNEL_BENCH_H
#define MIMIC_KERNEL_BENCH_H

#include <stddef.h>

/* A benchmark guest writes its mark number to this port before its first
 * run of the workload and after each run; the kernel reads Count and the
 * translator's counters there.  Text and exit use the flat-guest ports. */
#define BENCH_PORT_MARK 0xe8
#define BENCH_MARKS     3

/* mode "native": every workload natively, one line each.  mode "guest": the
 * initrd as a flat guest with a line per interval between marks.  Ends the
 * run: exit code 0 when every workload gave the same result twice. */
__attribute__((noreturn)) void bench_run(const char *mode, const void *image, size_t len);

#endif
