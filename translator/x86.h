/* The translator's interface to its embedder (the kernel, or the hosted
 * runner): what it is given, how a run is started and stopped, why it stops. */
#ifndef MIMIC_TRANSLATOR_X86_H
#define MIMIC_TRANSLATOR_X86_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct x86_cpu;

/* Log categories for x86_env.log. */
#define X86_LOG_IN_ASM  (1u << 0)	/* each TB's guest code, disassembled */
#define X86_LOG_OUT_ASM (1u << 1)	/* each TB's generated MIPS words */
#define X86_LOG_EXEC    (1u << 2)	/* each TB entered through the loop */
#define X86_LOG_INT     (1u << 3)	/* each interrupt and exception delivered */
#define X86_LOG_CPU     (1u << 4)	/* the registers at each TB entered through the loop */
#define X86_LOG_IOPORT  (1u << 5)	/* each port access (in, out, ins, outs), by device */
#define X86_LOG_MMIO    (1u << 6)	/* each access to a device's memory or unassigned space */

/* Everything the translator needs, handed in by the embedder. */
struct x86_env {
	void *ram;		/* guest physical RAM from address 0 (any host address) */
	uint64_t ram_size;
	void *code;		/* code buffer, already executable */
	size_t code_size;
	void *opaque;		/* passed back to in/out */
	/* Port reads; size is 1, 2 or 4. */
	uint32_t (*in)(void *opaque, uint16_t port, unsigned size);
	/* Port writes; return true to stop the run with X86_STOP_EXIT. */
	bool (*out)(void *opaque, uint16_t port, uint32_t value, unsigned size);
	/* Optional (NULL: rep ins/outs call in/out once per element): count
	 * reads of size bytes from port into buf, or writes from buf, with
	 * the effect of that many in/out calls (rep ins/outs, DF clear). */
	void (*in_string)(void *opaque, uint16_t port, unsigned size, void *buf, uint32_t count);
	void (*out_string)(void *opaque, uint16_t port, unsigned size, const void *buf, uint32_t count);
	/* The device owning a port, for the ioport log (NULL: unassigned);
	 * NULL: ports are logged without names. */
	const char *(*port_name)(void *opaque, uint16_t port);
	/* The interrupt-acknowledge cycle (the local APIC's, or a PIC's): the
	 * vector of the interrupt the CPU takes while x86_set_irq's line is high. */
	uint8_t (*irq_ack)(void *opaque);
	/* wrmsr wrote IA32_APIC_BASE (its reserved bits checked): the local
	 * APIC moves or is globally enabled or disabled; NULL: ignored. */
	void (*apic_base)(void *opaque, uint64_t value);
	/* A clock in nanoseconds for rdtsc and guest time; NULL: the TSC
	 * counts translated blocks (deterministic, not real time). */
	uint64_t (*clock_ns)(void *opaque);
	/* The FPU's FERR# output: an unmasked x87 exception met a waiting
	 * instruction with CR0.NE clear (a PC routes it to IRQ13); NULL: ignored. */
	void (*ferr)(void *opaque);
	unsigned log;		/* X86_LOG_* */
	/* Where log text goes (whole lines); NULL: stdout. */
	void (*log_write)(void *opaque, const char *text, size_t len);
	bool count;		/* count guest instructions and TB runs (slower; for benchmarks) */
};

/* Why x86_run returned. */
enum x86_stop {
	X86_STOP_EXIT = 1,	/* the out callback asked for it */
	X86_STOP_HLT,		/* hlt executed; eip is past it */
	X86_STOP_UNSUPPORTED,	/* eip at an instruction mimic cannot run, and the guest
				 * has no #UD handler to raise it to */
	X86_STOP_FAULT,		/* a guest exception a flat guest (flatguest_load) without
				 * an IDT cannot take; cpu->fault_vector, eip at the insn */
	X86_STOP_REQUESTED,	/* x86_request_exit */
	X86_STOP_TRIPLE_FAULT,	/* the machine must reset (x86_reset, then run) */
	X86_STOP_DEBUG,		/* a breakpoint or a single step: eip is the next insn */
};

/* A CPU over env's memory and code buffer, NULL if out of memory or the code
 * buffer is too small.  Starts with all state zero: set it, then run. */
struct x86_cpu *x86_cpu_new(const struct x86_env *env);
void x86_cpu_free(struct x86_cpu *cpu);

/* The state after RESET: real mode at F000:FFF0 (CS base 0xFFFF0000). */
void x86_reset(struct x86_cpu *cpu);

/* The INTR input (the local APIC's output).  Raising it requests an exit so that
 * the interrupt is taken at the next TB boundary; safe from an interrupt
 * handler. */
void x86_set_irq(struct x86_cpu *cpu, bool level);

/* Run guest code from the current state until something stops it. */
enum x86_stop x86_run(struct x86_cpu *cpu);

/* Guest RAM [addr, addr + len) was written behind the translator's back (a
 * loader, device DMA): drop the translations of those bytes.  Not for use
 * while x86_run is executing guest code. */
void x86_ram_written(struct x86_cpu *cpu, uint32_t addr, uint32_t len);

/* Safe from an interrupt handler: x86_run returns X86_STOP_REQUESTED at the
 * next translation-block boundary. */
void x86_request_exit(struct x86_cpu *cpu);

const char *x86_stop_name(enum x86_stop stop);

/* Parses "in_asm,out_asm,exec" (any subset) into X86_LOG_* bits; on an
 * unknown name writes a message into err and returns false. */
bool x86_log_parse(const char *list, unsigned *out, char *err, size_t err_len);
/* The names of the categories in flags, comma-separated ("none" if none). */
void x86_log_names(unsigned flags, char *buf, size_t len);
/* Changes the categories logged from now on (in_asm and out_asm show new
 * translations only). */
void x86_set_log(struct x86_cpu *cpu, unsigned flags);

/* Counters (translations, flushes, chaining, invalidations, TLB misses, ...)
 * as "key=value ..." into buf; returns what snprintf returns. */
int x86_format_stats(const struct x86_cpu *cpu, char *buf, size_t len);

/* With env.count: guest instructions run so far, exactly; from a callback
 * out of generated code (a port access), the calling instruction counts. */
uint64_t x86_count_now(const struct x86_cpu *cpu);

/* Debugging, for the GDB stub and the monitor.  Addresses are linear (CS
 * base + EIP for code); while paging is off they are guest physical. */
#define X86_MAX_BREAKPOINTS 32

/* Sets or clears a breakpoint: x86_run stops with X86_STOP_DEBUG before it
 * executes the instruction at addr, except when the run starts where the
 * last one stopped with X86_STOP_DEBUG (so a run continues from a
 * breakpoint).  False if the table is full (or, to
 * clear, addr has no breakpoint). */
bool x86_set_breakpoint(struct x86_cpu *cpu, uint32_t addr, bool on);
/* Prints every translation holding the byte at linear address addr (its
 * guest code and generated MIPS words) on stdout; returns how many. */
unsigned x86_show_tbs(struct x86_cpu *cpu, uint32_t addr);
/* A host exception at host address pc: if pc is in the code buffer, prints
 * which TB and guest instruction it is in and the guest registers as the
 * generated code held them (guest_regs: host s0..s7, or NULL), and returns
 * true. */
bool x86_describe_host_pc(struct x86_cpu *cpu, uint64_t pc, const uint64_t *guest_regs);
/* Copies up to max breakpoint addresses into out; returns how many are set. */
unsigned x86_breakpoints(const struct x86_cpu *cpu, uint32_t *out, unsigned max);
/* With step on, x86_run executes one instruction and returns
 * X86_STOP_DEBUG (or the stop that instruction caused). */
void x86_set_step(struct x86_cpu *cpu, bool on);
/* The physical address of linear addr through the guest's page tables
 * (itself while paging is off); false if not mapped.  No accessed or dirty
 * bit changes. */
bool x86_debug_translate(struct x86_cpu *cpu, uint32_t addr, uint32_t *phys);
/* Reads guest memory at a linear address, as a debugger sees it: false if
 * some byte is not mapped or is not RAM or ROM (no device is read). */
bool x86_debug_read(struct x86_cpu *cpu, uint32_t addr, void *buf, uint32_t len);
/* The same at a guest physical address. */
bool x86_debug_read_phys(struct x86_cpu *cpu, uint32_t addr, void *buf, uint32_t len);
/* Writes guest RAM at a linear address (dropping the translations of the
 * bytes); false if some byte is not mapped or not RAM, after writing the
 * pages before it. */
bool x86_debug_write(struct x86_cpu *cpu, uint32_t addr, const void *buf, uint32_t len);

#endif
