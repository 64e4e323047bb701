/* Benchmark workload: bottom-up merge sort of signed 32-bit keys; compares,
 * data-dependent branches and array copies. */
#include "tests/bench/workload.h"

#define SORT_N 12000

static int32_t keys[SORT_N];
static int32_t tmp[SORT_N];

static void merge(int32_t *dst, const int32_t *src, uint32_t lo, uint32_t mid, uint32_t hi)
{
	uint32_t i = lo, j = mid, k = lo;

	while (i < mid && j < hi)
		dst[k++] = src[j] < src[i] ? src[j++] : src[i++];
	while (i < mid)
		dst[k++] = src[i++];
	while (j < hi)
		dst[k++] = src[j++];
}

uint32_t workload(void)
{
	int32_t *src = keys, *dst = tmp, *t;
	uint32_t seed = 12345, sum = 0;

	for (uint32_t i = 0; i < SORT_N; i++) {
		seed = seed * 1103515245u + 12345u;
		keys[i] = (int32_t)(seed ^ (seed >> 16));
	}
	for (uint32_t width = 1; width < SORT_N; width *= 2) {
		for (uint32_t lo = 0; lo < SORT_N; lo += 2 * width) {
			uint32_t mid = lo + width < SORT_N ? lo + width : SORT_N;
			uint32_t hi = lo + 2 * width < SORT_N ? lo + 2 * width : SORT_N;

			merge(dst, src, lo, mid, hi);
		}
		t = src;
		src = dst;
		dst = t;
	}
	for (uint32_t i = 0; i < SORT_N; i++) {
		if (i && src[i - 1] > src[i])
			return 0;	/* not sorted: a result no correct run gives */
		sum = sum * 33 + (uint32_t)src[i];
	}
	return sum;
}
