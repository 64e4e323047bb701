/* Hardware task switching (task.c): what far jmp/call, interrupts through
 * task gates and iret with NT set ask of it.  Ref: Intel SDM Vol. 3, ch. 7. */
#ifndef MIMIC_TRANSLATOR_TASK_H
#define MIMIC_TRANSLATOR_TASK_H

#include <stdint.h>

#include "translator/prot.h"

enum x86_task_reason { X86_TASK_JMP, X86_TASK_CALL, X86_TASK_INT, X86_TASK_IRET };

/* A far jmp or call whose selector names a TSS or a task gate (d): the
 * privilege checks, then the switch; next_eip is saved in the old TSS. */
void x86_task_far(struct x86_cpu *cpu, uint16_t sel, struct x86_desc d,
		  enum x86_task_reason why, uint32_t next_eip);
/* An event through a task gate in the IDT naming tss_sel; error (or
 * X86_NO_ERROR) is pushed on the new task's stack. */
void x86_task_gate_event(struct x86_cpu *cpu, uint16_t tss_sel, uint32_t ext, uint32_t error,
			 uint32_t ret);
/* iret with EFLAGS.NT: back to the task named by the TSS's back link. */
void x86_task_return(struct x86_cpu *cpu, uint32_t next_eip);

/* The stack for privilege dpl in the current TSS, with the new SS checked
 * (#TS/#SS with ext added to the error codes). */
void x86_tss_stack(struct x86_cpu *cpu, unsigned dpl, uint32_t ext, struct x86_seg *ss,
		   uint32_t *esp);

#endif
