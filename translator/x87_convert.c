/* x87 conversions (integers, float32/64, packed BCD) and the operations
 * whose results are integers or exact: frndint, fscale, fxtract, fprem and
 * fprem1.  Ref: Intel SDM Vol. 2, "FIST", "FBSTP", "FPREM", "FSCALE". */
#include "translator/x87_float.h"

#include "translator/x87_soft.h"

static struct x87_f80 from_u64(bool sign, uint64_t mag)
{
	unsigned n;

	if (mag == 0)
		return x87_make(sign, 0, 0);
	n = (unsigned)__builtin_clzll(mag);
	return x87_make(sign, X87_BIAS + 63 - (int32_t)n, mag << n);
}

struct x87_f80 x87_from_int(int64_t v)
{
	return from_u64(v < 0, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
}

/* An IEEE single or double: frac_bits of fraction, exponent bias bias.
 * A load quiets an SNaN (raising IE); an operand widens it unchanged. */
static struct x87_f80 from_ieee(struct x87_fenv *e, bool sign, unsigned exp, uint64_t frac,
				unsigned frac_bits, unsigned exp_max, int32_t bias, bool load)
{
	uint64_t sig = frac << (63 - frac_bits);
	unsigned n;

	if (exp == exp_max) {
		if (load && frac && !(sig & X87_QUIET) && x87_raise_pre(e, X87_IE))
			return x87_indefinite;
		if (load && frac)
			sig |= X87_QUIET;
		return x87_make(sign, X87_EXP_MAX, X87_J | sig);
	}
	if (exp == 0) {
		if (frac == 0)
			return x87_make(sign, 0, 0);
		if (x87_raise_pre(e, X87_DE))
			return x87_indefinite;
		n = (unsigned)__builtin_clzll(sig);
		return x87_make(sign, X87_BIAS - bias + 1 - (int32_t)n, sig << n);
	}
	return x87_make(sign, (int32_t)exp - bias + X87_BIAS, X87_J | sig);
}

struct x87_f80 x87_from_f32(struct x87_fenv *e, uint32_t v)
{
	return from_ieee(e, v >> 31, v >> 23 & 0xff, v & 0x7fffff, 23, 0xff, 127, true);
}

struct x87_f80 x87_from_f64(struct x87_fenv *e, uint64_t v)
{
	return from_ieee(e, v >> 63, v >> 52 & 0x7ff, v & 0xfffffffffffffull, 52, 0x7ff, 1023, true);
}

struct x87_f80 x87_widen_f32(struct x87_fenv *e, uint32_t v)
{
	return from_ieee(e, v >> 31, v >> 23 & 0xff, v & 0x7fffff, 23, 0xff, 127, false);
}

struct x87_f80 x87_widen_f64(struct x87_fenv *e, uint64_t v)
{
	return from_ieee(e, v >> 63, v >> 52 & 0x7ff, v & 0xfffffffffffffull, 52, 0x7ff, 1023, false);
}

/* Round a into an IEEE format; returns sign, exponent and fraction packed. */
static uint64_t to_ieee(struct x87_fenv *e, struct x87_f80 a, const struct x87_fmt *f,
			unsigned frac_bits, uint64_t indefinite)
{
	enum x87_class c = x87_classify(a);
	uint64_t sign = (uint64_t)x87_sign(a) << (frac_bits + (f == &x87_fmt_f32 ? 8 : 11));
	uint64_t inf = (uint64_t)(f->emax + 1) << frac_bits;
	uint64_t sig;
	struct x87_unp u;
	int32_t exp;

	switch (c) {
	case X87_UNSUPPORTED:
		x87_raise_pre(e, X87_IE);
		return indefinite;
	case X87_SNAN:
	case X87_QNAN:
		if (c == X87_SNAN)
			x87_raise_pre(e, X87_IE);
		return sign | inf | 1ull << (frac_bits - 1) | (a.sig << 1 >> (64 - frac_bits));
	case X87_INF:
		return sign | inf;
	case X87_ZERO:
		return sign;
	default:	/* an extended denormal is not a denormal operand here */
		break;
	}
	x87_unpack(a, &u);
	exp = u.exp;
	sig = x87_round(e, f, frac_bits + 1, u.sign, &exp, (x87_u128)u.sig << 64);
	return sign | (uint64_t)exp << frac_bits | (sig << 1 >> (64 - frac_bits));
}

uint32_t x87_to_f32(struct x87_fenv *e, struct x87_f80 a)
{
	return (uint32_t)to_ieee(e, a, &x87_fmt_f32, 23, 0xffc00000u);
}

uint64_t x87_to_f64(struct x87_fenv *e, struct x87_f80 a)
{
	return to_ieee(e, a, &x87_fmt_f64, 52, 0xfff8000000000000ull);
}

/* Round a finite nonzero value to an integer magnitude by RC; raises PE and
 * C1.  False if it does not fit 64 bits. */
static bool round_to_integer(struct x87_fenv *e, const struct x87_unp *u, uint64_t *mag)
{
	int32_t ex = u->exp - X87_BIAS;
	unsigned rc = e->cw >> X87_RC_SHIFT & 3;
	x87_u128 x;
	uint64_t ip, frac;
	bool up = false;

	if (ex >= 64)
		return false;
	if (ex == 63) {
		*mag = u->sig;
		return true;
	}
	x = x87_shr_sticky((x87_u128)u->sig << 64, ex < -64 ? 128 : (unsigned)(63 - ex));
	ip = (uint64_t)(x >> 64);
	frac = (uint64_t)x;
	if (rc == X87_RC_NEAR)
		up = frac > 1ull << 63 || (frac == 1ull << 63 && (ip & 1));
	else if (rc == X87_RC_DOWN)
		up = frac && u->sign;
	else if (rc == X87_RC_UP)
		up = frac && !u->sign;
	if (frac)
		e->sw |= X87_PE;
	if (up)
		e->sw |= X87_C1;
	*mag = ip + up;
	return true;
}

int64_t x87_to_int(struct x87_fenv *e, struct x87_f80 a, unsigned bits)
{
	enum x87_class c = x87_classify(a);
	uint64_t limit = 1ull << (bits - 1), mag;
	uint16_t before = e->sw;
	struct x87_unp u;

	if (c == X87_ZERO)
		return 0;
	if (c == X87_NORMAL || c == X87_DENORMAL) {
		x87_unpack(a, &u);
		if (round_to_integer(e, &u, &mag) && mag <= limit - !u.sign)
			return u.sign ? (int64_t)(0 - mag) : (int64_t)mag;
	}
	e->sw = before;
	x87_raise_pre(e, X87_IE);
	return (int64_t)(0 - limit);
}

struct x87_f80 x87_round_int(struct x87_fenv *e, struct x87_f80 a)
{
	enum x87_class c = x87_classify(a);
	struct x87_unp u;
	uint64_t mag;

	if (c == X87_UNSUPPORTED)
		return x87_invalid(e);
	if (x87_is_nan(c))
		return x87_nan_result(e, a, a);
	if (c == X87_ZERO || c == X87_INF)
		return a;
	if (c == X87_DENORMAL && x87_raise_pre(e, X87_DE))
		return a;
	x87_unpack(a, &u);
	if (!round_to_integer(e, &u, &mag))
		return a;	/* already an integer */
	return from_u64(u.sign, mag);
}

static const uint64_t bcd_max = 999999999999999999ull;

struct x87_f80 x87_from_bcd(const uint8_t bcd[10])
{
	uint64_t v = 0;

	for (int i = 8; i >= 0; i--)
		v = v * 100 + (bcd[i] >> 4) * 10 + (bcd[i] & 15);
	return from_u64(bcd[9] >> 7, v);
}

void x87_to_bcd(struct x87_fenv *e, struct x87_f80 a, uint8_t bcd[10])
{
	enum x87_class c = x87_classify(a);
	uint16_t before = e->sw;
	uint64_t mag = 0;
	struct x87_unp u;

	for (int i = 0; i < 10; i++)
		bcd[i] = 0;
	if (c == X87_NORMAL || c == X87_DENORMAL) {
		x87_unpack(a, &u);
		if (!round_to_integer(e, &u, &mag) || mag > bcd_max)
			c = X87_UNSUPPORTED;
	}
	if (c != X87_ZERO && c != X87_NORMAL && c != X87_DENORMAL) {
		e->sw = before;
		x87_raise_pre(e, X87_IE);
		bcd[9] = bcd[8] = 0xff;
		bcd[7] = 0xc0;
		return;
	}
	bcd[9] = x87_sign(a) ? 0x80 : 0;
	for (int i = 0; i < 9; i++, mag /= 100)
		bcd[i] = (uint8_t)(mag % 10 | (mag / 10 % 10) << 4);
}

struct x87_f80 x87_scale(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b)
{
	enum x87_class ca = x87_classify(a), cb = x87_classify(b);
	struct x87_unp ua, ub;
	struct x87_f80 r;
	int32_t n = 0, eb;

	if (x87_special_pair(e, a, b, &r))
		return r;
	if (cb == X87_INF) {
		if (!x87_sign(b))
			return ca == X87_ZERO ? x87_invalid(e) : x87_make(x87_sign(a), X87_EXP_MAX, X87_J);
		return ca == X87_INF ? x87_invalid(e) : x87_make(x87_sign(a), 0, 0);
	}
	if (ca == X87_ZERO || ca == X87_INF)
		return a;
	if (cb != X87_ZERO) {
		x87_unpack(b, &ub);
		eb = ub.exp - X87_BIAS;
		n = eb > 20 ? 1 << 20 : eb < 0 ? 0 : (int32_t)(ub.sig >> (63 - eb));
		if (ub.sign)
			n = -n;
	}
	x87_unpack(a, &ua);
	return x87_round_f80(e, 64, ua.sign, ua.exp + n, (x87_u128)ua.sig << 64);
}

struct x87_f80 x87_extract(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 *exp)
{
	enum x87_class c = x87_classify(a);
	struct x87_unp u;

	switch (c) {
	case X87_UNSUPPORTED:
		*exp = x87_invalid(e);
		return *exp;
	case X87_QNAN:
	case X87_SNAN:
		*exp = x87_nan_result(e, a, a);
		return *exp;
	case X87_ZERO:
		*exp = x87_make(true, X87_EXP_MAX, X87_J);
		x87_raise_pre(e, X87_ZE);
		return a;
	case X87_INF:
		*exp = x87_make(false, X87_EXP_MAX, X87_J);
		return a;
	case X87_DENORMAL:
		if (x87_raise_pre(e, X87_DE)) {
			*exp = a;
			return a;
		}
		break;
	default:
		break;
	}
	x87_unpack(a, &u);
	*exp = x87_from_int(u.exp - X87_BIAS);
	return x87_make(u.sign, X87_BIAS, u.sig);
}

/* When the exponents differ by d >= 64, fprem reduces partially: it
 * divides by b * 2^(d - n) with n = 32 + d % 32 (as the host x87 does) and
 * reports no quotient bits. */

struct x87_f80 x87_rem(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b, bool ieee)
{
	enum x87_class ca = x87_classify(a), cb = x87_classify(b);
	struct x87_unp ua, ub;
	x87_u128 r;
	uint64_t q = 0;
	int32_t d, unit;
	bool sign, partial = false;
	unsigned n;

	if (ca == X87_UNSUPPORTED || cb == X87_UNSUPPORTED)
		return x87_invalid(e);
	if (x87_is_nan(ca) || x87_is_nan(cb))
		return x87_nan_result(e, a, b);
	if (ca == X87_INF || cb == X87_ZERO)
		return x87_invalid(e);
	if ((ca == X87_DENORMAL || cb == X87_DENORMAL) && x87_raise_pre(e, X87_DE))
		return a;
	if (ca == X87_ZERO)
		return a;
	x87_unpack(a, &ua);
	x87_unpack(b, &ub);
	sign = ua.sign;
	d = cb == X87_INF ? -2 : ua.exp - ub.exp;
	if (d >= 64) {
		partial = true;
		d = 32 + d % 32;
	}
	unit = ua.exp - d;	/* the exponent of b's significand's unit, as scaled */
	r = ua.sig;
	if (d < 0 && !(ieee && d == -1 && ua.sig > ub.sig)) {
		unit = ua.exp;	/* |a| is the remainder */
	} else if (d == -1) {
		/* |a| > |b| / 2: the quotient rounds to 1 */
		r = ((x87_u128)ub.sig << 1) - ua.sig;
		unit = ua.exp;
		sign = !sign;
		q = 1;
	} else {
		for (int32_t i = 0; i <= d; i++) {
			q <<= 1;
			if (r >= ub.sig) {
				r -= ub.sig;
				q |= 1;
			}
			if (i < d)
				r <<= 1;
		}
		if (ieee && !partial && (r << 1 > ub.sig || (r << 1 == ub.sig && (q & 1)))) {
			r = ub.sig - r;
			q++;
			sign = !sign;
		}
	}
	if (partial)
		q = 0;
	e->sw = (uint16_t)((e->sw & ~X87_CC) | (partial ? X87_C2 : 0) | (q & 4 ? X87_C0 : 0) |
			   (q & 2 ? X87_C3 : 0) | (q & 1 ? X87_C1 : 0));
	if (r == 0)
		return x87_make(ua.sign, 0, 0);
	n = x87_clz128(r);
	return x87_round_f80(e, 64, sign, unit + 127 - (int32_t)n - 63, r << n);
}

struct x87_f80 x87_constant(struct x87_fenv *e, unsigned which)
{
	static const struct { uint16_t exp; uint64_t hi, lo; } k[] = {
		{ 0x3fff, 0x8000000000000000ull, 0 },				/* 1 */
		{ 0x4000, 0xd49a784bcd1b8afeull, 0x492bf6ff4dafdb4cull },	/* log2(10) */
		{ 0x3fff, 0xb8aa3b295c17f0bbull, 0xbe87fed0691d3e88ull },	/* log2(e) */
		{ 0x4000, 0xc90fdaa22168c234ull, 0xc4c6628b80dc1cd1ull },	/* pi */
		{ 0x3ffd, 0x9a209a84fbcff798ull, 0x8f8959ac0b7c9178ull },	/* log10(2) */
		{ 0x3ffe, 0xb17217f7d1cf79abull, 0xc9e3b39803f2f6afull },	/* ln(2) */
	};
	struct x87_fenv quiet = { .cw = e->cw };

	if (which >= sizeof(k) / sizeof(k[0]))
		return x87_make(false, 0, 0);
	return x87_round_f80(&quiet, 64, false, k[which].exp, (x87_u128)k[which].hi << 64 | k[which].lo);
}
