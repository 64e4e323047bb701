/* x86 two-level paging without PAE: 4 KB pages through a page table, 4 MB
 * pages (CR4.PSE) straight from the directory, accessed and dirty bits,
 * U/S and R/W with CR0.WP, global pages (CR4.PGE).  Ref: Intel SDM vol. 3A,
 * 4.3 (32-bit paging), 4.6 (access rights), 4.8 (accessed and dirty). */
#include "softmmu/paging.h"

#include "softmmu/softmmu.h"
#include "softmmu/tlb.h"

/* Page-directory and page-table entry bits. */
#define PTE_P   0x001u	/* present */
#define PTE_RW  0x002u	/* writable */
#define PTE_US  0x004u	/* user */
#define PTE_A   0x020u	/* accessed */
#define PTE_D   0x040u	/* dirty (final entry) */
#define PTE_PS  0x080u	/* directory entry maps a 4 MB page */
#define PTE_G   0x100u	/* global (final entry) */
#define PTE_ADDR 0xfffff000u
#define PDE_LARGE_ADDR 0xffc00000u	/* bits 13-21 (PSE-36) are not advertised: ignored */

#define CR0_WP  0x00010000u
#define CR0_PG  0x80000000u
#define CR4_PSE 0x00000010u
#define CR4_PGE 0x00000080u

/*  linear: | 31    22 | 21    12 | 11     0 |
 *          | dir idx  | tbl idx  | offset   |   (4 MB page: dir idx | offset) */
struct walk {
	uint32_t entry;		/* the final entry: PTE, or PDE of a 4 MB page */
	uint32_t entry_addr;
	uint32_t perm;		/* U/S and R/W that apply: both levels ANDed */
	uint32_t phys;		/* physical page */
	bool large;
};

/* Reads the entries for lin; with update, sets the directory entry's accessed
 * bit on the way to a page table (as the CPU does even if the PTE then turns
 * out not present).  False if not present. */
static bool walk(struct softmmu *m, uint32_t lin, bool update, struct walk *w)
{
	uint32_t pde_addr = ((m->cr3 & PTE_ADDR) | (lin >> 22) << 2) & m->a20_mask;
	uint32_t pde = softmmu_phys_load(m, pde_addr, 4);

	if (!(pde & PTE_P))
		return false;
	if ((pde & PTE_PS) && (m->cr4 & CR4_PSE)) {
		*w = (struct walk){ .entry = pde, .entry_addr = pde_addr, .perm = pde,
				    .phys = (pde & PDE_LARGE_ADDR) | (lin & 0x3ff000u), .large = true };
		return true;
	}
	if (update && !(pde & PTE_A)) {
		pde |= PTE_A;
		softmmu_phys_store(m, pde_addr, pde, 4);
	}
	w->entry_addr = ((pde & PTE_ADDR) | ((lin >> 12) & 0x3ffu) << 2) & m->a20_mask;
	w->entry = softmmu_phys_load(m, w->entry_addr, 4);
	w->perm = pde & w->entry;
	w->phys = w->entry & PTE_ADDR;
	w->large = false;
	return w->entry & PTE_P;
}

bool paging_translate(struct softmmu *m, uint32_t lin, enum softmmu_access access,
		      enum softmmu_kind kind, struct paging_result *r)
{
	bool write = access == SOFTMMU_WRITE, user = kind == SOFTMMU_USER;
	bool may_write;
	uint32_t set;
	struct walk w;

	if (!(m->cr0 & CR0_PG)) {
		*r = (struct paging_result){ .phys = lin & ~SOFTMMU_PAGE_MASK & m->a20_mask,
					     .flags = SOFTMMU_TLBF_WRITE };
		return true;
	}
	m->walks++;
	r->error = (write ? SOFTMMU_PF_W : 0) | (user ? SOFTMMU_PF_U : 0);
	if (!walk(m, lin, true, &w))
		return false;
	r->error |= SOFTMMU_PF_P;
	/* Supervisor writes ignore R/W unless CR0.WP; user ones never do. */
	may_write = (w.perm & PTE_RW) || (!user && !(m->cr0 & CR0_WP));
	if ((user && !(w.perm & PTE_US)) || (write && !may_write))
		return false;
	set = PTE_A | (write ? PTE_D : 0);
	if ((w.entry & set) != set) {
		w.entry |= set;
		softmmu_phys_store(m, w.entry_addr, w.entry, 4);
	}
	r->phys = w.phys & m->a20_mask;
	/* Writable through the TLB only once dirty: the first write must walk. */
	r->flags = (may_write && (w.entry & PTE_D) ? SOFTMMU_TLBF_WRITE : 0) |
		   (w.large ? SOFTMMU_TLBF_LARGE : 0) |
		   ((w.entry & PTE_G) && (m->cr4 & CR4_PGE) ? SOFTMMU_TLBF_GLOBAL : 0);
	return true;
}

bool softmmu_probe(struct softmmu *m, uint32_t lin, uint32_t *phys)
{
	struct walk w;

	if (!(m->cr0 & CR0_PG)) {
		*phys = lin & m->a20_mask;
		return true;
	}
	if (!walk(m, lin, false, &w))
		return false;
	*phys = ((w.phys & m->a20_mask) | (lin & SOFTMMU_PAGE_MASK));
	return true;
}

void softmmu_set_paging(struct softmmu *m, uint32_t cr0, uint32_t cr3, uint32_t cr4)
{
	bool all = ((cr0 ^ m->cr0) & (CR0_PG | CR0_WP)) || ((cr4 ^ m->cr4) & (CR4_PSE | CR4_PGE));

	m->cr0 = cr0;
	m->cr3 = cr3;
	m->cr4 = cr4;
	if (all)
		softmmu_tlb_flush(m);
	else
		tlb_flush_nonglobal(m);
}
