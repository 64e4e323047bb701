/* The software TLB, one per access kind: filling lines from the page walker
 * and the physical map, flushing them, and the slow paths of guest loads and
 * stores by linear address (misses, page crossings, MMIO, code pages, data
 * watches). */
#include "softmmu/tlb.h"

#include <stdlib.h>
#include <string.h>

#include "softmmu/paging.h"
#include "softmmu/physmap.h"

#define KINDS 2

static unsigned line_of(uint32_t lin)
{
	return (lin >> SOFTMMU_PAGE_BITS) & (SOFTMMU_TLB_SIZE - 1);
}

/* Generated code holds guest addresses sign-extended from 32 bits. */
static uint64_t sext(uint32_t a)
{
	return (uint64_t)(int64_t)(int32_t)a;
}

static void line_clear(struct softmmu *m, unsigned kind, unsigned i)
{
	m->tlb[kind][i] = (struct softmmu_tlb_entry){ SOFTMMU_TAG_NONE, SOFTMMU_TAG_NONE, 0 };
	m->page[kind][i].flags = 0;
}

void softmmu_tlb_flush(struct softmmu *m)
{
	m->tlb_flushes++;
	for (unsigned k = 0; k < KINDS; k++)
		for (unsigned i = 0; i < SOFTMMU_TLB_SIZE; i++)
			line_clear(m, k, i);
}

void tlb_flush_nonglobal(struct softmmu *m)
{
	m->tlb_flushes++;
	for (unsigned k = 0; k < KINDS; k++)
		for (unsigned i = 0; i < SOFTMMU_TLB_SIZE; i++)
			if (!(m->page[k][i].flags & SOFTMMU_TLBF_GLOBAL))
				line_clear(m, k, i);
}

/* invlpg: the page of lin, all of it if it is part of a 4 MB page. */
void softmmu_flush_page(struct softmmu *m, uint32_t lin)
{
	uint32_t page = lin & ~SOFTMMU_PAGE_MASK;

	m->page_flushes++;
	for (unsigned k = 0; k < KINDS; k++)
		for (unsigned i = 0; i < SOFTMMU_TLB_SIZE; i++) {
			const struct softmmu_tlb_page *p = &m->page[k][i];

			if ((p->flags & SOFTMMU_TLBF_VALID) &&
			    (p->lin == page || ((p->flags & SOFTMMU_TLBF_LARGE) && (p->lin ^ lin) < (1u << 22))))
				line_clear(m, k, i);
		}
}

/* Does [lin, lin + len) overlap watch w, for a write or (if it takes them)
 * a read? */
static bool watch_covers(const struct softmmu_watch *w, uint32_t lin, uint64_t len, bool write)
{
	return w->len && (write || w->reads) &&
	       lin < (uint64_t)w->lin + w->len && w->lin < lin + len;
}

static bool page_watched(const struct softmmu *m, uint32_t page, bool write)
{
	for (unsigned n = 0; n < SOFTMMU_WATCHES; n++)
		if (watch_covers(&m->watch[n], page, SOFTMMU_PAGE_SIZE, write))
			return true;
	return false;
}

static void watch_check(struct softmmu *m, uint32_t lin, unsigned size, bool write)
{
	for (unsigned n = 0; n < SOFTMMU_WATCHES; n++)
		if (watch_covers(&m->watch[n], lin, size, write) && m->watch_hit)
			m->watch_hit(m->opaque, n);
}

void softmmu_set_watch(struct softmmu *m, unsigned n, uint32_t lin, uint32_t len, bool reads)
{
	struct softmmu_watch *w = &m->watch[n];

	if (w->lin == lin && w->len == len && w->reads == reads)
		return;
	*w = (struct softmmu_watch){ .lin = lin, .len = len, .reads = reads };
	m->watching = false;
	for (unsigned i = 0; i < SOFTMMU_WATCHES; i++)
		m->watching |= m->watch[i].len != 0;
	softmmu_tlb_flush(m);	/* the tags follow the watches */
}

/* Tags and addend of a valid line from what its physical page is now: a tag
 * only where host memory can take the access directly. */
static void line_set_tags(struct softmmu *m, unsigned kind, unsigned i)
{
	struct softmmu_tlb_page *p = &m->page[kind][i];
	struct softmmu_tlb_entry *t = &m->tlb[kind][i];
	uint8_t *rd = physmap_page_host(m, p->phys, false), *wr = NULL, *host;

	p->flags &= ~SOFTMMU_TLBF_CODE;
	if (p->flags & SOFTMMU_TLBF_WRITE) {
		if (physmap_is_code(m, p->phys))
			p->flags |= SOFTMMU_TLBF_CODE;
		else
			wr = physmap_page_host(m, p->phys, true);
	}
	host = rd ? rd : wr;
	if (m->watching && page_watched(m, p->lin, false))
		rd = NULL;	/* reads must reach watch_check */
	if (m->watching && page_watched(m, p->lin, true))
		wr = NULL;
	t->read_tag = rd ? (int32_t)p->lin : SOFTMMU_TAG_NONE;
	t->write_tag = wr && wr == host ? (int32_t)p->lin : SOFTMMU_TAG_NONE;
	t->addend = host ? (uint64_t)(uintptr_t)host - sext(p->lin) : 0;
}

/* The line of lin's page, walked and filled if it does not allow the access
 * yet; NULL if the walk refuses it (*error = the #PF error code). */
static struct softmmu_tlb_page *tlb_get(struct softmmu *m, uint32_t lin, enum softmmu_access access,
					enum softmmu_kind kind, uint32_t *error)
{
	unsigned i = line_of(lin);
	struct softmmu_tlb_page *p = &m->page[kind][i];
	uint32_t page = lin & ~SOFTMMU_PAGE_MASK;
	struct paging_result r;

	if ((p->flags & SOFTMMU_TLBF_VALID) && p->lin == page &&
	    (access != SOFTMMU_WRITE || (p->flags & SOFTMMU_TLBF_WRITE)))
		return p;
	m->tlb_misses++;
	if (!paging_translate(m, lin, access, kind, &r)) {
		*error = r.error;
		return NULL;
	}
	*p = (struct softmmu_tlb_page){ .lin = page, .phys = r.phys, .flags = SOFTMMU_TLBF_VALID | r.flags };
	line_set_tags(m, kind, i);
	return p;
}

/* As tlb_get, but a refusal is the guest's page fault. */
static const struct softmmu_tlb_page *tlb_need(struct softmmu *m, uint32_t lin, enum softmmu_access access,
					       enum softmmu_kind kind)
{
	uint32_t error = 0;
	const struct softmmu_tlb_page *p = tlb_get(m, lin, access, kind, &error);

	if (p)
		return p;
	if (m->page_fault)
		m->page_fault(m->opaque, lin, error);
	abort();	/* no page_fault, or it returned: a broken embedder */
}

static uint8_t *line_host(const struct softmmu_tlb_entry *t, uint32_t lin)
{
	return (uint8_t *)(uintptr_t)(t->addend + sext(lin));
}

uint32_t softmmu_load(struct softmmu *m, uint32_t lin, unsigned size, enum softmmu_kind kind)
{
	uint32_t off = lin & SOFTMMU_PAGE_MASK, v = 0;
	const struct softmmu_tlb_entry *t = &m->tlb[kind][line_of(lin)];
	const struct softmmu_tlb_page *p;

	if (m->watching)
		watch_check(m, lin, size, false);
	if (off + size > SOFTMMU_PAGE_SIZE) {
		unsigned n = SOFTMMU_PAGE_SIZE - off;
		uint32_t first = tlb_need(m, lin, SOFTMMU_READ, kind)->phys | off;
		uint32_t second = tlb_need(m, lin + n, SOFTMMU_READ, kind)->phys;

		return softmmu_phys_load(m, first, n) | softmmu_phys_load(m, second, size - n) << (8 * n);
	}
	p = tlb_need(m, lin, SOFTMMU_READ, kind);
	if (t->read_tag == (int32_t)p->lin) {
		memcpy(&v, line_host(t, lin), size);
		return v;
	}
	return softmmu_phys_load(m, p->phys | off, size);
}

void softmmu_store(struct softmmu *m, uint32_t lin, uint32_t value, unsigned size, enum softmmu_kind kind)
{
	uint32_t off = lin & SOFTMMU_PAGE_MASK;
	unsigned i = line_of(lin);
	const struct softmmu_tlb_entry *t = &m->tlb[kind][i];
	const struct softmmu_tlb_page *p;

	if (m->watching)
		watch_check(m, lin, size, true);
	if (off + size > SOFTMMU_PAGE_SIZE) {
		unsigned n = SOFTMMU_PAGE_SIZE - off;
		uint32_t first = tlb_need(m, lin, SOFTMMU_WRITE, kind)->phys | off;
		uint32_t second = tlb_need(m, lin + n, SOFTMMU_WRITE, kind)->phys;

		softmmu_phys_store(m, first, value, n);
		softmmu_phys_store(m, second, value >> (8 * n), size - n);
		return;
	}
	p = tlb_need(m, lin, SOFTMMU_WRITE, kind);
	if (t->write_tag == (int32_t)p->lin) {
		memcpy(line_host(t, lin), &value, size);
		return;
	}
	softmmu_phys_store(m, p->phys | off, value, size);
	/* The code on the page is gone: let stores take the fast path again. */
	if ((p->flags & SOFTMMU_TLBF_CODE) && !physmap_is_code(m, p->phys))
		line_set_tags(m, kind, i);
}

void softmmu_translate(struct softmmu *m, uint32_t lin, enum softmmu_access access,
		       enum softmmu_kind kind, uint32_t *phys)
{
	*phys = tlb_need(m, lin, access, kind)->phys | (lin & SOFTMMU_PAGE_MASK);
}

uint8_t *softmmu_host_range(struct softmmu *m, uint32_t lin, uint32_t len,
			    enum softmmu_access access, enum softmmu_kind kind)
{
	uint8_t *start = NULL;
	uint32_t first = lin & ~SOFTMMU_PAGE_MASK;

	if (len == 0 || lin + len - 1 < lin)
		return NULL;
	for (uint64_t page = first; page < (uint64_t)lin + len; page += SOFTMMU_PAGE_SIZE) {
		const struct softmmu_tlb_entry *t = &m->tlb[kind][line_of((uint32_t)page)];
		uint32_t error;
		int32_t tag;

		if (!tlb_get(m, (uint32_t)page, access, kind, &error))
			return NULL;
		tag = access == SOFTMMU_WRITE ? t->write_tag : t->read_tag;
		if (tag != (int32_t)(uint32_t)page)
			return NULL;
		if (!start)
			start = line_host(t, first);
		else if (line_host(t, (uint32_t)page) != start + (page - first))
			return NULL;
	}
	return start + (lin - first);
}

/* Marking a page also takes away the write tag of every line mapping it:
 * with paging, several linear pages may alias one physical page. */
void softmmu_mark_code(struct softmmu *m, uint32_t phys)
{
	uint32_t n = phys >> SOFTMMU_PAGE_BITS, page = phys & ~SOFTMMU_PAGE_MASK;

	if (phys >= m->ram_size || physmap_is_code(m, phys) || !physmap_reads_ram(m, page))
		return;
	m->code_bitmap[n >> 3] |= 1u << (n & 7);
	for (unsigned k = 0; k < KINDS; k++)
		for (unsigned i = 0; i < SOFTMMU_TLB_SIZE; i++)
			if (m->page[k][i].phys == page && m->tlb[k][i].write_tag != SOFTMMU_TAG_NONE) {
				m->tlb[k][i].write_tag = SOFTMMU_TAG_NONE;
				m->page[k][i].flags |= SOFTMMU_TLBF_CODE;
			}
}

void softmmu_clear_code(struct softmmu *m, uint32_t phys)
{
	uint32_t n = phys >> SOFTMMU_PAGE_BITS;

	if (phys < m->ram_size)
		m->code_bitmap[n >> 3] &= ~(1u << (n & 7));
}
