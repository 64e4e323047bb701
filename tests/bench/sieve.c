/* Benchmark workload: sieve of Eratosthenes over a byte array; byte loads and
 * stores in tight counted loops. */
#include "tests/bench/workload.h"

#define SIEVE_N 120000

static uint8_t composite[SIEVE_N];

uint32_t workload(void)
{
	uint32_t count = 0, sum = 0;

	for (uint32_t i = 0; i < SIEVE_N; i++)
		composite[i] = 0;
	for (uint32_t i = 2; i < SIEVE_N; i++) {
		if (composite[i])
			continue;
		count++;
		sum += i;
		for (uint32_t j = i + i; j < SIEVE_N; j += i)
			composite[j] = 1;
	}
	return count * 0x9e3779b9u ^ sum;
}
