/* The kernel's embedding of the translator, shared by the machines built on
 * it (kernel/pcmachine.c, kernel/bench.c): host memory for a CPU, the host
 * console as the guest's, the run loop with the debuggers. */
#ifndef MIMIC_KERNEL_GUEST_H
#define MIMIC_KERNEL_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bytesink.h"
#include "devices/debugport.h"
#include "devices/uart16550.h"
#include "translator/x86.h"

/* Fills env's RAM (ram_size bytes from the page pool) and code buffer and
 * makes a CPU over them; if the host has too little memory it says so and
 * ends the run with EXIT_USAGE.  env's callbacks are the caller's. */
struct x86_cpu *guest_create(struct x86_env *env, uint64_t ram_size);
/* Loads a flat 32-bit image at guest physical load and sets the documented
 * initial state (translator/flatguest.h); ends the run with EXIT_USAGE if
 * it does not fit. */
void guest_load_flat(struct x86_cpu *cpu, const void *image, size_t len, uint32_t load);

/* guest_ram= in bytes (default 128 MB). */
uint64_t guest_ram_bytes(void);
/* log= as X86_LOG_* bits; an unknown category ends the run with EXIT_USAGE. */
unsigned guest_log_flags(void);

/* The host console as a device's output. */
struct byte_sink guest_console_sink(void);
/* Hands typed bytes to uart while its receiver has room. */
void guest_pump_console(struct uart_state *uart);
/* The user asked for the monitor or to quit (safe from an interrupt
 * handler): a machine idling for its guest stops idling. */
bool guest_interrupted(void);

/* What a machine does around x86_run. */
struct guest_hooks {
	/* After every stop request (and the monitor): device time, input,
	 * interrupts.  May be NULL. */
	void (*service)(void *opaque);
	/* Any other stop: true when the machine dealt with it (hlt idled,
	 * reset done) and the guest runs on.  May be NULL. */
	bool (*stopped)(void *opaque, enum x86_stop stop);
	void *opaque;
};

/* Runs the guest, with the debuggers when asked (monitor=1 and gdb=1 stop
 * before the first instruction), until it exits through debug's exit port (the run's
 * status is the guest's), stops on something the machine cannot go on
 * from (said, and EXIT_GUEST_FAILURE; EXIT_OK for hlt), or the user quits. */
__attribute__((noreturn)) void guest_run(struct x86_cpu *cpu, const struct guest_hooks *hooks,
					 const struct debugport_state *debug);

#endif
