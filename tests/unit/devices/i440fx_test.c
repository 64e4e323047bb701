/* i440FX host bridge: identity, and PAM (82441FX datasheet, PAM registers
 * 59h-5Fh: PAM0 bits 5:4 for 0F0000h-0FFFFFh, PAM1-6 one nibble per 16 KB
 * from 0C0000h; RE = bit 0, WE = bit 1 of each field). */
#include "test.h"

#include <stdlib.h>

#include "devices/i440fx.h"
#include "pci_cfg.h"

struct change {
	uint32_t start, len;
	enum pam_mode mode;
};

struct rig {
	struct pci_bus pci;
	struct i440fx_state nb;
	struct change log[32];
	int n;
};

static void pam_set(void *opaque, uint32_t start, uint32_t len,
		    enum pam_mode mode)
{
	struct rig *r = opaque;

	if (r->n < 32)
		r->log[r->n++] = (struct change){ start, len, mode };
}

static struct rig *new_rig(void)
{
	struct rig *r = calloc(1, sizeof(*r));

	pci_bus_init(&r->pci, (struct sys_ctl){ 0 });
	EXPECT_TRUE(i440fx_init(&r->nb, &r->pci, (struct pam_map){ pam_set, r }));
	return r;
}

TEST(i440fx, identity)
{
	struct rig *r = new_rig();

	pci_write(&r->pci, 0xcf8, 0x80000000u, 4);
	EXPECT_EQ(0x12378086u, pci_read(&r->pci, 0xcfc, 4));
	pci_write(&r->pci, 0xcf8, 0x80000008u, 4);
	EXPECT_EQ(0x060000, pci_read(&r->pci, 0xcfc, 4) >> 8);
	free(r);
}

TEST(i440fx, initial_regions_are_rom)
{
	struct rig *r = new_rig();
	uint32_t covered = 0;

	EXPECT_EQ(13, r->n);
	for (int i = 0; i < r->n; i++) {
		EXPECT_EQ(PAM_ROM, r->log[i].mode);
		covered += r->log[i].len;
	}
	EXPECT_EQ(0x40000, covered);	/* all of 0xC0000-0xFFFFF */
	free(r);
}

/* SeaBIOS makes itself writable with PAM0 = 0x30, and option ROM areas
 * with 0x33; reserved bits stay 0. */
TEST(i440fx, pam_switches_regions)
{
	struct rig *r = new_rig();

	r->n = 0;
	pci_cfg_writeb(&r->pci, PCI_DEVFN(0, 0), 0x59, 0xff);
	EXPECT_EQ(1, r->n);
	EXPECT_EQ(0xf0000, r->log[0].start);
	EXPECT_EQ(0x10000, r->log[0].len);
	EXPECT_EQ(PAM_RAM, r->log[0].mode);
	EXPECT_EQ(0x30, r->nb.fn.config[0x59]);
	r->n = 0;
	pci_cfg_writeb(&r->pci, PCI_DEVFN(0, 0), 0x5a, 0x21);
	EXPECT_EQ(2, r->n);
	EXPECT_EQ(0xc0000, r->log[0].start);
	EXPECT_EQ(PAM_READ_RAM, r->log[0].mode);
	EXPECT_EQ(0xc4000, r->log[1].start);
	EXPECT_EQ(PAM_WRITE_RAM, r->log[1].mode);
	r->n = 0;
	pci_cfg_writeb(&r->pci, PCI_DEVFN(0, 0), 0x5f, 0x30);
	EXPECT_EQ(1, r->n);
	EXPECT_EQ(0xec000, r->log[0].start);
	EXPECT_EQ(0x4000, r->log[0].len);
	r->n = 0;
	pci_cfg_writeb(&r->pci, PCI_DEVFN(0, 0), 0x5f, 0x30);	/* no change, no report */
	EXPECT_EQ(0, r->n);
	free(r);
}

TEST(i440fx, reset_restores_rom)
{
	struct rig *r = new_rig();

	pci_cfg_writeb(&r->pci, PCI_DEVFN(0, 0), 0x59, 0x30);
	r->n = 0;
	i440fx_reset(&r->nb);
	EXPECT_EQ(1, r->n);
	EXPECT_EQ(PAM_ROM, r->log[0].mode);
	EXPECT_EQ(PAM_ROM, i440fx_pam_mode(&r->nb, 0));
	free(r);
}
