/* 8042 keyboard controller at 0x60/0x64 with a PS/2 keyboard and mouse
 * that answer commands (no keys are typed): self-test, command byte,
 * output port (A20, CPU reset), IRQ1/IRQ12. Ref: IBM PC/AT technical
 * reference (keyboard controller); IBM PS/2 hardware interface technical
 * reference (keyboard and auxiliary device commands). */
#ifndef MIMIC_DEVICES_I8042_H
#define MIMIC_DEVICES_I8042_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/ioport.h"
#include "devices/irq.h"
#include "devices/sysctl.h"

#define KBD_DATA_PORT   0x60
#define KBD_STATUS_PORT 0x64	/* read: status; write: command */
#define KBD_QUEUE_SIZE  16

#define KBD_STAT_OBF     0x01	/* output buffer full */
#define KBD_STAT_IBF     0x02	/* input buffer full (never: instant) */
#define KBD_STAT_SYS     0x04	/* system flag, from the command byte */
#define KBD_STAT_CMD     0x08	/* last write went to 0x64 */
#define KBD_STAT_UNLOCK  0x10	/* keyboard not inhibited */
#define KBD_STAT_AUX_OBF 0x20	/* the byte is from the mouse */

#define KBD_CCB_KBD_INT  0x01	/* IRQ1 on keyboard data */
#define KBD_CCB_AUX_INT  0x02	/* IRQ12 on mouse data */
#define KBD_CCB_SYS      0x04
#define KBD_CCB_KBD_OFF  0x10	/* keyboard interface disabled */
#define KBD_CCB_AUX_OFF  0x20
#define KBD_CCB_XLATE    0x40	/* scan code set 2 -> 1 translation */

#define KBD_OUT_RESET    0x01	/* 0 holds the CPU in reset */
#define KBD_OUT_A20      0x02
#define KBD_OUT_OBF_IRQ1 0x10
#define KBD_OUT_OBF_IRQ12 0x20

/* Controller commands (port 0x64). */
#define KBD_CMD_READ_RAM   0x20	/* 0x20-0x3f; 0x20 is the command byte */
#define KBD_CMD_WRITE_RAM  0x60	/* 0x60-0x7f */
#define KBD_CMD_AUX_OFF    0xa7
#define KBD_CMD_AUX_ON     0xa8
#define KBD_CMD_AUX_TEST   0xa9
#define KBD_CMD_SELF_TEST  0xaa
#define KBD_CMD_KBD_TEST   0xab
#define KBD_CMD_KBD_OFF    0xad
#define KBD_CMD_KBD_ON     0xae
#define KBD_CMD_READ_INPUT 0xc0
#define KBD_CMD_READ_OUT   0xd0
#define KBD_CMD_WRITE_OUT  0xd1
#define KBD_CMD_WRITE_KBD_OBUF 0xd2
#define KBD_CMD_WRITE_AUX_OBUF 0xd3
#define KBD_CMD_WRITE_AUX  0xd4
#define KBD_CMD_READ_TEST  0xe0
#define KBD_CMD_PULSE      0xf0	/* 0xf0-0xff: pulse output bits 3-0 low */
#define KBD_SELF_TEST_OK   0x55

/* Device replies. */
#define KBD_REPLY_ACK      0xfa
#define KBD_REPLY_BAT_OK   0xaa
#define KBD_REPLY_ECHO     0xee
#define KBD_REPLY_RESEND   0xfe

struct kbd_byte {
	uint8_t data;
	bool aux;
};

struct kbd_state {
	struct kbd_byte queue[KBD_QUEUE_SIZE];	/* queue[head] is in 0x60 */
	int head, count;
	uint8_t status;		/* SYS and CMD; OBF bits follow the queue */
	uint8_t ram[32];	/* ram[0] is the command byte */
	uint8_t outport;
	uint8_t pending;	/* controller command awaiting its data */
	uint8_t kbd_cmd;	/* keyboard command awaiting its parameter */
	uint8_t aux_cmd;	/* mouse command awaiting its parameter */
	uint8_t scancode_set;
	bool kbd_scanning, aux_reporting;
	uint8_t aux_rate, aux_resolution;
	struct irq_line irq1, irq12;
	struct sys_ctl ctl;
	bool logged_cmd;
};

void kbd_init(struct kbd_state *s, struct irq_line irq1,
	      struct irq_line irq12, struct sys_ctl ctl);
void kbd_reset(struct kbd_state *s);
uint32_t kbd_read(struct kbd_state *s, uint16_t port, int size);
void kbd_write(struct kbd_state *s, uint16_t port, uint32_t val, int size);
bool kbd_attach(struct kbd_state *s, struct ioport_bus *bus);

#endif
