/* capstone is built without CAPSTONE_USE_SYS_DYN_MEM for the kernel, so it
 * has no allocator until CS_OPT_MEM gives it newlib's. */
#include "kernel/disasm.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <capstone/capstone.h>

#include "kernel/power.h"

int disasm_init(void)
{
	static cs_opt_mem mem = {
		.malloc = malloc,
		.calloc = calloc,
		.realloc = realloc,
		.free = free,
		.vsnprintf = vsnprintf,
	};
	int major, minor;

	if (cs_option(0, CS_OPT_MEM, (size_t)&mem) != CS_ERR_OK) {
		printf("mimic: capstone refused its memory hooks\n");
		machine_exit(EXIT_HOST_FAILURE);
	}
	cs_version(&major, &minor);
	return major * 100 + minor;
}
