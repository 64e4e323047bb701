/* The guest physical map: RAM at 0, ROM and MMIO regions by priority,
 * unassigned space (reads all ones, writes dropped), PAM shadowing of
 * 0xC0000-0xFFFFF, the A20 gate, and the bitmap of RAM pages holding
 * translated code.  Ref: Intel 82441FX datasheet (PAM registers). */
#include "softmmu/softmmu.h"

#include <stdlib.h>
#include <string.h>

#include "softmmu/physmap.h"

#define SHADOW_END (SOFTMMU_SHADOW_BASE + SOFTMMU_SHADOW_CHUNKS * SOFTMMU_SHADOW_CHUNK)
#define FOUR_GB (1ull << 32)

bool softmmu_init(struct softmmu *m, void *ram, uint64_t ram_size)
{
	uint64_t size = ram_size < FOUR_GB ? ram_size : FOUR_GB;
	uint64_t pages = (size + SOFTMMU_PAGE_SIZE - 1) >> SOFTMMU_PAGE_BITS;

	memset(m, 0, sizeof(*m));
	m->ram = ram;
	m->ram_size = size;
	m->code_bitmap = calloc(pages / 8 + 1, 1);
	m->a20_mask = ~0u;
	memset(m->shadow, SOFTMMU_SHADOW_READ_RAM | SOFTMMU_SHADOW_WRITE_RAM, sizeof(m->shadow));
	if (size)
		m->region[m->nregions++] = (struct softmmu_region){
			.base = 0, .last = (uint32_t)(size - 1), .priority = 0, .type = SOFTMMU_RAM,
		};
	softmmu_tlb_flush(m);
	return m->code_bitmap != NULL;
}

void softmmu_free(struct softmmu *m)
{
	free(m->code_bitmap);
	m->code_bitmap = NULL;
}

void physmap_changed(struct softmmu *m, uint32_t base, uint64_t size)
{
	softmmu_tlb_flush(m);
	if (m->map_changed)
		m->map_changed(m->opaque, base, size);
}

/* ---- Resolving an address range ---- */

static const struct softmmu_region *ram_region(const struct softmmu *m)
{
	for (unsigned i = 0; i < m->nregions; i++)
		if (m->region[i].type == SOFTMMU_RAM)
			return &m->region[i];
	return NULL;
}

/* The region of [phys, last] by precedence (RAM left out if skip_ram):
 * the first region touching the range decides, and must cover all of it,
 * else *mixed.  NULL and !*mixed: unassigned. */
static const struct softmmu_region *lookup(const struct softmmu *m, uint32_t phys, uint32_t last,
					   bool skip_ram, bool *mixed)
{
	for (unsigned i = 0; i < m->nregions; i++) {
		const struct softmmu_region *r = &m->region[i];

		if ((skip_ram && r->type == SOFTMMU_RAM) || r->last < phys || r->base > last)
			continue;
		if (r->base <= phys && r->last >= last)
			return r;
		*mixed = true;
		return NULL;
	}
	return NULL;
}

/* Whether the shadow chunks under [phys, last] (inside the window) all, or
 * none, send this direction to RAM. */
static void shadow_modes(const struct softmmu *m, uint32_t phys, uint32_t last, bool write,
			 bool *all_ram, bool *no_ram)
{
	uint32_t lo = phys > SOFTMMU_SHADOW_BASE ? phys : SOFTMMU_SHADOW_BASE;
	uint32_t hi = last < SHADOW_END - 1 ? last : SHADOW_END - 1;
	uint8_t bit = write ? SOFTMMU_SHADOW_WRITE_RAM : SOFTMMU_SHADOW_READ_RAM;

	*all_ram = *no_ram = true;
	for (uint32_t c = (lo - SOFTMMU_SHADOW_BASE) / SOFTMMU_SHADOW_CHUNK;
	     c <= (hi - SOFTMMU_SHADOW_BASE) / SOFTMMU_SHADOW_CHUNK; c++) {
		if (m->shadow[c] & bit)
			*no_ram = false;
		else
			*all_ram = false;
	}
}

/* What [phys, phys + len) is for reads or writes, len >= 1, not wrapping:
 * one region, unassigned (NULL), or *mixed (go byte by byte). */
static const struct softmmu_region *resolve(const struct softmmu *m, uint32_t phys, uint32_t len,
					    bool write, bool *mixed)
{
	uint32_t last = phys + len - 1;
	bool inside, all_ram, no_ram;
	const struct softmmu_region *r;

	*mixed = false;
	if (last < SOFTMMU_SHADOW_BASE || phys >= SHADOW_END)
		return lookup(m, phys, last, false, mixed);
	inside = phys >= SOFTMMU_SHADOW_BASE && last < SHADOW_END;
	shadow_modes(m, phys, last, write, &all_ram, &no_ram);
	if (all_ram) {
		r = lookup(m, phys, last, false, mixed);
		if (r && r->type == SOFTMMU_RAM)
			return r;
		r = ram_region(m);
		if (inside && r && r->last >= last) {
			*mixed = false;
			return r;
		}
	} else if (no_ram && inside) {
		return lookup(m, phys, last, true, mixed);
	}
	*mixed = true;
	return NULL;
}

static const uint8_t *region_host(const struct softmmu *m, const struct softmmu_region *r, uint32_t phys)
{
	return r->type == SOFTMMU_RAM ? m->ram + phys : r->rom + (phys - r->base);
}

/* ---- Accesses on the bus ---- */

static bool fits(uint32_t phys, unsigned size)
{
	return phys + size - 1 >= phys;
}

static uint32_t all_ones(unsigned size)
{
	return ~0u >> (32 - 8 * size);
}

/* Tells the mmio_access callback of an access to r (NULL: unassigned). */
static void report_mmio(const struct softmmu *m, const struct softmmu_region *r, uint32_t phys,
			bool write, uint32_t value, unsigned size)
{
	if (m->mmio_access)
		m->mmio_access(m->opaque, phys, r ? (r->ops->name ? r->ops->name : "mmio") : NULL,
			       write, value, size);
}

uint32_t softmmu_phys_load(struct softmmu *m, uint32_t phys, unsigned size)
{
	const struct softmmu_region *r = NULL;
	bool mixed = true;
	uint32_t v = 0;

	if (fits(phys, size))
		r = resolve(m, phys, size, false, &mixed);
	if (!mixed) {
		if (r && r->type != SOFTMMU_MMIO) {
			memcpy(&v, region_host(m, r, phys), size);
			return v;
		}
		if (size != 3) {	/* devices answer 1, 2 or 4 bytes; extra bits are cut */
			v = r && r->ops->read ? r->ops->read(r->opaque, phys - r->base, size) & all_ones(size)
					      : all_ones(size);
			report_mmio(m, r, phys, false, v, size);
			return v;
		}
	}
	for (unsigned i = 0; i < size; i++)
		v |= softmmu_phys_load(m, phys + i, 1) << (8 * i);
	return v;
}

bool physmap_is_code(const struct softmmu *m, uint32_t phys)
{
	uint32_t n = phys >> SOFTMMU_PAGE_BITS;

	return phys < m->ram_size && (m->code_bitmap[n >> 3] & (1u << (n & 7)));
}

/* RAM stores: the translator hears of each byte on a code page first. */
static void ram_store(struct softmmu *m, uint32_t phys, uint32_t value, unsigned size)
{
	if (!physmap_is_code(m, phys) && !physmap_is_code(m, phys + size - 1)) {
		memcpy(m->ram + phys, &value, size);
		return;
	}
	for (unsigned i = 0; i < size; i++) {
		if (physmap_is_code(m, phys + i) && m->code_write) {
			m->code_writes++;
			m->code_write(m->opaque, phys + i);
		}
		m->ram[phys + i] = (uint8_t)(value >> (8 * i));
	}
}

void softmmu_phys_store(struct softmmu *m, uint32_t phys, uint32_t value, unsigned size)
{
	const struct softmmu_region *r = NULL;
	bool mixed = true;

	if (fits(phys, size))
		r = resolve(m, phys, size, true, &mixed);
	if (!mixed) {
		if (r && r->type == SOFTMMU_ROM)
			return;
		if (r && r->type == SOFTMMU_RAM) {
			ram_store(m, phys, value, size);
			return;
		}
		if (size != 3) {
			report_mmio(m, r, phys, true, value, size);
			if (r && r->ops->write)
				r->ops->write(r->opaque, phys - r->base, value, size);
			return;
		}
	}
	for (unsigned i = 0; i < size; i++)
		softmmu_phys_store(m, phys + i, (uint8_t)(value >> (8 * i)), 1);
}

uint8_t *physmap_page_host(struct softmmu *m, uint32_t page, bool write)
{
	bool mixed;
	const struct softmmu_region *r = resolve(m, page, SOFTMMU_PAGE_SIZE, write, &mixed);
	const uint8_t *host;

	if (!r || r->type == SOFTMMU_MMIO || (write && r->type == SOFTMMU_ROM))
		return NULL;
	host = region_host(m, r, page);
	/* Generated code's aligned accesses must stay aligned on the host. */
	return (uintptr_t)host & 3 ? NULL : (uint8_t *)(uintptr_t)host;
}

bool physmap_reads_ram(const struct softmmu *m, uint32_t page)
{
	bool mixed;
	const struct softmmu_region *r = resolve(m, page, SOFTMMU_PAGE_SIZE, false, &mixed);

	return mixed || (r && r->type == SOFTMMU_RAM);
}

uint8_t *softmmu_ram_range(struct softmmu *m, uint32_t phys, uint32_t len, bool write)
{
	bool mixed;
	const struct softmmu_region *r;

	if (len == 0 || !fits(phys, len))
		return NULL;
	r = resolve(m, phys, len, write, &mixed);
	if (!r || r->type != SOFTMMU_RAM)
		return NULL;
	if (write)
		for (uint64_t p = phys & ~SOFTMMU_PAGE_MASK; p < (uint64_t)phys + len; p += SOFTMMU_PAGE_SIZE)
			if (physmap_is_code(m, (uint32_t)p))
				return NULL;
	return m->ram + phys;
}

bool softmmu_peek(const struct softmmu *m, uint32_t phys, uint8_t *buf, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++) {
		bool mixed;
		const struct softmmu_region *r;

		if (phys + i < phys)
			return false;
		r = resolve(m, phys + i, 1, false, &mixed);
		if (!r || r->type == SOFTMMU_MMIO)
			return false;
		buf[i] = *region_host(m, r, phys + i);
	}
	return true;
}

void softmmu_fetch_code(struct softmmu *m, uint32_t phys, uint8_t *buf, unsigned n)
{
	bool mixed = true;
	const struct softmmu_region *r = NULL;

	if (n && fits(phys, n))
		r = resolve(m, phys, n, false, &mixed);
	if (!mixed && r && r->type != SOFTMMU_MMIO) {
		memcpy(buf, region_host(m, r, phys), n);
		return;
	}
	for (unsigned i = 0; i < n; i++)
		buf[i] = (uint8_t)softmmu_phys_load(m, phys + i, 1);
}

/* ---- Changing the map ---- */

static bool map_region(struct softmmu *m, struct softmmu_region r, uint32_t size)
{
	unsigned at = 0;

	r.last = r.base + size - 1;
	if (size == 0 || r.last < r.base || m->nregions == SOFTMMU_MAX_REGIONS)
		return false;
	while (at < m->nregions && m->region[at].priority > r.priority)
		at++;
	memmove(&m->region[at + 1], &m->region[at], (m->nregions - at) * sizeof(r));
	m->region[at] = r;
	m->nregions++;
	physmap_changed(m, r.base, size);
	return true;
}

bool softmmu_map_rom(struct softmmu *m, uint32_t base, uint32_t size, const void *data, int priority)
{
	return map_region(m, (struct softmmu_region){
		.base = base, .priority = priority, .type = SOFTMMU_ROM, .rom = data,
	}, size);
}

bool softmmu_map_mmio(struct softmmu *m, uint32_t base, uint32_t size,
		      const struct softmmu_mmio_ops *ops, void *opaque, int priority)
{
	return map_region(m, (struct softmmu_region){
		.base = base, .priority = priority, .type = SOFTMMU_MMIO, .ops = ops, .opaque = opaque,
	}, size);
}

bool softmmu_unmap(struct softmmu *m, uint32_t base, uint32_t size)
{
	unsigned at = m->nregions;

	for (unsigned i = 0; i < m->nregions && at == m->nregions; i++) {
		const struct softmmu_region *r = &m->region[i];

		if (r->type != SOFTMMU_RAM && r->base == base && r->last == base + size - 1)
			at = i;
	}
	if (at == m->nregions || size == 0)
		return false;
	memmove(&m->region[at], &m->region[at + 1], (m->nregions - at - 1) * sizeof(m->region[0]));
	m->nregions--;
	physmap_changed(m, base, size);
	return true;
}

void softmmu_set_shadow(struct softmmu *m, uint32_t base, uint32_t size, bool read_ram, bool write_ram)
{
	uint8_t mode = (read_ram ? SOFTMMU_SHADOW_READ_RAM : 0) | (write_ram ? SOFTMMU_SHADOW_WRITE_RAM : 0);
	uint64_t end = (uint64_t)base + size;
	uint32_t lo = SHADOW_END, hi = 0;
	bool changed = false;

	for (unsigned c = 0; c < SOFTMMU_SHADOW_CHUNKS; c++) {
		uint32_t start = SOFTMMU_SHADOW_BASE + c * SOFTMMU_SHADOW_CHUNK;

		if (start + SOFTMMU_SHADOW_CHUNK <= base || start >= end || m->shadow[c] == mode)
			continue;
		changed = true;
		if ((m->shadow[c] ^ mode) & SOFTMMU_SHADOW_READ_RAM) {
			lo = start < lo ? start : lo;
			hi = start + SOFTMMU_SHADOW_CHUNK;
		}
		m->shadow[c] = mode;
	}
	if (hi)
		physmap_changed(m, lo, hi - lo);
	else if (changed)
		softmmu_tlb_flush(m);
}

void softmmu_set_a20(struct softmmu *m, bool enabled)
{
	uint32_t mask = enabled ? ~0u : ~(1u << 20);

	if (mask == m->a20_mask)
		return;
	m->a20_mask = mask;
	/* Every linear -> physical translation may have changed. */
	physmap_changed(m, 0, FOUR_GB);
}
