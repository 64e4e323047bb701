/* Translation-block pool and hash, and the patching of direct exits: a chained
 * exit's first word becomes `j <target code>`, an unchained one is a nop that
 * falls into the exit stub. */
#include "translator/tb.h"

#include <stdlib.h>

#include "translator/emit.h"
#include "translator/host.h"

static unsigned hash_of(uint32_t pc, uint32_t cs_base, uint32_t flags)
{
	uint32_t h = pc ^ (pc >> TB_HASH_BITS) ^ cs_base ^ (flags * 0x9e3779b1u);

	return h & ((1u << TB_HASH_BITS) - 1);
}

bool tb_cache_init(struct tb_cache *c, unsigned max_tbs)
{
	c->tbs = calloc(max_tbs, sizeof(*c->tbs));
	c->max = max_tbs;
	c->invalidations = 0;
	c->translations = 0;
	c->translated_insns = 0;
	c->unchained = 0;
	tb_flush(c);
	return c->tbs != NULL;
}

void tb_cache_free(struct tb_cache *c)
{
	free(c->tbs);
	c->tbs = NULL;
}

int32_t tb_index(const struct tb_cache *c, const struct tb *tb)
{
	return (int32_t)(tb - c->tbs);
}

struct tb *tb_lookup(struct tb_cache *c, const struct tb_key *key)
{
	for (int32_t i = c->hash[hash_of(key->pc, key->cs_base, key->flags)]; i != TB_NONE;
	     i = c->tbs[i].hash_next) {
		struct tb *tb = &c->tbs[i];

		if (tb->pc == key->pc && tb->cs_base == key->cs_base && tb->flags == key->flags &&
		    tb->eip == key->eip && tb->cs_limit == key->cs_limit)
			return tb;
	}
	return NULL;
}

struct tb *tb_alloc(struct tb_cache *c, const struct tb_key *key)
{
	struct tb *tb;

	if (c->count == c->max)
		return NULL;
	tb = &c->tbs[c->count++];
	*tb = (struct tb){
		.pc = key->pc, .cs_base = key->cs_base, .cs_limit = key->cs_limit,
		.flags = key->flags, .eip = key->eip,
		.jmp_dest = { TB_NONE, TB_NONE }, .jmp_in = TB_NONE,
		.jmp_in_next = { TB_NONE, TB_NONE }, .hash_next = TB_NONE,
		.page_next = { TB_NONE, TB_NONE },
	};
	return tb;
}

void tb_abandon(struct tb_cache *c, struct tb *tb)
{
	if (tb_index(c, tb) == (int32_t)c->count - 1)
		c->count--;
}

static int32_t *page_bucket(struct tb_cache *c, uint32_t page)
{
	return &c->page_hash[(page >> 12) & ((1u << TB_PAGE_HASH_BITS) - 1)];
}

static uint32_t page_of(const struct tb *tb, unsigned which)
{
	return which ? tb->page_hi : tb->page_lo;
}

void tb_insert(struct tb_cache *c, struct tb *tb)
{
	unsigned h = hash_of(tb->pc, tb->cs_base, tb->flags);

	tb->valid = true;
	tb->hash_next = c->hash[h];
	c->hash[h] = tb_index(c, tb);
	for (unsigned which = 0; which < 2; which++) {
		int32_t *head = page_bucket(c, page_of(tb, which));

		if (which && tb->page_hi == tb->page_lo)
			break;
		tb->page_next[which] = *head;
		*head = tb_index(c, tb) << 1 | (int32_t)which;
	}
	c->translations++;
}

/* Forget every TB and reuse the whole code region. */
void tb_flush(struct tb_cache *c)
{
	for (unsigned i = 0; i < (1u << TB_HASH_BITS); i++)
		c->hash[i] = TB_NONE;
	for (unsigned i = 0; i < (1u << TB_PAGE_HASH_BITS); i++)
		c->page_hash[i] = TB_NONE;
	c->count = 0;
	if (c->code.base)
		code_region_flush(&c->code);
}

static void patch(uint32_t *site, uint32_t word)
{
	*site = word;
	host_sync_code(site, sizeof(*site));
}

/* Point a conditional branch at target if its 16-bit word offset reaches. */
static void retarget(uint32_t *branch, const uint32_t *target)
{
	int64_t off = target - (branch + 1);

	if (off >= -32768 && off <= 32767)
		patch(branch, (*branch & 0xffff0000u) | (uint32_t)(off & 0xffff));
}

bool tb_chain(struct tb_cache *c, struct tb *src, unsigned exit, struct tb *dst)
{
	uint32_t *entry = dst->code + (dst->pc > src->pc ? TB_ENTRY_CHECK_WORDS : 0);

	if (!src->valid || !dst->valid || !src->jmp_site[exit] ||
	    src->jmp_dest[exit] != TB_NONE || !emit_jump_reaches(src->jmp_site[exit], entry))
		return false;
	src->jmp_dest[exit] = tb_index(c, dst);
	src->jmp_in_next[exit] = dst->jmp_in;
	dst->jmp_in = tb_index(c, src) << 1 | (int32_t)exit;
	patch(src->jmp_site[exit], emit_j_word(src->jmp_site[exit], entry));
	if (exit == 1 && src->jmp_branch)
		retarget(src->jmp_branch, entry);	/* taken straight there, if in reach */
	return true;
}

/* Remove link (src, exit) from the incoming list of its destination. */
static void unlink_in(struct tb_cache *c, struct tb *src, unsigned exit)
{
	struct tb *dst = &c->tbs[src->jmp_dest[exit]];
	int32_t link = tb_index(c, src) << 1 | (int32_t)exit;
	int32_t *p = &dst->jmp_in;

	while (*p != TB_NONE && *p != link)
		p = &c->tbs[*p >> 1].jmp_in_next[*p & 1];
	if (*p == link)
		*p = src->jmp_in_next[exit];
	src->jmp_dest[exit] = TB_NONE;
}

static void unlink_hash(struct tb_cache *c, struct tb *tb)
{
	int32_t *p = &c->hash[hash_of(tb->pc, tb->cs_base, tb->flags)];

	while (*p != TB_NONE && *p != tb_index(c, tb))
		p = &c->tbs[*p].hash_next;
	if (*p != TB_NONE)
		*p = tb->hash_next;
}

static void unlink_pages(struct tb_cache *c, struct tb *tb)
{
	for (unsigned which = 0; which < 2; which++) {
		int32_t link = tb_index(c, tb) << 1 | (int32_t)which;
		int32_t *p = page_bucket(c, page_of(tb, which));

		while (*p != TB_NONE && *p != link)
			p = &c->tbs[*p >> 1].page_next[*p & 1];
		if (*p == link)
			*p = tb->page_next[which];
	}
}

/* The TB's code stays in place (it may be running) but nothing reaches it
 * any more: not the hash, not a chained jump. */
void tb_invalidate(struct tb_cache *c, struct tb *tb)
{
	if (!tb->valid)
		return;
	tb->valid = false;
	c->invalidations++;
	unlink_hash(c, tb);
	unlink_pages(c, tb);
	while (tb->jmp_in != TB_NONE) {
		struct tb *src = &c->tbs[tb->jmp_in >> 1];
		unsigned exit = tb->jmp_in & 1;

		tb->jmp_in = src->jmp_in_next[exit];
		src->jmp_dest[exit] = TB_NONE;
		patch(src->jmp_site[exit], 0);	/* nop: fall into the exit stub */
		if (exit == 1 && src->jmp_branch)
			retarget(src->jmp_branch, src->jmp_site[1]);
		c->unchained++;
	}
	for (unsigned exit = 0; exit < 2; exit++)
		if (tb->jmp_dest[exit] != TB_NONE)
			unlink_in(c, tb, exit);
}

bool tb_invalidate_range(struct tb_cache *c, uint32_t addr, uint32_t len, uint32_t running_lin,
			 bool *page_has_code, bool *hit_lin)
{
	uint32_t page = addr & ~0xfffu;
	int32_t link = *page_bucket(c, page);
	bool any = false;

	*page_has_code = false;
	*hit_lin = false;
	while (link != TB_NONE) {
		struct tb *tb = &c->tbs[link >> 1];
		int32_t next = tb->page_next[link & 1];
		/* addr where the TB's code sees it: on its first or second linear page */
		uint32_t lin = tb->lin_lo + ((link & 1) ? 0x1000u : 0) + (addr - page);

		if (page_of(tb, link & 1) == page) {
			if (lin < tb->dep_hi && tb->dep_lo < lin + len) {
				tb_invalidate(c, tb);
				*hit_lin |= running_lin - tb->dep_lo < tb->dep_hi - tb->dep_lo;
				any = true;
			} else {
				*page_has_code = true;
			}
		}
		link = next;
	}
	return any;
}
