/* 80-bit extended-precision arithmetic as the x87 does it, in integers only:
 * rounding under the control word's precision and rounding control, the
 * exception flags, NaN propagation, denormals and unsupported encodings.
 * Ref: Intel SDM Vol. 1, ch. 4 and 8 (x87 FPU). */
#ifndef MIMIC_TRANSLATOR_X87_FLOAT_H
#define MIMIC_TRANSLATOR_X87_FLOAT_H

#include <stdbool.h>
#include <stdint.h>

/* Status word (exception flags, condition codes, stack top). */
#define X87_IE 0x0001u		/* invalid operation */
#define X87_DE 0x0002u		/* denormal operand */
#define X87_ZE 0x0004u		/* zero divide */
#define X87_OE 0x0008u		/* overflow */
#define X87_UE 0x0010u		/* underflow */
#define X87_PE 0x0020u		/* precision (inexact) */
#define X87_SF 0x0040u		/* stack fault (with IE; C1 = overflow) */
#define X87_ES 0x0080u		/* error summary: an unmasked exception is pending */
#define X87_C0 0x0100u
#define X87_C1 0x0200u
#define X87_C2 0x0400u
#define X87_TOP_SHIFT 11
#define X87_C3 0x4000u
#define X87_B  0x8000u
#define X87_EXC 0x003fu		/* the six exception flags (masks in the control word) */
#define X87_CC (X87_C0 | X87_C1 | X87_C2 | X87_C3)

/* Control word: the six masks (bits 0..5, set = masked), PC and RC. */
#define X87_PC_SHIFT 8
#define X87_PC_24 0u
#define X87_PC_53 2u
#define X87_PC_64 3u
#define X87_RC_SHIFT 10
#define X87_RC_NEAR 0u
#define X87_RC_DOWN 1u
#define X87_RC_UP   2u
#define X87_RC_ZERO 3u

/* A register or m80 value: sign and 15-bit biased exponent, then the 64-bit
 * significand with its explicit integer bit (bit 63). */
struct x87_f80 {
	uint64_t sig;
	uint16_t se;
};

/* One operation's environment: the control word in, what it raised out. */
struct x87_fenv {
	uint16_t cw;
	uint16_t sw;	/* exception flags raised, and C1 = rounded up (C0-C3 for compares) */
	bool keep;	/* an unmasked IE, DE or ZE: the destination stays as it was */
};

/* Operand classes, as fxam tells them apart (plus SNaN). */
enum x87_class {
	X87_UNSUPPORTED, X87_QNAN, X87_SNAN, X87_NORMAL, X87_INF, X87_ZERO, X87_DENORMAL,
};

/* Compare outcomes in C3 C2 C0, as fcom sets them. */
#define X87_CMP_GT 0u
#define X87_CMP_LT X87_C0
#define X87_CMP_EQ X87_C3
#define X87_CMP_UN (X87_C3 | X87_C2 | X87_C0)

extern const struct x87_f80 x87_indefinite;

enum x87_class x87_classify(struct x87_f80 a);
static inline bool x87_sign(struct x87_f80 a) { return a.se >> 15; }

/* add, sub (a - b), mul, div (a / b) and sqrt round to the precision control. */
struct x87_f80 x87_add(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b);
struct x87_f80 x87_sub(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b);
struct x87_f80 x87_mul(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b);
struct x87_f80 x87_div(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b);
struct x87_f80 x87_sqrt(struct x87_fenv *e, struct x87_f80 a);

/* fcom (quiet = false: any NaN is invalid) / fucom; returns X87_CMP_*. */
unsigned x87_compare(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b, bool quiet);
/* fxam's C3 C2 C1 C0 for a non-empty register. */
unsigned x87_examine(struct x87_f80 a);

/* Conversions.  Loads of m32/m64 raise IE on an SNaN, DE on a denormal. */
struct x87_f80 x87_from_int(int64_t v);
struct x87_f80 x87_from_f32(struct x87_fenv *e, uint32_t v);
struct x87_f80 x87_from_f64(struct x87_fenv *e, uint64_t v);
struct x87_f80 x87_from_bcd(const uint8_t bcd[10]);
/* An m32/m64 arithmetic operand: exact, DE on a denormal, an SNaN kept
 * for the operation to report. */
struct x87_f80 x87_widen_f32(struct x87_fenv *e, uint32_t v);
struct x87_f80 x87_widen_f64(struct x87_fenv *e, uint64_t v);
/* fld1, fldl2t, fldl2e, fldpi, fldlg2, fldln2, fldz (which 0..6): rounded
 * by RC, no flags raised. */
struct x87_f80 x87_constant(struct x87_fenv *e, unsigned which);
/* Stores round by RC into the format; invalid ones give its indefinite. */
uint32_t x87_to_f32(struct x87_fenv *e, struct x87_f80 a);
uint64_t x87_to_f64(struct x87_fenv *e, struct x87_f80 a);
int64_t x87_to_int(struct x87_fenv *e, struct x87_f80 a, unsigned bits);
void x87_to_bcd(struct x87_fenv *e, struct x87_f80 a, uint8_t bcd[10]);

/* frndint, fscale (a * 2^trunc(b)), fxtract (*exp gets the exponent, the
 * result is the significand), fprem/fprem1 (sets C2 when partial and the
 * quotient's low bits in C0 C3 C1). */
struct x87_f80 x87_round_int(struct x87_fenv *e, struct x87_f80 a);
struct x87_f80 x87_scale(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b);
struct x87_f80 x87_extract(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 *exp);
struct x87_f80 x87_rem(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b, bool ieee);

/* Transcendentals (x87_trans.c); accuracy is documented there.  fsin, fcos,
 * fsincos and fptan set C2 and leave the operand alone if |a| >= 2^63. */
struct x87_f80 x87_sin(struct x87_fenv *e, struct x87_f80 a);
struct x87_f80 x87_cos(struct x87_fenv *e, struct x87_f80 a);
struct x87_f80 x87_tan(struct x87_fenv *e, struct x87_f80 a);
struct x87_f80 x87_atan2(struct x87_fenv *e, struct x87_f80 y, struct x87_f80 x);
struct x87_f80 x87_exp2m1(struct x87_fenv *e, struct x87_f80 a);
struct x87_f80 x87_yl2x(struct x87_fenv *e, struct x87_f80 x, struct x87_f80 y);
struct x87_f80 x87_yl2xp1(struct x87_fenv *e, struct x87_f80 x, struct x87_f80 y);

#endif
