/* The PC's two cascaded 8259A interrupt controllers (master 0x20-0x21,
 * slave 0xA0-0xA1 on master IR2) with PIIX's edge/level control registers
 * (ELCR, 0x4D0-0x4D1). Ref: Intel 8259A datasheet; Intel PIIX3 datasheet. */
#ifndef MIMIC_DEVICES_I8259_H
#define MIMIC_DEVICES_I8259_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/ioport.h"
#include "devices/irq.h"

#define PIC_MASTER_BASE 0x20
#define PIC_SLAVE_BASE  0xa0
#define PIC_ELCR_BASE   0x4d0	/* 0x4d0 master, 0x4d1 slave */
#define PIC_CASCADE_IR  2	/* slave INT wired to master IR2 */

/* Port A0 = 0 writes: bit 4 picks ICW1, else bit 3 picks OCW3 over OCW2. */
#define PIC_ICW1        0x10
#define PIC_ICW1_IC4    0x01	/* ICW4 follows */
#define PIC_ICW1_SNGL   0x02	/* single chip, no ICW3 */
#define PIC_ICW1_LTIM   0x08	/* level-triggered inputs */
#define PIC_ICW4_UPM    0x01	/* 8086 mode (0: 8080, unimplemented) */
#define PIC_ICW4_AEOI   0x02	/* automatic end of interrupt */
#define PIC_ICW4_SFNM   0x10	/* special fully nested mode */
#define PIC_OCW3        0x08
#define PIC_OCW3_RIS    0x01	/* with RR: read ISR instead of IRR */
#define PIC_OCW3_RR     0x02	/* read register command */
#define PIC_OCW3_P      0x04	/* poll command */
#define PIC_OCW3_SMM    0x20	/* special mask mode, with ESMM */
#define PIC_OCW3_ESMM   0x40
#define PIC_OCW2_EOI    0x20	/* OCW2 bits R SL EOI select the command */
#define PIC_OCW2_SL     0x40
#define PIC_OCW2_R      0x80
#define PIC_POLL_I      0x80	/* poll word: an interrupt was pending */
#define PIC_ELCR_MASTER_MASK 0xf8	/* IRQ0-2 are always edge */
#define PIC_ELCR_SLAVE_MASK  0xde	/* IRQ8 and IRQ13 are always edge */

struct pic_chip {
	uint8_t irr;		/* interrupt request register */
	uint8_t isr;		/* in-service register */
	uint8_t imr;		/* interrupt mask register (OCW1) */
	uint8_t lines;		/* current IR input levels */
	uint8_t elcr;		/* 1: that IR is level-triggered */
	uint8_t elcr_mask;	/* ELCR bits that exist */
	uint8_t vector_base;	/* ICW2, T7-T3 */
	uint8_t icw3;		/* kept for the monitor; cascade is fixed */
	uint8_t lowest;		/* IR of lowest priority (7 after ICW1) */
	uint8_t init_step;	/* next ICW expected (2-4), 0: operational */
	bool is_master;
	bool ltim, single, icw4_needed;
	bool aeoi, rotate_aeoi, sfnm;
	bool read_isr, poll, special_mask;
};

struct pic_state {
	struct pic_chip chip[2];	/* [0] master, [1] slave */
	struct irq_line intr;		/* INT to the CPU, told on change */
	bool intr_level;
	bool logged_8080;
};

/* Sets the INT notification (may have set == NULL) and resets. */
void pic_init(struct pic_state *s, struct irq_line intr);
void pic_reset(struct pic_state *s);
uint32_t pic_read(struct pic_state *s, uint16_t port, int size);
void pic_write(struct pic_state *s, uint16_t port, uint32_t val, int size);
bool pic_attach(struct pic_state *s, struct ioport_bus *bus);

/* Device side: input irq (0-15) is now at level. */
void pic_set_irq(struct pic_state *s, int irq, int level);
/* An irq_line a device can hold that drives input irq. */
struct irq_line pic_irq_line(struct pic_state *s, int irq);

/* CPU side: INT is asserted (an unmasked request beats what is in service). */
bool pic_has_interrupt(const struct pic_state *s);
/* The INTA cycle: the vector to deliver, updating IRR/ISR. With nothing to
 * deliver it gives the spurious IR7 vector of the chip that was asked. */
uint8_t pic_get_interrupt(struct pic_state *s);

#endif
