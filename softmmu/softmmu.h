/* The guest's memory as the translator sees it: guest physical RAM at 0, a
 * direct-mapped software TLB that generated code probes inline, and the slow
 * path behind it.  Paging and MMIO come later behind the same functions. */
#ifndef MIMIC_SOFTMMU_SOFTMMU_H
#define MIMIC_SOFTMMU_SOFTMMU_H

#include <stdbool.h>
#include <stdint.h>

#define SOFTMMU_PAGE_BITS 12
#define SOFTMMU_PAGE_SIZE (1u << SOFTMMU_PAGE_BITS)
#define SOFTMMU_TLB_BITS  8
#define SOFTMMU_TLB_SIZE  (1u << SOFTMMU_TLB_BITS)
#define SOFTMMU_TAG_NONE  (-1)	/* never equals a page address: low bits are set */

/* One TLB line.  Tags are guest page addresses, sign-extended from 32 bits as
 * generated code holds them; a page holding translated code gets no write tag,
 * so stores to it take the slow path and invalidate the code.  host = addend +
 * (guest address sign-extended from 32 bits, as generated code holds it). */
struct softmmu_tlb_entry {
	int32_t read_tag;
	int32_t write_tag;
	uint64_t addend;
};

/* Called before each byte stored to a page that holds translated code; the
 * callee calls softmmu_clear_code once no code is left on the page. */
typedef void softmmu_code_write_fn(void *opaque, uint32_t addr);

struct softmmu {
	struct softmmu_tlb_entry tlb[SOFTMMU_TLB_SIZE];	/* first: generated code indexes it */
	uint8_t *ram;
	uint64_t ram_size;
	uint8_t *code_bitmap;	/* one bit per RAM page: translated code lives there */
	softmmu_code_write_fn *code_write;
	void *code_opaque;
	uint64_t tlb_misses;
	uint64_t code_writes;
};

bool softmmu_init(struct softmmu *m, void *ram, uint64_t ram_size);
void softmmu_free(struct softmmu *m);
void softmmu_tlb_flush(struct softmmu *m);

/* Slow paths for any size 1, 2 or 4 and any alignment; fill the TLB. */
uint32_t softmmu_load(struct softmmu *m, uint32_t addr, unsigned size);
void softmmu_store(struct softmmu *m, uint32_t addr, uint32_t value, unsigned size);

/* Host pointer to [addr, addr + len) if it is all RAM (and, for writing,
 * holds no translated code), else NULL: for block copies. */
uint8_t *softmmu_ram_range(struct softmmu *m, uint32_t addr, uint32_t len, bool write);

/* Code bytes for the decoder: n bytes from addr, all ones outside RAM. */
void softmmu_fetch_code(struct softmmu *m, uint32_t addr, uint8_t *buf, unsigned n);
void softmmu_mark_code(struct softmmu *m, uint32_t addr);
void softmmu_clear_code(struct softmmu *m, uint32_t page);

#endif
