/* System control port A at 0x92: fast A20 gate (bit 1) and fast CPU reset
 * (bit 0 going high). Ref: Intel PIIX3 datasheet, port 92h. */
#ifndef MIMIC_DEVICES_PORT92_H
#define MIMIC_DEVICES_PORT92_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/ioport.h"
#include "devices/sysctl.h"

#define PORT92_PORT       0x92
#define PORT92_ALT_RESET  0x01	/* 0 -> 1 resets the CPU */
#define PORT92_ALT_A20    0x02

struct port92_state {
	uint8_t value;
	struct sys_ctl ctl;
};

void port92_init(struct port92_state *s, struct sys_ctl ctl);
void port92_reset(struct port92_state *s);
uint32_t port92_read(struct port92_state *s, uint16_t port, int size);
void port92_write(struct port92_state *s, uint16_t port, uint32_t val,
		  int size);
bool port92_attach(struct port92_state *s, struct ioport_bus *bus);

#endif
