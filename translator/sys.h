/* The CPU's system side, shared by the translator's files: mode bits,
 * raising and delivering events, I/O permission.  See README.md, "System
 * mode", for the rules generated code and the interpreter keep around them. */
#ifndef MIMIC_TRANSLATOR_SYS_H
#define MIMIC_TRANSLATOR_SYS_H

#include <stdbool.h>
#include <stdint.h>

#include "translator/cpu.h"

/* Recompute cpu->hflags from CR0, the segment caches, EFLAGS and CPL. */
void x86_update_hflags(struct x86_cpu *cpu);

/* A fault at the instruction whose state is in cpu (eip at its first byte):
 * records it and unwinds to x86_run, which delivers it.  error is the error
 * code, or X86_NO_ERROR. */
_Noreturn void x86_raise(struct x86_cpu *cpu, unsigned vector, uint32_t error);

/* Transfer control to the handler of vector through the IVT or IDT, pushing
 * the frame for eip (faults) or next_eip (traps, int n, interrupts).  Faults
 * during delivery escalate to #DF, then to a triple fault (cpu->stop). */
void x86_deliver(struct x86_cpu *cpu, unsigned vector, enum x86_event_kind kind,
		 uint32_t error, uint32_t next_eip);

/* At a TB boundary: deliver a pending NMI or INTR if EFLAGS.IF and the
 * interrupt shadow allow it; wakes a halted CPU.  True if one was taken. */
bool x86_take_interrupt(struct x86_cpu *cpu);

/* in/out at CPL > IOPL (or in v86 mode): #GP(0) unless the TSS I/O bitmap
 * allows every byte of [port, port + size). */
void x86_io_check(struct x86_cpu *cpu, uint16_t port, unsigned size);

#endif
