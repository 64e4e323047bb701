/* The emulated CPU's state.  Generated code addresses the fields up to the
 * jump cache by 16-bit offsets from the state register; keep those first. */
#ifndef MIMIC_TRANSLATOR_CPU_H
#define MIMIC_TRANSLATOR_CPU_H

#include <stdint.h>

#include "softmmu/softmmu.h"
#include "translator/x86.h"

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

/* C functions generated code calls, by slot in x86_cpu.helper. */
enum x86_helper {
	X86_HELPER_EFLAGS,	/* uint32_t (cpu): the arithmetic flags */
	X86_HELPER_INTERP,	/* int (cpu, insn): run one instruction in C */
	X86_HELPER_LOAD,	/* uint32_t (cpu, addr, size) */
	X86_HELPER_STORE,	/* void (cpu, addr, value, size) */
	X86_HELPER_IN,		/* uint32_t (cpu, port, size) */
	X86_HELPER_OUT,		/* uint32_t (cpu, port, value, size): nonzero = stop */
	X86_HELPER_COUNT
};

#define X86_JC_BITS 10
#define X86_JC_SIZE (1u << X86_JC_BITS)

/* Indirect-jump cache line: guest eip -> host code of its TB. */
struct x86_jc_entry {
	int32_t pc;
	uint32_t pad;
	uint64_t host;
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
	uint32_t seg_base[6];	/* ES CS SS DS FS GS; generated code adds FS/GS ones */
	uint64_t count_insns;	/* with env.count: guest instructions executed */
	uint64_t count_tbs;	/* ... and TBs entered, chained or not */
	struct softmmu mmu;	/* TLB first inside it */
	struct x86_jc_entry jc[X86_JC_SIZE];

	/* Not touched by generated code. */
	uint64_t tsc;
	struct x86_env env;
	struct tb_cache *tbs;
	struct x86_xlat *xlat;
	uint64_t stat_tb_exec;		/* TBs entered from the loop (the rest came chained or through the jump cache) */
	uint64_t stat_chained;		/* direct exits patched */
};

#endif
