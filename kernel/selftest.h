/* Built-in host tests, chosen with selftest=NAME, that the boot tests run in
 * the real kernel under QEMU (tests/boot/). */
#ifndef MIMIC_KERNEL_SELFTEST_H
#define MIMIC_KERNEL_SELFTEST_H

/* Runs the named test and ends the run with its verdict as exit code. */
__attribute__((noreturn)) void selftest_run(const char *name);

#endif
