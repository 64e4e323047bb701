/* The code-region allocator: fixed stubs at the start of the code buffer,
 * translation blocks bump-allocated after them, all of them dropped at once
 * when the region fills. */
#ifndef MIMIC_TRANSLATOR_CODEBUF_H
#define MIMIC_TRANSLATOR_CODEBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct code_region {
	uint32_t *base;		/* start of the usable buffer */
	uint32_t *end;
	uint32_t *tb_start;	/* after the fixed stubs; flushes return here */
	uint32_t *ptr;		/* next free word */
	uint64_t flushes;
};

/* Clips the buffer to one 256 MB region so that every j/jal inside reaches
 * every other word; false if less than min_bytes remain. */
bool code_region_init(struct code_region *r, void *buf, size_t size, size_t min_bytes);
void code_region_seal_stubs(struct code_region *r, uint32_t *stubs_end);
void code_region_flush(struct code_region *r);

#endif
