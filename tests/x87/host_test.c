/* The x87 arithmetic library against the host CPU's own x87: every
 * operation on edge and random operands under each precision and rounding
 * control, results and status word compared bit for bit.  Built and run on
 * an x86-64 host.  Prints PASS/FAIL per operation and a closing count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libc/bytes.h"
#include "translator/x87_float.h"

typedef struct x87_f80 f80;

/* What an operation produced: up to two register results, a memory image
 * of up to 10 bytes, and the status word. */
struct outcome {
	f80 r0, r1;
	uint8_t mem[10];
	uint16_t sw;
};

struct op {
	const char *name;
	int arity;		/* operands used */
	uint16_t sw_mask;	/* status bits the SDM defines for it */
	unsigned mem_len;	/* bytes of mem compared */
	int results;		/* register results compared */
	const char *kind;	/* operand generator: "arith", "int", "f32", "f64", "mem" ... */
	unsigned ulps;		/* transcendentals: the result may differ by this many ulps */
	f80 domain;		/* ... and is defined (SDM) for |ST(0)| below this, if set */
	void (*mine)(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o);
	void (*host)(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o);
};

/* ---- host side: the real x87 ---- */

#define HOST_BIN(fn, insn)                                                          \
	static void fn(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)  \
	{                                                                           \
		asm volatile("fninit\n\tfldcw %4\n\tfldt %3\n\tfldt %2\n\t" insn "\n\t" \
			     "fnstsw %1\n\tfstpt %0\n\tfstp %%st(0)"                    \
			     : "=m"(o->r0), "=m"(o->sw)                                 \
			     : "m"(*a), "m"(*b), "m"(cw));                              \
	}

#define HOST_UN(fn, insn)                                                           \
	static void fn(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)  \
	{                                                                           \
		(void)b;                                                            \
		asm volatile("fninit\n\tfldcw %3\n\tfldt %2\n\t" insn "\n\t"        \
			     "fnstsw %1\n\tfstpt %0"                                    \
			     : "=m"(o->r0), "=m"(o->sw)                                 \
			     : "m"(*a), "m"(cw));                                       \
	}

#define HOST_STORE(fn, insn)                                                        \
	static void fn(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)  \
	{                                                                           \
		(void)b;                                                            \
		asm volatile("fninit\n\tfldcw %3\n\tfldt %2\n\t" insn " %0\n\t"     \
			     "fnstsw %1\n\tfninit"                                      \
			     : "=m"(o->mem), "=m"(o->sw)                                \
			     : "m"(*a), "m"(cw));                                       \
	}

#define HOST_LOAD(fn, insn)                                                         \
	static void fn(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)  \
	{                                                                           \
		(void)b;                                                            \
		asm volatile("fninit\n\tfldcw %3\n\t" insn " %2\n\t"                \
			     "fnstsw %1\n\tfstpt %0"                                    \
			     : "=m"(o->r0), "=m"(o->sw)                                 \
			     : "m"(*a), "m"(cw));                                       \
	}

HOST_BIN(host_add, "fadd %%st(1), %%st")
HOST_BIN(host_sub, "fsub %%st(1), %%st")
HOST_BIN(host_mul, "fmul %%st(1), %%st")
HOST_BIN(host_div, "fdiv %%st(1), %%st")
HOST_BIN(host_scale, "fscale")
HOST_BIN(host_prem, "fprem")
HOST_BIN(host_prem1, "fprem1")
HOST_BIN(host_com, "fcom %%st(1)")
HOST_BIN(host_ucom, "fucom %%st(1)")
HOST_BIN(host_atan, "fpatan\n\tfld %%st(0)")
HOST_BIN(host_yl2x, "fyl2x\n\tfld %%st(0)")
HOST_BIN(host_yl2xp1, "fyl2xp1\n\tfld %%st(0)")
HOST_UN(host_sin, "fsin")
HOST_UN(host_cos, "fcos")
HOST_UN(host_tan, "fptan\n\tfstp %%st(0)")
HOST_UN(host_f2xm1, "f2xm1")
HOST_UN(host_sqrt, "fsqrt")
HOST_UN(host_rndint, "frndint")
HOST_UN(host_xam, "fxam")
HOST_STORE(host_st32, "fsts")
HOST_STORE(host_st64, "fstl")
HOST_STORE(host_ist16, "fists")
HOST_STORE(host_ist32, "fistl")
HOST_STORE(host_ist64, "fistpll")
HOST_STORE(host_bstp, "fbstp")
HOST_LOAD(host_ld32, "flds")
HOST_LOAD(host_ld64, "fldl")
HOST_LOAD(host_bld, "fbld")

static void host_xtract(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)
{
	(void)b;
	asm volatile("fninit\n\tfldcw %4\n\tfldt %3\n\tfxtract\n\t"
		     "fnstsw %2\n\tfstpt %0\n\tfstpt %1"
		     : "=m"(o->r0), "=m"(o->r1), "=m"(o->sw)
		     : "m"(*a), "m"(cw));
}

/* ---- our side ---- */

static struct x87_fenv env_of(uint16_t cw)
{
	return (struct x87_fenv){ .cw = cw };
}

#define MINE_BIN(fn, call)                                                          \
	static void fn(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)  \
	{                                                                           \
		struct x87_fenv e = env_of(cw);                                     \
		o->r0 = call;                                                       \
		o->sw = e.sw;                                                       \
		(void)b;                                                            \
	}

MINE_BIN(mine_add, x87_add(&e, *a, *b))
MINE_BIN(mine_sub, x87_sub(&e, *a, *b))
MINE_BIN(mine_mul, x87_mul(&e, *a, *b))
MINE_BIN(mine_div, x87_div(&e, *a, *b))
MINE_BIN(mine_scale, x87_scale(&e, *a, *b))
MINE_BIN(mine_prem, x87_rem(&e, *a, *b, false))
MINE_BIN(mine_prem1, x87_rem(&e, *a, *b, true))
MINE_BIN(mine_sqrt, x87_sqrt(&e, *a))
MINE_BIN(mine_sin, x87_sin(&e, *a))
MINE_BIN(mine_cos, x87_cos(&e, *a))
/* With C2 (out of range) fptan pushes nothing: the host side's pop then
 * leaves the stack empty and stores the indefinite. */
MINE_BIN(mine_tan, (o->r0 = x87_tan(&e, *a), e.sw & X87_C2 ? x87_indefinite : o->r0))
MINE_BIN(mine_f2xm1, x87_exp2m1(&e, *a))
MINE_BIN(mine_atan, x87_atan2(&e, *b, *a))
MINE_BIN(mine_yl2x, x87_yl2x(&e, *a, *b))
MINE_BIN(mine_yl2xp1, x87_yl2xp1(&e, *a, *b))
MINE_BIN(mine_rndint, x87_round_int(&e, *a))

static void mine_com(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)
{
	struct x87_fenv e = env_of(cw);

	o->sw = (uint16_t)(x87_compare(&e, *a, *b, false) | e.sw);
	o->r0 = *a;
}

static void mine_ucom(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)
{
	struct x87_fenv e = env_of(cw);

	o->sw = (uint16_t)(x87_compare(&e, *a, *b, true) | e.sw);
	o->r0 = *a;
}

static void mine_xam(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)
{
	(void)cw;
	(void)b;
	o->sw = (uint16_t)x87_examine(*a);
	o->r0 = *a;
}

static void mine_xtract(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)
{
	struct x87_fenv e = env_of(cw);

	(void)b;
	o->r0 = x87_extract(&e, *a, &o->r1);
	o->sw = e.sw;
}

#define MINE_STORE(fn, n, call)                                                     \
	static void fn(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)  \
	{                                                                           \
		struct x87_fenv e = env_of(cw);                                     \
		(void)b;                                                            \
		le_put(o->mem, (uint64_t)(call), n);                                \
		o->sw = e.sw;                                                       \
	}

MINE_STORE(mine_st32, 4, x87_to_f32(&e, *a))
MINE_STORE(mine_st64, 8, x87_to_f64(&e, *a))
MINE_STORE(mine_ist16, 2, x87_to_int(&e, *a, 16))
MINE_STORE(mine_ist32, 4, x87_to_int(&e, *a, 32))
MINE_STORE(mine_ist64, 8, x87_to_int(&e, *a, 64))

static void mine_bstp(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)
{
	struct x87_fenv e = env_of(cw);

	(void)b;
	x87_to_bcd(&e, *a, o->mem);
	o->sw = e.sw;
}

/* Loads read their operand from the first bytes of *a. */
static void mine_ld32(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)
{
	struct x87_fenv e = env_of(cw);

	(void)b;
	o->r0 = x87_from_f32(&e, (uint32_t)a->sig);
	o->sw = e.sw;
}

static void mine_ld64(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)
{
	struct x87_fenv e = env_of(cw);

	(void)b;
	o->r0 = x87_from_f64(&e, a->sig);
	o->sw = e.sw;
}

static void mine_bld(uint16_t cw, const f80 *a, const f80 *b, struct outcome *o)
{
	uint8_t m[10];

	(void)cw;
	(void)b;
	memcpy(m, a, 10);
	o->r0 = x87_from_bcd(m);
	o->sw = 0;
}

/* ---- operands ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static f80 mk(int sign, unsigned exp, uint64_t sig)
{
	return (f80){ .sig = sig, .se = (uint16_t)((sign ? 0x8000 : 0) | exp) };
}

#define J (1ull << 63)

static const f80 edges[] = {
	{ 0, 0 }, { 0, 0x8000 },
	{ J, 0x3fff }, { J, 0xbfff }, { J | J >> 1, 0x3fff }, { ~0ull, 0x3ffe }, { J, 0x4000 },
	{ 1, 0 }, { 0x7fffffffffffffffull, 0 }, { 0x4000000000000000ull, 0x8000 },	/* denormals */
	{ J, 0 }, { J | 5, 0x8000 },		/* pseudo-denormals */
	{ J, 1 }, { ~0ull, 0x7ffe }, { ~0ull, 0xfffe }, { J, 0x7ffe },
	{ J, 0x7fff }, { J, 0xffff },		/* infinities */
	{ J | J >> 1, 0x7fff }, { J | J >> 1 | 12345, 0xffff },	/* QNaNs */
	{ J | 1, 0x7fff }, { J | 0x123456789ull, 0xffff },	/* SNaNs */
	{ 0x1234, 0x3fff }, { 0, 0x7fff }, { J >> 1, 0x7fff },	/* unsupported */
	{ 0xc90fdaa22168c235ull, 0x4000 },	/* pi */
	{ J | 1ull << 39, 0x3fff }, { J | 1ull << 10, 0x3fff },	/* ties at 24 and 53 bits */
	{ J | 3ull << 39, 0x3fff }, { J | 3ull << 10, 0x3fff },
};
#define N_EDGES (sizeof(edges) / sizeof(edges[0]))

static uint64_t rnd_sig(void)
{
	uint64_t s = rnd() | J;

	switch (rnd() % 6) {
	case 0:	/* short significands: exact results and ties */
		return s & ~((1ull << (rnd() % 64)) - 1);
	case 1:
		return s | ((1ull << (rnd() % 64)) - 1);
	default:
		return s;
	}
}

static f80 rnd_value(const char *kind, const f80 *other)
{
	unsigned r = (unsigned)(rnd() % 16), exp;
	int sign = (int)(rnd() & 1);

	if (r == 0)
		return edges[rnd() % N_EDGES];
	if (!strcmp(kind, "int"))
		exp = 0x3fff - 3 + (unsigned)(rnd() % 70);
	else if (!strcmp(kind, "f32"))
		exp = 0x3fff + (unsigned)(rnd() % 300) - 150;
	else if (!strcmp(kind, "f64"))
		exp = 0x3fff + (unsigned)(rnd() % 2200) - 1100;
	else if (!strcmp(kind, "trig"))
		exp = 0x3fff + (unsigned)(rnd() % 134) - 70;
	else if (!strcmp(kind, "exp"))
		exp = 0x3fff - (unsigned)(rnd() % 70);
	else if (!strcmp(kind, "log"))
		exp = 0x3fff + (unsigned)(rnd() % 200) - 100, sign = other ? sign : 0;
	else if (r < 4 && other)
		exp = (other->se & 0x7fff) + (unsigned)(rnd() % 140) - 70;	/* near the other */
	else if (r < 6)
		exp = (unsigned)(rnd() % 80);				/* denormal range */
	else if (r < 8)
		exp = 0x7ffe - (unsigned)(rnd() % 80);			/* overflow range */
	else if (r < 12)
		exp = 0x3fff + (unsigned)(rnd() % 140) - 70;
	else
		exp = (unsigned)(rnd() % 0x7fff);
	if (r == 1 && strcmp(kind, "int"))
		return mk(sign, 0, rnd() >> (rnd() % 64));			/* denormal */
	return mk(sign, exp & 0x7fff, rnd_sig());
}

/* m32/m64/BCD operands for the loads, in the first bytes of an f80. */
static f80 rnd_mem(const char *kind)
{
	uint64_t v = rnd();
	f80 m = { 0, 0 };

	if (!strcmp(kind, "ld32")) {
		static const uint32_t e32[] = { 0, 0x80000000u, 1, 0x807fffffu, 0x7f800000u,
						0xff800000u, 0x7fc00001u, 0x7f800001u, 0xffbfffffu };
		m.sig = rnd() % 4 ? (uint32_t)v >> (rnd() % 2 ? 0 : 9) : e32[rnd() % 9];
	} else if (!strcmp(kind, "ld64")) {
		static const uint64_t e64[] = { 0, 1ull << 63, 1, 0x800fffffffffffffull,
						0x7ff0000000000000ull, 0x7ff8000000000001ull,
						0x7ff0000000000001ull, 0xfff7ffffffffffffull };
		m.sig = rnd() % 4 ? v >> (rnd() % 2 ? 0 : 12) : e64[rnd() % 8];
	} else {	/* valid packed BCD */
		uint8_t b[10] = { 0 };
		for (int i = 0; i < 9; i++)
			b[i] = (uint8_t)(rnd() % 10 | (rnd() % 10) << 4);
		b[9] = rnd() & 1 ? 0x80 : 0;
		memcpy(&m, b, 10);
	}
	return m;
}

/* ---- the run ---- */

static const struct op ops[] = {
	{ "fadd", 2, 0x023f, 0, 1, "arith", 0, { 0, 0 }, mine_add, host_add },
	{ "fsub", 2, 0x023f, 0, 1, "arith", 0, { 0, 0 }, mine_sub, host_sub },
	{ "fmul", 2, 0x023f, 0, 1, "arith", 0, { 0, 0 }, mine_mul, host_mul },
	{ "fdiv", 2, 0x023f, 0, 1, "arith", 0, { 0, 0 }, mine_div, host_div },
	{ "fsqrt", 1, 0x023f, 0, 1, "arith", 0, { 0, 0 }, mine_sqrt, host_sqrt },
	{ "frndint", 1, 0x023f, 0, 1, "int", 0, { 0, 0 }, mine_rndint, host_rndint },
	{ "fscale", 2, 0x023f, 0, 1, "arith", 0, { 0, 0 }, mine_scale, host_scale },
	{ "fxtract", 1, 0x023f, 0, 2, "arith", 0, { 0, 0 }, mine_xtract, host_xtract },
	{ "fprem", 2, 0x473f, 0, 1, "arith", 0, { 0, 0 }, mine_prem, host_prem },
	{ "fprem1", 2, 0x473f, 0, 1, "arith", 0, { 0, 0 }, mine_prem1, host_prem1 },
	{ "fcom", 2, 0x473f, 0, 0, "arith", 0, { 0, 0 }, mine_com, host_com },
	{ "fucom", 2, 0x473f, 0, 0, "arith", 0, { 0, 0 }, mine_ucom, host_ucom },
	{ "fxam", 1, 0x4700, 0, 0, "arith", 0, { 0, 0 }, mine_xam, host_xam },
	{ "fst_m32", 1, 0x023f, 4, 0, "f32", 0, { 0, 0 }, mine_st32, host_st32 },
	{ "fst_m64", 1, 0x023f, 8, 0, "f64", 0, { 0, 0 }, mine_st64, host_st64 },
	{ "fist_m16", 1, 0x023f, 2, 0, "int", 0, { 0, 0 }, mine_ist16, host_ist16 },
	{ "fist_m32", 1, 0x023f, 4, 0, "int", 0, { 0, 0 }, mine_ist32, host_ist32 },
	{ "fist_m64", 1, 0x023f, 8, 0, "int", 0, { 0, 0 }, mine_ist64, host_ist64 },
	{ "fbstp", 1, 0x023f, 10, 0, "int", 0, { 0, 0 }, mine_bstp, host_bstp },
	{ "fld_m32", 1, 0x023f, 0, 1, "ld32", 0, { 0, 0 }, mine_ld32, host_ld32 },
	{ "fld_m64", 1, 0x023f, 0, 1, "ld64", 0, { 0, 0 }, mine_ld64, host_ld64 },
	{ "fbld", 1, 0x023f, 0, 1, "bcd", 0, { 0, 0 }, mine_bld, host_bld },
	{ "fsin", 1, 0x0407, 0, 1, "trig", 256, { 0, 0 }, mine_sin, host_sin },
	{ "fcos", 1, 0x0407, 0, 1, "trig", 256, { 0, 0 }, mine_cos, host_cos },
	{ "fptan", 1, 0x0407, 0, 1, "trig", 256, { 0, 0 }, mine_tan, host_tan },
	{ "f2xm1", 1, 0x0007, 0, 1, "exp", 1, { J, 0x3fff }, mine_f2xm1, host_f2xm1 },
	{ "fpatan", 2, 0x0007, 0, 1, "trig", 1, { 0, 0 }, mine_atan, host_atan },
	{ "fyl2x", 2, 0x0007, 0, 1, "log", 1, { 0, 0 }, mine_yl2x, host_yl2x },
	{ "fyl2xp1", 2, 0x0007, 0, 1, "exp", 1, { 0x95f619980c4336f7ull, 0x3ffd }, mine_yl2xp1, host_yl2xp1 },
};

static void print_f80(const char *what, const f80 *v)
{
	printf(" %s=%04x:%016llx", what, v->se, (unsigned long long)v->sig);
}

/* Distance in units in the last place between two finite results. */
static uint64_t ulp_distance(const f80 *a, const f80 *b)
{
	__int128 ka = (__int128)(a->se & 0x7fff) << 63 | (a->sig & ~J);
	__int128 kb = (__int128)(b->se & 0x7fff) << 63 | (b->sig & ~J);
	__int128 d = ka > kb ? ka - kb : kb - ka;

	if ((a->se ^ b->se) & 0x8000)
		return (a->sig | b->sig) ? UINT64_MAX : 0;
	return d > (__int128)UINT64_MAX ? UINT64_MAX : (uint64_t)d;
}

static uint64_t max_ulps;

static bool same(const struct op *op, const struct outcome *m, const struct outcome *h)
{
	if ((m->sw ^ h->sw) & op->sw_mask)
		return false;
	if (op->ulps) {
		uint64_t d = ulp_distance(&m->r0, &h->r0);

		if (d > max_ulps && d <= op->ulps)
			max_ulps = d;
		return d <= op->ulps;
	}
	if (op->results >= 1 && (m->r0.sig != h->r0.sig || m->r0.se != h->r0.se))
		return false;
	if (op->results >= 2 && (m->r1.sig != h->r1.sig || m->r1.se != h->r1.se))
		return false;
	return memcmp(m->mem, h->mem, op->mem_len) == 0;
}

static int run_op(const struct op *op, unsigned cases)
{
	static const uint16_t pcs[] = { 0 << 8, 2 << 8, 3 << 8 };
	unsigned bad = 0, total = 0;
	bool mem_in = !strncmp(op->kind, "ld", 2) || !strcmp(op->kind, "bcd");

	max_ulps = 0;
	if (op->ulps)
		cases /= 8;	/* the transcendentals are slow to compute */

	for (unsigned i = 0; i < cases; i++) {
		f80 a = mem_in ? rnd_mem(op->kind) : rnd_value(op->kind, NULL);
		f80 b = rnd_value(op->kind, &a);

		if (op->domain.se && ((a.se & 0x7fff) > op->domain.se ||
				      ((a.se & 0x7fff) == op->domain.se && a.sig > op->domain.sig)))
			continue;

		for (unsigned pc = 0; pc < 3; pc++) {
			for (unsigned rc = 0; rc < 4; rc++) {
				uint16_t cw = (uint16_t)(0x003f | pcs[pc] | rc << 10);
				struct outcome m, h;

				memset(&m, 0, sizeof(m));
				memset(&h, 0, sizeof(h));
				op->mine(cw, &a, &b, &m);
				op->host(cw, &a, &b, &h);
				total++;
				if (same(op, &m, &h))
					continue;
				if (bad++ < 4) {
					printf("  %s cw=%04x", op->name, cw);
					print_f80("a", &a);
					if (op->arity > 1)
						print_f80("b", &b);
					printf("\n    want sw=%04x", h.sw & op->sw_mask);
					print_f80("r0", &h.r0);
					print_f80("r1", &h.r1);
					printf(" mem=%016llx:%04x\n    got  sw=%04x",
					       (unsigned long long)le_get(h.mem, 8), (unsigned)le_get(h.mem + 8, 2),
					       m.sw & op->sw_mask);
					print_f80("r0", &m.r0);
					print_f80("r1", &m.r1);
					printf(" mem=%016llx:%04x\n",
					       (unsigned long long)le_get(m.mem, 8), (unsigned)le_get(m.mem + 8, 2));
				}
			}
		}
	}
	if (bad)
		printf("FAIL x87/%s: %u of %u cases differ from the host x87\n", op->name, bad, total);
	else if (op->ulps)
		printf("PASS x87/%s (%u cases, at most %llu ulp from the host x87)\n", op->name, total,
		       (unsigned long long)max_ulps);
	else
		printf("PASS x87/%s (%u cases)\n", op->name, total);
	return bad != 0;
}

int main(int argc, char **argv)
{
	unsigned cases = argc > 1 ? (unsigned)atoi(argv[1]) : 3000;
	const char *only = argc > 2 ? argv[2] : NULL;
	int failed = 0, n = 0;

	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (only && strcmp(only, ops[i].name))
			continue;
		failed += run_op(&ops[i], cases);
		n++;
	}
	printf("x87 host test: %d of %d operations match the host x87\n", n - failed, n);
	return failed != 0;
}
