/* A mixed integer workload whose every result is printed as a check line:
 * loops, calls, indirect calls and jumps, 8/16/32/64-bit arithmetic, string
 * instructions, bit scans.  Compared line by line with the native run. */
#include "plat.h"

static uint32_t seed = 12345;

static uint32_t rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed ^ (seed >> 15);
}

static uint8_t sieve_buf[60000];

static uint32_t sieve(uint32_t n)
{
	uint32_t count = 0;

	memset(sieve_buf, 1, n);
	for (uint32_t i = 2; i < n; i++) {
		if (!sieve_buf[i])
			continue;
		count++;
		for (uint32_t j = i * 2; j < n; j += i)
			sieve_buf[j] = 0;
	}
	return count;
}

static int32_t arr[3000];

static void quicksort(int32_t *a, int lo, int hi)
{
	while (lo < hi) {
		int32_t p = a[(lo + hi) / 2];
		int i = lo, j = hi;

		while (i <= j) {
			while (a[i] < p)
				i++;
			while (a[j] > p)
				j--;
			if (i <= j) {
				int32_t t = a[i];

				a[i++] = a[j];
				a[j--] = t;
			}
		}
		if (j - lo < hi - i) {
			quicksort(a, lo, j);
			lo = i;
		} else {
			quicksort(a, i, hi);
			hi = j;
		}
	}
}

static uint32_t crc32(const uint8_t *p, uint32_t n)
{
	uint32_t c = 0xffffffffu;

	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

static uint32_t fib(uint32_t n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static uint32_t op_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t op_xor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t op_mul(uint32_t a, uint32_t b) { return a * b; }
static uint32_t op_rot(uint32_t a, uint32_t b) { return a << (b & 31) | a >> (-b & 31); }

static uint32_t (*const ops[4])(uint32_t, uint32_t) = { op_add, op_xor, op_mul, op_rot };

static uint32_t dispatch(uint32_t x)
{
	for (int i = 0; i < 500; i++) {
		uint32_t r = rnd();

		switch (r % 9) {
		case 0: x += r; break;
		case 1: x ^= r >> 3; break;
		case 2: x = x * 7 + 1; break;
		case 3: x -= r & 0xff; break;
		case 4: x = ~x; break;
		case 5: x = (x << 5) | (x >> 27); break;
		case 6: x = ops[r & 3](x, r); break;
		case 7: x = (int32_t)x / ((int32_t)(r | 1) >> 20 | 1); break;
		default: x = x % ((r & 0xffff) | 1); break;
		}
	}
	return x;
}

static uint32_t small_ints(void)
{
	uint8_t b = 0;
	int8_t sb = 0;
	uint16_t w = 0;
	int16_t sw = 0;

	for (int i = 0; i < 300; i++) {
		uint32_t r = rnd();

		b = (uint8_t)(b * 3 + r);
		sb = (int8_t)(sb - (int8_t)r / 3);
		w = (uint16_t)(w ^ (w << 3) ^ r);
		sw = (int16_t)(sw + (int16_t)(r >> 7) * 5);
		if ((int8_t)b < sb)
			w++;
		if (sw > (int16_t)w)
			b ^= 0x5a;
	}
	return ((uint32_t)b | (uint32_t)(uint8_t)sb << 8 | (uint32_t)w << 16) ^ (uint32_t)(uint16_t)sw;
}

static uint64_t wide(void)
{
	uint64_t a = 0x123456789abcdefull, s = 0;
	int64_t b = -987654321;

	for (int i = 0; i < 200; i++) {
		uint32_t r = rnd();

		a = a * 6364136223846793005ull + r;
		b = (b << 3) - (int64_t)r * 17;
		s += (a >> (r & 63)) ^ (uint64_t)(b >> (r % 40));
		s ^= (a << 13) ^ (s >> 7);	/* shld/shrd by constants */
		if ((int64_t)a < b)
			s ^= 1;
	}
	return s;
}

static uint32_t strings(void)
{
	static char src[257], dst[257];
	uint32_t len, sum = 0, n = 256;
	char *s = src, *d = dst;

	for (int i = 0; i < 256; i++)
		src[i] = (char)(rnd() | 1);
	src[200] = 0;
	__asm__ volatile("cld; rep movsb" : "+S"(s), "+D"(d), "+c"(n) : : "memory");
	d = dst;
	__asm__ volatile("cld; repne scasb" : "=c"(len), "+D"(d) : "a"(0), "0"(-1) : "memory");
	for (int i = 0; i < 256; i++)
		sum = sum * 31 + (uint8_t)dst[i];
	/* Overlapping, destination above: the first bytes repeat upward. */
	s = dst;
	d = dst + 3;
	n = 100;
	__asm__ volatile("cld; rep movsb" : "+S"(s), "+D"(d), "+c"(n) : : "memory");
	/* And a dword fill. */
	d = dst + 120;
	n = 20;
	__asm__ volatile("cld; rep stosl" : "+D"(d), "+c"(n) : "a"(0x5a5a1234) : "memory");
	for (int i = 0; i < 256; i++)
		sum = sum * 33 + (uint8_t)dst[i];
	return sum ^ ~len;
}

static uint32_t bits(void)
{
	uint32_t s = 0;

	for (int i = 0; i < 100; i++) {
		uint32_t r = rnd() | 1u << (i & 31);

		s += (uint32_t)__builtin_ctz(r) * 3 + (uint32_t)__builtin_clz(r);
		s ^= __builtin_bswap32(r);
		s += __builtin_parity(r);
	}
	return s;
}

/* Flag records read from registers: jcc right after its setter, after
 * moves and stack operations, setcc/cmovcc, with the flags dead after. */
static uint32_t fusion(uint32_t x)
{
	uint32_t a = 0, b = 0, c = 0, n = 40;

	__asm__ volatile(
		"1:\n\t"
		"addl %[x], %[a]\n\t"
		"jc 2f\n\t"
		"addl $3, %[b]\n"
		"2:\n\t"
		"movl %[a], %[c]\n\t"
		"cmpl %[c], %[x]\n\t"
		"movl %[b], %[c]\n\t"	/* the compared register changes before the jbe */
		"pushl %[c]\n\t"
		"popl %[c]\n\t"
		"jbe 3f\n\t"
		"xorl $0x55, %[c]\n"
		"3:\n\t"
		"testl $0x100, %[a]\n\t"
		"setnz %b[x]\n\t"
		"roll $7, %[x]\n\t"
		"cmpl %[b], %[c]\n\t"
		"cmovl %[c], %[b]\n\t"
		"subl $1, %[n]\n\t"
		"jnz 1b\n\t"
		: [a] "+r"(a), [b] "+r"(b), [c] "+r"(c), [x] "+q"(x), [n] "+r"(n) : : "cc");
	return a ^ b ^ c ^ x;
}

/* Built with -DREPS=n as a benchmark: the same work n times over. */
#ifndef REPS
#define REPS 1
#endif

int main(void)
{
	uint64_t w;

	for (int i = 1; i < REPS; i++) {
		sieve(sizeof(sieve_buf));
		quicksort(arr, 0, sizeof(arr) / sizeof(arr[0]) - 1);
		dispatch(i);
		small_ints();
		wide();
		strings();
		bits();
		crc32((const uint8_t *)arr, sizeof(arr));
	}
	print_check("sieve", sieve(sizeof(sieve_buf)));
	for (unsigned i = 0; i < sizeof(arr) / sizeof(arr[0]); i++)
		arr[i] = (int32_t)rnd();
	quicksort(arr, 0, sizeof(arr) / sizeof(arr[0]) - 1);
	print_check("sorted0", (uint32_t)arr[0]);
	print_check("sorted_crc", crc32((const uint8_t *)arr, sizeof(arr)));
	print_check("fib", fib(22));
	print_check("dispatch", dispatch(7));
	print_check("small_ints", small_ints());
	w = wide();
	print_check("wide_lo", (uint32_t)w);
	print_check("wide_hi", (uint32_t)(w >> 32));
	print_check("strings", strings());
	print_check("bits", bits());
	print_check("fusion", fusion(0x9e3779b9));
	return 0;
}
