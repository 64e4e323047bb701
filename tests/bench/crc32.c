/* Benchmark workload: table-driven CRC-32 (IEEE 802.3, reflected, polynomial
 * 0xEDB88320) over a pseudo-random buffer; shifts, xors and table loads. */
#include "tests/bench/workload.h"

#define CRC_BUF_SIZE 65536
#define CRC_POLY     0xedb88320u

static uint32_t table[256];
static uint8_t buf[CRC_BUF_SIZE];

static void make_table(void)
{
	for (uint32_t n = 0; n < 256; n++) {
		uint32_t c = n;

		for (int k = 0; k < 8; k++)
			c = c & 1 ? CRC_POLY ^ (c >> 1) : c >> 1;
		table[n] = c;
	}
}

static uint32_t crc32(const uint8_t *p, uint32_t len)
{
	uint32_t c = 0xffffffffu;

	while (len--)
		c = table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

uint32_t workload(void)
{
	uint32_t x = 2463534242u;	/* xorshift32 state */
	uint32_t crc = 0;

	make_table();
	for (uint32_t i = 0; i < CRC_BUF_SIZE; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (uint8_t)x;
	}
	for (uint32_t len = CRC_BUF_SIZE; len >= 1024; len >>= 2)
		crc = crc * 31 + crc32(buf, len);
	return crc;
}
