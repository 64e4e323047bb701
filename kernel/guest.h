/* Running a user's flat 32-bit x86 binary (the initrd) on the translator,
 * with the debug ports as its console and exit. */
#ifndef MIMIC_KERNEL_GUEST_H
#define MIMIC_KERNEL_GUEST_H

#include <stddef.h>
#include <stdint.h>

/* Runs the image loaded at guest physical `load` and ends the run with the
 * guest's exit status (or a failure code, after saying why it stopped). */
__attribute__((noreturn)) void guest_run_flat(const void *image, size_t len, uint32_t load);

#endif
