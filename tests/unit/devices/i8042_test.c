/* 8042 controller and PS/2 devices: controller commands, command byte,
 * output port (A20, reset), keyboard and mouse replies, IRQ1/IRQ12.
 * Values from the IBM PC/AT technical reference (keyboard controller
 * commands) and the IBM PS/2 hardware interface technical reference
 * (keyboard/auxiliary device commands). */
#include "test.h"

#include "devices/i8042.h"
#include "fakes.h"

struct rig {
	struct kbd_state k;
	struct fake_irq irq1, irq12;
	int a20, resets;
};

static void rig_a20(void *opaque, enum sysctl_a20_source src, bool on)
{
	struct rig *r = opaque;

	if (src == SYSCTL_A20_KBD)
		r->a20 = on;
}

static void rig_reset(void *opaque)
{
	((struct rig *)opaque)->resets++;
}

static void rig_init(struct rig *r)
{
	*r = (struct rig){ .a20 = -1 };
	kbd_init(&r->k, fake_irq_of(&r->irq1, 1), fake_irq_of(&r->irq12, 12),
		 (struct sys_ctl){ .set_a20 = rig_a20, .reset = rig_reset, .opaque = r });
}

static uint8_t status(struct rig *r)
{
	return (uint8_t)kbd_read(&r->k, 0x64, 1);
}

static uint8_t data(struct rig *r)
{
	return (uint8_t)kbd_read(&r->k, 0x60, 1);
}

static void command(struct rig *r, uint8_t cmd)
{
	kbd_write(&r->k, 0x64, cmd, 1);
}

static void send(struct rig *r, uint8_t val)
{
	kbd_write(&r->k, 0x60, val, 1);
}

TEST(kbd, self_test)
{
	struct rig r;

	rig_init(&r);
	EXPECT_EQ(0, status(&r) & 0x01);
	command(&r, 0xaa);
	EXPECT_EQ(0x1d, status(&r));	/* OBF SYS CMD, not inhibited */
	EXPECT_EQ(0x55, data(&r));
	EXPECT_EQ(0, status(&r) & 0x01);
}

TEST(kbd, command_byte)
{
	struct rig r;

	rig_init(&r);
	command(&r, 0x60);
	send(&r, 0x65);
	EXPECT_EQ(0x14, status(&r));	/* SYS from the byte; CMD clear */
	command(&r, 0x20);
	EXPECT_EQ(0x65, data(&r));
	command(&r, 0xad);	/* disable keyboard: bit 4 */
	command(&r, 0x20);
	EXPECT_EQ(0x75, data(&r));
	command(&r, 0xae);
	command(&r, 0xa7);	/* disable mouse: bit 5 */
	command(&r, 0x20);
	EXPECT_EQ(0x65 | 0x20, data(&r));
}

TEST(kbd, controller_ram)
{
	struct rig r;

	rig_init(&r);
	command(&r, 0x65);
	send(&r, 0x3c);
	command(&r, 0x25);
	EXPECT_EQ(0x3c, data(&r));
}

TEST(kbd, interface_tests)
{
	struct rig r;

	rig_init(&r);
	command(&r, 0xab);
	EXPECT_EQ(0x00, data(&r));
	command(&r, 0xa9);
	EXPECT_EQ(0x00, data(&r));
}

/* Keyboard reset: ACK, then the BAT completion code; each byte raises
 * IRQ1 when the command byte enables it. */
TEST(kbd, keyboard_reset)
{
	struct rig r;

	rig_init(&r);
	command(&r, 0x60);
	send(&r, 0x01);
	send(&r, 0xff);
	EXPECT_EQ(1, r.irq1.rises);
	EXPECT_EQ(0xfa, data(&r));
	EXPECT_EQ(2, r.irq1.rises);
	EXPECT_EQ(0xaa, data(&r));
	EXPECT_EQ(0, r.irq1.level);
	EXPECT_EQ(0, r.irq12.rises);
}

TEST(kbd, no_irq_without_enable)
{
	struct rig r;

	rig_init(&r);
	command(&r, 0x60);
	send(&r, 0x00);
	send(&r, 0xee);
	EXPECT_EQ(0, r.irq1.rises);
	EXPECT_EQ(0xee, data(&r));	/* echo */
}

/* Identify: ACK, 0xAB, 0x83; through set 2 -> 1 translation 0x41. */
TEST(kbd, identify)
{
	struct rig r;

	rig_init(&r);
	command(&r, 0x60);
	send(&r, 0x00);
	send(&r, 0xf2);
	EXPECT_EQ(0xfa, data(&r));
	EXPECT_EQ(0xab, data(&r));
	EXPECT_EQ(0x83, data(&r));
	command(&r, 0x60);
	send(&r, 0x40);
	send(&r, 0xf2);
	EXPECT_EQ(0xfa, data(&r));
	EXPECT_EQ(0xab, data(&r));
	EXPECT_EQ(0x41, data(&r));
}

TEST(kbd, keyboard_parameters)
{
	struct rig r;

	rig_init(&r);
	send(&r, 0xed);		/* LEDs */
	send(&r, 0x07);
	EXPECT_EQ(0xfa, data(&r));
	EXPECT_EQ(0xfa, data(&r));
	send(&r, 0xf0);		/* get scan code set */
	send(&r, 0x00);
	EXPECT_EQ(0xfa, data(&r));
	EXPECT_EQ(0xfa, data(&r));
	EXPECT_EQ(0x02, data(&r));
	send(&r, 0x12);		/* not a command */
	EXPECT_EQ(0xfe, data(&r));
}

/* Output port: bit 1 gates A20, bit 0 low resets the CPU. */
TEST(kbd, output_port)
{
	struct rig r;

	rig_init(&r);
	EXPECT_EQ(1, r.a20);
	command(&r, 0xd0);
	EXPECT_EQ(0x03, data(&r) & 0x03);
	command(&r, 0xd1);
	send(&r, 0xdd);
	EXPECT_EQ(0, r.a20);
	command(&r, 0xd1);
	send(&r, 0xdf);
	EXPECT_EQ(1, r.a20);
	EXPECT_EQ(0, r.resets);
	command(&r, 0xd1);
	send(&r, 0xde);
	EXPECT_EQ(1, r.resets);
}

/* Pulse output port: 0xFE pulses bit 0 (reset); 0xFF pulses nothing. */
TEST(kbd, pulse_reset)
{
	struct rig r;

	rig_init(&r);
	command(&r, 0xff);
	EXPECT_EQ(0, r.resets);
	command(&r, 0xfe);
	EXPECT_EQ(1, r.resets);
}

/* Mouse through 0xD4: reset gives ACK, BAT, ID 0, flagged AUX in status
 * and raising IRQ12 when enabled. */
TEST(kbd, mouse)
{
	struct rig r;

	rig_init(&r);
	command(&r, 0xd4);
	send(&r, 0xff);
	EXPECT_EQ(0x21, status(&r) & 0x21);
	EXPECT_EQ(1, r.irq12.rises);
	EXPECT_EQ(0, r.irq1.rises);
	EXPECT_EQ(0xfa, data(&r));
	EXPECT_EQ(0xaa, data(&r));
	EXPECT_EQ(0x00, data(&r));
	EXPECT_EQ(0, status(&r) & 0x21);
	command(&r, 0xd4);
	send(&r, 0xf3);
	command(&r, 0xd4);
	send(&r, 200);
	command(&r, 0xd4);
	send(&r, 0xe9);
	EXPECT_EQ(0xfa, data(&r));
	EXPECT_EQ(0xfa, data(&r));
	EXPECT_EQ(0xfa, data(&r));
	EXPECT_EQ(0x00, data(&r));
	EXPECT_EQ(0x02, data(&r));
	EXPECT_EQ(200, data(&r));
}

TEST(kbd, write_output_buffers)
{
	struct rig r;

	rig_init(&r);
	command(&r, 0xd3);
	send(&r, 0x42);
	EXPECT_EQ(0x21, status(&r) & 0x21);
	EXPECT_EQ(0x42, data(&r));
	command(&r, 0xd2);
	send(&r, 0x24);
	EXPECT_EQ(0x01, status(&r) & 0x21);
	EXPECT_EQ(0x24, data(&r));
}

/* SeaBIOS's keyboard setup (src/hw/ps2port.c): flush, self-test 0x55,
 * interface test 0x00, and per command: command byte with both ports
 * disabled, then the port in use enabled; reset gives ACK 0xAA, then
 * 0xF5, set scan code set 2 (ACK, ACK), 0xF4 - every reply on the
 * keyboard side (AUX bit clear). */
TEST(kbd, seabios_keyboard_setup)
{
	struct rig r;
	static const uint8_t cmds[][2] = {
		{ 0xff, 0 }, { 0xf5, 0 }, { 0xf0, 2 }, { 0xf4, 0 },
	};

	rig_init(&r);
	EXPECT_EQ(0, status(&r) & 0x01);
	command(&r, 0xaa);
	EXPECT_EQ(0x55, data(&r));
	command(&r, 0xab);
	EXPECT_EQ(0x00, data(&r));
	r.irq1.rises = 0;
	for (int i = 0; i < 4; i++) {
		command(&r, 0x60);
		send(&r, 0x30);	/* both disabled, no interrupts */
		command(&r, 0x60);
		send(&r, 0x20);	/* keyboard enabled */
		send(&r, cmds[i][0]);
		EXPECT_EQ(0x01, status(&r) & 0x21);
		EXPECT_EQ(0xfa, data(&r));
		if (cmds[i][0] == 0xf0) {
			send(&r, cmds[i][1]);
			EXPECT_EQ(0xfa, data(&r));
		}
		if (cmds[i][0] == 0xff)
			EXPECT_EQ(0xaa, data(&r));
		EXPECT_EQ(0, status(&r) & 0x01);
	}
	EXPECT_EQ(0, r.irq1.rises);
}
