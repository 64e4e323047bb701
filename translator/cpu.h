/* The emulated CPU's state.  Generated code addresses the fields up to the
 * jump cache by 16-bit offsets from the state register; keep those first. */
#ifndef MIMIC_TRANSLATOR_CPU_H
#define MIMIC_TRANSLATOR_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "softmmu/softmmu.h"
#include "translator/x86.h"
#include "translator/x87.h"

enum { X86_EAX, X86_ECX, X86_EDX, X86_EBX, X86_ESP, X86_EBP, X86_ESI, X86_EDI };
enum { X86_ES, X86_CS, X86_SS, X86_DS, X86_FS, X86_GS };

/* EFLAGS bits.  The six arithmetic ones live in the lazy cc_* state. */
#define X86_CF 0x0001u
#define X86_PF 0x0004u
#define X86_AF 0x0010u
#define X86_ZF 0x0040u
#define X86_SF 0x0080u
#define X86_TF 0x0100u
#define X86_IF 0x0200u
#define X86_DF 0x0400u
#define X86_OF 0x0800u
#define X86_ARITH (X86_CF | X86_PF | X86_AF | X86_ZF | X86_SF | X86_OF)
#define X86_IOPL 0x3000u
#define X86_NT   0x4000u
#define X86_RF   0x10000u
#define X86_VM   0x20000u
#define X86_AC   0x40000u
#define X86_ID   0x200000u

/* CR0 and CR4 bits. */
#define X86_CR0_PE 0x00000001u
#define X86_CR0_MP 0x00000002u
#define X86_CR0_EM 0x00000004u
#define X86_CR0_TS 0x00000008u
#define X86_CR0_ET 0x00000010u
#define X86_CR0_NE 0x00000020u
#define X86_CR0_WP 0x00010000u
#define X86_CR0_AM 0x00040000u
#define X86_CR0_NW 0x20000000u
#define X86_CR0_CD 0x40000000u
#define X86_CR0_PG 0x80000000u
#define X86_CR4_VME 0x0001u
#define X86_CR4_PVI 0x0002u
#define X86_CR4_TSD 0x0004u
#define X86_CR4_DE  0x0008u
#define X86_CR4_PSE 0x0010u
#define X86_CR4_PGE 0x0080u

/* Segment attributes: descriptor bits 40..55 shifted down by 8 (type in
 * 0..3, S 4, DPL 5..6, P 7, AVL 12, L 13, D/B 14, G 15). */
#define X86_SEG_TYPE 0x000fu
#define X86_SEG_S    0x0010u
#define X86_SEG_DPL_SHIFT 5
#define X86_SEG_P    0x0080u
#define X86_SEG_DB   0x4000u
#define X86_SEG_G    0x8000u

/* A segment register (or LDTR/TR) with its hidden descriptor cache: what
 * the last load put there, used until the next load (so unreal mode works). */
struct x86_seg {
	uint32_t base;
	uint32_t limit;		/* effective byte limit, granularity applied */
	uint16_t sel;
	uint16_t attr;		/* X86_SEG_* */
};

/* The offsets a segment register lets data accesses reach (seglimit.c):
 * an access of n bytes at offset off is allowed when d = off - lo >= 0
 * and d + n - 1 <= span[write].  span is X86_SEG_NO_ACCESS when the kind
 * of access is not allowed at all (null segment, write to code...). */
struct x86_seg_bounds {
	int64_t lo;
	int64_t span[2];	/* reads, writes */
};

#define X86_SEG_NO_ACCESS (-((int64_t)1 << 40))

/* Mode bits that change how code is translated; TBs are keyed by
 * (physical pc, CS base, hflags & X86_HF_KEY).  Recomputed by
 * x86_update_hflags after anything that changes their sources. */
#define X86_HF_CPL_MASK  0x0003u	/* current privilege level */
#define X86_HF_PE        0x0004u	/* CR0.PE */
#define X86_HF_CODE32    0x0008u	/* CS.D: 32-bit default operand/address size */
#define X86_HF_STACK32   0x0010u	/* SS.B: esp (not sp) is the stack pointer */
#define X86_HF_ADDSEG    0x0020u	/* DS, ES or SS base is nonzero: add bases */
#define X86_HF_IOCHECK   0x0040u	/* in/out must consult IOPL and the TSS bitmap */
#define X86_HF_SINGLE    0x0080u	/* one instruction per TB (TF, step, SMC redo) */
#define X86_HF_SHADOW    0x0100u	/* interrupt shadow: after sti / mov ss */
#define X86_HF_VM        0x0200u	/* virtual-8086 mode (EFLAGS.VM) */
#define X86_HF_SEGCHK(seg) (0x0400u << (seg))	/* accesses through seg (X86_ES..X86_GS)
						 * check its bounds: not flat and writable */
#define X86_HF_SEGCHK_ALL 0xfc00u
#define X86_HF_ALIGNCHK  0x10000u	/* CR0.AM, EFLAGS.AC and CPL 3: #AC on misaligned data */
#define X86_HF_KEY       0x1ffffu

/* How an event reaches the guest (x86_deliver): what eip it saves and
 * whether IOPL/DPL checks apply. */
enum x86_event_kind {
	X86_EV_FAULT,		/* exception; saved eip = the faulting instruction */
	X86_EV_TRAP,		/* exception after the instruction (#DB trap, #OF, #BP) */
	X86_EV_SOFT,		/* int n: gate DPL is checked against CPL */
	X86_EV_HARD,		/* external interrupt or NMI */
};

#define X86_NO_ERROR 0xffffffffu	/* the exception pushes no error code */

/* C functions generated code calls, by slot in x86_cpu.helper. */
enum x86_helper {
	X86_HELPER_EFLAGS,	/* uint32_t (cpu): the arithmetic flags */
	X86_HELPER_INTERP,	/* int (cpu, insn): run one instruction in C */
	X86_HELPER_LOAD,	/* uint32_t (cpu, addr, size, kind) */
	X86_HELPER_STORE,	/* void (cpu, addr, value, size, kind) */
	X86_HELPER_IN,		/* uint32_t (cpu, port, size) */
	X86_HELPER_OUT,		/* uint32_t (cpu, port, value, size): nonzero = stop */
	X86_HELPER_RAISE,	/* x86_raise (cpu, vector, error): never returns */
	X86_HELPER_UNSUPPORTED,	/* (cpu): report the instruction at eip, raise #UD */
	X86_HELPER_COUNT
};

#define X86_JC_BITS 10
#define X86_JC_SIZE (1u << X86_JC_BITS)
#define X86_JC_KEYS 4	/* keys the jump cache tells apart at once (jumpcache.c) */

/* Indirect-jump cache line: guest eip -> host code of its TB.  tag is the
 * sign-extended eip xor (the id of the TB's key << 32). */
struct x86_jc_entry {
	uint64_t tag;
	uint64_t host;
};

/* A TB key (mode flags, CS base and limit) and its jump cache id; 0: unused. */
struct x86_jc_key {
	uint32_t flags;
	uint32_t cs_base;
	uint32_t cs_limit;
	uint32_t id;
};

struct tb_cache;
struct x86_xlat;

struct x86_cpu {
	uint32_t regs[8];	/* EAX..EDI in encoding order */
	uint32_t eip;
	uint32_t eflags;	/* all but the arithmetic bits; bit 1 always set */
	uint32_t cc_op;		/* lazy flags: how to derive them (flags.h) */
	uint32_t cc_dst;
	uint32_t cc_src1;
	uint32_t cc_src2;
	uint32_t cc_aux;
	uint32_t cc_inc_res;	/* inc/dec result; CF still comes from cc_inc_prev */
	uint32_t cc_inc_prev;	/* the cc_op whose record inc/dec left in place */
	volatile uint32_t exit_request;
	uint32_t stop;		/* enum x86_stop set by generated code or helpers */
	uint32_t fault_vector;
	uint64_t helper[X86_HELPER_COUNT];
	struct x86_seg seg[6];	/* ES CS SS DS FS GS; generated code reads the bases */
	struct x86_seg_bounds seg_bounds[6];	/* with hflags; generated code checks them */
	uint64_t count_insns;	/* with env.count: guest instructions executed (count.c) */
	uint64_t count_tbs;	/* ... and TBs entered, chained or not */
	uint32_t count_tb;	/* index + 1 of the TB last entered, 0 once settled */
	uint32_t count_done;	/* its instructions that ran, if it stopped early, else 0 */
	uint64_t jc_key;	/* the running TB's key id << 32, for jump cache probes */
	struct softmmu mmu;	/* TLB first inside it */
	struct x86_jc_entry jc[X86_JC_SIZE];

	/* Not touched by generated code. */
	struct x86_jc_key jc_keys[X86_JC_KEYS];	/* keys with an id (jumpcache.c) */
	unsigned jc_cur;	/* the one jc_key is of */
	unsigned jc_victim;	/* the next to give way to a new key */
	uint32_t jc_last_id;
	uint64_t jc_tlb_seen;	/* TLB flushes when the ids were last checked */
	uint32_t hflags;	/* X86_HF_* */
	uint32_t cr[5];		/* CR0, (CR1), CR2, CR3, CR4 */
	uint32_t dr[8];
	struct { uint32_t base, limit; } gdt, idt;
	struct x86_seg ldt, tr;
	uint64_t msr_sysenter_cs, msr_sysenter_esp, msr_sysenter_eip;
	uint64_t msr_apic_base;
	uint64_t tsc_offset;	/* guest TSC = host clock + offset */
	bool intr;		/* the INTR line (PIC output) is high */
	bool nmi_pending;
	bool nmi_blocked;	/* an NMI handler runs: the next NMI waits for its iret */
	bool halted;		/* in hlt: runs again only for an interrupt */
	uint32_t dr_hits;	/* data breakpoints the running instruction hit (DR6 bits) */
	bool ss_loaded;		/* mov ss / pop ss just ran: a single-step trap
				 * waits for the next instruction (SDM 6.8.3) */
	bool empty_idt_stops;	/* flatguest_load's: an exception while the IDT is
				 * empty (limit 0) stops the run (X86_STOP_FAULT)
				 * rather than escalating to a triple fault */
	bool in_multi_tb;	/* a TB of several instructions runs: a store into its
				 * code makes x86_run redo the store's instruction alone */
	/* The event being delivered (x86_raise); a fault while delivering it
	 * makes a double fault, one while delivering that a triple fault. */
	uint32_t exc_vector;
	uint32_t exc_error;	/* or X86_NO_ERROR */
	uint32_t exc_depth;	/* 1 while x86_deliver runs, else 0 */
	uint32_t exc_kind;	/* enum x86_event_kind of that event */
	jmp_buf unwind;		/* x86_run's: x86_raise jumps back here */
	uint64_t tsc;
	struct x87_state fpu;
	struct x86_env env;
	struct tb_cache *tbs;
	struct x86_xlat *xlat;
	uint64_t stat_tb_exec;		/* TBs entered from the loop (the rest came chained or through the jump cache) */
	uint64_t stat_chained;		/* direct exits patched */
	uint64_t stat_jc_resets;	/* jump cache ids forgotten (TLB flush, invalidation) */
	uint64_t stat_exceptions[32];	/* faults and traps delivered, by vector */
	uint64_t stat_interrupts[256];	/* int n and external interrupts delivered, by vector */
	/* Debugging (debug.c): linear addresses the run stops before, and
	 * whether each x86_run executes one instruction only. */
	uint32_t breakpoints[X86_MAX_BREAKPOINTS];
	unsigned nr_breakpoints;
	bool step;
	bool resume_past;	/* the last run stopped for the debugger at resume_eip */
	uint32_t resume_eip;
};

#endif
