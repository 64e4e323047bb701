/* Translation blocks: the pool, the hash keyed by (guest physical PC, CS base
 * and limit, mode flags), direct-jump chaining and unchaining, invalidation. */
#ifndef MIMIC_TRANSLATOR_TB_H
#define MIMIC_TRANSLATOR_TB_H

#include <stdbool.h>
#include <stdint.h>

#include "translator/codebuf.h"

#define TB_NONE (-1)
#define TB_ENTRY_CHECK_WORDS 3	/* the exit-request check at the head of a TB */
#define TB_HASH_BITS 16
#define TB_PAGE_HASH_BITS 14

struct tb {
	uint32_t pc;		/* guest physical address of the first byte */
	uint32_t cs_base;
	uint32_t cs_limit;	/* CS's limit: the TB stops before an instruction past it */
	uint32_t flags;		/* mode bits that change the translation */
	uint32_t eip;		/* offset of the first byte in CS: the code holds eip values */
	uint32_t size;		/* guest bytes */
	uint32_t page_lo;	/* guest physical pages of the first and last byte */
	uint32_t page_hi;
	uint32_t lin_lo;	/* linear page of the first byte (page_lo's mapping) */
	uint32_t dep_lo;	/* linear guest bytes the translation depends on: its */
	uint32_t dep_hi;	/* own and successors' first ones, on its two pages */
	uint32_t *code;		/* host entry point */
	uint32_t code_words;
	uint32_t *jmp_site[2];	/* patchable word of each direct exit, or NULL */
	uint32_t *jmp_branch;	/* the conditional branch to exit 1's site, or NULL */
	int32_t jmp_dest[2];	/* TB an exit is chained to, or TB_NONE */
	int32_t jmp_in;		/* first link (tb << 1 | exit) chained into this TB */
	int32_t jmp_in_next[2];	/* next link in the list of jmp_dest[exit] */
	int32_t hash_next;
	int32_t page_next[2];	/* next link (tb << 1 | which page) in a page bucket */
	bool valid;
};

struct tb_cache {
	struct tb *tbs;
	unsigned count;
	unsigned max;
	int32_t hash[1u << TB_HASH_BITS];
	int32_t page_hash[1u << TB_PAGE_HASH_BITS];	/* TBs by guest page */
	struct code_region code;
	uint64_t invalidations;
	uint64_t translations;
	uint64_t translated_insns;	/* guest instructions put through the translator */
	uint64_t unchained;	/* chained jumps undone by invalidation */
};

bool tb_cache_init(struct tb_cache *c, unsigned max_tbs);
void tb_cache_free(struct tb_cache *c);
/* What a TB is looked up by: physical pc, CS base and limit, mode flags,
 * and the eip its code was made for (one physical page may be mapped at
 * several linear addresses). */
struct tb_key {
	uint32_t pc;
	uint32_t cs_base;
	uint32_t cs_limit;
	uint32_t flags;
	uint32_t eip;
};

struct tb *tb_lookup(struct tb_cache *c, const struct tb_key *key);
/* A fresh TB for the key, or NULL when the pool is full (flush, then retry). */
struct tb *tb_alloc(struct tb_cache *c, const struct tb_key *key);
/* Drop the newest TB again (its translation did not fit). */
void tb_abandon(struct tb_cache *c, struct tb *tb);
void tb_insert(struct tb_cache *c, struct tb *tb);
void tb_flush(struct tb_cache *c);
int32_t tb_index(const struct tb_cache *c, const struct tb *tb);

/* Patch exit `exit` of src to jump straight to dst; false if it cannot.  A
 * forward jump skips dst's exit-request check: every cycle of TBs has a
 * backward (or indirect) jump, which keeps it. */
bool tb_chain(struct tb_cache *c, struct tb *src, unsigned exit, struct tb *dst);
void tb_invalidate(struct tb_cache *c, struct tb *tb);
/* Invalidate the TBs with a byte in physical [addr, addr + len) (within one
 * page); sets *page_has_code to whether TBs remain on addr's page, and
 * *hit_lin to whether an invalidated TB depends on the linear address
 * running_lin.  True if any TB was invalidated. */
bool tb_invalidate_range(struct tb_cache *c, uint32_t addr, uint32_t len, uint32_t running_lin,
			 bool *page_has_code, bool *hit_lin);

#endif
