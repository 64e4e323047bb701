/* 8042 keyboard controller with a PS/2 keyboard and mouse that answer
 * commands at once (IBF never shows). Writing to a device re-enables its
 * interface, as PC chipsets do. Ref: IBM PC/AT technical reference; IBM
 * PS/2 hardware interface technical reference. */
#include "devices/i8042.h"

#include "devices/devlog.h"

#define KBD_ID_1        0xab
#define KBD_ID_2        0x83	/* 0x41 after set 2 -> 1 translation */
#define KBD_ID_2_XLATE  0x41
#define AUX_ID          0x00
#define AUX_STATUS_REPORTING 0x20

/* Whether the byte in the output buffer came from the keyboard side (the
 * keyboard or the controller) or from the mouse. */
static bool kbd_byte_ready(const struct kbd_state *s)
{
	return s->count && !s->queue[s->head].aux;
}

static bool aux_byte_ready(const struct kbd_state *s)
{
	return s->count && s->queue[s->head].aux;
}

static void update_irq(struct kbd_state *s)
{
	irq_line_set(&s->irq1,
		     kbd_byte_ready(s) && (s->ram[0] & KBD_CCB_KBD_INT));
	irq_line_set(&s->irq12,
		     aux_byte_ready(s) && (s->ram[0] & KBD_CCB_AUX_INT));
}

static void push(struct kbd_state *s, uint8_t data, bool aux)
{
	if (s->count == KBD_QUEUE_SIZE)
		return;	/* a device would wait; ours just drop */
	s->queue[(s->head + s->count) % KBD_QUEUE_SIZE] =
		(struct kbd_byte){ data, aux };
	s->count++;
	update_irq(s);
}

static uint8_t pop(struct kbd_state *s)
{
	uint8_t v = s->queue[s->head].data;	/* stale byte if empty */

	if (s->count) {
		s->head = (s->head + 1) % KBD_QUEUE_SIZE;
		s->count--;
	}
	/* Drop the lines so the next byte makes a fresh edge. */
	irq_line_set(&s->irq1, 0);
	irq_line_set(&s->irq12, 0);
	update_irq(s);
	return v;
}

static void set_outport(struct kbd_state *s, uint8_t val)
{
	uint8_t old = s->outport;

	s->outport = val;
	if ((old ^ val) & KBD_OUT_A20)
		sysctl_set_a20(&s->ctl, SYSCTL_A20_KBD, val & KBD_OUT_A20);
	if (!(val & KBD_OUT_RESET))
		sysctl_reset(&s->ctl);
}

static void keyboard_defaults(struct kbd_state *s)
{
	s->scancode_set = 2;
	s->kbd_scanning = true;
	s->kbd_cmd = 0;
}

static void aux_defaults(struct kbd_state *s)
{
	s->aux_rate = 100;
	s->aux_resolution = 2;
	s->aux_reporting = false;
	s->aux_cmd = 0;
}

void kbd_init(struct kbd_state *s, struct irq_line irq1,
	      struct irq_line irq12, struct sys_ctl ctl)
{
	*s = (struct kbd_state){ .irq1 = irq1, .irq12 = irq12, .ctl = ctl };
	kbd_reset(s);
}

void kbd_reset(struct kbd_state *s)
{
	s->head = s->count = 0;
	s->status = 0;
	s->ram[0] = KBD_CCB_KBD_INT | KBD_CCB_AUX_INT;
	s->pending = 0;
	s->outport = KBD_OUT_RESET | KBD_OUT_A20;
	sysctl_set_a20(&s->ctl, SYSCTL_A20_KBD, true);
	keyboard_defaults(s);
	aux_defaults(s);
	update_irq(s);
}

/* A parameter byte for the keyboard command in kbd_cmd. */
static void keyboard_param(struct kbd_state *s, uint8_t val)
{
	uint8_t cmd = s->kbd_cmd;

	s->kbd_cmd = 0;
	push(s, KBD_REPLY_ACK, false);
	if (cmd == 0xf0) {	/* scan code set: 0 asks, 1-3 select */
		if (val == 0)
			push(s, s->scancode_set, false);
		else
			s->scancode_set = val;
	}
}

static void keyboard_command(struct kbd_state *s, uint8_t val)
{
	if (s->kbd_cmd) {
		keyboard_param(s, val);
		return;
	}
	switch (val) {
	case 0xed:	/* set LEDs */
	case 0xf0:	/* scan code set */
	case 0xf3:	/* typematic rate */
		s->kbd_cmd = val;
		push(s, KBD_REPLY_ACK, false);
		break;
	case 0xee:
		push(s, KBD_REPLY_ECHO, false);
		break;
	case 0xf2:	/* identify */
		push(s, KBD_REPLY_ACK, false);
		push(s, KBD_ID_1, false);
		push(s, (s->ram[0] & KBD_CCB_XLATE) ? KBD_ID_2_XLATE : KBD_ID_2,
		     false);
		break;
	case 0xf4:	/* enable scanning */
		s->kbd_scanning = true;
		push(s, KBD_REPLY_ACK, false);
		break;
	case 0xf5:	/* disable scanning, defaults */
		keyboard_defaults(s);
		s->kbd_scanning = false;
		push(s, KBD_REPLY_ACK, false);
		break;
	case 0xf6:	/* defaults */
		keyboard_defaults(s);
		push(s, KBD_REPLY_ACK, false);
		break;
	case 0xfe:	/* resend: nothing was lost on this wire */
		push(s, KBD_REPLY_ACK, false);
		break;
	case 0xff:	/* reset and basic assurance test */
		keyboard_defaults(s);
		push(s, KBD_REPLY_ACK, false);
		push(s, KBD_REPLY_BAT_OK, false);
		break;
	default:
		push(s, KBD_REPLY_RESEND, false);
		break;
	}
}

static void aux_command(struct kbd_state *s, uint8_t val)
{
	if (s->aux_cmd) {
		if (s->aux_cmd == 0xe8)
			s->aux_resolution = val;
		else
			s->aux_rate = val;
		s->aux_cmd = 0;
		push(s, KBD_REPLY_ACK, true);
		return;
	}
	switch (val) {
	case 0xe6: case 0xe7:	/* scaling 1:1, 2:1 */
	case 0xea: case 0xf0:	/* stream, remote mode */
	case 0xec: case 0xee:	/* wrap mode off, on */
		push(s, KBD_REPLY_ACK, true);
		break;
	case 0xe8:	/* resolution */
	case 0xf3:	/* sample rate */
		s->aux_cmd = val;
		push(s, KBD_REPLY_ACK, true);
		break;
	case 0xe9:	/* status request */
		push(s, KBD_REPLY_ACK, true);
		push(s, s->aux_reporting ? AUX_STATUS_REPORTING : 0, true);
		push(s, s->aux_resolution, true);
		push(s, s->aux_rate, true);
		break;
	case 0xeb:	/* read data: a packet with no motion */
		push(s, KBD_REPLY_ACK, true);
		push(s, 0x08, true);	/* bit 3 is always 1 */
		push(s, 0x00, true);
		push(s, 0x00, true);
		break;
	case 0xf2:
		push(s, KBD_REPLY_ACK, true);
		push(s, AUX_ID, true);
		break;
	case 0xf4:
	case 0xf5:
		s->aux_reporting = val == 0xf4;
		push(s, KBD_REPLY_ACK, true);
		break;
	case 0xf6:
		aux_defaults(s);
		push(s, KBD_REPLY_ACK, true);
		break;
	case 0xff:
		aux_defaults(s);
		push(s, KBD_REPLY_ACK, true);
		push(s, KBD_REPLY_BAT_OK, true);
		push(s, AUX_ID, true);
		break;
	default:
		push(s, KBD_REPLY_RESEND, true);
		break;
	}
}

static void write_ccb(struct kbd_state *s, uint8_t val)
{
	s->ram[0] = val;
	s->status = (uint8_t)((s->status & ~KBD_STAT_SYS) | (val & KBD_CCB_SYS));
	update_irq(s);
}

/* A data byte: the parameter of a pending controller command, or bytes
 * for the keyboard. */
static void write_data(struct kbd_state *s, uint8_t val)
{
	uint8_t cmd = s->pending;

	s->pending = 0;
	if (cmd >= KBD_CMD_WRITE_RAM && cmd < KBD_CMD_WRITE_RAM + 32) {
		if (cmd == KBD_CMD_WRITE_RAM)
			write_ccb(s, val);
		else
			s->ram[cmd & 0x1f] = val;
	} else if (cmd == KBD_CMD_WRITE_OUT) {
		set_outport(s, val);
	} else if (cmd == KBD_CMD_WRITE_KBD_OBUF) {
		push(s, val, false);
	} else if (cmd == KBD_CMD_WRITE_AUX_OBUF) {
		push(s, val, true);
	} else if (cmd == KBD_CMD_WRITE_AUX) {
		s->ram[0] &= ~KBD_CCB_AUX_OFF;
		aux_command(s, val);
	} else {
		s->ram[0] &= ~KBD_CCB_KBD_OFF;
		keyboard_command(s, val);
	}
}

static uint8_t outport_now(const struct kbd_state *s)
{
	return (uint8_t)((s->outport & ~(KBD_OUT_OBF_IRQ1 | KBD_OUT_OBF_IRQ12)) |
			 (kbd_byte_ready(s) ? KBD_OUT_OBF_IRQ1 : 0) |
			 (aux_byte_ready(s) ? KBD_OUT_OBF_IRQ12 : 0));
}

static void write_command(struct kbd_state *s, uint8_t cmd)
{
	if (cmd >= KBD_CMD_READ_RAM && cmd < KBD_CMD_READ_RAM + 32) {
		push(s, s->ram[cmd & 0x1f], false);
		return;
	}
	if (cmd >= KBD_CMD_WRITE_RAM && cmd < KBD_CMD_WRITE_RAM + 32) {
		s->pending = cmd;
		return;
	}
	if (cmd >= KBD_CMD_PULSE) {	/* bit 0 pulsed low resets the CPU */
		if (!(cmd & KBD_OUT_RESET))
			sysctl_reset(&s->ctl);
		return;
	}
	switch (cmd) {
	case KBD_CMD_AUX_OFF:
		write_ccb(s, s->ram[0] | KBD_CCB_AUX_OFF);
		break;
	case KBD_CMD_AUX_ON:
		write_ccb(s, s->ram[0] & ~KBD_CCB_AUX_OFF);
		break;
	case KBD_CMD_KBD_OFF:
		write_ccb(s, s->ram[0] | KBD_CCB_KBD_OFF);
		break;
	case KBD_CMD_KBD_ON:
		write_ccb(s, s->ram[0] & ~KBD_CCB_KBD_OFF);
		break;
	case KBD_CMD_AUX_TEST:
	case KBD_CMD_KBD_TEST:
		push(s, 0x00, false);	/* no interface error */
		break;
	case KBD_CMD_SELF_TEST:
		s->status |= KBD_STAT_SYS;
		push(s, KBD_SELF_TEST_OK, false);
		break;
	case KBD_CMD_READ_INPUT:
		push(s, 0x80, false);	/* bit 7: keyboard not inhibited */
		break;
	case KBD_CMD_READ_OUT:
		push(s, outport_now(s), false);
		break;
	case KBD_CMD_READ_TEST:
		push(s, 0x00, false);
		break;
	case KBD_CMD_WRITE_OUT:
	case KBD_CMD_WRITE_KBD_OBUF:
	case KBD_CMD_WRITE_AUX_OBUF:
	case KBD_CMD_WRITE_AUX:
		s->pending = cmd;
		break;
	default:
		devlog_once(&s->logged_cmd, "i8042: controller command 0x%02x unimplemented", cmd);
		break;
	}
}

uint32_t kbd_read(struct kbd_state *s, uint16_t port, int size)
{
	(void)size;
	if (port == KBD_DATA_PORT)
		return pop(s);	/* side effect: takes the byte */
	return (uint32_t)(s->status | KBD_STAT_UNLOCK |
			  (s->count ? KBD_STAT_OBF : 0) |
			  (aux_byte_ready(s) ? KBD_STAT_AUX_OBF : 0));
}

void kbd_write(struct kbd_state *s, uint16_t port, uint32_t val, int size)
{
	(void)size;
	if (port == KBD_DATA_PORT) {
		s->status &= ~KBD_STAT_CMD;
		write_data(s, (uint8_t)val);
	} else {
		s->status |= KBD_STAT_CMD;
		write_command(s, (uint8_t)val);
	}
}

static uint32_t io_read(void *opaque, uint16_t port, int size)
{
	return kbd_read(opaque, port, size);
}

static void io_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	kbd_write(opaque, port, val, size);
}

bool kbd_attach(struct kbd_state *s, struct ioport_bus *bus)
{
	return ioport_register(bus, KBD_DATA_PORT, 1, 1, "i8042", io_read,
			       io_write, s) &&
	       ioport_register(bus, KBD_STATUS_PORT, 1, 1, "i8042", io_read,
			       io_write, s);
}
