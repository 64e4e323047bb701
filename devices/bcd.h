/* Packed BCD conversion, as the 8254 counters and the MC146818 registers
 * use it: one decimal digit per nibble, least significant nibble first. */
#ifndef MIMIC_DEVICES_BCD_H
#define MIMIC_DEVICES_BCD_H

#include <stdint.h>

static inline uint32_t bcd_from_bin(uint32_t v)
{
	uint32_t out = 0;

	for (int shift = 0; v; shift += 4, v /= 10)
		out |= (v % 10) << shift;
	return out;
}

/* Nibbles above 9 are taken at face value, as a counter would count them. */
static inline uint32_t bcd_to_bin(uint32_t v)
{
	uint32_t out = 0;

	for (uint32_t scale = 1; v; scale *= 10, v >>= 4)
		out += (v & 0xf) * scale;
	return out;
}

#endif
