/* The translation context shared by the per-instruction-family translators,
 * and the TB builder's entry point. */
#ifndef MIMIC_TRANSLATOR_TRANSLATE_H
#define MIMIC_TRANSLATOR_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include <capstone/capstone.h>

#include "translator/cpu.h"
#include "translator/emit.h"
#include "translator/interp.h"
#include "translator/stubs.h"
#include "translator/tb.h"

#define TB_MAX_INSNS 64
#define NOREG 0xffu

/* A TLB miss path, emitted after the TB's code (memory.c). */
struct x86_slow_path {
	uint32_t *branch;	/* the bne taken on a miss */
	uint32_t *branch2;	/* a check's second branch, or NULL */
	uint32_t *resume;	/* first word after the access */
	uint8_t fault;		/* a check's vector (#SS, #GP, #AC), or 0 for a TLB miss */
	uint8_t reg;		/* value loaded or stored */
	uint8_t addr;
	uint8_t log2_size;
	bool store;
	uint32_t eip;		/* of the instruction: stored before the thunk may fault */
};

#define TB_MAX_SLOW_PATHS (8 * TB_MAX_INSNS)	/* TLB misses and segment checks */

#define X86_DCACHE_SIZE 64

/* A decoded instruction kept for reuse (decode.c). */
struct x86_decoded {
	uint32_t lin;		/* linear address of its first byte */
	bool valid;
	bool code16;
	cs_insn *insn;
};

/* Translator-wide state owned by a CPU: capstone, the stubs, the pool of
 * decoded instructions the C interpreter runs from. */
struct x86_xlat {
	csh cs;				/* 32-bit code */
	csh cs16;			/* 16-bit code */
	bool code16;			/* the block being decoded is 16-bit code */
	uint32_t cs_base;		/* ... and its CS base (fetches are cs_base + eip) */
	uint32_t cs_limit;		/* ... and CS's limit (no byte fetched past it) */
	bool single;			/* ... one instruction alone (X86_HF_SINGLE) */
	enum softmmu_kind kind;		/* ... and the TLB its fetches use */
	uint32_t first_eip;		/* its first instruction: its fetch may fault */
	/* Where each emitted instruction's host code starts, then where the
	 * block's exits and slow paths start; insn_emitted of them. */
	uint32_t *insn_at[TB_MAX_INSNS + 1];
	unsigned insn_emitted;
	cs_insn *slots[TB_MAX_INSNS];	/* the block being translated */
	cs_insn *look;			/* successors' first instructions (liveness) */
	struct x86_decoded dcache[X86_DCACHE_SIZE];
	struct x86_stubs stubs;
	struct x86_slow_path slow[TB_MAX_SLOW_PATHS];
	uint32_t reported[16];		/* unsupported instructions reported (linear + 1) */
	unsigned nreported;
	struct x86_idesc *insns;
	unsigned insn_count;
	unsigned insn_max;
};

struct x86_tctx {
	struct x86_cpu *cpu;
	struct x86_xlat *x;
	struct emit *e;
	struct tb *tb;
	uint32_t flags;		/* the TB's hflags key (X86_HF_*) */
	bool code16;		/* 16-bit code segment: default operand and address size 2 */
	bool stack16;		/* sp, not esp, addresses the stack */
	const cs_insn *in;	/* the instruction being translated */
	const cs_x86 *d;	/* its x86 detail */
	bool flags_live;	/* some later reader may see this insn's flags */
	bool ea_valid;		/* REG_EA holds the memory operand's address */
	uint32_t cc_static;	/* cc_op known to be in memory, or CC_UNKNOWN */
	unsigned cc_regs[3];	/* registers still holding cc_dst, src1, src2, or NOREG */
	uint32_t cc_regs_op;	/* the cc_op they belong to */
	unsigned cc_regs_at;	/* index + 2 of the instruction that recorded them, or 0 */
	bool fused;		/* liveness counted on this reader using cc_regs */
	bool feeds;		/* this setter has a fused reader: cc_set it even if dead */
	bool keep;		/* ... further on: copy the record to a0..a2 */
	bool needs_result;	/* ... and the result (not just the operands) */
	unsigned index;		/* of the current instruction in the block */
	uint32_t eip;		/* of the current instruction */
	uint32_t next_eip;
	unsigned exits;		/* direct exits used */
	unsigned nslow;		/* queued in x->slow */
	bool ended;		/* the instruction ended the TB */
	enum softmmu_kind kind;	/* which TLB the TB's guest accesses use */
	uint32_t *count_at;	/* with env.count: the entry's add of the TB's length */
};

bool x86_xlat_init(struct x86_xlat *x, unsigned insn_max);
void x86_xlat_free(struct x86_xlat *x);
/* The jump cache (jumpcache.c).  init: at CPU creation; reset: every line
 * misses from now on (a TB was invalidated); select: before entering a TB
 * of several instructions, the key (flags, CS now) its probes compare
 * with; fill: eip leads to code under that key. */
void x86_jc_init(struct x86_cpu *cpu);
void x86_jc_reset(struct x86_cpu *cpu);
void x86_jc_select(struct x86_cpu *cpu, uint32_t flags);
void x86_jc_fill(struct x86_cpu *cpu, uint32_t eip, const uint32_t *code);
/* Drop every translation (the code buffer starts over). */
void x86_flush_all(struct x86_cpu *cpu);
/* A breakpoint is set on the instruction at eip (debug.c). */
bool x86_breakpoint_at(const struct x86_cpu *cpu, uint32_t eip);

/* Flag liveness of a decoded block (liveness.c). */
struct x86_live {
	bool live_after[TB_MAX_INSNS];	/* the insn's flag record must reach memory */
	bool fused[TB_MAX_INSNS];	/* reads its condition from its setter's registers */
	bool feeds[TB_MAX_INSNS];	/* a setter with a fused reader: records in registers */
	bool keep[TB_MAX_INSNS];	/* ... not right after it: copies to a0..a2 */
	bool needs_result[TB_MAX_INSNS];	/* ... whose condition uses the result */
	uint32_t dep_lo;		/* guest bytes the translation depends on */
	uint32_t dep_hi;
};

void flags_liveness(struct x86_cpu *cpu, struct x86_xlat *x, unsigned n, struct x86_live *live);
bool x86_ends_block(struct x86_xlat *x, const cs_insn *in);
/* Decode the instruction at eip (CS base x->cs_base, x->code16's size) into
 * out (a cs_malloc'd slot); false if the bytes are not an instruction. */
bool x86_decode(struct x86_cpu *cpu, struct x86_xlat *x, uint32_t eip, cs_insn *out);

/* The TLB (and page permissions) of accesses at the CPL in flags. */
static inline enum softmmu_kind x86_kind_of(uint32_t hflags)
{
	return (hflags & X86_HF_CPL_MASK) == 3 ? SOFTMMU_USER : SOFTMMU_KERNEL;
}

/* The effective operand size: the 0x66 prefix flips the code's default. */
static inline unsigned x86_opsize(const cs_insn *in, bool code16)
{
	return (in->detail->x86.prefix[2] == X86_PREFIX_OPSIZE) != code16 ? 2 : 4;
}

/* Returns the TB for (cpu's CS, eip, mode flags), translating it if needed. */
struct tb *x86_translate(struct x86_cpu *cpu, struct x86_xlat *x, uint32_t eip, uint32_t flags);

/* Instruction families; each returns false if it does not handle the form. */
bool tr_alu(struct x86_tctx *t);
bool tr_move(struct x86_tctx *t);
bool tr_control(struct x86_tctx *t);
bool tr_muldiv(struct x86_tctx *t);
bool tr_bits(struct x86_tctx *t);
bool tr_portio(struct x86_tctx *t);
bool tr_flagops(struct x86_tctx *t);
bool tr_exchange(struct x86_tctx *t);
uint32_t x86_port_in(struct x86_cpu *cpu, uint32_t port, uint32_t size);
uint32_t x86_port_out(struct x86_cpu *cpu, uint32_t port, uint32_t value, uint32_t size);

/* Exits (control.c). */
uint32_t x86_branch_target(const cs_insn *in, bool code16);
void tr_exit_direct(struct x86_tctx *t, uint32_t target);
void tr_exit_indirect(struct x86_tctx *t, unsigned reg);
void tr_exit_stop(struct x86_tctx *t, uint32_t eip, enum x86_stop stop);
void tr_raise(struct x86_tctx *t, unsigned vector, uint32_t error);
/* The same for the instruction at eip (out-of-line fault paths). */
void tr_raise_at(struct x86_tctx *t, uint32_t eip, unsigned vector, uint32_t error);
void tr_unsupported(struct x86_tctx *t);
void tr_call_interp(struct x86_tctx *t);

/* Guest instruction counting (count.c, with env.count): the TB's entry,
 * its length once emitted, an exit after the current instruction before
 * the TB's end. */
void tr_count_entry(struct x86_tctx *t);
void tr_count_finish(struct x86_tctx *t, unsigned emitted);
void tr_count_early_exit(struct x86_tctx *t);
/* After a TB returns to the loop, or unwinds from it (eip then at the
 * instruction that did not complete): take back what did not run. */
void x86_count_settle(struct x86_cpu *cpu, bool unwound);
void tr_call_c_precise(struct x86_tctx *t, enum x86_helper h);

/* Report the instruction at cpu's CS:eip (once per address) and raise #UD. */
_Noreturn void x86_unsupported(struct x86_cpu *cpu);
/* A store is about to change the code of the running TB (at cpu->eip, state
 * in cpu, nothing stored yet): unwind to x86_run, which runs that
 * instruction again in a TB of its own. */
_Noreturn void x86_redo_alone(struct x86_cpu *cpu);

/* Operands (operand.c). */
bool opnd_gpr(unsigned reg, unsigned *idx, unsigned *size, unsigned *shift);
/* The host register of a dword guest register operand, else NOREG. */
unsigned opnd_dword_reg(const cs_x86_op *op);
void opnd_offset(struct x86_tctx *t, const cs_x86_op *op, unsigned dst);
void opnd_ea(struct x86_tctx *t, const cs_x86_op *op, unsigned dst);
/* The segment (X86_ES..X86_GS) a memory operand is addressed through: its
 * override, else SS for an (E)BP or (E)SP base, else DS. */
unsigned x86_mem_segment(const cs_x86_op *op);
/* X86_ES..X86_GS for a capstone segment register, else -1. */
int x86_sreg_index(unsigned reg);
/* A memory operand's read and write check its segment when hflags asks
 * (X86_HF_SEGCHK): a read-modify-write checks the read, then the write. */
unsigned opnd_read(struct x86_tctx *t, const cs_x86_op *op, unsigned tmp);
void opnd_write(struct x86_tctx *t, const cs_x86_op *op, unsigned src);
/* Writes a memory destination now and returns true: its store may fault, so
 * it comes before the flag record (which is state).  A register destination
 * is left for after cc_set, whose record may name its old value. */
bool opnd_write_if_mem(struct x86_tctx *t, const cs_x86_op *op, unsigned src);
void tr_push(struct x86_tctx *t, unsigned val, unsigned size);
void tr_pop(struct x86_tctx *t, unsigned dst, unsigned size);
/* The load of a pop (the stack pointer unchanged), and adding to esp / sp. */
void tr_pop_load(struct x86_tctx *t, unsigned dst, unsigned size);
void tr_sp_add(struct x86_tctx *t, int32_t n);
/* v1 = (base + delta) wrapped to the stack size, checked against SS for an
 * access of size bytes when hflags asks; returns the register that holds
 * its linear address (SS base added unless segments are flat). */
unsigned tr_stack_addr(struct x86_tctx *t, unsigned base, int32_t delta, unsigned size, bool write);
/* esp (or its low half, sp) = v1. */
void tr_sp_commit(struct x86_tctx *t);

/* Guest memory fast path (memory.c). */
void mem_load(struct x86_tctx *t, unsigned size, unsigned dst, unsigned addr);
void mem_store(struct x86_tctx *t, unsigned size, unsigned src, unsigned addr);
void mem_emit_slow_paths(struct x86_tctx *t);
/* #SS(0) (seg SS) or #GP(0) at the instruction, out of line, unless size
 * bytes at offset off (a register, 32 or 16 bits) are in seg's bounds
 * (cpu->seg_bounds) for a read or write.  Uses m0, m1. */
void mem_seg_check(struct x86_tctx *t, unsigned seg, unsigned off, unsigned size, bool write);
/* The branch (taken when the check fails) raises vector, error code 0, at
 * the instruction, out of line. */
void mem_fault_out_of_line(struct x86_tctx *t, uint32_t *branch, unsigned vector);

/* Lazy flags in generated code (cc.c). */
void cc_set(struct x86_tctx *t, unsigned kind, unsigned size, unsigned dst,
	    unsigned src1, unsigned src2, unsigned aux);
void cc_reg_written(struct x86_tctx *t, unsigned reg);
void cc_set_incdec(struct x86_tctx *t, unsigned kind, unsigned size, unsigned res);
void cc_cond(struct x86_tctx *t, unsigned cc, unsigned out);
unsigned cc_branch(struct x86_tctx *t, unsigned cc, unsigned out, bool *if_nonzero);
bool cc_fusable(unsigned kind, unsigned cond, bool have_operands);
void cc_get_cf(struct x86_tctx *t, unsigned out);
void cc_forget(struct x86_tctx *t);
void tr_call_c(struct x86_tctx *t, enum x86_helper h);

#endif
