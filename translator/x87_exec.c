/* The x87 instructions (D8-DF and fwait) for the interpreter: decoding by
 * opcode and ModRM, the register stack and tags, the status and control
 * words, stack faults, #NM (CR0.EM/TS) and pending-exception reporting
 * (#MF with CR0.NE, else FERR#/IRQ13).  Ref: Intel SDM Vol. 2 ("FADD" ...
 * "FYL2XP1"), Vol. 3 2.5 (CR0), Vol. 1 8.7 (the PC's FERR# wiring). */
#include "translator/x87.h"

#include "translator/cpu.h"
#include "translator/flags.h"
#include "translator/interp.h"
#include "translator/prot.h"
#include "translator/sys.h"

/* ---- the register stack ---- */

static unsigned top_of(const struct x87_state *s)
{
	return s->sw >> X87_TOP_SHIFT & 7;
}

static void set_top(struct x87_state *s, unsigned top)
{
	s->sw = (uint16_t)((s->sw & ~(7u << X87_TOP_SHIFT)) | (top & 7) << X87_TOP_SHIFT);
}

static unsigned phys(const struct x87_state *s, unsigned i)
{
	return (top_of(s) + i) & 7;
}

static bool empty(const struct x87_state *s, unsigned i)
{
	return s->empty >> phys(s, i) & 1;
}

static struct x87_f80 st(const struct x87_state *s, unsigned i)
{
	return s->r[phys(s, i)];
}

static void set_st(struct x87_state *s, unsigned i, struct x87_f80 v)
{
	unsigned p = phys(s, i);

	s->r[p] = v;
	s->empty &= (uint8_t)~(1u << p);
}

static void pop(struct x87_state *s)
{
	s->empty |= (uint8_t)(1u << phys(s, 0));
	set_top(s, top_of(s) + 1);
}

static void push(struct x87_state *s, struct x87_f80 v)
{
	set_top(s, top_of(s) - 1);
	set_st(s, 0, v);
}

static void set_cc(struct x87_state *s, uint16_t mask, unsigned bits)
{
	s->sw = (uint16_t)((s->sw & ~mask) | (bits & mask));
}

static void update_summary(struct x87_state *s)
{
	if (s->sw & ~s->cw & X87_EXC)
		s->sw |= X87_ES | X87_B;
	else
		s->sw &= (uint16_t)~(X87_ES | X87_B);
}

/* Fold what an operation raised into the status word (cc: the condition
 * codes it defines); true if its result may be written. */
static bool commit(struct x87_state *s, const struct x87_fenv *e, uint16_t cc)
{
	set_cc(s, cc, e->sw);
	s->sw |= e->sw & X87_EXC;
	update_summary(s);
	return !e->keep;
}

/* Stack overflow (a push onto a full register) or underflow (an empty
 * source): IE and SF, C1 tells which.  True if masked: the instruction goes
 * on with the indefinite value. */
static bool stack_fault(struct x87_state *s, bool overflow)
{
	s->sw |= X87_IE | X87_SF;
	set_cc(s, X87_C1, overflow ? X87_C1 : 0);
	update_summary(s);
	return s->cw & X87_IE;
}

/* Push v, or report an overflow (ST7 in use). */
static void push_checked(struct x87_state *s, struct x87_f80 v)
{
	if (!empty(s, 7) && !stack_fault(s, true))
		return;
	push(s, empty(s, 7) ? v : x87_indefinite);
}

static struct x87_fenv fenv(const struct x87_state *s)
{
	return (struct x87_fenv){ .cw = s->cw };
}

/* ---- memory operands ---- */

static const struct x86_iop *mem_op(const struct x86_idesc *d)
{
	for (unsigned i = 0; i < d->nops && i < 4; i++)
		if (d->op[i].type == IOP_MEM)
			return &d->op[i];
	return &d->op[0];
}

static uint64_t load64(struct x86_cpu *cpu, uint32_t addr)
{
	uint64_t lo = interp_load(cpu, addr, 4);

	return lo | (uint64_t)interp_load(cpu, addr + 4, 4) << 32;
}

static void store64(struct x86_cpu *cpu, uint32_t addr, uint64_t v)
{
	interp_store(cpu, addr, (uint32_t)v, 4);
	interp_store(cpu, addr + 4, (uint32_t)(v >> 32), 4);
}

static struct x87_f80 load80(struct x86_cpu *cpu, uint32_t addr)
{
	return (struct x87_f80){ .sig = load64(cpu, addr), .se = (uint16_t)interp_load(cpu, addr + 8, 2) };
}

/* The memory source of an arithmetic or compare form: real (D8 m32, DC
 * m64) or integer (DA m32, DE m16).  An SNaN stays signalling for the
 * operation to report; a denormal real raises DE here. */
static struct x87_f80 load_source(struct x86_cpu *cpu, unsigned opcode, uint32_t addr,
				  struct x87_fenv *e)
{
	switch (opcode) {
	case 0xd8:
		return x87_widen_f32(e, interp_load(cpu, addr, 4));
	case 0xdc:
		return x87_widen_f64(e, load64(cpu, addr));
	case 0xda:
		return x87_from_int((int32_t)interp_load(cpu, addr, 4));
	default:
		return x87_from_int((int16_t)interp_load(cpu, addr, 2));
	}
}

/* ---- arithmetic and compares ---- */

static struct x87_f80 arith_op(struct x87_fenv *e, unsigned op, struct x87_f80 a, struct x87_f80 b)
{
	switch (op) {
	case 0: return x87_add(e, a, b);
	case 1: return x87_mul(e, a, b);
	case 4: return x87_sub(e, a, b);
	case 5: return x87_sub(e, b, a);
	case 6: return x87_div(e, a, b);
	default: return x87_div(e, b, a);
	}
}

/* ST(0) with b (fcomi's i): the X87_CMP_* result, and whether the
 * instruction goes on (false: an unmasked invalid operand or stack fault).
 * Either way the result is reported, unordered on a fault, as the host
 * x87 does; only the pops are left out. */
static bool compare_result(struct x87_state *s, struct x87_fenv *e, bool b_empty, struct x87_f80 b,
			   bool quiet, unsigned *r)
{
	*r = X87_CMP_UN;
	if (empty(s, 0) || b_empty)
		return stack_fault(s, false);
	*r = x87_compare(e, st(s, 0), b, quiet);
	return commit(s, e, 0);
}

/* fcom/fucom ST(0) with b, then pop `pops` times. */
static void compare(struct x87_state *s, struct x87_fenv *e, bool b_empty, struct x87_f80 b,
		    bool quiet, unsigned pops)
{
	unsigned r;
	bool go_on = compare_result(s, e, b_empty, b, quiet, &r);

	set_cc(s, X87_CC, r);
	while (go_on && pops--)
		pop(s);
}

/* fcomi/fucomi: the result in ZF, PF and CF. */
static void compare_eflags(struct x86_cpu *cpu, unsigned i, bool quiet, bool pops)
{
	struct x87_state *s = &cpu->fpu;
	struct x87_fenv e = fenv(s);
	uint32_t f = x86_cc_eflags(cpu) & ~X86_ARITH;
	unsigned r;
	bool go_on = compare_result(s, &e, empty(s, i), st(s, i), quiet, &r);

	set_cc(s, X87_C1, 0);
	if (r & X87_C3)
		f |= X86_ZF;
	if (r & X87_C2)
		f |= X86_PF;
	if (r & X87_C0)
		f |= X86_CF;
	x86_cc_set(cpu, f);
	if (go_on && pops)
		pop(s);
}

/* dest = ST(dst) op b; the reverse forms (DC/DE with a register) swap
 * sub/subr and div/divr. */
static void arith(struct x87_state *s, struct x87_fenv *e, unsigned op, unsigned dst,
		  bool b_empty, struct x87_f80 b, bool pops)
{
	struct x87_f80 r;

	if (empty(s, dst) || b_empty) {
		if (!stack_fault(s, false))
			return;
		r = x87_indefinite;
	} else {
		r = arith_op(e, op, st(s, dst), b);
		if (!commit(s, e, X87_C1))
			return;
	}
	set_st(s, dst, r);
	if (pops)
		pop(s);
}

/* ---- exceptions reported to the CPU ---- */

static _Noreturn void raise_vector(struct x86_cpu *cpu, const struct x86_idesc *d, unsigned vector)
{
	cpu->eip = d->eip;
	x86_raise(cpu, vector, X86_NO_ERROR);
}

/* Before a waiting instruction: a pending unmasked exception is reported,
 * as #MF (CR0.NE) or on FERR# (the PC's IRQ13), which lets it go on. */
static void report_pending(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	if (!(cpu->fpu.sw & X87_ES))
		return;
	if (cpu->cr[0] & X86_CR0_NE)
		raise_vector(cpu, d, X86_EXC_MF);
	if (cpu->env.ferr)
		cpu->env.ferr(cpu->env.opaque);
}

/* Control instructions: they neither wait nor update FIP/FOP. */
static bool is_control(unsigned opcode, unsigned modrm)
{
	unsigned reg = modrm >> 3 & 7;

	if (modrm < 0xc0)
		return (opcode == 0xd9 && reg >= 4) || (opcode == 0xdd && (reg == 4 || reg >= 6));
	return (opcode == 0xdb && (modrm == 0xe2 || modrm == 0xe3)) || (opcode == 0xdf && modrm == 0xe0);
}

static bool is_no_wait(unsigned opcode, unsigned modrm)
{
	unsigned reg = modrm >> 3 & 7;

	if (modrm < 0xc0)
		return (opcode == 0xd9 && (reg == 6 || reg == 7)) || (opcode == 0xdd && (reg == 6 || reg == 7));
	return (opcode == 0xdb && (modrm == 0xe2 || modrm == 0xe3)) || (opcode == 0xdf && modrm == 0xe0);
}

static const uint16_t x87_ids[] = {
	X86_INS_F2XM1, X86_INS_FABS, X86_INS_FADD, X86_INS_FBLD, X86_INS_FBSTP,
	X86_INS_FCHS, X86_INS_FCMOVB, X86_INS_FCMOVBE, X86_INS_FCMOVE, X86_INS_FCMOVNB,
	X86_INS_FCMOVNBE, X86_INS_FCMOVNE, X86_INS_FCMOVNU, X86_INS_FCMOVU, X86_INS_FCOM,
	X86_INS_FCOMI, X86_INS_FCOMP, X86_INS_FCOMPI, X86_INS_FCOMPP, X86_INS_FCOS,
	X86_INS_FDECSTP, X86_INS_FDISI8087_NOP, X86_INS_FDIV, X86_INS_FDIVP, X86_INS_FDIVR,
	X86_INS_FDIVRP, X86_INS_FENI8087_NOP, X86_INS_FFREE, X86_INS_FFREEP, X86_INS_FIADD,
	X86_INS_FICOM, X86_INS_FICOMP, X86_INS_FIDIV, X86_INS_FIDIVR, X86_INS_FILD,
	X86_INS_FIMUL, X86_INS_FINCSTP, X86_INS_FIST, X86_INS_FISTP, X86_INS_FISUB,
	X86_INS_FISUBR, X86_INS_FLD, X86_INS_FLD1, X86_INS_FLDCW, X86_INS_FLDENV,
	X86_INS_FLDL2E, X86_INS_FLDL2T, X86_INS_FLDLG2, X86_INS_FLDLN2, X86_INS_FLDPI,
	X86_INS_FLDZ, X86_INS_FMUL, X86_INS_FMULP, X86_INS_FNCLEX, X86_INS_FNINIT, X86_INS_FNOP,
	X86_INS_FNSAVE, X86_INS_FNSTCW, X86_INS_FNSTENV, X86_INS_FNSTSW, X86_INS_FPATAN,
	X86_INS_FPREM, X86_INS_FPREM1, X86_INS_FPTAN, X86_INS_FRNDINT, X86_INS_FRSTOR,
	X86_INS_FSCALE, X86_INS_FSETPM, X86_INS_FSIN, X86_INS_FSINCOS, X86_INS_FSQRT, X86_INS_FST,
	X86_INS_FSTP, X86_INS_FSTPNCE, X86_INS_FSUB, X86_INS_FSUBP, X86_INS_FSUBR, X86_INS_FSUBRP,
	X86_INS_FTST, X86_INS_FUCOM, X86_INS_FUCOMI, X86_INS_FUCOMP, X86_INS_FUCOMPI,
	X86_INS_FUCOMPP, X86_INS_FXAM, X86_INS_FXCH, X86_INS_FXTRACT, X86_INS_FYL2X,
	X86_INS_FYL2XP1, X86_INS_WAIT,
};

bool x87_handles(unsigned id)
{
	for (unsigned i = 0; i < sizeof(x87_ids) / sizeof(x87_ids[0]); i++)
		if (x87_ids[i] == id)
			return true;
	return false;
}

/* ---- register-only forms ---- */

typedef struct x87_f80 (*x87_fn1)(struct x87_fenv *e, struct x87_f80 a);
typedef struct x87_f80 (*x87_fn2)(struct x87_fenv *e, struct x87_f80 st0, struct x87_f80 st1);

/* ST(0) = fn(ST(0)); cc: the condition codes it defines. */
static void unary(struct x87_state *s, x87_fn1 fn, uint16_t cc)
{
	struct x87_fenv e = fenv(s);
	struct x87_f80 r;

	if (empty(s, 0)) {
		if (!stack_fault(s, false))
			return;
		r = x87_indefinite;
	} else {
		r = fn(&e, st(s, 0));
		if (!commit(s, &e, cc))
			return;
	}
	set_st(s, 0, r);
}

/* ST(dst) = fn(ST(0), ST(1)), then pop if asked (fpatan, fyl2x: dst 1). */
static void binary(struct x87_state *s, x87_fn2 fn, unsigned dst, uint16_t cc, bool pops)
{
	struct x87_fenv e = fenv(s);
	struct x87_f80 r;

	if (empty(s, 0) || empty(s, 1)) {
		if (!stack_fault(s, false))
			return;
		r = x87_indefinite;
	} else {
		r = fn(&e, st(s, 0), st(s, 1));
		if (!commit(s, &e, cc))
			return;
	}
	set_st(s, dst, r);
	if (pops)
		pop(s);
}

/* fptan, fsincos, fxtract: ST(0) = first, then push second.  C2 from
 * first means out of range: nothing is pushed. */
static void split(struct x87_state *s, int which)
{
	struct x87_fenv e = fenv(s);
	struct x87_f80 a = st(s, 0), lo, hi;

	if (empty(s, 0) || !empty(s, 7)) {
		if (!stack_fault(s, !empty(s, 0)))
			return;
		set_st(s, 0, x87_indefinite);
		push(s, x87_indefinite);
		return;
	}
	if (which == 0) {
		lo = x87_tan(&e, a);
		hi = x87_from_int(1);
	} else if (which == 1) {
		lo = x87_sin(&e, a);
		hi = x87_cos(&e, a);
	} else {
		hi = x87_extract(&e, a, &lo);
	}
	if (!commit(s, &e, X87_C1 | (which < 2 ? X87_C2 : 0)) || (e.sw & X87_C2))
		return;
	set_st(s, 0, lo);
	push(s, hi);
}

static struct x87_f80 fn_abs(struct x87_fenv *e, struct x87_f80 a)
{
	(void)e;
	a.se &= 0x7fff;
	return a;
}

static struct x87_f80 fn_chs(struct x87_fenv *e, struct x87_f80 a)
{
	(void)e;
	a.se ^= 0x8000;
	return a;
}

static struct x87_f80 fn_scale(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b)
{
	return x87_scale(e, a, b);
}

static struct x87_f80 fn_prem(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b)
{
	return x87_rem(e, a, b, false);
}

static struct x87_f80 fn_prem1(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b)
{
	return x87_rem(e, a, b, true);
}

static struct x87_f80 fn_patan(struct x87_fenv *e, struct x87_f80 x, struct x87_f80 y)
{
	return x87_atan2(e, y, x);
}

static void load_constant(struct x87_state *s, unsigned which)
{
	struct x87_fenv e = fenv(s);
	struct x87_f80 v = x87_constant(&e, which);

	set_cc(s, X87_C1, 0);
	push_checked(s, v);
}

static void fxch(struct x87_state *s, unsigned i)
{
	struct x87_f80 a = st(s, 0), b = st(s, i);

	if (empty(s, 0) || empty(s, i)) {
		if (!stack_fault(s, false))
			return;
		a = empty(s, 0) ? x87_indefinite : a;
		b = empty(s, i) ? x87_indefinite : b;
	} else {
		set_cc(s, X87_C1, 0);
	}
	set_st(s, 0, b);
	set_st(s, i, a);
}

/* fst/fstp ST(i) */
static void store_reg(struct x87_state *s, unsigned i, bool pops)
{
	struct x87_f80 v = st(s, 0);

	if (empty(s, 0)) {
		if (!stack_fault(s, false))
			return;
		v = x87_indefinite;
	} else {
		set_cc(s, X87_C1, 0);
	}
	set_st(s, i, v);
	if (pops)
		pop(s);
}

/* fcmovcc: condition 0..3 = b, e, be, u; negate for the DB forms. */
static void fcmov(struct x86_cpu *cpu, unsigned cond, bool negate, unsigned i)
{
	struct x87_state *s = &cpu->fpu;
	uint32_t f = x86_cc_eflags(cpu);
	static const uint32_t flags[] = { X86_CF, X86_ZF, X86_CF | X86_ZF, X86_PF };

	if (empty(s, 0) || empty(s, i)) {
		if (stack_fault(s, false))
			set_st(s, 0, x87_indefinite);
		return;
	}
	if (((f & flags[cond]) != 0) != negate)
		set_st(s, 0, st(s, i));
}

static void fld_reg(struct x87_state *s, unsigned i)
{
	if (!empty(s, i))
		push_checked(s, st(s, i));
	else if (stack_fault(s, false))
		push_checked(s, x87_indefinite);
}

static void fd9_reg(struct x87_state *s, unsigned modrm)
{
	unsigned i = modrm & 7;

	switch (modrm) {
	case 0xe0: unary(s, fn_chs, X87_C1); return;
	case 0xe1: unary(s, fn_abs, X87_C1); return;
	case 0xe4: {
		struct x87_fenv e = fenv(s);

		compare(s, &e, false, x87_from_int(0), false, 0);
		return;
	}
	case 0xe5:
		set_cc(s, X87_CC, empty(s, 0) ? X87_C3 | X87_C0 | (x87_sign(st(s, 0)) ? X87_C1 : 0)
					      : x87_examine(st(s, 0)));
		return;
	case 0xf0: unary(s, x87_exp2m1, X87_C1); return;
	case 0xf1: binary(s, x87_yl2x, 1, X87_C1, true); return;
	case 0xf2: split(s, 0); return;
	case 0xf3: binary(s, fn_patan, 1, X87_C1, true); return;
	case 0xf4: split(s, 2); return;
	case 0xf5: binary(s, fn_prem1, 0, X87_CC, false); return;
	case 0xf6: set_top(s, top_of(s) - 1); set_cc(s, X87_C1, 0); return;
	case 0xf7: set_top(s, top_of(s) + 1); set_cc(s, X87_C1, 0); return;
	case 0xf8: binary(s, fn_prem, 0, X87_CC, false); return;
	case 0xf9: binary(s, x87_yl2xp1, 1, X87_C1, true); return;
	case 0xfa: unary(s, x87_sqrt, X87_C1); return;
	case 0xfb: split(s, 1); return;
	case 0xfc: unary(s, x87_round_int, X87_C1); return;
	case 0xfd: binary(s, fn_scale, 0, X87_C1, false); return;
	case 0xfe: unary(s, x87_sin, X87_C1 | X87_C2); return;
	case 0xff: unary(s, x87_cos, X87_C1 | X87_C2); return;
	}
	if (modrm >= 0xe8 && modrm <= 0xee)
		load_constant(s, modrm - 0xe8);
	else if (modrm < 0xc8)
		fld_reg(s, i);
	else if (modrm < 0xd0)
		fxch(s, i);
	else if (modrm >= 0xd8 && modrm < 0xe0)
		store_reg(s, i, true);	/* fstp1, an alias */
	/* d0 fnop; the rest of d0..e7 is reserved */
}

/* Register forms; false for an invalid encoding (#UD). */
static bool exec_reg(struct x86_cpu *cpu, unsigned opcode, unsigned modrm)
{
	struct x87_state *s = &cpu->fpu;
	struct x87_fenv e = fenv(s);
	unsigned reg = modrm >> 3 & 7, i = modrm & 7;

	switch (opcode) {
	case 0xd8:
		if (reg == 2 || reg == 3)
			compare(s, &e, empty(s, i), st(s, i), false, reg == 3);
		else
			arith(s, &e, reg, 0, empty(s, i), st(s, i), false);
		return true;
	case 0xdc:
	case 0xde:
		if (opcode == 0xde && modrm == 0xd9)
			compare(s, &e, empty(s, 1), st(s, 1), false, 2);
		else if (reg == 2 || reg == 3)
			compare(s, &e, empty(s, i), st(s, i), false, reg == 3 || opcode == 0xde);
		else
			arith(s, &e, reg >= 4 ? reg ^ 1 : reg, i, empty(s, 0), st(s, 0), opcode == 0xde);
		return true;
	case 0xd9:
		if (modrm >= 0xd1 && modrm < 0xd8)
			return false;
		fd9_reg(s, modrm);
		return !(modrm >= 0xe2 && modrm <= 0xe7 && modrm != 0xe4 && modrm != 0xe5) &&
		       modrm != 0xef;
	case 0xda:
		if (reg < 4)
			fcmov(cpu, reg, false, i);
		else if (modrm == 0xe9)
			compare(s, &e, empty(s, 1), st(s, 1), true, 2);
		else
			return false;
		return true;
	case 0xdb:
		if (reg < 4)
			fcmov(cpu, reg, true, i);
		else if (modrm == 0xe2)
			s->sw &= (uint16_t)~(X87_EXC | X87_SF | X87_ES | X87_B);
		else if (modrm == 0xe3)
			x87_init(s);
		else if (reg == 5 || reg == 6)
			compare_eflags(cpu, i, reg == 5, false);
		else
			return modrm == 0xe0 || modrm == 0xe1 || modrm == 0xe4;	/* 287 leftovers: no-ops */
		return true;
	case 0xdd:
		if (reg == 0)
			s->empty |= (uint8_t)(1u << phys(s, i));
		else if (reg == 1)
			fxch(s, i);
		else if (reg == 2 || reg == 3)
			store_reg(s, i, reg == 3);
		else if (reg == 4 || reg == 5)
			compare(s, &e, empty(s, i), st(s, i), true, reg == 5);
		else
			return false;
		return true;
	default:	/* 0xdf */
		if (modrm == 0xe0)
			cpu->regs[X86_EAX] = (cpu->regs[X86_EAX] & 0xffff0000u) | s->sw;
		else if (reg == 0) {
			s->empty |= (uint8_t)(1u << phys(s, i));
			pop(s);
		} else if (reg == 1)
			fxch(s, i);
		else if (reg == 2 || reg == 3)
			store_reg(s, i, true);
		else if (reg == 5 || reg == 6)
			compare_eflags(cpu, i, reg == 5, true);
		else
			return false;
		return true;
	}
}

/* ---- memory forms ---- */

enum store_kind { ST_F32, ST_F64, ST_F80, ST_I16, ST_I32, ST_I64, ST_BCD };

/* fst/fist/fbstp to memory: the value is written before anything else
 * changes; an unmasked IE, OE or UE stores nothing. */
static void store_mem(struct x86_cpu *cpu, uint32_t addr, enum store_kind kind, bool pops)
{
	static const uint64_t indefinite[] = { 0xffc00000u, 0xfff8000000000000ull, 0, 0x8000,
					       0x80000000u, 0x8000000000000000ull, 0 };
	struct x87_state *s = &cpu->fpu;
	struct x87_fenv e = fenv(s);
	struct x87_f80 a = st(s, 0), v80 = a;
	uint8_t bcd[10];
	uint64_t v = 0;

	if (empty(s, 0)) {
		if (!stack_fault(s, false))
			return;
		v = indefinite[kind];
		v80 = x87_indefinite;
		x87_to_bcd(&e, x87_indefinite, bcd);
		e = fenv(s);
	} else if (kind == ST_F32) {
		v = x87_to_f32(&e, a);
	} else if (kind == ST_F64) {
		v = x87_to_f64(&e, a);
	} else if (kind == ST_BCD) {
		x87_to_bcd(&e, a, bcd);
	} else if (kind != ST_F80) {
		v = (uint64_t)x87_to_int(&e, a, kind == ST_I16 ? 16 : kind == ST_I32 ? 32 : 64);
	}
	if (e.keep || (e.sw & ~s->cw & (X87_OE | X87_UE))) {
		commit(s, &e, X87_C1);
		return;
	}
	switch (kind) {
	case ST_F32: case ST_I32:
		interp_store(cpu, addr, (uint32_t)v, 4);
		break;
	case ST_I16:
		interp_store(cpu, addr, (uint32_t)v, 2);
		break;
	case ST_F64: case ST_I64:
		store64(cpu, addr, v);
		break;
	case ST_F80:
		store64(cpu, addr, v80.sig);
		interp_store(cpu, addr + 8, v80.se, 2);
		break;
	case ST_BCD:
		store64(cpu, addr, (uint64_t)bcd[0] | (uint64_t)bcd[1] << 8 | (uint64_t)bcd[2] << 16 |
				   (uint64_t)bcd[3] << 24 | (uint64_t)bcd[4] << 32 | (uint64_t)bcd[5] << 40 |
				   (uint64_t)bcd[6] << 48 | (uint64_t)bcd[7] << 56);
		interp_store(cpu, addr + 8, (uint32_t)(bcd[8] | bcd[9] << 8), 2);
		break;
	}
	if (!empty(s, 0))
		commit(s, &e, X87_C1);
	if (pops)
		pop(s);
}

/* fld/fild/fbld from memory: every byte is read before the push. */
static void load_mem(struct x86_cpu *cpu, uint32_t addr, unsigned opcode, unsigned reg)
{
	struct x87_state *s = &cpu->fpu;
	struct x87_fenv e = fenv(s);
	struct x87_f80 v;
	uint8_t bcd[10];

	switch (opcode << 3 | reg) {
	case 0xd9 << 3 | 0: v = x87_from_f32(&e, interp_load(cpu, addr, 4)); break;
	case 0xdd << 3 | 0: v = x87_from_f64(&e, load64(cpu, addr)); break;
	case 0xdb << 3 | 5: v = load80(cpu, addr); break;
	case 0xdb << 3 | 0: v = x87_from_int((int32_t)interp_load(cpu, addr, 4)); break;
	case 0xdf << 3 | 0: v = x87_from_int((int16_t)interp_load(cpu, addr, 2)); break;
	case 0xdf << 3 | 5: v = x87_from_int((int64_t)load64(cpu, addr)); break;
	default:	/* fbld */
		for (unsigned i = 0; i < 10; i++)
			bcd[i] = (uint8_t)interp_load(cpu, addr + i, 1);
		v = x87_from_bcd(bcd);
		break;
	}
	if (!commit(s, &e, 0))
		return;
	set_cc(s, X87_C1, 0);
	push_checked(s, v);
}

/* The operand size of fnstenv & co.: 16 or 32 bits by CS.D and 0x66. */
static bool env_size32(const struct x86_cpu *cpu, const struct x86_idesc *d)
{
	return !!(cpu->hflags & X86_HF_CODE32) != (d->opsize == 2);
}

static bool exec_mem(struct x86_cpu *cpu, const struct x86_idesc *d, unsigned opcode, unsigned reg,
		     uint32_t addr)
{
	struct x87_state *s = &cpu->fpu;
	struct x87_fenv e = fenv(s);
	struct x87_f80 b;

	switch (opcode << 3 | reg) {
	case 0xd9 << 3 | 0: case 0xdd << 3 | 0: case 0xdb << 3 | 5: case 0xdb << 3 | 0:
	case 0xdf << 3 | 0: case 0xdf << 3 | 5: case 0xdf << 3 | 4:
		load_mem(cpu, addr, opcode, reg);
		return true;
	case 0xd9 << 3 | 2: case 0xd9 << 3 | 3: store_mem(cpu, addr, ST_F32, reg == 3); return true;
	case 0xdd << 3 | 2: case 0xdd << 3 | 3: store_mem(cpu, addr, ST_F64, reg == 3); return true;
	case 0xdb << 3 | 7: store_mem(cpu, addr, ST_F80, true); return true;
	case 0xdb << 3 | 2: case 0xdb << 3 | 3: store_mem(cpu, addr, ST_I32, reg == 3); return true;
	case 0xdf << 3 | 2: case 0xdf << 3 | 3: store_mem(cpu, addr, ST_I16, reg == 3); return true;
	case 0xdf << 3 | 7: store_mem(cpu, addr, ST_I64, true); return true;
	case 0xdf << 3 | 6: store_mem(cpu, addr, ST_BCD, true); return true;
	case 0xd9 << 3 | 4: x87_load_env(cpu, addr, env_size32(cpu, d)); return true;
	case 0xd9 << 3 | 6: x87_store_env(cpu, addr, env_size32(cpu, d)); return true;
	case 0xdd << 3 | 4: x87_restore(cpu, addr, env_size32(cpu, d)); return true;
	case 0xdd << 3 | 6: x87_save(cpu, addr, env_size32(cpu, d)); return true;
	case 0xd9 << 3 | 5:
		s->cw = x87_control_word(interp_load(cpu, addr, 2));
		update_summary(s);
		return true;
	case 0xd9 << 3 | 7: interp_store(cpu, addr, s->cw, 2); return true;
	case 0xdd << 3 | 7: interp_store(cpu, addr, s->sw, 2); return true;
	}
	if (opcode == 0xd8 || opcode == 0xda || opcode == 0xdc || opcode == 0xde) {
		b = load_source(cpu, opcode, addr, &e);
		if (!commit(s, &e, 0))
			return true;
		if (reg == 2 || reg == 3)
			compare(s, &e, false, b, false, reg == 3);
		else
			arith(s, &e, reg, 0, false, b, false);
		return true;
	}
	return false;	/* the fisttp forms (SSE3) and reserved encodings */
}

/* The bytes a memory form reaches (for the segment check), and whether it
 * writes them: by opcode and ModRM.reg as in exec_mem. */
static unsigned mem_extent(const struct x86_cpu *cpu, const struct x86_idesc *d, unsigned opcode,
			   unsigned reg, bool *write)
{
	static const uint8_t arith_size[8] = { 4, 0, 4, 0, 8, 0, 2, 0 };	/* d8 da dc de */
	static const uint8_t size[4][8] = {	/* d9 db dd df by reg; 0: environment */
		{ 4, 4, 4, 4, 0, 2, 0, 2 }, { 4, 4, 4, 4, 10, 10, 10, 10 },
		{ 8, 8, 8, 8, 0, 2, 0, 2 }, { 2, 2, 2, 2, 10, 8, 10, 8 },
	};
	bool env32 = env_size32(cpu, d);
	unsigned n;

	/* d9 db dd df: fst/fist(p) (reg 1-3), fnstenv/fnsave/fbstp (6), fnstcw/fnstsw/fstp (7). */
	*write = (opcode & 1) && (reg == 1 || reg == 2 || reg == 3 || reg >= 6);
	if (!(opcode & 1))
		return arith_size[opcode & 7];
	n = size[(opcode & 7) >> 1][reg];
	if (n)
		return n;
	if (opcode == 0xd9)
		return env32 ? 28 : 14;		/* fldenv, fnstenv */
	return env32 ? 108 : 94;		/* frstor, fnsave */
}

int interp_x87(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	struct x87_state *s = &cpu->fpu;
	unsigned opcode = d->opcode, modrm = d->modrm;
	const struct x86_iop *m = mem_op(d);
	uint32_t cr0 = cpu->cr[0], addr = 0;
	bool ok;

	if (d->id == X86_INS_WAIT) {
		if ((cr0 & (X86_CR0_TS | X86_CR0_MP)) == (X86_CR0_TS | X86_CR0_MP))
			raise_vector(cpu, d, X86_EXC_NM);
		report_pending(cpu, d);
		return 0;
	}
	if (opcode < 0xd8 || opcode > 0xdf)
		return -1;
	if (cr0 & (X86_CR0_EM | X86_CR0_TS))
		raise_vector(cpu, d, X86_EXC_NM);
	if (!is_no_wait(opcode, modrm))
		report_pending(cpu, d);
	if (modrm < 0xc0) {
		bool write;
		unsigned bytes = mem_extent(cpu, d, opcode, modrm >> 3 & 7, &write);

		addr = interp_ea_access(cpu, m, bytes, write);
		ok = exec_mem(cpu, d, opcode, modrm >> 3 & 7, addr);
	} else {
		ok = exec_reg(cpu, opcode, modrm);
	}
	if (!ok)
		raise_vector(cpu, d, X86_EXC_UD);
	if (!is_control(opcode, modrm)) {
		s->fip = d->eip;
		s->fcs = cpu->seg[X86_CS].sel;
		s->fop = (uint16_t)((opcode & 7) << 8 | modrm);
		if (modrm < 0xc0) {
			s->fdp = addr - interp_seg_base(cpu, m->seg);
			s->fds = cpu->seg[m->seg].sel;
		}
	}
	return 0;
}
