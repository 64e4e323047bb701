/* The x87's rounding and its basic arithmetic (add, sub, mul, div, sqrt,
 * compare) on 80-bit values, exactly rounded.  Conversions and the other
 * exact operations are in x87_convert.c.  Ref: Intel SDM Vol. 1, 4.8-4.9. */
#include "translator/x87_float.h"

#include "translator/x87_soft.h"

const struct x87_f80 x87_indefinite = { .sig = X87_J | X87_QUIET, .se = 0xffff };
const struct x87_fmt x87_fmt_f80 = { X87_BIAS, X87_EXP_MAX - 1, 24576 };
const struct x87_fmt x87_fmt_f64 = { 1023, 2046, 0 };
const struct x87_fmt x87_fmt_f32 = { 127, 254, 0 };

unsigned x87_pc_bits(uint16_t cw)
{
	/* The reserved setting 1 behaves as 64 bits here. */
	static const unsigned bits[4] = { 24, 64, 53, 64 };

	return bits[cw >> X87_PC_SHIFT & 3];
}

enum x87_class x87_classify(struct x87_f80 a)
{
	unsigned exp = a.se & X87_EXP_MAX;

	if (exp == 0)
		return a.sig ? X87_DENORMAL : X87_ZERO;
	if (!(a.sig & X87_J))
		return X87_UNSUPPORTED;	/* unnormal, pseudo-infinity, pseudo-NaN */
	if (exp == X87_EXP_MAX) {
		if (!(a.sig << 1))
			return X87_INF;
		return a.sig & X87_QUIET ? X87_QNAN : X87_SNAN;
	}
	return X87_NORMAL;
}

bool x87_is_nan(enum x87_class c)
{
	return c == X87_QNAN || c == X87_SNAN;
}

unsigned x87_clz128(x87_u128 v)
{
	uint64_t hi = (uint64_t)(v >> 64);

	return hi ? (unsigned)__builtin_clzll(hi) : 64 + (unsigned)__builtin_clzll((uint64_t)v);
}

x87_u128 x87_shr_sticky(x87_u128 v, unsigned n)
{
	if (n == 0)
		return v;
	if (n >= 128)
		return v != 0;
	return v >> n | ((v & (((x87_u128)1 << n) - 1)) != 0);
}

/* Denormals (and pseudo-denormals) have the exponent of the smallest
 * normal; normalizing lets exp go below 1. */
void x87_unpack(struct x87_f80 a, struct x87_unp *u)
{
	unsigned shift = (unsigned)__builtin_clzll(a.sig);

	u->sign = x87_sign(a);
	u->exp = a.se & X87_EXP_MAX;
	if (u->exp == 0)
		u->exp = 1;
	u->exp -= (int32_t)shift;
	u->sig = a.sig << shift;
}

/* Whether rounding sig at lsb increments it. */
static bool rounds_up(unsigned rc, bool sign, x87_u128 sig, x87_u128 lsb)
{
	x87_u128 rest = sig & (lsb - 1);

	if (rc == X87_RC_NEAR)
		return rest > lsb / 2 || (rest == lsb / 2 && (sig & lsb));
	if (rc == X87_RC_DOWN)
		return rest && sign;
	if (rc == X87_RC_UP)
		return rest && !sign;
	return false;
}

/* Tininess is detected after rounding: a value just below the smallest
 * normal that rounds up to it is not tiny. */
uint64_t x87_round(struct x87_fenv *e, const struct x87_fmt *f, unsigned prec, bool sign,
		   int32_t *exp, x87_u128 sig)
{
	int32_t x = *exp - X87_BIAS + f->bias;
	unsigned rc = e->cw >> X87_RC_SHIFT & 3;
	x87_u128 lsb = (x87_u128)1 << (128 - prec), rest;
	bool tiny = false, up;

	if (sig == 0) {
		*exp = 0;
		return 0;
	}
	if (x < 1) {
		tiny = !(x == 0 && (~sig & ~(lsb - 1)) == 0 && rounds_up(rc, sign, sig, lsb));
		if (f->wrap && !(e->cw & X87_UE)) {
			x += f->wrap;
		} else {
			sig = x87_shr_sticky(sig, x < -200 ? 200 : (unsigned)(1 - x));
			x = 0;
		}
	}
	rest = sig & (lsb - 1);
	up = rounds_up(rc, sign, sig, lsb);
	sig -= rest;
	if (up) {
		sig += lsb;
		if (sig == 0) {	/* carried out of bit 127 */
			sig = (x87_u128)1 << 127;
			x++;
		}
		e->sw |= X87_C1;
	}
	if (x == 0 && sig >> 127)
		x = 1;	/* a denormal rounded up to the smallest normal */
	if (rest)
		e->sw |= X87_PE;
	if (tiny && (rest || !(e->cw & X87_UE)))
		e->sw |= X87_UE;
	if (x > f->emax) {
		if (f->wrap && !(e->cw & X87_OE)) {
			x -= f->wrap;
			e->sw |= X87_OE;
		} else if (rc == X87_RC_NEAR || (rc == X87_RC_UP && !sign) ||
			   (rc == X87_RC_DOWN && sign)) {
			e->sw |= X87_OE | X87_PE | X87_C1;
			x = f->emax + 1;
			sig = (x87_u128)1 << 127;
		} else {
			e->sw = (uint16_t)((e->sw | X87_OE | X87_PE) & ~X87_C1);
			x = f->emax;
			sig = ~(lsb - 1);
		}
	}
	*exp = x;
	return (uint64_t)(sig >> 64);
}

struct x87_f80 x87_round_f80(struct x87_fenv *e, unsigned prec, bool sign, int32_t exp, x87_u128 sig)
{
	uint64_t s = x87_round(e, &x87_fmt_f80, prec, sign, &exp, sig);

	return x87_make(sign, exp, s);
}

struct x87_f80 x87_invalid(struct x87_fenv *e)
{
	x87_raise_pre(e, X87_IE);
	return x87_indefinite;
}

bool x87_raise_pre(struct x87_fenv *e, unsigned ex)
{
	e->sw |= (uint16_t)ex;
	if (e->cw & ex)
		return false;
	e->keep = true;
	return true;
}

/* An SNaN is invalid; of two NaNs a QNaN beats an SNaN, else the larger
 * significand wins.  The result is quiet. */
struct x87_f80 x87_nan_result(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b)
{
	enum x87_class ca = x87_classify(a), cb = x87_classify(b);
	struct x87_f80 r;

	if (ca == X87_SNAN || cb == X87_SNAN)
		x87_raise_pre(e, X87_IE);
	if (!x87_is_nan(ca))
		r = b;
	else if (!x87_is_nan(cb))
		r = a;
	else if (ca != cb)
		r = ca == X87_QNAN ? a : b;
	else if (a.sig != b.sig)
		r = a.sig > b.sig ? a : b;
	else
		r = x87_sign(a) ? b : a;
	r.sig |= X87_QUIET;
	return r;
}

bool x87_special_pair(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b, struct x87_f80 *r)
{
	enum x87_class ca = x87_classify(a), cb = x87_classify(b);

	if (ca == X87_UNSUPPORTED || cb == X87_UNSUPPORTED) {
		*r = x87_invalid(e);
		return true;
	}
	if (x87_is_nan(ca) || x87_is_nan(cb)) {
		*r = x87_nan_result(e, a, b);
		return true;
	}
	if ((ca == X87_DENORMAL || cb == X87_DENORMAL) && x87_raise_pre(e, X87_DE)) {
		*r = a;
		return true;
	}
	return false;
}

static struct x87_f80 inf_of(bool sign)
{
	return x87_make(sign, X87_EXP_MAX, X87_J);
}

static struct x87_f80 round_operand(struct x87_fenv *e, struct x87_f80 a)
{
	struct x87_unp u;

	x87_unpack(a, &u);
	return x87_round_f80(e, x87_pc_bits(e->cw), u.sign, u.exp, (x87_u128)u.sig << 64);
}

static struct x87_f80 add_signed(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b, bool negate)
{
	enum x87_class ca = x87_classify(a), cb = x87_classify(b);
	bool rc_down = (e->cw >> X87_RC_SHIFT & 3) == X87_RC_DOWN;
	struct x87_unp ua, ub, t;
	struct x87_f80 r;
	x87_u128 sa, sb, s;
	unsigned n;
	bool sign;

	if (x87_special_pair(e, a, b, &r))
		return r;
	b.se ^= negate ? 0x8000 : 0;
	if (ca == X87_INF)
		return cb == X87_INF && x87_sign(a) != x87_sign(b) ? x87_invalid(e) : a;
	if (cb == X87_INF)
		return b;
	if (ca == X87_ZERO && cb == X87_ZERO)
		return x87_make(x87_sign(a) == x87_sign(b) ? x87_sign(a) : rc_down, 0, 0);
	if (ca == X87_ZERO)
		return round_operand(e, b);
	if (cb == X87_ZERO)
		return round_operand(e, a);
	x87_unpack(a, &ua);
	x87_unpack(b, &ub);
	if (ua.exp < ub.exp) {
		t = ua;
		ua = ub;
		ub = t;
	}
	sa = (x87_u128)ua.sig << 63;
	sb = x87_shr_sticky((x87_u128)ub.sig << 63, (unsigned)(ua.exp - ub.exp));
	if (ua.sign == ub.sign) {
		s = sa + sb;
		sign = ua.sign;
	} else if (sa >= sb) {
		s = sa - sb;
		sign = ua.sign;
	} else {
		s = sb - sa;
		sign = ub.sign;
	}
	if (s == 0)
		return x87_make(rc_down, 0, 0);
	n = x87_clz128(s);
	return x87_round_f80(e, x87_pc_bits(e->cw), sign, ua.exp + 1 - (int32_t)n, s << n);
}

struct x87_f80 x87_add(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b)
{
	return add_signed(e, a, b, false);
}

struct x87_f80 x87_sub(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b)
{
	return add_signed(e, a, b, true);
}

struct x87_f80 x87_mul(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b)
{
	enum x87_class ca = x87_classify(a), cb = x87_classify(b);
	bool sign = x87_sign(a) != x87_sign(b);
	struct x87_unp ua, ub;
	struct x87_f80 r;
	x87_u128 p;
	int32_t exp;

	if (x87_special_pair(e, a, b, &r))
		return r;
	if (ca == X87_INF || cb == X87_INF)
		return ca == X87_ZERO || cb == X87_ZERO ? x87_invalid(e) : inf_of(sign);
	if (ca == X87_ZERO || cb == X87_ZERO)
		return x87_make(sign, 0, 0);
	x87_unpack(a, &ua);
	x87_unpack(b, &ub);
	p = (x87_u128)ua.sig * ub.sig;
	exp = ua.exp + ub.exp - X87_BIAS + 1;
	if (!(p >> 127)) {
		p <<= 1;
		exp--;
	}
	return x87_round_f80(e, x87_pc_bits(e->cw), sign, exp, p);
}

struct x87_f80 x87_div(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b)
{
	enum x87_class ca = x87_classify(a), cb = x87_classify(b);
	bool sign = x87_sign(a) != x87_sign(b);
	struct x87_unp ua, ub;
	struct x87_f80 r;
	x87_u128 rem, q = 0;
	unsigned n;

	if (ca != X87_UNSUPPORTED && !x87_is_nan(ca) && ca != X87_ZERO && ca != X87_INF &&
	    cb == X87_ZERO)	/* a zero divisor outranks a denormal dividend */
		return x87_raise_pre(e, X87_ZE) ? a : inf_of(sign);
	if (x87_special_pair(e, a, b, &r))
		return r;
	if ((ca == X87_INF && cb == X87_INF) || (ca == X87_ZERO && cb == X87_ZERO))
		return x87_invalid(e);
	if (ca == X87_INF)
		return inf_of(sign);
	if (cb == X87_INF)
		return x87_make(sign, 0, 0);
	if (ca == X87_ZERO)
		return x87_make(sign, 0, 0);
	x87_unpack(a, &ua);
	x87_unpack(b, &ub);
	/* 66 quotient bits of sig_a / sig_b, the first of weight 1. */
	rem = ua.sig;
	for (int i = 0; i < 66; i++) {
		q <<= 1;
		if (rem >= ub.sig) {
			rem -= ub.sig;
			q |= 1;
		}
		rem <<= 1;
	}
	n = x87_clz128(q);
	q = q << n | (rem != 0);
	return x87_round_f80(e, x87_pc_bits(e->cw), sign,
			     ua.exp - ub.exp + X87_BIAS + 62 - (int32_t)n, q);
}

struct x87_f80 x87_sqrt(struct x87_fenv *e, struct x87_f80 a)
{
	enum x87_class c = x87_classify(a);
	x87_u128 x, rem = 0, root = 0;
	struct x87_unp u;
	int32_t ex;

	if (x87_is_nan(c))
		return x87_nan_result(e, a, a);
	if (c == X87_ZERO)
		return a;
	if (c == X87_UNSUPPORTED || x87_sign(a))
		return x87_invalid(e);
	if (c == X87_INF || (c == X87_DENORMAL && x87_raise_pre(e, X87_DE)))
		return a;
	x87_unpack(a, &u);
	ex = u.exp - X87_BIAS;
	/* x / 2^126 is the significand, doubled for an odd exponent. */
	x = (x87_u128)u.sig << (ex & 1 ? 64 : 63);
	for (int i = 0; i < 67; i++) {
		unsigned pair = i < 64 ? (unsigned)(x >> (126 - 2 * i)) & 3 : 0;
		x87_u128 trial = root << 2 | 1;

		rem = rem << 2 | pair;
		root <<= 1;
		if (rem >= trial) {
			rem -= trial;
			root |= 1;
		}
	}
	/* root has 67 bits, the top one of weight 1. */
	return x87_round_f80(e, x87_pc_bits(e->cw), false, (ex - (ex & 1)) / 2 + X87_BIAS,
			     root << 61 | (rem != 0));
}

/* Magnitude order key of a finite or infinite value. */
static void order_key(struct x87_f80 a, int32_t *exp, uint64_t *sig)
{
	struct x87_unp u;

	switch (x87_classify(a)) {
	case X87_ZERO:
		*exp = -100000;
		*sig = 0;
		return;
	case X87_INF:
		*exp = X87_EXP_MAX;
		*sig = X87_J;
		return;
	default:
		x87_unpack(a, &u);
		*exp = u.exp;
		*sig = u.sig;
	}
}

unsigned x87_compare(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 b, bool quiet)
{
	enum x87_class ca = x87_classify(a), cb = x87_classify(b);
	int32_t ea, eb;
	uint64_t sa, sb;
	bool nega, negb, less;

	if (ca == X87_UNSUPPORTED || cb == X87_UNSUPPORTED || ca == X87_SNAN || cb == X87_SNAN ||
	    (!quiet && (x87_is_nan(ca) || x87_is_nan(cb)))) {
		x87_raise_pre(e, X87_IE);
		return X87_CMP_UN;
	}
	if (x87_is_nan(ca) || x87_is_nan(cb))
		return X87_CMP_UN;
	if (ca == X87_DENORMAL || cb == X87_DENORMAL)
		x87_raise_pre(e, X87_DE);
	order_key(a, &ea, &sa);
	order_key(b, &eb, &sb);
	if (ea == eb && sa == sb && (x87_sign(a) == x87_sign(b) || ca == X87_ZERO))
		return X87_CMP_EQ;
	nega = x87_sign(a) && ca != X87_ZERO;
	negb = x87_sign(b) && cb != X87_ZERO;
	if (nega != negb)
		return nega ? X87_CMP_LT : X87_CMP_GT;
	less = ea < eb || (ea == eb && sa < sb);
	return less != nega ? X87_CMP_LT : X87_CMP_GT;
}

unsigned x87_examine(struct x87_f80 a)
{
	static const uint16_t code[] = {
		[X87_UNSUPPORTED] = 0, [X87_QNAN] = X87_C0, [X87_SNAN] = X87_C0,
		[X87_NORMAL] = X87_C2, [X87_INF] = X87_C2 | X87_C0, [X87_ZERO] = X87_C3,
		[X87_DENORMAL] = X87_C3 | X87_C2,
	};

	return code[x87_classify(a)] | (x87_sign(a) ? X87_C1 : 0);
}
