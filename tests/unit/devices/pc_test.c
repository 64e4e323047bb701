/* The wired PC through its I/O bus, as the CPU will drive it: BIOS-style
 * PIC and PIT setup delivering the timer vector, COM1 on IRQ4, RTC on
 * IRQ8 through the slave, keyboard on IRQ1, debug ports, CMOS memory. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "devices/pc.h"
#include "fakes.h"

#define SEC 1000000000ull

struct rig {
	struct pc_devices pc;
	struct fake_clock clock;
	struct fake_irq intr;
	struct fake_sink com1, debugcon, log;
	int resets;
	int pam_reports;
	uint8_t disk[128 * 512];	/* the size qemu_ref/record.py boots */
};

static bool disk_read(void *opaque, uint64_t lba, uint8_t *buf,
		      uint32_t count)
{
	memcpy(buf, ((struct rig *)opaque)->disk + lba * 512, count * 512);
	return true;
}

static void rig_pam(void *opaque, uint32_t start, uint32_t len,
		    enum pam_mode mode)
{
	(void)start;
	(void)len;
	(void)mode;
	((struct rig *)opaque)->pam_reports++;
}

static void rig_reset(void *opaque)
{
	((struct rig *)opaque)->resets++;
}

static struct rig *new_rig(void)
{
	struct rig *r = calloc(1, sizeof(*r));
	struct pc_config cfg = {
		.clock = fake_clock_of(&r->clock),
		.rtc_epoch_ns = 1000000000 * (int64_t)SEC,
		.intr = fake_irq_of(&r->intr, 0),
		.ctl = { .reset = rig_reset, .opaque = r },
		.com1_out = fake_sink_of(&r->com1),
		.debugcon = fake_sink_of(&r->debugcon),
		.seabios_log = fake_sink_of(&r->log),
		.pam = { rig_pam, r },
		.disk0 = { disk_read, NULL, r, 128 },
		.ram_below_4g = 128u << 20,
	};

	EXPECT_TRUE(pc_devices_init(&r->pc, &cfg));
	return r;
}

static void out8(struct rig *r, uint16_t port, uint8_t v)
{
	ioport_write(&r->pc.bus, port, v, 1);
}

static uint8_t in8(struct rig *r, uint16_t port)
{
	return (uint8_t)ioport_read(&r->pc.bus, port, 1);
}

/* The PC BIOS programming: master vectors 0x08, slave 0x70. */
static void bios_pic_init(struct rig *r)
{
	static const uint8_t seq[][2] = {
		{ 0x20, 0x11 }, { 0x21, 0x08 }, { 0x21, 0x04 }, { 0x21, 0x01 },
		{ 0xa0, 0x11 }, { 0xa1, 0x70 }, { 0xa1, 0x02 }, { 0xa1, 0x01 },
		{ 0x21, 0x00 }, { 0xa1, 0x00 },
	};

	for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++)
		out8(r, seq[i][0], seq[i][1]);
}

/* Counter 0 in mode 3 with count 0: 65536 clocks, 18.2 Hz, on IRQ0. */
TEST(pc, timer_vector)
{
	struct rig *r = new_rig();
	uint64_t deadline;

	bios_pic_init(r);
	out8(r, 0x43, 0x36);
	out8(r, 0x40, 0x00);
	out8(r, 0x40, 0x00);
	r->intr = (struct fake_irq){ 0 };
	pic_get_interrupt(&r->pc.pic);	/* the edge of OUT going high */
	out8(r, 0x20, 0x20);
	deadline = pc_devices_next_deadline(&r->pc);
	EXPECT_EQ(pit_ticks_to_ns(65537), deadline);
	r->clock.now = deadline;
	pc_devices_update(&r->pc);
	EXPECT_TRUE(pic_has_interrupt(&r->pc.pic));
	EXPECT_EQ(1, r->intr.level);
	EXPECT_EQ(0x08, pic_get_interrupt(&r->pc.pic));
	free(r);
}

TEST(pc, com1_output_and_irq4)
{
	struct rig *r = new_rig();

	bios_pic_init(r);
	out8(r, 0x3f8, 'h');
	out8(r, 0x3f8, 'i');
	EXPECT_STREQ("hi", r->com1.buf);
	out8(r, 0x3fc, 0x08);	/* OUT2 */
	out8(r, 0x3f9, 0x02);	/* THRE interrupt */
	EXPECT_EQ(0x0c, pic_get_interrupt(&r->pc.pic));
	free(r);
}

/* RTC update interrupt: IRQ8 on the slave, vector 0x70. */
TEST(pc, rtc_on_slave)
{
	struct rig *r = new_rig();

	bios_pic_init(r);
	out8(r, 0x70, 0x0b);
	out8(r, 0x71, 0x12);
	EXPECT_EQ(SEC, pc_devices_next_deadline(&r->pc));
	r->clock.now = SEC;
	pc_devices_update(&r->pc);
	EXPECT_EQ(0x70, pic_get_interrupt(&r->pc.pic));
	out8(r, 0x70, 0x00);
	EXPECT_EQ(0x41, in8(r, 0x71));	/* 01:46:41 */
	free(r);
}

TEST(pc, keyboard_irq1)
{
	struct rig *r = new_rig();

	bios_pic_init(r);
	out8(r, 0x64, 0xaa);
	EXPECT_EQ(0x09, pic_get_interrupt(&r->pc.pic));
	EXPECT_EQ(0x55, in8(r, 0x60));
	out8(r, 0x64, 0xfe);
	EXPECT_EQ(1, r->resets);
	free(r);
}

TEST(pc, debug_ports)
{
	struct rig *r = new_rig();

	EXPECT_EQ(0xe9, in8(r, 0x402));
	out8(r, 0x402, 'S');
	out8(r, 0xe9, 'E');
	EXPECT_STREQ("S", r->log.buf);
	EXPECT_STREQ("E", r->debugcon.buf);
	ioport_write(&r->pc.bus, 0xf4, 3, 4);
	EXPECT_TRUE(r->pc.debug.exit_requested);
	EXPECT_EQ(7, r->pc.debug.exit_status);
	free(r);
}

/* 128 MB: 127 MB above 1 MB is 130048 KB, past the 16-bit field, so it
 * saturates; 112 MB above 16 MB is 0x0700 64 KB units. */
TEST(pc, cmos_memory)
{
	struct rig *r = new_rig();

	out8(r, 0x70, 0x30);
	EXPECT_EQ(0xff, in8(r, 0x71));
	out8(r, 0x70, 0x31);
	EXPECT_EQ(0xff, in8(r, 0x71));
	out8(r, 0x70, 0x34);
	EXPECT_EQ(0x00, in8(r, 0x71));
	out8(r, 0x70, 0x35);
	EXPECT_EQ(0x07, in8(r, 0x71));
	free(r);
}

TEST(pc, unclaimed_port)
{
	struct rig *r = new_rig();

	EXPECT_EQ(0xff, in8(r, 0x278));
	EXPECT_STREQ("pit", ioport_owner(&r->pc.bus, 0x43));
	free(r);
}

/* PCI: the i440FX answers at 00:00.0, PIIX3 at 00:01.0, and PAM writes
 * reach the machine's map. */
TEST(pc, pci_bridges)
{
	struct rig *r = new_rig();

	EXPECT_EQ(13, r->pam_reports);
	ioport_write(&r->pc.bus, 0xcf8, 0x80000000u, 4);
	EXPECT_EQ(0x12378086u, ioport_read(&r->pc.bus, 0xcfc, 4));
	ioport_write(&r->pc.bus, 0xcf8, 0x80000800u, 4);
	EXPECT_EQ(0x70008086u, ioport_read(&r->pc.bus, 0xcfc, 4));
	ioport_write(&r->pc.bus, 0xcf8, 0x80000058u, 4);
	ioport_write(&r->pc.bus, 0xcfd, 0x30, 1);
	EXPECT_EQ(14, r->pam_reports);
	free(r);
}

/* PIRQA routed to IRQ 11 reaches the slave PIC (vector 0x73). */
TEST(pc, pirq_to_pic)
{
	struct rig *r = new_rig();

	bios_pic_init(r);
	out8(r, 0x4d1, 0x08);	/* IRQ11 level, as a BIOS sets PCI IRQs */
	ioport_write(&r->pc.bus, 0xcf8, 0x80000860u, 4);
	ioport_write(&r->pc.bus, 0xcfc, 0x0b, 1);
	piix3_set_pirq(&r->pc.piix3, 0, 1);
	EXPECT_EQ(0x73, pic_get_interrupt(&r->pc.pic));
	free(r);
}

/* fw_cfg: RAM size is all RAM; etc/e820 is the first file. */
TEST(pc, fwcfg_items)
{
	struct rig *r = new_rig();
	uint64_t v = 0;

	ioport_write(&r->pc.bus, 0x510, FWCFG_RAM_SIZE, 2);
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)in8(r, 0x511) << (8 * i);
	EXPECT_EQ(128u << 20, v);
	ioport_write(&r->pc.bus, 0x510, 0x0020, 2);
	for (int i = 0; i < 8; i++)
		EXPECT_EQ(0, in8(r, 0x511));	/* base 0 */
	EXPECT_EQ(0x00, in8(r, 0x511));	/* length 0x08000000 */
	EXPECT_EQ(0x00, in8(r, 0x511));
	EXPECT_EQ(0x00, in8(r, 0x511));
	EXPECT_EQ(0x08, in8(r, 0x511));
	free(r);
}

/* The boot sector through the primary ATA channel, IRQ14 on the slave
 * (vector 0x76), as SeaBIOS reads it. */
TEST(pc, boot_sector_from_ide)
{
	struct rig *r = new_rig();
	uint16_t w = 0;

	r->disk[510] = 0x55;
	r->disk[511] = 0xaa;
	bios_pic_init(r);
	out8(r, 0x1f6, 0xe0);
	out8(r, 0x1f2, 1);
	out8(r, 0x1f3, 0);
	out8(r, 0x1f4, 0);
	out8(r, 0x1f5, 0);
	out8(r, 0x1f7, 0x20);
	EXPECT_EQ(0x76, pic_get_interrupt(&r->pc.pic));
	for (int i = 0; i < 256; i++)
		w = (uint16_t)ioport_read(&r->pc.bus, 0x1f0, 2);
	EXPECT_EQ(0xaa55, w);
	EXPECT_EQ(0xff, in8(r, 0x177));	/* no secondary channel */
	free(r);
}

/* COM2 exists only when the machine gives it a sink: IRQ3, vector 0x0b. */
TEST(pc, optional_com2)
{
	struct rig *r = new_rig();
	struct pc_devices *pc2 = calloc(1, sizeof(*pc2));
	struct fake_sink out = { 0 };
	struct pc_config cfg = {
		.clock = fake_clock_of(&r->clock),
		.com2_out = fake_sink_of(&out),
	};

	EXPECT_EQ(0xff, in8(r, 0x2fd));	/* no LSR: nothing there */
	EXPECT_TRUE(pc_devices_init(pc2, &cfg));
	ioport_write(&pc2->bus, 0x2f8, 'm', 1);
	EXPECT_STREQ("m", out.buf);
	EXPECT_EQ(0x60, ioport_read(&pc2->bus, 0x2fd, 1));
	free(pc2);
	free(r);
}

/* Random port traffic over every device, with time moving and interrupts
 * taken, must stay within each model's state (the unit build runs under
 * ASan and UBSan, which turn any overrun or undefined shift into a
 * failure). A fixed seed keeps it repeatable. */
TEST(pc, random_port_traffic)
{
	struct rig *r = new_rig();
	static const uint16_t bases[] = {
		0x20, 0x40, 0x60, 0x64, 0x70, 0x80, 0x92, 0xa0, 0xe9, 0xf4,
		0x170, 0x1f0, 0x2f8, 0x3f6, 0x3f8, 0x402, 0x4d0, 0x510, 0x514,
		0xcf8, 0xcfc,
	};
	uint32_t x = 12345;
	int delivered = 0;

	for (int i = 0; i < 200000; i++) {
		uint16_t port;
		int size;

		x = x * 1103515245u + 12345u;
		port = (uint16_t)(bases[(x >> 8) % (sizeof(bases) / sizeof(bases[0]))] +
				  ((x >> 20) & 7));
		size = 1 << ((x >> 24) % 3);
		if (x & 0x80000000u)
			ioport_write(&r->pc.bus, port, x * 2654435761u, size);
		else
			ioport_read(&r->pc.bus, port, size);
		r->clock.now += (x >> 4) & 0xffff;
		if (r->clock.now >= pc_devices_next_deadline(&r->pc))
			pc_devices_update(&r->pc);
		if (pic_has_interrupt(&r->pc.pic)) {
			pic_get_interrupt(&r->pc.pic);
			delivered++;
		}
	}
	EXPECT_TRUE(delivered > 0);
	free(r);
}

/* With bios_screen_on_com1, fw_cfg carries etc/sercon-port = 0x3F8 (two
 * bytes, little-endian, as SeaBIOS's romfile_loadint reads it). */
TEST(pc, sercon_port_file)
{
	struct pc_devices *pc = calloc(1, sizeof(*pc));
	struct fake_clock clock = { 0 };
	struct pc_config cfg = { .clock = fake_clock_of(&clock),
				 .bios_screen_on_com1 = true };
	uint8_t entry[64];

	EXPECT_TRUE(pc_devices_init(pc, &cfg));
	ioport_write(&pc->bus, 0x510, FWCFG_FILE_DIR, 2);
	for (int i = 0; i < 4; i++)
		ioport_read(&pc->bus, 0x511, 1);
	for (int i = 0; i < 64; i++)
		entry[i] = (uint8_t)ioport_read(&pc->bus, 0x511, 1);
	EXPECT_STREQ("etc/sercon-port", (char *)entry + 8);
	ioport_write(&pc->bus, 0x510, (uint16_t)(entry[4] << 8 | entry[5]), 2);
	EXPECT_EQ(0xf8, ioport_read(&pc->bus, 0x511, 1));
	EXPECT_EQ(0x03, ioport_read(&pc->bus, 0x511, 1));
	free(pc);
}

/* Port accesses recorded on qemu-system-i386 -M pc (qemu_ref/record.py)
 * and replayed here: every value read must match QEMU's, or the datasheet
 * value ports.txt gives where QEMU departs from it. Time moves 1 us per
 * access. */
TEST(pc, matches_qemu_reference)
{
	struct rig *r = new_rig();
	FILE *ops = fopen("tests/unit/devices/qemu_ref/ports.txt", "r");
	FILE *exp = fopen("tests/unit/devices/qemu_ref/expected.txt", "r");
	char line[256];
	int n = 0, reads = 0, bad = 0;

	r->disk[510] = 0x55;
	r->disk[511] = 0xaa;
	EXPECT_TRUE(ops && exp);
	while (ops && exp && fgets(line, sizeof(line), ops)) {
		char kind[4], eq[2];
		unsigned port, a = 0, b = 0, want, got;
		int size, fields;

		n++;
		fields = sscanf(line, "%3s %x %1s %x", kind, &port, eq, &a);
		if (line[0] == '#' || fields < 2)
			continue;
		size = kind[1] - '0';
		r->clock.now += 1000;
		if (kind[0] == 'o') {
			sscanf(line, "%*s %*x %x", &a);
			ioport_write(&r->pc.bus, (uint16_t)port, a, size);
			continue;
		}
		if (kind[0] == 'x') {
			sscanf(line, "%*s %*x %x", &a);
			while (a--)
				ioport_read(&r->pc.bus, (uint16_t)port, size);
			continue;
		}
		if (kind[0] == 'w') {
			int tries = 1000;

			sscanf(line, "%*s %*x %x %x", &a, &b);
			while (tries-- && (ioport_read(&r->pc.bus, (uint16_t)port,
						       size) & a) != b)
				;
			bad += tries < 0;
			continue;
		}
		got = ioport_read(&r->pc.bus, (uint16_t)port, size);
		reads++;
		if (fscanf(exp, "%x", &want) != 1) {
			bad++;
			break;
		}
		if (fields == 4 && eq[0] == '=')
			want = a;
		if (got != want) {
			printf("  ports.txt:%d: in %x gave %x, want %x\n", n, port,
			       got, want);
			bad++;
		}
	}
	EXPECT_EQ(125, reads);
	EXPECT_EQ(0, bad);
	if (ops)
		fclose(ops);
	if (exp)
		fclose(exp);
	free(r);
}
