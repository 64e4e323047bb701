/* Guest physical memory for the flat, unpaged guest: RAM from address 0, reads
 * elsewhere return all ones and writes there are dropped (as on a PC bus).
 * Keeps the TLB and the bitmap of pages that hold translated code. */
#include "softmmu/softmmu.h"

#include <stdlib.h>
#include <string.h>

bool softmmu_init(struct softmmu *m, void *ram, uint64_t ram_size)
{
	uint64_t pages = (ram_size + SOFTMMU_PAGE_SIZE - 1) >> SOFTMMU_PAGE_BITS;

	memset(m, 0, sizeof(*m));
	m->ram = ram;
	m->ram_size = ram_size;
	m->code_bitmap = calloc((pages + 7) / 8, 1);
	softmmu_tlb_flush(m);
	return m->code_bitmap != NULL;
}

void softmmu_free(struct softmmu *m)
{
	free(m->code_bitmap);
	m->code_bitmap = NULL;
}

void softmmu_tlb_flush(struct softmmu *m)
{
	for (unsigned i = 0; i < SOFTMMU_TLB_SIZE; i++) {
		m->tlb[i].read_tag = SOFTMMU_TAG_NONE;
		m->tlb[i].write_tag = SOFTMMU_TAG_NONE;
		m->tlb[i].addend = 0;
	}
}

static bool in_ram(const struct softmmu *m, uint32_t addr)
{
	return addr < m->ram_size;
}

static bool is_code(const struct softmmu *m, uint32_t page)
{
	uint32_t n = page >> SOFTMMU_PAGE_BITS;

	return m->code_bitmap[n >> 3] & (1u << (n & 7));
}

/* Point the TLB line of addr's page at RAM; writable unless it holds code. */
static void tlb_fill(struct softmmu *m, uint32_t addr)
{
	uint32_t page = addr & ~(SOFTMMU_PAGE_SIZE - 1);
	struct softmmu_tlb_entry *t = &m->tlb[(addr >> SOFTMMU_PAGE_BITS) & (SOFTMMU_TLB_SIZE - 1)];

	m->tlb_misses++;
	t->read_tag = (int32_t)page;
	t->write_tag = is_code(m, page) ? SOFTMMU_TAG_NONE : (int32_t)page;
	/* Generated code adds the guest address sign-extended from 32 bits. */
	t->addend = (uint64_t)(uintptr_t)m->ram + (page & 0x80000000u ? 1ull << 32 : 0);
}

static uint8_t load_byte(struct softmmu *m, uint32_t addr)
{
	return in_ram(m, addr) ? m->ram[addr] : 0xff;
}

static void store_byte(struct softmmu *m, uint32_t addr, uint8_t value)
{
	uint32_t page = addr & ~(SOFTMMU_PAGE_SIZE - 1);

	if (!in_ram(m, addr))
		return;
	if (is_code(m, page)) {
		m->code_writes++;
		m->code_write(m->code_opaque, addr);
	}
	m->ram[addr] = value;
}

/* Wholly inside RAM, and (for stores) on pages without translated code. */
static bool plain_ram(const struct softmmu *m, uint32_t addr, unsigned size, bool store)
{
	uint32_t last = addr + size - 1;

	return last >= addr && last < m->ram_size &&
	       !(store && (is_code(m, addr & ~(SOFTMMU_PAGE_SIZE - 1)) ||
			   is_code(m, last & ~(SOFTMMU_PAGE_SIZE - 1))));
}

uint8_t *softmmu_ram_range(struct softmmu *m, uint32_t addr, uint32_t len, bool write)
{
	uint64_t end = (uint64_t)addr + len;

	if (len == 0 || end > m->ram_size)
		return NULL;
	if (write)
		for (uint64_t p = addr & ~(SOFTMMU_PAGE_SIZE - 1); p < end; p += SOFTMMU_PAGE_SIZE)
			if (is_code(m, (uint32_t)p))
				return NULL;
	return m->ram + addr;
}

/* x86 is little-endian and so is the host: plain RAM is copied, anything
 * else goes byte by byte (straddling RAM's end, or code pages). */
uint32_t softmmu_load(struct softmmu *m, uint32_t addr, unsigned size)
{
	uint32_t v = 0;

	if (in_ram(m, addr))
		tlb_fill(m, addr);
	if (plain_ram(m, addr, size, false)) {
		memcpy(&v, m->ram + addr, size);
		return v;
	}
	for (unsigned i = 0; i < size; i++)
		v |= (uint32_t)load_byte(m, addr + i) << (8 * i);
	return v;
}

void softmmu_store(struct softmmu *m, uint32_t addr, uint32_t value, unsigned size)
{
	if (plain_ram(m, addr, size, true))
		memcpy(m->ram + addr, &value, size);
	else
		for (unsigned i = 0; i < size; i++)
			store_byte(m, addr + i, value >> (8 * i));
	if (in_ram(m, addr))
		tlb_fill(m, addr);
}

void softmmu_fetch_code(struct softmmu *m, uint32_t addr, uint8_t *buf, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		buf[i] = load_byte(m, addr + i);
}

/* A page now holds code: take away every TLB write permission for it. */
void softmmu_mark_code(struct softmmu *m, uint32_t addr)
{
	uint32_t n = addr >> SOFTMMU_PAGE_BITS;

	if (!in_ram(m, addr))
		return;
	m->code_bitmap[n >> 3] |= 1u << (n & 7);
	m->tlb[n & (SOFTMMU_TLB_SIZE - 1)].write_tag = SOFTMMU_TAG_NONE;
}

void softmmu_clear_code(struct softmmu *m, uint32_t page)
{
	uint32_t n = page >> SOFTMMU_PAGE_BITS;

	if (in_ram(m, page))
		m->code_bitmap[n >> 3] &= ~(1u << (n & 7));
}
