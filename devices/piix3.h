/* The PIIX3 PCI-to-ISA bridge (PCI 00:01.0): identity and the PIRQ route
 * control registers that steer PCI INTA-D# onto ISA IRQs. Ref: Intel
 * 82371SB (PIIX3) datasheet, PIRQRC[A:D] registers 60h-63h. */
#ifndef MIMIC_DEVICES_PIIX3_H
#define MIMIC_DEVICES_PIIX3_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"
#include "devices/pci.h"

#define PIIX3_VENDOR   0x8086
#define PIIX3_DEVICE   0x7000
#define PIIX3_DEV      1		/* PCI device number on a PC */
#define PIIX3_PIRQRC   0x60	/* PIRQRC[A:D] at 0x60-0x63 */
#define PIIX3_PIRQ_DISABLE 0x80	/* IRQINTRTEN#: 1 = not routed */
#define PIIX3_PIRQ_IRQ     0x0f
#define PIIX3_PIRQS    4
/* ISA IRQs a PIRQ may be routed to: 3-7, 9-12, 14, 15. */
#define PIIX3_ROUTABLE 0xdef8

struct piix3_state {
	struct pci_function fn;
	struct irq_line isa;	/* set(opaque, irq, level); n is unused */
	uint8_t pirq_level;	/* bit i: PIRQ i input is high */
	uint16_t isa_level;	/* ISA IRQs we are driving high */
};

bool piix3_init(struct piix3_state *s, struct pci_bus *bus,
		struct irq_line isa);
void piix3_reset(struct piix3_state *s);
/* A PCI interrupt pin changed: pirq 0-3 is PIRQA-D. */
void piix3_set_pirq(struct piix3_state *s, int pirq, int level);
/* The PIRQ that INTx# (pin 1-4 = INTA-D) of PCI device dev is wired to. */
int piix3_pirq_of(int dev, int pin);
/* The ISA IRQ pirq goes to now, or -1 if it is not routed. */
int piix3_route(const struct piix3_state *s, int pirq);

#endif
