/* The page walker: every U/S x R/W x CR0.WP x kind combination for 4 KB and
 * 4 MB pages, error codes, accessed and dirty bits exactly when the CPU
 * writes them, global pages across CR3 writes, invlpg, probing.  Expected
 * values follow Intel SDM vol. 3A 4.6 (access rights) and 4.8 (A/D). */
#include "test.h"

#include "rig.h"

#define LIN 0x00403000u		/* directory entry 1, table entry 3 */
#define PHYS 0x00207000u
#define BIG_LIN 0x00c00000u	/* a 4 MB page ... */
#define BIG_PHYS 0x00800000u	/* ... onto 8 MB */

static bool allowed(bool us, bool rw, bool wp, bool user, bool write)
{
	if (user)
		return us && (!write || rw);
	return !write || rw || !wp;
}

static uint32_t error_code(bool user, bool write, bool present)
{
	return (present ? SOFTMMU_PF_P : 0) | (write ? SOFTMMU_PF_W : 0) | (user ? SOFTMMU_PF_U : 0);
}

/* One access through a fresh rig; checks the outcome, the error code and
 * the A/D bits left in the entries. */
static void check_4k(unsigned combo)
{
	bool pde_us = combo & 1, pde_rw = combo & 2, pte_us = combo & 4, pte_rw = combo & 8;
	bool wp = combo & 16, user = combo & 32, write = combo & 64;
	bool ok = allowed(pde_us && pte_us, pde_rw && pte_rw, wp, user, write);
	struct rig *r = rig_new();
	uint32_t pte_at, v = 0, pte, pde;
	bool faulted;

	map4k(r, LIN, PHYS, P | (pde_us ? US : 0) | (pde_rw ? RW : 0), P | (pte_us ? US : 0) | (pte_rw ? RW : 0));
	pte_at = pte_addr(r, LIN, 0);
	set_ram32(r, PHYS + 0x10, 0x12345678u);
	paging_on(r, wp ? CR0_WP : 0, 0);
	if (write)
		faulted = store_faults(r, LIN + 0x10, 0xcafe, 2, user ? SOFTMMU_USER : SOFTMMU_KERNEL);
	else
		faulted = load_faults(r, LIN + 0x10, 4, user ? SOFTMMU_USER : SOFTMMU_KERNEL, &v);
	pte = ram32(r, pte_at);
	pde = ram32(r, pde_addr(LIN));
	if (faulted == ok)
		printf("  combo %#x: pde us%d rw%d pte us%d rw%d wp%d user%d write%d: faulted=%d\n",
		       combo, pde_us, pde_rw, pte_us, pte_rw, wp, user, write, faulted);
	EXPECT_EQ(!ok, faulted);
	EXPECT_TRUE(pde & A);		/* used on the way to the table either way */
	EXPECT_TRUE(!(pde & D));	/* never dirtied: not the final entry */
	if (ok) {
		EXPECT_TRUE(pte & A);
		EXPECT_EQ(write, !!(pte & D));
		EXPECT_EQ(write ? 0x1234cafeu : 0x12345678u, write ? ram32(r, PHYS + 0x10) : v);
	} else {
		EXPECT_EQ(LIN + 0x10, r->fault_lin);
		EXPECT_EQ(error_code(user, write, true), r->fault_error);
		EXPECT_TRUE(!(pte & (A | D)));
		EXPECT_EQ(0x12345678u, ram32(r, PHYS + 0x10));
	}
	rig_free(r);
}

TEST(paging, permissions_4k)
{
	for (unsigned combo = 0; combo < 128; combo++)
		check_4k(combo);
}

static void check_4m(unsigned combo)
{
	bool us = combo & 1, rw = combo & 2, wp = combo & 4, user = combo & 8, write = combo & 16;
	bool ok = allowed(us, rw, wp, user, write);
	struct rig *r = rig_new();
	uint32_t v = 0, pde;
	bool faulted;

	map4m(r, BIG_LIN, BIG_PHYS, P | (us ? US : 0) | (rw ? RW : 0));
	set_ram32(r, BIG_PHYS + 0x345678, 0x9abcdef0u);
	paging_on(r, wp ? CR0_WP : 0, CR4_PSE);
	if (write)
		faulted = store_faults(r, BIG_LIN + 0x345678, 0x11, 1, user ? SOFTMMU_USER : SOFTMMU_KERNEL);
	else
		faulted = load_faults(r, BIG_LIN + 0x345678, 4, user ? SOFTMMU_USER : SOFTMMU_KERNEL, &v);
	pde = ram32(r, pde_addr(BIG_LIN));
	EXPECT_EQ(!ok, faulted);
	if (ok) {
		EXPECT_TRUE(pde & A);
		EXPECT_EQ(write, !!(pde & D));
		EXPECT_EQ(write ? 0x9abcde11u : 0x9abcdef0u, write ? ram32(r, BIG_PHYS + 0x345678) : v);
	} else {
		EXPECT_EQ(error_code(user, write, true), r->fault_error);
		EXPECT_TRUE(!(pde & (A | D)));
	}
	rig_free(r);
}

TEST(paging, permissions_4m)
{
	for (unsigned combo = 0; combo < 32; combo++)
		check_4m(combo);
}

TEST(paging, not_present_error_codes)
{
	struct rig *r = rig_new();
	uint32_t v;

	paging_on(r, CR0_WP, 0);
	/* No directory entry. */
	EXPECT_TRUE(load_faults(r, 0x00801234u, 4, SOFTMMU_KERNEL, &v));
	EXPECT_EQ(0x00801234u, r->fault_lin);
	EXPECT_EQ(0, r->fault_error);
	EXPECT_TRUE(store_faults(r, 0x00801234u, 0, 4, SOFTMMU_USER));
	EXPECT_EQ(SOFTMMU_PF_W | SOFTMMU_PF_U, r->fault_error);
	/* A table without the entry: the directory entry still gets A. */
	map4k(r, 0x00c00000u, 0x3000, P | RW | US, P | RW | US);
	EXPECT_TRUE(load_faults(r, 0x00c01000u, 1, SOFTMMU_USER, &v));
	EXPECT_EQ(SOFTMMU_PF_U, r->fault_error);
	EXPECT_TRUE(ram32(r, pde_addr(0x00c00000u)) & A);
	/* Fetches are reads (no I/D bit without NX). */
	EXPECT_TRUE(translate_faults(r, 0x00c01000u, SOFTMMU_FETCH, SOFTMMU_KERNEL, &v));
	EXPECT_EQ(0, r->fault_error);
	/* PS without CR4.PSE is a pointer to a table, not a 4 MB page. */
	set_ram32(r, pde_addr(0x01000000u), 0x00005000u | PS | P | RW);
	set_ram32(r, 0x5000, 0x00009000u | P | RW);
	EXPECT_TRUE(!translate_faults(r, 0x01000123u, SOFTMMU_READ, SOFTMMU_KERNEL, &v));
	EXPECT_EQ(0x9123, v);
	rig_free(r);
}

/* The TLB holds a page read-only until its entry is dirty, so the first
 * write walks (and sets D) even after a read filled the line. */
TEST(paging, dirty_set_by_first_write_only)
{
	struct rig *r = rig_new();
	uint32_t pte_at, v;

	map4k(r, LIN, PHYS, P | RW, P | RW);
	pte_at = pte_addr(r, LIN, 0);
	paging_on(r, CR0_WP, 0);
	EXPECT_TRUE(!load_faults(r, LIN, 4, SOFTMMU_KERNEL, &v));
	EXPECT_EQ(A, ram32(r, pte_at) & (A | D));
	set_ram32(r, pte_at, ram32(r, pte_at) & ~A);	/* hits do not walk: A stays clear */
	EXPECT_TRUE(!load_faults(r, LIN + 4, 4, SOFTMMU_KERNEL, &v));
	EXPECT_EQ(0, ram32(r, pte_at) & (A | D));
	EXPECT_TRUE(!store_faults(r, LIN, 1, 4, SOFTMMU_KERNEL));
	EXPECT_EQ(A | D, ram32(r, pte_at) & (A | D));
	set_ram32(r, pte_at, ram32(r, pte_at) & ~D);	/* now writable in the TLB */
	EXPECT_TRUE(!store_faults(r, LIN, 2, 4, SOFTMMU_KERNEL));
	EXPECT_EQ(A, ram32(r, pte_at) & (A | D));
	/* A dirty entry is writable through the TLB from its first fill. */
	map4k(r, LIN + 0x1000, PHYS + 0x1000, P | RW, P | RW | D);
	EXPECT_TRUE(!load_faults(r, LIN + 0x1000, 4, SOFTMMU_KERNEL, &v));
	EXPECT_EQ((int32_t)(LIN + 0x1000), r->m.tlb[SOFTMMU_KERNEL][((LIN >> 12) + 1) & 0xff].write_tag);
	rig_free(r);
}

TEST(paging, kinds_have_their_own_tlb)
{
	struct rig *r = rig_new();
	uint32_t v;

	map4k(r, LIN, PHYS, P | RW | US, P | RW);	/* supervisor only */
	paging_on(r, CR0_WP, 0);
	EXPECT_TRUE(!load_faults(r, LIN, 4, SOFTMMU_KERNEL, &v));
	EXPECT_TRUE(load_faults(r, LIN, 4, SOFTMMU_USER, &v));
	EXPECT_EQ(SOFTMMU_PF_P | SOFTMMU_PF_U, r->fault_error);
	EXPECT_EQ(SOFTMMU_TAG_NONE, r->m.tlb[SOFTMMU_USER][(LIN >> 12) & 0xff].read_tag);
	EXPECT_EQ((int32_t)LIN, r->m.tlb[SOFTMMU_KERNEL][(LIN >> 12) & 0xff].read_tag);
	rig_free(r);
}

TEST(paging, global_pages_survive_cr3_writes)
{
	struct rig *r = rig_new();
	uint32_t v, glob = 0x00800000u, local = 0x00801000u;

	map4k(r, glob, 0x300000, P | RW, P | RW | G);
	map4k(r, local, 0x301000, P | RW, P | RW);
	set_ram32(r, 0x300000, 1);
	set_ram32(r, 0x301000, 2);
	set_ram32(r, 0x302000, 3);
	set_ram32(r, 0x303000, 4);
	paging_on(r, 0, CR4_PGE);
	EXPECT_TRUE(!load_faults(r, glob, 4, SOFTMMU_KERNEL, &v));
	EXPECT_TRUE(!load_faults(r, local, 4, SOFTMMU_KERNEL, &v));
	/* Remap both; a CR3 write drops only the local one. */
	map4k(r, glob, 0x302000, P | RW, P | RW | G);
	map4k(r, local, 0x303000, P | RW, P | RW);
	softmmu_set_paging(&r->m, CR0_PE | CR0_PG, RIG_CR3, CR4_PGE);
	EXPECT_EQ(1, softmmu_load(&r->m, glob, 4, SOFTMMU_KERNEL));
	EXPECT_EQ(4, softmmu_load(&r->m, local, 4, SOFTMMU_KERNEL));
	/* Flushing everything drops it too. */
	softmmu_tlb_flush(&r->m);
	EXPECT_EQ(3, softmmu_load(&r->m, glob, 4, SOFTMMU_KERNEL));
	/* G without CR4.PGE is not global. */
	map4k(r, glob, 0x300000, P | RW, P | RW | G);
	softmmu_set_paging(&r->m, CR0_PE | CR0_PG, RIG_CR3, 0);	/* PGE changed: all */
	EXPECT_EQ(1, softmmu_load(&r->m, glob, 4, SOFTMMU_KERNEL));
	map4k(r, glob, 0x302000, P | RW, P | RW | G);
	softmmu_set_paging(&r->m, CR0_PE | CR0_PG, RIG_CR3, 0);
	EXPECT_EQ(3, softmmu_load(&r->m, glob, 4, SOFTMMU_KERNEL));
	rig_free(r);
}

TEST(paging, wp_change_flushes)
{
	struct rig *r = rig_new();

	map4k(r, LIN, PHYS, P | RW, P | D);	/* read-only, dirty */
	paging_on(r, 0, 0);
	EXPECT_TRUE(!store_faults(r, LIN, 5, 4, SOFTMMU_KERNEL));	/* WP=0: allowed */
	EXPECT_EQ(5, ram32(r, PHYS));
	paging_on(r, CR0_WP, 0);
	EXPECT_TRUE(store_faults(r, LIN, 6, 4, SOFTMMU_KERNEL));
	EXPECT_EQ(SOFTMMU_PF_P | SOFTMMU_PF_W, r->fault_error);
	EXPECT_EQ(5, ram32(r, PHYS));
	rig_free(r);
}

TEST(paging, invlpg_4k_and_4m)
{
	struct rig *r = rig_new();

	map4k(r, LIN, 0x300000, P | RW, P | RW);
	map4m(r, BIG_LIN, BIG_PHYS, P | RW);
	set_ram32(r, 0x300000, 1);
	set_ram32(r, 0x301000, 2);
	set_ram32(r, BIG_PHYS + 0x1000, 3);
	set_ram32(r, BIG_PHYS + 0x2000, 4);
	set_ram32(r, BIG_PHYS + 0x401000, 5);
	set_ram32(r, BIG_PHYS + 0x402000, 6);
	paging_on(r, 0, CR4_PSE);
	EXPECT_EQ(1, softmmu_load(&r->m, LIN, 4, SOFTMMU_KERNEL));
	EXPECT_EQ(3, softmmu_load(&r->m, BIG_LIN + 0x1000, 4, SOFTMMU_KERNEL));
	EXPECT_EQ(4, softmmu_load(&r->m, BIG_LIN + 0x2000, 4, SOFTMMU_KERNEL));
	map4k(r, LIN, 0x301000, P | RW, P | RW);
	map4m(r, BIG_LIN, BIG_PHYS + 0x400000, P | RW);
	EXPECT_EQ(1, softmmu_load(&r->m, LIN, 4, SOFTMMU_KERNEL));	/* still cached */
	softmmu_flush_page(&r->m, LIN + 0x123);
	EXPECT_EQ(2, softmmu_load(&r->m, LIN, 4, SOFTMMU_KERNEL));
	/* One invlpg anywhere in a 4 MB page drops all of its pieces. */
	EXPECT_EQ(3, softmmu_load(&r->m, BIG_LIN + 0x1000, 4, SOFTMMU_KERNEL));
	softmmu_flush_page(&r->m, BIG_LIN + 0x3ff000);
	EXPECT_EQ(5, softmmu_load(&r->m, BIG_LIN + 0x1000, 4, SOFTMMU_KERNEL));
	EXPECT_EQ(6, softmmu_load(&r->m, BIG_LIN + 0x2000, 4, SOFTMMU_KERNEL));
	rig_free(r);
}

TEST(paging, probe_has_no_side_effects)
{
	struct rig *r = rig_new();
	uint32_t phys = 0, pte_at;

	map4k(r, LIN, PHYS, P, P);	/* supervisor, read-only: the probe ignores rights */
	pte_at = pte_addr(r, LIN, 0);
	map4m(r, BIG_LIN, BIG_PHYS, P);
	paging_on(r, CR0_WP, CR4_PSE);
	EXPECT_TRUE(softmmu_probe(&r->m, LIN + 0xabc, &phys));
	EXPECT_EQ(PHYS + 0xabc, phys);
	EXPECT_TRUE(softmmu_probe(&r->m, BIG_LIN + 0x3fffff, &phys));
	EXPECT_EQ(BIG_PHYS + 0x3fffff, phys);
	EXPECT_TRUE(!softmmu_probe(&r->m, 0x40000000u, &phys));
	EXPECT_EQ(0, ram32(r, pte_at) & A);
	EXPECT_EQ(0, ram32(r, pde_addr(LIN)) & A);
	EXPECT_EQ(0, ram32(r, pde_addr(BIG_LIN)) & A);
	EXPECT_EQ(0, r->faults);
	rig_free(r);
}
