/* PIIX3 ISA bridge: PCI identity and PIRQ routing to ISA IRQs. Other
 * configuration registers keep what the BIOS writes. Ref: Intel 82371SB
 * (PIIX3) datasheet. */
#include "devices/piix3.h"

#define PIIX3_CLASS    0x060100	/* bridge, ISA */
#define PIIX3_HEADER   0x80	/* multi-function: IDE at function 1 */

int piix3_pirq_of(int dev, int pin)
{
	/* Board wiring of a PC: slot n's INTA# goes to PIRQ (n - 1) mod 4,
	 * INTB# to the next, and so on. */
	return (dev - 1 + pin - 1) & 3;
}

int piix3_route(const struct piix3_state *s, int pirq)
{
	uint8_t r = s->fn.config[PIIX3_PIRQRC + pirq];
	int irq = r & PIIX3_PIRQ_IRQ;

	if ((r & PIIX3_PIRQ_DISABLE) || !(PIIX3_ROUTABLE & (1u << irq)))
		return -1;
	return irq;
}

/* Drives each ISA IRQ high while any PIRQ routed to it is high. */
static void update(struct piix3_state *s)
{
	uint16_t want = 0, changed;

	for (int p = 0; p < PIIX3_PIRQS; p++) {
		int irq = piix3_route(s, p);
		if (irq >= 0 && (s->pirq_level & (1u << p)))
			want |= (uint16_t)(1u << irq);
	}
	changed = want ^ s->isa_level;
	s->isa_level = want;
	for (int irq = 0; irq < 16; irq++)
		if ((changed & (1u << irq)) && s->isa.set)
			s->isa.set(s->isa.opaque, irq, (want >> irq) & 1);
}

static void written(void *opaque, struct pci_function *f, uint8_t reg,
		    int size)
{
	(void)f;
	if (reg < PIIX3_PIRQRC + PIIX3_PIRQS && reg + size > PIIX3_PIRQRC)
		update(opaque);
}

static void set_defaults(struct piix3_state *s)
{
	struct pci_function *f = &s->fn;

	pci_function_init(f, "piix3", PIIX3_VENDOR, PIIX3_DEVICE, 0,
			  PIIX3_CLASS, PIIX3_HEADER);
	f->written = written;
	f->opaque = s;
	pci_set_byte(f, PCI_COMMAND, 0x07, f->wmask[PCI_COMMAND]);
	pci_set_byte(f, PCI_STATUS + 1, 0x02, 0);	/* DEVSEL medium */
	for (int r = 0x40; r < 0x100; r++)	/* chipset registers */
		f->wmask[r] = 0xff;
	for (int p = 0; p < PIIX3_PIRQS; p++)
		pci_set_byte(f, (uint8_t)(PIIX3_PIRQRC + p), PIIX3_PIRQ_DISABLE,
			     PIIX3_PIRQ_DISABLE | PIIX3_PIRQ_IRQ);
}

bool piix3_init(struct piix3_state *s, struct pci_bus *bus,
		struct irq_line isa)
{
	s->isa = isa;
	s->pirq_level = 0;
	s->isa_level = 0;
	set_defaults(s);
	return pci_add_function(bus, PCI_DEVFN(PIIX3_DEV, 0), &s->fn);
}

void piix3_reset(struct piix3_state *s)
{
	set_defaults(s);
	update(s);
}

void piix3_set_pirq(struct piix3_state *s, int pirq, int level)
{
	if (level)
		s->pirq_level |= (uint8_t)(1u << pirq);
	else
		s->pirq_level &= (uint8_t)~(1u << pirq);
	update(s);
}
