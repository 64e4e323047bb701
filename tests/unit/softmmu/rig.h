/* The softmmu tests' rig: RAM, the four callbacks recorded (page faults
 * unwind with longjmp, as the translator's do), page-table builders, and
 * access wrappers that report whether the access faulted. */
#ifndef MIMIC_TESTS_UNIT_SOFTMMU_RIG_H
#define MIMIC_TESTS_UNIT_SOFTMMU_RIG_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "softmmu/softmmu.h"

#define RIG_RAM (16u << 20)
#define RIG_CR3 0x1000u		/* the page directory */
#define RIG_TABLES 0x10000u	/* page tables are handed out from here */

#define P  0x001u
#define RW 0x002u
#define US 0x004u
#define A  0x020u
#define D  0x040u
#define PS 0x080u
#define G  0x100u

#define CR0_PE 0x00000001u
#define CR0_WP 0x00010000u
#define CR0_PG 0x80000000u
#define CR4_PSE 0x10u
#define CR4_PGE 0x80u

struct rig {
	struct softmmu m;
	uint8_t *ram;
	uint32_t next_table;
	jmp_buf unwind;
	int faults;
	uint32_t fault_lin, fault_error;
	int code_writes;
	uint32_t code_write_at;
	bool drop_code_on_write;	/* the code_write callee clears the page's bit */
	int changes;
	uint32_t changed_base;
	uint64_t changed_size;
	uint32_t watch_hits;	/* bit n: watch n was hit */
};

static inline void rig_page_fault(void *opaque, uint32_t lin, uint32_t error)
{
	struct rig *r = opaque;

	r->faults++;
	r->fault_lin = lin;
	r->fault_error = error;
	longjmp(r->unwind, 1);
}

static inline void rig_code_write(void *opaque, uint32_t phys)
{
	struct rig *r = opaque;

	r->code_writes++;
	r->code_write_at = phys;
	if (r->drop_code_on_write)
		softmmu_clear_code(&r->m, phys);
}

static inline void rig_map_changed(void *opaque, uint32_t base, uint64_t size)
{
	struct rig *r = opaque;

	r->changes++;
	r->changed_base = base;
	r->changed_size = size;
}

static inline void rig_watch_hit(void *opaque, unsigned n)
{
	struct rig *r = opaque;

	r->watch_hits |= 1u << n;
}

static inline struct rig *rig_new(void)
{
	struct rig *r = calloc(1, sizeof(*r));

	r->ram = calloc(RIG_RAM, 1);
	if (!r->ram || !softmmu_init(&r->m, r->ram, RIG_RAM))
		abort();
	r->m.page_fault = rig_page_fault;
	r->m.code_write = rig_code_write;
	r->m.map_changed = rig_map_changed;
	r->m.watch_hit = rig_watch_hit;
	r->m.opaque = r;
	r->next_table = RIG_TABLES;
	return r;
}

static inline void rig_free(struct rig *r)
{
	softmmu_free(&r->m);
	free(r->ram);
	free(r);
}

static inline uint32_t ram32(const struct rig *r, uint32_t phys)
{
	uint32_t v;

	memcpy(&v, r->ram + phys, 4);
	return v;
}

static inline void set_ram32(struct rig *r, uint32_t phys, uint32_t v)
{
	memcpy(r->ram + phys, &v, 4);
}

static inline uint32_t pde_addr(uint32_t lin)
{
	return RIG_CR3 + (lin >> 22) * 4;
}

/* Address of lin's PTE; a table is made (directory entry pde_flags) if none. */
static inline uint32_t pte_addr(struct rig *r, uint32_t lin, uint32_t pde_flags)
{
	uint32_t pde = ram32(r, pde_addr(lin));

	if (!(pde & P)) {
		pde = r->next_table | pde_flags;
		r->next_table += 0x1000;
		set_ram32(r, pde_addr(lin), pde);
	}
	return (pde & 0xfffff000u) + ((lin >> 12) & 0x3ff) * 4;
}

static inline void map4k(struct rig *r, uint32_t lin, uint32_t phys, uint32_t pde_flags, uint32_t pte_flags)
{
	set_ram32(r, pte_addr(r, lin, pde_flags), (phys & 0xfffff000u) | pte_flags);
}

static inline void map4m(struct rig *r, uint32_t lin, uint32_t phys, uint32_t flags)
{
	set_ram32(r, pde_addr(lin), (phys & 0xffc00000u) | PS | flags);
}

static inline void paging_on(struct rig *r, uint32_t cr0_extra, uint32_t cr4)
{
	softmmu_set_paging(&r->m, CR0_PE | CR0_PG | cr0_extra, RIG_CR3, cr4);
}

/* Accesses that report a page fault instead of unwinding past the test. */
static inline bool load_faults(struct rig *r, uint32_t lin, unsigned size, enum softmmu_kind kind, uint32_t *v)
{
	if (setjmp(r->unwind))
		return true;
	*v = softmmu_load(&r->m, lin, size, kind);
	return false;
}

static inline bool store_faults(struct rig *r, uint32_t lin, uint32_t v, unsigned size, enum softmmu_kind kind)
{
	if (setjmp(r->unwind))
		return true;
	softmmu_store(&r->m, lin, v, size, kind);
	return false;
}

static inline bool translate_faults(struct rig *r, uint32_t lin, enum softmmu_access access,
			     enum softmmu_kind kind, uint32_t *phys)
{
	if (setjmp(r->unwind))
		return true;
	softmmu_translate(&r->m, lin, access, kind, phys);
	return false;
}

#endif
