/* Running a user's flat 32-bit x86 binary (the initrd) on the translator,
 * with the debug ports as its console and exit. */
#ifndef MIMIC_KERNEL_GUEST_H
#define MIMIC_KERNEL_GUEST_H

#include <stddef.h>
#include <stdint.h>

struct x86_cpu;
struct x86_env;

/* Fills env's RAM (ram_size bytes) and code buffer, makes a CPU over them
 * and loads image at guest physical load.  If that fails it says why and
 * ends the run with EXIT_USAGE.  env's port callbacks are the caller's. */
struct x86_cpu *guest_create_flat(struct x86_env *env, uint64_t ram_size,
				  const void *image, size_t len, uint32_t load);

/* Runs the image loaded at guest physical `load` and ends the run with the
 * guest's exit status (or a failure code, after saying why it stopped). */
__attribute__((noreturn)) void guest_run_flat(const void *image, size_t len, uint32_t load);

#endif
