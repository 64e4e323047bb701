/* The x87 transcendentals (fsin, fcos, fptan, fpatan, f2xm1, fyl2x,
 * fyl2xp1), computed with 128-bit significands and rounded once by RC.
 * Like the hardware, fsin/fcos/fptan reduce by pi/2 rounded to 66 bits, so
 * they follow the real x87 far from zero too.  Accuracy against the host
 * x87 is measured by tests/x87 (see its output and translator/README.md). */
#include "translator/x87_float.h"

#include "translator/x87_soft.h"

/* value = m / 2^127 * 2^exp; m has bit 127 set, or is 0 for zero. */
struct wide {
	bool neg;
	int32_t exp;
	x87_u128 m;
};

static const struct wide w_pi_2 = { false, 0, (x87_u128)0xc90fdaa22168c234ull << 64 | 0xc4c6628b80dc1cd1ull };
static const struct wide w_2_pi = { false, -1, (x87_u128)0xa2f9836e4e441529ull << 64 | 0xfc2757d1f534ddc0ull };
static const struct wide w_pi_6 = { false, -1, (x87_u128)0x860a91c16b9b2c23ull << 64 | 0x2dd99707ab3d688bull };
static const struct wide w_ln2 = { false, -1, (x87_u128)0xb17217f7d1cf79abull << 64 | 0xc9e3b39803f2f6afull };
static const struct wide w_log2e = { false, 0, (x87_u128)0xb8aa3b295c17f0bbull << 64 | 0xbe87fed0691d3e88ull };
static const struct wide w_sqrt3 = { false, 0, (x87_u128)0xddb3d742c265539dull << 64 | 0x92ba16b83c5c1dc4ull };

static struct wide w_norm(struct wide a)
{
	unsigned n;

	if (a.m == 0)
		return a;
	n = x87_clz128(a.m);
	a.m <<= n;
	a.exp -= (int32_t)n;
	return a;
}

static struct wide w_from_u64(uint64_t v)
{
	return w_norm((struct wide){ false, 127, v });
}

static struct wide w_from_f80(struct x87_f80 a)
{
	struct x87_unp u;

	x87_unpack(a, &u);
	return (struct wide){ u.sign, u.exp - X87_BIAS, (x87_u128)u.sig << 64 };
}

static struct x87_f80 w_to_f80(struct x87_fenv *e, struct wide a)
{
	if (a.m == 0)
		return x87_make(a.neg, 0, 0);
	return x87_round_f80(e, 64, a.neg, a.exp + X87_BIAS, a.m);
}

static struct wide w_neg(struct wide a)
{
	a.neg = !a.neg;
	return a;
}

/* The top 128 bits of the product (truncated).  Built at -O1: mips64el
 * GCC 12 at -O2 (or QEMU running its output) gets fsin/fcos/fptan wrong
 * for most operands with this function at -O2 (a same-input comparison of
 * the x86-64 and mips64el builds shows it); the other functions agree. */
__attribute__((optimize("O1")))
static struct wide w_mul(struct wide a, struct wide b)
{
	uint64_t ah = (uint64_t)(a.m >> 64), al = (uint64_t)a.m;
	uint64_t bh = (uint64_t)(b.m >> 64), bl = (uint64_t)b.m;
	x87_u128 mid1 = (x87_u128)ah * bl, mid2 = (x87_u128)al * bh;
	x87_u128 low = ((x87_u128)al * bl) >> 64;
	x87_u128 midsum = (mid1 & ~0ull) + (mid2 & ~0ull) + low;
	x87_u128 top = (x87_u128)ah * bh + (mid1 >> 64) + (mid2 >> 64) + (midsum >> 64);

	if (a.m == 0 || b.m == 0)
		return (struct wide){ a.neg != b.neg, 0, 0 };
	return w_norm((struct wide){ a.neg != b.neg, a.exp + b.exp + 1, top });
}

static struct wide w_add(struct wide a, struct wide b)
{
	struct wide t;
	x87_u128 x, y;
	unsigned d;

	if (b.m == 0)
		return a;
	if (a.m == 0)
		return b;
	if (a.exp < b.exp) {
		t = a;
		a = b;
		b = t;
	}
	d = (unsigned)(a.exp - b.exp);
	x = a.m >> 1;
	y = x87_shr_sticky(b.m >> 1, d);	/* a tiny b still sets the direction */
	if (a.neg == b.neg)
		return w_norm((struct wide){ a.neg, a.exp + 1, x + y });
	if (x >= y)
		return w_norm((struct wide){ a.neg, a.exp + 1, x - y });
	return w_norm((struct wide){ b.neg, a.exp + 1, y - x });
}

static struct wide w_sub(struct wide a, struct wide b)
{
	return w_add(a, w_neg(b));
}

static struct wide w_div(struct wide a, struct wide b)
{
	x87_u128 r = a.m, q = 0;
	bool carry = false;

	if (a.m == 0)
		return a;
	for (int i = 0; i < 128; i++) {
		q <<= 1;
		if (carry || r >= b.m) {
			r -= b.m;
			q |= 1;
		}
		carry = r >> 127;
		r <<= 1;
	}
	return w_norm((struct wide){ a.neg != b.neg, a.exp - b.exp, q });
}

/* Sum of the series term_0 * (1 + ratio * ... ): each next term is the last
 * times x, divided by the integer den(k); stops when terms no longer count. */
static struct wide w_series(struct wide term, struct wide x, uint64_t (*den)(unsigned k))
{
	struct wide sum = term;

	for (unsigned k = 1; k < 80 && term.m; k++) {
		term = w_div(w_mul(term, x), w_from_u64(den(k)));
		sum = w_add(sum, term);
		if (term.exp < sum.exp - 130)
			break;
	}
	return sum;
}

static uint64_t den_sin(unsigned k) { return (uint64_t)(2 * k) * (2 * k + 1); }
static uint64_t den_cos(unsigned k) { return (uint64_t)(2 * k - 1) * (2 * k); }
static uint64_t den_exp(unsigned k) { return k + 1; }

/* sin or cos of r, |r| <= pi/4. */
static struct wide w_sincos(struct wide r, bool cosine)
{
	struct wide mr2 = w_neg(w_mul(r, r));

	return cosine ? w_series(w_from_u64(1), mr2, den_cos) : w_series(r, mr2, den_sin);
}

/* An odd series: sum of x^(2k+1) / (2k+1) times sign^k. */
static struct wide w_odd_series(struct wide x, bool alternate)
{
	struct wide x2 = w_mul(x, x), pow = x, sum = x;

	if (alternate)
		x2 = w_neg(x2);
	for (unsigned k = 1; k < 200 && pow.m; k++) {
		struct wide t;

		pow = w_mul(pow, x2);
		t = w_div(pow, w_from_u64(2 * k + 1));
		sum = w_add(sum, t);
		if (t.m == 0 || t.exp < sum.exp - 130)
			break;
	}
	return sum;
}

/* |a| reduced by pi/2 rounded to 66 bits: the remainder and the quotient. */
static struct wide reduce(struct wide a, uint64_t *quadrant)
{
	struct wide pi2 = w_pi_2, q;
	uint64_t k = 0;

	pi2.m &= ~(((x87_u128)1 << 62) - 1);
	a.neg = false;
	q = w_add(w_mul(a, w_2_pi), (struct wide){ false, -1, (x87_u128)1 << 127 });
	if (q.exp >= 0)
		k = (uint64_t)(q.m >> (127 - q.exp));
	*quadrant = k;
	return w_sub(a, w_mul(w_from_u64(k), pi2));
}

/* The operand checks of fsin, fcos, fptan: true if r is the result. */
static bool trig_special(struct x87_fenv *e, struct x87_f80 a, struct x87_f80 *r)
{
	enum x87_class c = x87_classify(a);

	if (c == X87_UNSUPPORTED || c == X87_INF) {
		*r = x87_invalid(e);
		return true;
	}
	if (x87_is_nan(c)) {
		*r = x87_nan_result(e, a, a);
		return true;
	}
	if (c == X87_DENORMAL && x87_raise_pre(e, X87_DE)) {
		*r = a;
		return true;
	}
	if ((a.se & X87_EXP_MAX) >= X87_BIAS + 63) {
		e->sw |= X87_C2;	/* out of range: the operand stays */
		*r = a;
		return true;
	}
	return false;
}

/* sin (which 0), cos (1) or tan (2) of a in range. */
static struct x87_f80 trig(struct x87_fenv *e, struct x87_f80 a, int which)
{
	struct x87_f80 r;
	struct wide w, s, c, v;
	uint64_t k;
	bool neg = x87_sign(a);

	if (trig_special(e, a, &r))
		return r;
	if (x87_classify(a) == X87_ZERO)
		return which == 1 ? x87_make(false, X87_BIAS, X87_J) : a;
	if ((a.se & X87_EXP_MAX) < X87_BIAS - 68) {
		/* below 2^-68 the x87 answers a (or 1) whatever the rounding */
		e->sw |= X87_PE | (x87_classify(a) == X87_DENORMAL ? X87_UE : 0);
		if (which == 1)
			return x87_make(false, X87_BIAS, X87_J);
		w = w_from_f80(a);
		return x87_round_f80(e, 64, w.neg, w.exp + X87_BIAS, w.m);
	}
	w = reduce(w_from_f80(a), &k);
	s = w_sincos(w, false);
	c = w_sincos(w, true);
	if (which == 2) {
		v = k & 1 ? w_neg(w_div(c, s)) : w_div(s, c);
	} else if (which == 0) {
		v = k & 1 ? c : s;
		if (k & 2)
			v = w_neg(v);
	} else {
		v = k & 1 ? s : c;
		if ((k + 1) & 2)
			v = w_neg(v);
		neg = false;
	}
	if (neg)
		v = w_neg(v);
	return w_to_f80(e, v);
}

struct x87_f80 x87_sin(struct x87_fenv *e, struct x87_f80 a)
{
	return trig(e, a, 0);
}

struct x87_f80 x87_cos(struct x87_fenv *e, struct x87_f80 a)
{
	return trig(e, a, 1);
}

struct x87_f80 x87_tan(struct x87_fenv *e, struct x87_f80 a)
{
	return trig(e, a, 2);
}

/* 2^a - 1 for |a| <= 1; beyond, the x87 leaves a as it is. */
struct x87_f80 x87_exp2m1(struct x87_fenv *e, struct x87_f80 a)
{
	enum x87_class c = x87_classify(a);
	struct wide t;

	if (c == X87_UNSUPPORTED)
		return x87_invalid(e);
	if (x87_is_nan(c))
		return x87_nan_result(e, a, a);
	if (c == X87_ZERO)
		return a;
	if (c == X87_INF)
		return x87_sign(a) ? x87_make(true, X87_BIAS, X87_J) : a;
	if (c == X87_DENORMAL && x87_raise_pre(e, X87_DE))
		return a;
	if ((a.se & X87_EXP_MAX) == X87_BIAS && a.sig == X87_J)	/* exact: 1 or -1/2 */
		return x87_sign(a) ? x87_make(true, X87_BIAS - 1, X87_J) : a;
	if ((a.se & X87_EXP_MAX) >= X87_BIAS)
		return a;
	t = w_mul(w_from_f80(a), w_ln2);
	return w_to_f80(e, w_series(t, t, den_exp));
}

/* atan(t) for 0 <= t <= 1, with atan(t) = pi/6 + atan((t*sqrt3 - 1) / (t + sqrt3)). */
static struct wide w_atan01(struct wide t)
{
	static const struct wide limit = { false, -2, (x87_u128)0x8930a2f4f66ab18aull << 64 };	/* 2 - sqrt3 */

	if (t.exp > limit.exp || (t.exp == limit.exp && t.m > limit.m))
		return w_add(w_pi_6, w_odd_series(w_div(w_sub(w_mul(t, w_sqrt3), w_from_u64(1)),
						       w_add(t, w_sqrt3)), true));
	return w_odd_series(t, true);
}

struct x87_f80 x87_atan2(struct x87_fenv *e, struct x87_f80 y, struct x87_f80 x)
{
	enum x87_class cy = x87_classify(y), cx = x87_classify(x);
	struct x87_f80 r;
	struct wide wy, wx, a;
	bool swap;

	if (x87_special_pair(e, x, y, &r))
		return r;
	if (cy == X87_ZERO || (cx == X87_INF && cy != X87_INF)) {
		if (!x87_sign(x))
			return x87_make(x87_sign(y), 0, 0);
		a = w_add(w_pi_2, w_pi_2);
	} else if (cx == X87_ZERO || cy == X87_INF) {
		a = w_pi_2;
		if (cx == X87_INF)	/* both infinite: pi/4 or 3pi/4 */
			a = x87_sign(x) ? w_add(w_pi_2, w_mul(w_pi_2, (struct wide){ false, -1, (x87_u128)1 << 127 }))
					: w_mul(w_pi_2, (struct wide){ false, -1, (x87_u128)1 << 127 });
	} else {
		wy = w_from_f80(y);
		wx = w_from_f80(x);
		wy.neg = wx.neg = false;
		swap = wy.exp > wx.exp || (wy.exp == wx.exp && wy.m > wx.m);
		a = w_atan01(swap ? w_div(wx, wy) : w_div(wy, wx));
		if (swap)
			a = w_sub(w_pi_2, a);
		if (x87_sign(x))
			a = w_sub(w_add(w_pi_2, w_pi_2), a);
	}
	a.neg = x87_sign(y);
	return w_to_f80(e, a);
}

/* log2 of a positive finite value, as e + 2 atanh(s) log2(e). */
static struct wide w_log2(struct x87_f80 x)
{
	struct x87_unp u;
	struct wide m, s;
	int32_t ex;

	x87_unpack(x, &u);
	ex = u.exp - X87_BIAS;
	m = (struct wide){ false, 0, (x87_u128)u.sig << 64 };
	if (u.sig > 0xb504f333f9de6484ull) {	/* above sqrt 2 */
		m.exp = -1;
		ex++;
	}
	s = w_div(w_sub(m, w_from_u64(1)), w_add(m, w_from_u64(1)));
	s = w_mul(w_odd_series(s, false), w_log2e);
	s.exp++;
	return w_add(ex < 0 ? w_neg(w_from_u64((uint64_t)-(int64_t)ex)) : w_from_u64((uint64_t)ex), s);
}

/* The checks of fyl2x and fyl2xp1; true if r is the result.  log2(0)
 * (fyl2x of a zero x) outranks a denormal y. */
static bool log_special(struct x87_fenv *e, struct x87_f80 x, struct x87_f80 y, struct x87_f80 *r,
			bool log0)
{
	enum x87_class cx = x87_classify(x), cy = x87_classify(y);

	if (cx == X87_UNSUPPORTED || cy == X87_UNSUPPORTED) {
		*r = x87_invalid(e);
		return true;
	}
	if (x87_is_nan(cx) || x87_is_nan(cy)) {
		*r = x87_nan_result(e, x, y);
		return true;
	}
	if (log0 && x87_sign(x) && cx != X87_ZERO) {
		*r = x87_invalid(e);
		return true;
	}
	if (log0 && cx == X87_ZERO) {
		if (cy == X87_ZERO)
			*r = x87_invalid(e);
		else if (cy != X87_INF && x87_raise_pre(e, X87_ZE))
			*r = y;
		else
			*r = x87_make(!x87_sign(y), X87_EXP_MAX, X87_J);
		return true;
	}
	if ((cx == X87_DENORMAL || cy == X87_DENORMAL) && x87_raise_pre(e, X87_DE)) {
		*r = y;
		return true;
	}
	return false;
}

struct x87_f80 x87_yl2x(struct x87_fenv *e, struct x87_f80 x, struct x87_f80 y)
{
	enum x87_class cx = x87_classify(x), cy = x87_classify(y);
	struct x87_f80 r;
	struct wide l;

	if (log_special(e, x, y, &r, true))
		return r;
	if (cx == X87_INF) {
		if (cy == X87_ZERO)
			return x87_invalid(e);
		return x87_make(x87_sign(y), X87_EXP_MAX, X87_J);
	}
	if (x.se == X87_BIAS && x.sig == X87_J)	/* log2(1) = 0 exactly */
		return cy == X87_INF ? x87_invalid(e) : x87_make(x87_sign(y), 0, 0);
	l = w_log2(x);
	if (cy == X87_INF)
		return x87_make(x87_sign(y) != l.neg, X87_EXP_MAX, X87_J);
	if (cy == X87_ZERO)
		return x87_make(x87_sign(y) != l.neg, 0, 0);
	return w_to_f80(e, w_mul(l, w_from_f80(y)));
}

struct x87_f80 x87_yl2xp1(struct x87_fenv *e, struct x87_f80 x, struct x87_f80 y)
{
	enum x87_class cx = x87_classify(x), cy = x87_classify(y);
	struct x87_f80 r;
	struct wide wx, s;

	if (log_special(e, x, y, &r, false))
		return r;
	if (cx == X87_INF && x87_sign(x))
		return x87_invalid(e);	/* log of a negative number */
	if (cx == X87_ZERO || cy == X87_ZERO) {
		if (cx == X87_INF || cy == X87_INF)
			return x87_invalid(e);
		return x87_make(x87_sign(x) != x87_sign(y), 0, 0);
	}
	if (cx == X87_INF || cy == X87_INF)
		return x87_make(x87_sign(x) != x87_sign(y), X87_EXP_MAX, X87_J);
	wx = w_from_f80(x);
	s = w_div(wx, w_add(w_from_u64(2), wx));
	s = w_mul(w_odd_series(s, false), w_log2e);
	s.exp++;
	return w_to_f80(e, w_mul(s, w_from_f80(y)));
}
