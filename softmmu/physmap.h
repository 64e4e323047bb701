/* Inside softmmu: the physical map's answers for the TLB and the walker. */
#ifndef MIMIC_SOFTMMU_PHYSMAP_H
#define MIMIC_SOFTMMU_PHYSMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "softmmu/softmmu.h"

/* Host address of the physical page for reads or writes if all of it is RAM
 * (or, for reads, one ROM) in the current map, else NULL. */
uint8_t *physmap_page_host(struct softmmu *m, uint32_t page, bool write);

bool physmap_is_code(const struct softmmu *m, uint32_t phys);
/* Whether reads of the physical page see any RAM (code there can change
 * by stores; a page read from ROM changes only with the map). */
bool physmap_reads_ram(const struct softmmu *m, uint32_t page);

/* A map change: flush the TLB and tell the embedder. */
void physmap_changed(struct softmmu *m, uint32_t base, uint64_t size);

#endif
