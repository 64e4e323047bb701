/* Private to the x87 arithmetic files: the unpacked form, rounding into a
 * format, and the special-operand responses they share. */
#ifndef MIMIC_TRANSLATOR_X87_SOFT_H
#define MIMIC_TRANSLATOR_X87_SOFT_H

#include "translator/x87_float.h"

typedef unsigned __int128 x87_u128;

#define X87_BIAS 16383
#define X87_EXP_MAX 0x7fff
#define X87_J (1ull << 63)		/* the explicit integer bit */
#define X87_QUIET (1ull << 62)		/* a NaN's quiet bit */

/* A finite nonzero operand with its significand normalized (bit 63 set);
 * exp is biased and may go below 1 for denormals. */
struct x87_unp {
	bool sign;
	int32_t exp;
	uint64_t sig;
};

/* A rounding target: exponent bias, largest normal biased exponent, and the
 * bias adjustment of an unmasked overflow/underflow (0: no wrapped result). */
struct x87_fmt {
	int32_t bias, emax, wrap;
};

extern const struct x87_fmt x87_fmt_f80, x87_fmt_f64, x87_fmt_f32;

/* The precision control's significand width: 24, 53 or 64. */
unsigned x87_pc_bits(uint16_t cw);
void x87_unpack(struct x87_f80 a, struct x87_unp *u);
/* Round sig (bit 127 set, or 0) scaled by exp (biased as for f80) to prec
 * bits in format f; raises PE/UE/OE and C1.  Returns the 64-bit significand
 * (bit 63 clear for a denormal) and leaves f's biased exponent in *exp:
 * 0 for denormals and zero, f->emax + 1 for infinity. */
uint64_t x87_round(struct x87_fenv *e, const struct x87_fmt *f, unsigned prec, bool sign,
		   int32_t *exp, x87_u128 sig);
struct x87_f80 x87_round_f80(struct x87_fenv *e, unsigned prec, bool sign, int32_t exp, x87_u128 sig);
static inline struct x87_f80 x87_make(bool sign, int32_t exp, uint64_t sig)
{
	return (struct x87_f80){ .sig = sig, .se = (uint16_t)((sign ? 0x8000 : 0) | exp) };
}
/* Raise IE (the destination stays if unmasked); the default QNaN. */
struct x87_f80 x87_invalid(struct x87_fenv *e);
/* Raise ex; true if it is unmasked, so the operation stops here. */
bool x87_raise_pre(struct x87_fenv *e, unsigned ex);
/* The NaN result of an operation with a NaN operand (b may be a non-NaN). */
struct x87_f80 x87_nan_result(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b);
bool x87_is_nan(enum x87_class c);
/* The checks every two-operand operation starts with (unsupported, NaN,
 * denormal in either operand); true if r is the result, which is a when a
 * denormal stops the operation. */
bool x87_special_pair(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b, struct x87_f80 *r);
x87_u128 x87_shr_sticky(x87_u128 v, unsigned n);
unsigned x87_clz128(x87_u128 v);

#endif
