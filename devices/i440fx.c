/* i440FX host bridge: a PCI identity and the PAM shadow-RAM controls.
 * SMRAM and DRAM timing registers hold what is written and do nothing.
 * Ref: Intel 82441FX PMC datasheet. */
#include "devices/i440fx.h"

#define I440FX_REVISION 0x02
#define I440FX_CLASS    0x060000	/* bridge, host */
#define I440FX_SMRAM_DEFAULT 0x02	/* C_BASE_SEG: 0xA0000 */

void i440fx_pam_region(int i, uint32_t *start, uint32_t *len)
{
	if (i == 0) {
		*start = 0xf0000;
		*len = 0x10000;
	} else {
		*start = 0xc0000 + (uint32_t)(i - 1) * 0x4000;
		*len = 0x4000;
	}
}

enum pam_mode i440fx_pam_mode(const struct i440fx_state *s, int i)
{
	if (i == 0)
		return (enum pam_mode)((s->fn.config[I440FX_PAM0] >> 4) & 3);
	return (enum pam_mode)((s->fn.config[I440FX_PAM0 + 1 + (i - 1) / 2] >>
				(4 * ((i - 1) & 1))) & 3);
}

/* Tells the memory map about each region whose mode changed (all of them
 * when force is set). */
static void report(struct i440fx_state *s, bool force)
{
	for (int i = 0; i < I440FX_PAM_REGIONS; i++) {
		enum pam_mode m = i440fx_pam_mode(s, i);
		uint32_t start, len;

		if (!force && m == s->reported[i])
			continue;
		s->reported[i] = (uint8_t)m;
		i440fx_pam_region(i, &start, &len);
		if (s->map.set)
			s->map.set(s->map.opaque, start, len, m);
	}
}

static void written(void *opaque, struct pci_function *f, uint8_t reg,
		    int size)
{
	(void)f;
	if (reg <= I440FX_PAM6 && reg + size > I440FX_PAM0)
		report(opaque, false);
}

static void set_defaults(struct i440fx_state *s)
{
	struct pci_function *f = &s->fn;

	pci_function_init(f, "i440fx", I440FX_VENDOR, I440FX_DEVICE,
			  I440FX_REVISION, I440FX_CLASS, 0x00);
	f->written = written;
	f->opaque = s;
	pci_set_byte(f, PCI_COMMAND, 0x06, f->wmask[PCI_COMMAND]);
	pci_set_byte(f, PCI_STATUS + 1, 0x02, 0);	/* DEVSEL medium */
	pci_set_byte(f, I440FX_PAM0, 0, 0x30);
	for (int r = I440FX_PAM0 + 1; r <= I440FX_PAM6; r++)
		pci_set_byte(f, (uint8_t)r, 0, 0x33);
	pci_set_byte(f, I440FX_SMRAM, I440FX_SMRAM_DEFAULT, 0x78);
}

bool i440fx_init(struct i440fx_state *s, struct pci_bus *bus,
		 struct pam_map map)
{
	s->map = map;
	set_defaults(s);
	report(s, true);
	return pci_add_function(bus, PCI_DEVFN(0, 0), &s->fn);
}

void i440fx_reset(struct i440fx_state *s)
{
	set_defaults(s);
	report(s, false);
}
