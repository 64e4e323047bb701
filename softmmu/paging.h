/* Inside softmmu: the x86 page walker the TLB fills from. */
#ifndef MIMIC_SOFTMMU_PAGING_H
#define MIMIC_SOFTMMU_PAGING_H

#include <stdbool.h>
#include <stdint.h>

#include "softmmu/softmmu.h"

struct paging_result {
	uint32_t phys;		/* physical page (A20 applied) */
	uint32_t flags;		/* SOFTMMU_TLBF_WRITE, _GLOBAL, _LARGE */
	uint32_t error;		/* #PF error code when refused */
};

/* Linear -> physical for an access of this kind, as the CPU does it: checks
 * U/S and R/W (CR0.WP for supervisor writes), sets accessed and dirty bits.
 * False if the access faults (r->error says why). */
bool paging_translate(struct softmmu *m, uint32_t lin, enum softmmu_access access,
		      enum softmmu_kind kind, struct paging_result *r);

#endif
