/* Inside softmmu: TLB maintenance the walker's owner asks for. */
#ifndef MIMIC_SOFTMMU_TLB_H
#define MIMIC_SOFTMMU_TLB_H

#include "softmmu/softmmu.h"

/* Drops every line but those holding global pages (a CR3 write). */
void tlb_flush_nonglobal(struct softmmu *m);

#endif
