/* Building blocks of the CPU's system side, shared by its files (event.c,
 * segload.c, farctl.c, task.c, the system instructions): guest linear memory
 * at a privilege, descriptors, segment limits, stack frames built away from
 * the registers.  Ref: Intel SDM Vol. 3, chapters 3, 5, 6 and 7. */
#ifndef MIMIC_TRANSLATOR_PROT_H
#define MIMIC_TRANSLATOR_PROT_H

#include <stdbool.h>
#include <stdint.h>

#include "translator/cpu.h"

/* Selector fields. */
#define SEL_RPL   0x0003u
#define SEL_TI    0x0004u	/* the descriptor is in the LDT */
#define SEL_INDEX 0xfff8u

/* Descriptor types with S = 0 (system descriptors and gates). */
#define DESC_TSS16_AVAIL 0x1u
#define DESC_LDT         0x2u
#define DESC_TSS16_BUSY  0x3u
#define DESC_CALLGATE16  0x4u
#define DESC_TASKGATE    0x5u
#define DESC_INTGATE16   0x6u
#define DESC_TRAPGATE16  0x7u
#define DESC_TSS32_AVAIL 0x9u
#define DESC_TSS32_BUSY  0xbu
#define DESC_CALLGATE32  0xcu
#define DESC_INTGATE32   0xeu
#define DESC_TRAPGATE32  0xfu
#define DESC_TSS_BUSY_BIT 0x2u

/* Type bits of code and data descriptors (S = 1). */
#define SEG_TYPE_ACCESSED   0x1u
#define SEG_TYPE_WRITABLE   0x2u	/* data */
#define SEG_TYPE_READABLE   0x2u	/* code */
#define SEG_TYPE_EXPANDDOWN 0x4u	/* data */
#define SEG_TYPE_CONFORMING 0x4u	/* code */
#define SEG_TYPE_CODE       0x8u

/* Exception vectors. */
enum {
	X86_EXC_DE = 0, X86_EXC_DB = 1, X86_EXC_NMI = 2, X86_EXC_BP = 3,
	X86_EXC_OF = 4, X86_EXC_BR = 5, X86_EXC_UD = 6, X86_EXC_NM = 7,
	X86_EXC_DF = 8, X86_EXC_TS = 10, X86_EXC_NP = 11, X86_EXC_SS = 12,
	X86_EXC_GP = 13, X86_EXC_PF = 14, X86_EXC_MF = 16, X86_EXC_AC = 17,
};

/* A raw 8-byte descriptor as two little-endian dwords. */
struct x86_desc {
	uint32_t lo, hi;
};

static inline unsigned desc_type(struct x86_desc d) { return (d.hi >> 8) & 0xf; }
static inline bool desc_is_seg(struct x86_desc d) { return d.hi & (1u << 12); }
static inline unsigned desc_dpl(struct x86_desc d) { return (d.hi >> 13) & 3; }
static inline bool desc_present(struct x86_desc d) { return d.hi & (1u << 15); }
static inline bool desc_is_code(struct x86_desc d)
{
	return desc_is_seg(d) && (desc_type(d) & SEG_TYPE_CODE);
}
/* Gates: target selector, offset (16-bit gates use the low word), count. */
static inline uint16_t gate_sel(struct x86_desc d) { return (uint16_t)(d.lo >> 16); }
static inline uint32_t gate_offset(struct x86_desc d)
{
	return (d.lo & 0xffff) | (d.hi & 0xffff0000u);
}

static inline unsigned seg_dpl(const struct x86_seg *s) { return (s->attr >> X86_SEG_DPL_SHIFT) & 3; }
static inline unsigned seg_type(const struct x86_seg *s) { return s->attr & X86_SEG_TYPE; }
static inline unsigned x86_cpl(const struct x86_cpu *cpu) { return cpu->hflags & X86_HF_CPL_MASK; }
static inline bool x86_protected(const struct x86_cpu *cpu)
{
	return (cpu->cr[0] & X86_CR0_PE) && !(cpu->eflags & X86_VM);
}

/* Guest linear memory as seen at privilege cpl (3: user accesses; 0-2 and
 * implicit system accesses such as descriptor tables: supervisor).  Faults
 * (#PF) unwind through x86_raise. */
uint32_t x86_lin_load(struct x86_cpu *cpu, uint32_t lin, unsigned size, unsigned cpl);
void x86_lin_store(struct x86_cpu *cpu, uint32_t lin, uint32_t value, unsigned size, unsigned cpl);

/* The descriptor sel names in the GDT or LDT; false if the selector's
 * index lies past the table's limit (or the LDT is unusable). */
bool x86_desc_fetch(struct x86_cpu *cpu, uint16_t sel, struct x86_desc *out);
/* Set or clear a bit of the descriptor's high dword in its table: the
 * accessed bit (code/data) or the busy bit (TSS). */
void x86_desc_set_bit(struct x86_cpu *cpu, uint16_t sel, uint32_t hi_bit);
void x86_desc_clear_bit(struct x86_cpu *cpu, uint16_t sel, uint32_t hi_bit);
/* The hidden cache a load of descriptor d through selector sel leaves. */
struct x86_seg x86_desc_cache(uint16_t sel, struct x86_desc d);
/* An IDT entry; false past the IDT's limit. */
bool x86_idt_fetch(struct x86_cpu *cpu, unsigned vector, struct x86_desc *out);

/* [off, off + size) lies inside s's limit (expand-down aware). */
bool x86_seg_range_ok(const struct x86_seg *s, uint32_t off, unsigned size);

/* A stack being written or read through ss:esp before anything commits.
 * Each access checks the limit and raises #SS(error) when outside it. */
struct x86_stack {
	struct x86_seg ss;
	uint32_t esp;		/* the new value of esp (upper half kept for a 16-bit sp) */
	uint32_t mask;		/* 0xffff for a 16-bit stack, else all ones */
	unsigned cpl;		/* privilege of the accesses */
	uint32_t error;		/* #SS error code on a limit violation */
};

void x86_stack_init(struct x86_stack *st, const struct x86_seg *ss, uint32_t esp,
		    unsigned cpl, uint32_t error);
void x86_stack_push(struct x86_cpu *cpu, struct x86_stack *st, uint32_t value, unsigned size);
uint32_t x86_stack_pop(struct x86_cpu *cpu, struct x86_stack *st, unsigned size);
/* The current stack at the current privilege (#SS(0) on a violation). */
void x86_stack_current(struct x86_stack *st, struct x86_cpu *cpu);
/* Make st's esp the guest's (keeping esp's upper half for a 16-bit stack). */
void x86_stack_commit(struct x86_cpu *cpu, const struct x86_stack *st);

/* Segment loads (segload.c): the cache a load of sel into sreg gives, after
 * every check (raising #GP/#NP/#SS with the selector's error code), and
 * committing it (hflags follow).  CS loads go through farctl.c. */
struct x86_seg x86_seg_check(struct x86_cpu *cpu, unsigned sreg, uint16_t sel);
/* The protected-mode checks at privilege cpl, with gp as the vector of
 * the #GP cases (a task switch raises #TS instead). */
struct x86_seg x86_seg_check_pm(struct x86_cpu *cpu, unsigned sreg, uint16_t sel,
				unsigned cpl, unsigned gp);
void x86_seg_commit(struct x86_cpu *cpu, unsigned sreg, const struct x86_seg *s);
/* LDTR's cache for lldt or a task switch: null gives an unusable LDT;
 * else a present LDT descriptor in the GDT (#gp(sel) / #NP(sel)). */
struct x86_seg x86_ldt_check(struct x86_cpu *cpu, uint16_t sel, unsigned gp);
void x86_seg_drop_privileged(struct x86_cpu *cpu, unsigned new_cpl);

/* Far control transfers (farctl.c); offsets wrap to 16 bits with a
 * 16-bit operand size, next_eip is the return address or saved eip. */
void x86_far_jmp(struct x86_cpu *cpu, uint16_t sel, uint32_t offset, unsigned opsize,
		 uint32_t next_eip);
void x86_far_call(struct x86_cpu *cpu, uint16_t sel, uint32_t offset, unsigned opsize,
		  uint32_t next_eip);
void x86_far_ret(struct x86_cpu *cpu, unsigned opsize, uint32_t imm);
void x86_iret(struct x86_cpu *cpu, unsigned opsize, uint32_t next_eip);

/* Control and debug registers (ctlregs.c): a write checks its value
 * (#GP(0)), updates the softmmu's paging state and hflags; CR1 and CR5-7
 * are #UD. */
void x86_cr_write(struct x86_cpu *cpu, unsigned n, uint32_t value);
uint32_t x86_dr_read(struct x86_cpu *cpu, unsigned n);
void x86_dr_write(struct x86_cpu *cpu, unsigned n, uint32_t value);

/* Debug-register breakpoints (dregs.c; the loop's check is in sys.h).
 * x86_dr_arm after a write to DR0-DR3 or DR7: the softmmu's data watches
 * and hflags follow DR7.  x86_dr_armed: DR7 enables one (every instruction
 * runs alone).  x86_dr_watch_hit: the softmmu's watch_hit, which notes the
 * data breakpoint in cpu->dr_hits for the #DB trap after the instruction. */
#define X86_DR_BREAKPOINTS 4
void x86_dr_arm(struct x86_cpu *cpu);
bool x86_dr_armed(const struct x86_cpu *cpu);
void x86_dr_watch_hit(void *opaque, unsigned n);

/* Model-specific registers (msr.c); an unknown index is #GP(0). */
uint64_t x86_msr_read(struct x86_cpu *cpu, uint32_t index);
void x86_msr_write(struct x86_cpu *cpu, uint32_t index, uint64_t value);

#endif
