/* The CPU's system side, shared by the translator's files: mode bits,
 * raising and delivering events, I/O permission.  See README.md, "System
 * mode", for the rules generated code and the interpreter keep around them. */
#ifndef MIMIC_TRANSLATOR_SYS_H
#define MIMIC_TRANSLATOR_SYS_H

#include <stdbool.h>
#include <stdint.h>

#include "translator/cpu.h"

/* Recompute cpu->hflags from CR0, the segment caches, EFLAGS (CPL is
 * SS.DPL in protected mode) and DR7.  X86_HF_SHADOW is kept as it is (the
 * loop owns it); SINGLE is set while EFLAGS.TF is or DR7 enables a
 * breakpoint. */
void x86_update_hflags(struct x86_cpu *cpu);

/* Segment checks on data and stack accesses (seglimit.c).  bounds_update
 * refills cpu->seg_bounds from the segment caches and CR0.PE / EFLAGS.VM
 * and returns the X86_HF_SEGCHK bits of the segments that need checking
 * (x86_update_hflags calls it).  x86_seg_access raises #SS(0) through SS,
 * else #GP(0), when size bytes at offset off of seg are out of its bounds
 * or the segment does not allow that kind of access; x86_seg_allows is
 * the same test without the fault (len bytes from off). */
uint32_t x86_seg_bounds_update(struct x86_cpu *cpu);
void x86_seg_access(struct x86_cpu *cpu, unsigned seg, uint32_t off, unsigned size, bool write);
bool x86_seg_allows(const struct x86_cpu *cpu, unsigned seg, uint32_t off, uint32_t len, bool write);

/* A fault at the instruction whose state is in cpu (eip at its first byte):
 * records it in exc_vector/exc_error and longjmps to cpu->unwind.  x86_run
 * then returns cpu->stop if it is set (a triple fault), else calls
 * x86_deliver(cpu, exc_vector, X86_EV_FAULT, exc_error, eip).  Raised while
 * x86_deliver runs, it turns the event into #DF or a triple fault as the SDM's
 * table 6-5 says.  error is the error code, or X86_NO_ERROR. */
_Noreturn void x86_raise(struct x86_cpu *cpu, unsigned vector, uint32_t error);

/* Transfer control to the handler of vector through the IVT or IDT, pushing
 * the frame for eip (faults) or next_eip (traps, int n, interrupts).  Faults
 * during delivery escalate to #DF, then to a triple fault (cpu->stop). */
void x86_deliver(struct x86_cpu *cpu, unsigned vector, enum x86_event_kind kind,
		 uint32_t error, uint32_t next_eip);

/* At a TB boundary (under x86_run's setjmp: delivery may fault): deliver a
 * pending NMI or INTR if EFLAGS.IF and the interrupt shadow allow it; wakes
 * a halted CPU.  True if one was taken.  While X86_HF_SHADOW is set nothing
 * is taken; the loop clears it once the next instruction has run. */
bool x86_take_interrupt(struct x86_cpu *cpu);

/* in/out at CPL > IOPL (or in v86 mode): #GP(0) unless the TSS I/O bitmap
 * allows every byte of [port, port + size). */
void x86_io_check(struct x86_cpu *cpu, uint16_t port, unsigned size);

/* The CPU model (cpuid.c): CPUID leaf 1's EAX, also EDX after reset. */
#define X86_CPUID_SIGNATURE 0x00000633u
/* Answer CPUID for the leaf in EAX (and ECX) into EAX..EDX. */
void x86_cpuid(struct x86_cpu *cpu);

/* The time-stamp counter (tsc.c): from env.clock_ns at 1 GHz, or counted
 * deterministically without it; set moves it (wrmsr, reset). */
uint64_t x86_tsc_read(struct x86_cpu *cpu);
void x86_tsc_set(struct x86_cpu *cpu, uint64_t value);

/* IA32_APIC_BASE after reset: the default base, this CPU is the BSP, the
 * local APIC globally enabled. */
#define X86_APIC_BASE_RESET 0xfee00900u

/* Before the instruction at eip (the loop): a #DB fault, DR6 naming the
 * hits, if a debug register's instruction breakpoint is there and
 * EFLAGS.RF is clear (dregs.c). */
void x86_dr_check_fetch(struct x86_cpu *cpu);

#endif
