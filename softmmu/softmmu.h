/* The guest's memory as the CPU sees it: the physical map (RAM, ROM, MMIO,
 * PAM shadowing, the A20 gate), x86 paging, and the software TLB, one per
 * access kind, that generated code probes inline.  README.md has the contract. */
#ifndef MIMIC_SOFTMMU_SOFTMMU_H
#define MIMIC_SOFTMMU_SOFTMMU_H

#include <stdbool.h>
#include <stdint.h>

#define SOFTMMU_PAGE_BITS 12
#define SOFTMMU_PAGE_SIZE (1u << SOFTMMU_PAGE_BITS)
#define SOFTMMU_PAGE_MASK (SOFTMMU_PAGE_SIZE - 1)
#define SOFTMMU_TLB_BITS  8
#define SOFTMMU_TLB_SIZE  (1u << SOFTMMU_TLB_BITS)
#define SOFTMMU_TAG_NONE  (-1)	/* never equals a page address: low bits are set */
#define SOFTMMU_MAX_REGIONS 32
#define SOFTMMU_WATCHES 4	/* data watches: the CPU's DR0-DR3 */

/* PAM shadowing covers 0xC0000-0xFFFFF in 16 KB chunks. */
#define SOFTMMU_SHADOW_BASE 0xc0000u
#define SOFTMMU_SHADOW_CHUNK 0x4000u
#define SOFTMMU_SHADOW_CHUNKS 16

/* Which TLB: CPL 0-2 and implicit system accesses (descriptor tables, TSS)
 * use the kernel one, CPL 3 the user one. */
enum softmmu_kind { SOFTMMU_KERNEL, SOFTMMU_USER };
enum softmmu_access { SOFTMMU_READ, SOFTMMU_WRITE, SOFTMMU_FETCH };

/* #PF error code bits (no I/D bit: NX is not advertised). */
#define SOFTMMU_PF_P 0x1u	/* protection violation (else not present) */
#define SOFTMMU_PF_W 0x2u	/* the access was a write */
#define SOFTMMU_PF_U 0x4u	/* the access was a user-kind one */

/* One line of the inline TLB.  Tags are linear page addresses sign-extended
 * from 32 bits, as generated code holds addresses; host = addend + (guest
 * address sign-extended from 32 bits).  A tag is set only where the access
 * may go straight to host memory: RAM or ROM (reads), RAM without
 * translated code whose page-table entry allows the write and is dirty. */
struct softmmu_tlb_entry {
	int32_t read_tag;
	int32_t write_tag;
	uint64_t addend;
};

/* What the slow path knows about the page a line holds, tags or not. */
struct softmmu_tlb_page {
	uint32_t lin;		/* linear page */
	uint32_t phys;		/* physical page, A20 applied */
	uint32_t flags;		/* SOFTMMU_TLBF_* */
};
#define SOFTMMU_TLBF_VALID  0x1u
#define SOFTMMU_TLBF_WRITE  0x2u	/* writes allowed for this kind (and dirty) */
#define SOFTMMU_TLBF_GLOBAL 0x4u	/* survives CR3 writes */
#define SOFTMMU_TLBF_LARGE  0x8u	/* part of a 4 MB page (invlpg drops all of it) */
#define SOFTMMU_TLBF_CODE   0x10u	/* write tag withheld: the page held code */

struct softmmu_mmio_ops {
	uint32_t (*read)(void *opaque, uint32_t offset, unsigned size);
	void (*write)(void *opaque, uint32_t offset, uint32_t value, unsigned size);
	const char *name;	/* the device, for logs (NULL: "mmio") */
};

enum softmmu_region_type { SOFTMMU_RAM, SOFTMMU_ROM, SOFTMMU_MMIO };

struct softmmu_region {
	uint32_t base;
	uint32_t last;		/* inclusive: a region may end at 4 GB */
	int priority;
	enum softmmu_region_type type;
	const uint8_t *rom;	/* ROM: the caller's bytes */
	const struct softmmu_mmio_ops *ops;
	void *opaque;
};

/* Called before each byte stored to a RAM page that holds translated code;
 * the callee calls softmmu_clear_code once no code is left on the page. */
typedef void softmmu_code_write_fn(void *opaque, uint32_t phys);
/* A page fault at linear address lin; must not return (the translator's sets
 * CR2 and raises #PF). */
typedef void softmmu_page_fault_fn(void *opaque, uint32_t lin, uint32_t error_code);
/* The CPU may now see other contents at physical [base, base + size). */
typedef void softmmu_map_changed_fn(void *opaque, uint32_t base, uint64_t size);
/* An access went to a device or to unassigned space (device NULL): for logs.
 * value is what was written, or what the read returned. */
typedef void softmmu_mmio_access_fn(void *opaque, uint32_t phys, const char *device, bool write,
				    uint32_t value, unsigned size);
/* A guest access by linear address is about to touch watch n. */
typedef void softmmu_watch_hit_fn(void *opaque, unsigned n);

/* A linear range whose accesses are reported (writes; reads too if asked). */
struct softmmu_watch {
	uint32_t lin;
	uint32_t len;		/* 0: off */
	bool reads;
};

struct softmmu {
	/* First: generated code indexes tlb[kind] by a constant offset. */
	struct softmmu_tlb_entry tlb[2][SOFTMMU_TLB_SIZE];
	struct softmmu_tlb_page page[2][SOFTMMU_TLB_SIZE];
	uint8_t *ram;
	uint64_t ram_size;
	uint8_t *code_bitmap;	/* one bit per RAM page: translated code lives there */
	struct softmmu_region region[SOFTMMU_MAX_REGIONS];	/* by precedence, highest first */
	unsigned nregions;
	uint8_t shadow[SOFTMMU_SHADOW_CHUNKS];	/* SOFTMMU_SHADOW_* per chunk */
	uint32_t a20_mask;	/* ~(1 << 20) while the gate is closed */
	uint32_t cr0, cr3, cr4;
	softmmu_code_write_fn *code_write;
	softmmu_page_fault_fn *page_fault;
	softmmu_map_changed_fn *map_changed;
	softmmu_mmio_access_fn *mmio_access;	/* optional */
	softmmu_watch_hit_fn *watch_hit;
	void *opaque;		/* passed to the callbacks */
	struct softmmu_watch watch[SOFTMMU_WATCHES];
	bool watching;		/* some watch is on */
	uint64_t tlb_misses;
	uint64_t code_writes;
	uint64_t walks;
	uint64_t tlb_flushes;	/* whole-TLB flushes, global entries kept or not */
	uint64_t page_flushes;	/* softmmu_flush_page (invlpg) */
};
#define SOFTMMU_SHADOW_READ_RAM  0x1u
#define SOFTMMU_SHADOW_WRITE_RAM 0x2u

/* RAM at physical 0 (the map's lowest-priority region, priority 0); A20 on,
 * paging off, shadow chunks all RAM.  Set the callbacks after this. */
bool softmmu_init(struct softmmu *m, void *ram, uint64_t ram_size);
void softmmu_free(struct softmmu *m);

/* The physical map.  Higher priority wins where regions overlap; among equal
 * priorities the one mapped last.  Each change flushes the TLB and reports
 * the range through map_changed.  False if the range is empty, wraps past
 * 4 GB or the table is full.  A ROM's bytes stay the caller's and must live
 * while mapped; writes to it are dropped. */
bool softmmu_map_rom(struct softmmu *m, uint32_t base, uint32_t size, const void *data, int priority);
bool softmmu_map_mmio(struct softmmu *m, uint32_t base, uint32_t size,
		      const struct softmmu_mmio_ops *ops, void *opaque, int priority);
/* Removes the ROM or MMIO region with exactly this base and size that takes
 * precedence over any others like it. */
bool softmmu_unmap(struct softmmu *m, uint32_t base, uint32_t size);
/* PAM: the 16 KB chunks of [base, base + size) inside 0xC0000-0xFFFFF read
 * from RAM or from what is mapped there besides RAM (ROM, MMIO, unassigned),
 * and write to RAM or to that. */
void softmmu_set_shadow(struct softmmu *m, uint32_t base, uint32_t size, bool read_ram, bool write_ram);
/* The A20 gate: while disabled, bit 20 of every physical address the CPU
 * forms (paging off, page-table entries, translated addresses) is 0. */
void softmmu_set_a20(struct softmmu *m, bool enabled);

/* The bus view (loaders, DMA, debuggers): no A20, no paging.  Unassigned
 * bytes read 0xff; writes to ROM or nothing are dropped; writes to code
 * pages call code_write. */
uint32_t softmmu_phys_load(struct softmmu *m, uint32_t phys, unsigned size);
void softmmu_phys_store(struct softmmu *m, uint32_t phys, uint32_t value, unsigned size);
/* Host pointer to physical [phys, phys + len) if it is all RAM for that
 * direction (and, for writing, holds no translated code), else NULL. */
uint8_t *softmmu_ram_range(struct softmmu *m, uint32_t phys, uint32_t len, bool write);
/* Copies physical [phys, phys + len) as CPU reads see it (PAM, no A20) if
 * it is all RAM or ROM, without touching a device; false if some byte is
 * MMIO or unassigned.  For debuggers. */
bool softmmu_peek(const struct softmmu *m, uint32_t phys, uint8_t *buf, uint32_t len);

/* Paging.  Call after a write to CR0, CR3 or CR4 with all three: flushes the
 * whole TLB when PG, WP, PSE or PGE changed, else the entries that are not
 * global (what a CR3 write does; a CR0/CR4 write changing none of those bits
 * need not call).  No PAE. */
void softmmu_set_paging(struct softmmu *m, uint32_t cr0, uint32_t cr3, uint32_t cr4);
void softmmu_flush_page(struct softmmu *m, uint32_t lin);	/* invlpg */
void softmmu_tlb_flush(struct softmmu *m);			/* everything, global too */

/* Guest accesses by linear address: any size 1, 2 or 4, any alignment; a
 * page-crossing access checks both pages before it touches either.  Fill the
 * TLB; a refused access calls page_fault. */
uint32_t softmmu_load(struct softmmu *m, uint32_t lin, unsigned size, enum softmmu_kind kind);
void softmmu_store(struct softmmu *m, uint32_t lin, uint32_t value, unsigned size, enum softmmu_kind kind);
/* The physical address of lin for that access (sets A/D, may call page_fault):
 * the translator's code fetch. */
void softmmu_translate(struct softmmu *m, uint32_t lin, enum softmmu_access access,
		       enum softmmu_kind kind, uint32_t *phys);
/* The physical address of lin if mapped, without side effects or checks:
 * for debuggers.  False if not present. */
bool softmmu_probe(struct softmmu *m, uint32_t lin, uint32_t *phys);
/* Host pointer to linear [lin, lin + len) if the access is allowed and the
 * range is RAM contiguous in host memory (and, for writes, holds no code),
 * else NULL; never faults.  For block operations (rep movs/stos). */
uint8_t *softmmu_host_range(struct softmmu *m, uint32_t lin, uint32_t len,
			    enum softmmu_access access, enum softmmu_kind kind);

/* Data watches (debug registers): while watch n covers [lin, lin + len),
 * every guest access by linear address (softmmu_load/store, the slow paths
 * of generated code) that touches it calls watch_hit(opaque, n) before it
 * happens; reads only if reads.  TLB lines of watched pages withhold the tag
 * of that direction, and host_range refuses them.  len 0 turns it off. */
void softmmu_set_watch(struct softmmu *m, unsigned n, uint32_t lin, uint32_t len, bool reads);

/* Code bytes for the decoder: n bytes from physical phys, as reads see them. */
void softmmu_fetch_code(struct softmmu *m, uint32_t phys, uint8_t *buf, unsigned n);
/* The RAM page holding phys now holds translated code: no TLB line may
 * write it directly any more, under whatever linear address. */
void softmmu_mark_code(struct softmmu *m, uint32_t phys);
void softmmu_clear_code(struct softmmu *m, uint32_t phys);

#endif
