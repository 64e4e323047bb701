/* The PC/AT's coprocessor error latch: the FPU's FERR# output sets it and
 * raises IRQ13; a write to port 0xF0 (which also drives IGNNE#) clears it
 * and drops the line.  Ref: IBM PC/AT technical reference (coprocessor
 * interface); Intel SDM Vol. 1 8.7 and Appendix D (MS-DOS compatibility
 * mode). */
#ifndef MIMIC_DEVICES_FPUERR_H
#define MIMIC_DEVICES_FPUERR_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/ioport.h"
#include "devices/irq.h"

#define FPUERR_PORT 0xF0	/* write: clear the latch (any value); reads 0xFF */

struct fpuerr_state {
	bool latched;		/* FERR# seen since the last port 0xF0 write */
	struct irq_line irq;	/* IRQ13 */
};

void fpuerr_init(struct fpuerr_state *s, struct irq_line irq);
void fpuerr_reset(struct fpuerr_state *s);
/* FERR#: an unmasked x87 exception met a waiting instruction (CR0.NE clear). */
void fpuerr_assert(struct fpuerr_state *s);
uint32_t fpuerr_read(struct fpuerr_state *s, uint16_t port, int size);
void fpuerr_write(struct fpuerr_state *s, uint16_t port, uint32_t val, int size);
bool fpuerr_attach(struct fpuerr_state *s, struct ioport_bus *bus);

#endif
