/* Loading a user's flat 32-bit x86 binary and setting the CPU up to run it. */
#ifndef MIMIC_TRANSLATOR_FLATGUEST_H
#define MIMIC_TRANSLATOR_FLATGUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "translator/x86.h"

#define FLATGUEST_LOAD_DEFAULT 0x00100000u
#define FLATGUEST_PORT_PUTC    0xe9	/* byte out: the guest's text */
#define FLATGUEST_PORT_EXIT    0xf4	/* exit with status (value << 1) | 1 */

/* Copy the image to guest physical `load` and set the documented initial
 * state; false if it does not fit in RAM. */
bool flatguest_load(struct x86_cpu *cpu, const void *image, size_t len, uint32_t load);

static inline int flatguest_exit_status(uint32_t value)
{
	return (int)((value << 1) | 1);
}

#endif
