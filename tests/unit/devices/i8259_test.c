/* 8259A pair: programming, priorities, EOI forms, cascade, edge/level,
 * spurious IR7/IR15, poll and special mask mode. Section names refer to the
 * Intel 8259A datasheet (231468). */
#include "test.h"

#include "devices/i8259.h"

struct cpu_pin {
	int level;
	int changes;
};

static void pin_set(void *opaque, int n, int level)
{
	struct cpu_pin *p = opaque;

	(void)n;
	p->changes += p->level != level;
	p->level = level;
}

/* The PC programming sequence (ICW1 edge + ICW4, cascade on IR2, 8086 mode)
 * with master vectors at 0x20 and slave vectors at 0x28, all unmasked. */
static void program(struct pic_state *s, uint16_t port, uint8_t icw2,
		    uint8_t icw3, uint8_t icw4)
{
	pic_write(s, port, 0x11, 1);
	pic_write(s, port + 1, icw2, 1);
	pic_write(s, port + 1, icw3, 1);
	pic_write(s, port + 1, icw4, 1);
}

static void pc_init(struct pic_state *s, struct cpu_pin *pin)
{
	pic_init(s, (struct irq_line){ pin_set, pin, 0 });
	program(s, 0x20, 0x20, 0x04, 0x01);
	program(s, 0xa0, 0x28, 0x02, 0x01);
	pic_write(s, 0x21, 0x00, 1);
	pic_write(s, 0xa1, 0x00, 1);
}

static void pulse(struct pic_state *s, int irq)
{
	pic_set_irq(s, irq, 1);
	pic_set_irq(s, irq, 0);
}

static uint8_t read_isr(struct pic_state *s, uint16_t port)
{
	pic_write(s, port, 0x0b, 1);	/* OCW3: RR=1 RIS=1 */
	return (uint8_t)pic_read(s, port, 1);
}

/* "Initialization command words": ICW2 T7-T3 give the vector's top bits,
 * IR number fills the low three. */
TEST(pic, vector_from_icw2)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	EXPECT_TRUE(!pic_has_interrupt(&s));
	pulse(&s, 3);
	EXPECT_TRUE(pic_has_interrupt(&s));
	EXPECT_EQ(1, pin.level);
	EXPECT_EQ(0x23, pic_get_interrupt(&s));
	EXPECT_EQ(0, pin.level);
	EXPECT_EQ(0x08, read_isr(&s, 0x20));
}

/* OCW3 read register: IRR is selected after ICW1; a masked request still
 * shows in IRR but raises no INT (OCW1). */
TEST(pic, mask_and_irr_read)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pic_write(&s, 0x21, 0x10, 1);
	EXPECT_EQ(0x10, pic_read(&s, 0x21, 1));
	pulse(&s, 4);
	EXPECT_EQ(0x10, pic_read(&s, 0x20, 1));
	EXPECT_TRUE(!pic_has_interrupt(&s));
	pic_write(&s, 0x21, 0x00, 1);
	EXPECT_EQ(0x24, pic_get_interrupt(&s));
	EXPECT_EQ(0x00, pic_read(&s, 0x20, 1));
}

/* Fully nested mode: IR0 highest, IR7 lowest; a request of lower or equal
 * priority waits for the EOI of the one in service, a higher one nests. */
TEST(pic, fully_nested_priority)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pulse(&s, 5);
	pulse(&s, 1);
	EXPECT_EQ(0x21, pic_get_interrupt(&s));
	EXPECT_TRUE(!pic_has_interrupt(&s));	/* IR5 below IR1 */
	pulse(&s, 0);
	EXPECT_TRUE(pic_has_interrupt(&s));	/* IR0 nests */
	EXPECT_EQ(0x20, pic_get_interrupt(&s));
	EXPECT_EQ(0x03, read_isr(&s, 0x20));
	pic_write(&s, 0x20, 0x20, 1);	/* non-specific EOI: clears IR0 */
	EXPECT_EQ(0x02, read_isr(&s, 0x20));
	EXPECT_TRUE(!pic_has_interrupt(&s));
	pic_write(&s, 0x20, 0x20, 1);
	EXPECT_EQ(0x25, pic_get_interrupt(&s));
}

/* OCW2 specific EOI (SL=1, EOI=1, L2-L0) clears the named ISR bit. */
TEST(pic, specific_eoi)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pulse(&s, 6);
	pic_get_interrupt(&s);
	pulse(&s, 2 + 1);
	pic_get_interrupt(&s);
	EXPECT_EQ(0x48, read_isr(&s, 0x20));
	pic_write(&s, 0x20, 0x66, 1);
	EXPECT_EQ(0x08, read_isr(&s, 0x20));
}

/* Cascade: a slave request goes through master IR2; both chips set ISR and
 * each needs its own EOI. */
TEST(pic, cascade)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pulse(&s, 10);
	EXPECT_TRUE(pic_has_interrupt(&s));
	EXPECT_EQ(0x2a, pic_get_interrupt(&s));
	EXPECT_EQ(0x04, read_isr(&s, 0x20));
	EXPECT_EQ(0x04, read_isr(&s, 0xa0));
	pulse(&s, 9);		/* blocked on the master by ISR2 */
	EXPECT_TRUE(!pic_has_interrupt(&s));
	pic_write(&s, 0xa0, 0x20, 1);
	pic_write(&s, 0x20, 0x20, 1);
	EXPECT_EQ(0x29, pic_get_interrupt(&s));
}

/* A masked slave input or a masked IR2 keeps slave requests off the CPU. */
TEST(pic, cascade_masked_on_master)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pic_write(&s, 0x21, 0x04, 1);
	pulse(&s, 12);
	EXPECT_TRUE(!pic_has_interrupt(&s));
	pic_write(&s, 0x21, 0x00, 1);
	EXPECT_EQ(0x2c, pic_get_interrupt(&s));
}

/* Edge mode: a line held high raises one request; after EOI it must go low
 * and high again to raise another. */
TEST(pic, edge_needs_new_edge)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pic_set_irq(&s, 3, 1);
	EXPECT_EQ(0x23, pic_get_interrupt(&s));
	pic_write(&s, 0x20, 0x20, 1);
	EXPECT_TRUE(!pic_has_interrupt(&s));
	pic_set_irq(&s, 3, 0);
	pic_set_irq(&s, 3, 1);
	EXPECT_TRUE(pic_has_interrupt(&s));
}

/* Level mode (ELCR bit): a request stays while the line is high, so after
 * EOI it interrupts again; dropping the line withdraws it. */
TEST(pic, level_via_elcr)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pic_write(&s, 0x4d1, 0x08, 1);	/* IRQ11 level */
	pic_set_irq(&s, 11, 1);
	EXPECT_EQ(0x2b, pic_get_interrupt(&s));
	pic_write(&s, 0xa0, 0x20, 1);
	pic_write(&s, 0x20, 0x20, 1);
	EXPECT_TRUE(pic_has_interrupt(&s));
	EXPECT_EQ(0x2b, pic_get_interrupt(&s));
	pic_write(&s, 0xa0, 0x20, 1);
	pic_write(&s, 0x20, 0x20, 1);
	pic_set_irq(&s, 11, 0);
	EXPECT_TRUE(!pic_has_interrupt(&s));
}

/* PIIX3 ELCR1 bits 0-2 and ELCR2 bits 0 and 5 are reserved (edge only). */
TEST(pic, elcr_reserved_bits)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pic_write(&s, 0x4d0, 0xff, 1);
	pic_write(&s, 0x4d1, 0xff, 1);
	EXPECT_EQ(0xf8, pic_read(&s, 0x4d0, 1));
	EXPECT_EQ(0xde, pic_read(&s, 0x4d1, 1));
}

/* "Interrupt sequence": a level request removed before INTA yields the IR7
 * vector with no ISR bit set. */
TEST(pic, spurious_ir7)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pic_write(&s, 0x4d0, 0x20, 1);	/* IRQ5 level */
	pic_set_irq(&s, 5, 1);
	EXPECT_TRUE(pic_has_interrupt(&s));
	pic_set_irq(&s, 5, 0);
	EXPECT_EQ(0x27, pic_get_interrupt(&s));
	EXPECT_EQ(0x00, read_isr(&s, 0x20));
}

/* A slave request withdrawn before INTA drops the slave's INT and so the
 * master's IR2 request: the master answers with its own IR7, no ISR bit set
 * on either chip. */
TEST(pic, spurious_from_slave)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pic_write(&s, 0x4d1, 0x02, 1);	/* IRQ9 level */
	pic_set_irq(&s, 9, 1);
	EXPECT_TRUE(pic_has_interrupt(&s));
	pic_set_irq(&s, 9, 0);
	EXPECT_TRUE(!pic_has_interrupt(&s));
	EXPECT_EQ(0x27, pic_get_interrupt(&s));
	EXPECT_EQ(0x00, read_isr(&s, 0x20));
	EXPECT_EQ(0x00, read_isr(&s, 0xa0));
}

/* ICW4 AEOI: the ISR bit is reset at the end of INTA. */
TEST(pic, auto_eoi)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	program(&s, 0x20, 0x08, 0x04, 0x03);
	pulse(&s, 1);
	EXPECT_EQ(0x09, pic_get_interrupt(&s));
	EXPECT_EQ(0x00, read_isr(&s, 0x20));
	pulse(&s, 1);
	EXPECT_EQ(0x09, pic_get_interrupt(&s));
}

/* Rotate on non-specific EOI (R=1 SL=0 EOI=1): the serviced IR becomes the
 * lowest, so after IR1 the order is 2..7, 0, 1. */
TEST(pic, rotate_on_eoi)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pulse(&s, 1);
	pic_get_interrupt(&s);
	pic_write(&s, 0x20, 0xa0, 1);
	pulse(&s, 0);
	pulse(&s, 3);
	EXPECT_EQ(0x23, pic_get_interrupt(&s));
	pic_write(&s, 0x20, 0x20, 1);
	EXPECT_EQ(0x20, pic_get_interrupt(&s));
}

/* Set priority command (R=1 SL=1 EOI=0): L2-L0 becomes the lowest. */
TEST(pic, set_priority)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pic_write(&s, 0x20, 0xc4, 1);	/* IR4 lowest, IR5 highest */
	pulse(&s, 4);
	pulse(&s, 6);
	pulse(&s, 0);
	EXPECT_EQ(0x26, pic_get_interrupt(&s));
	pic_write(&s, 0x20, 0x20, 1);
	EXPECT_EQ(0x20, pic_get_interrupt(&s));
	pic_write(&s, 0x20, 0x20, 1);
	EXPECT_EQ(0x24, pic_get_interrupt(&s));
}

/* Rotate in AEOI mode (OCW2 R=1 SL=0 EOI=0) rotates at each INTA. */
TEST(pic, rotate_in_aeoi)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	program(&s, 0x20, 0x20, 0x04, 0x03);
	pic_write(&s, 0x20, 0x80, 1);
	pulse(&s, 3);
	pulse(&s, 5);
	EXPECT_EQ(0x23, pic_get_interrupt(&s));	/* IR3 now lowest */
	pulse(&s, 3);
	EXPECT_EQ(0x25, pic_get_interrupt(&s));
	EXPECT_EQ(0x23, pic_get_interrupt(&s));
}

/* Poll command (OCW3 P=1): the next read returns I=1 and W2-W0, and acts as
 * the INTA (ISR set); with nothing pending I=0. */
TEST(pic, poll_mode)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pic_write(&s, 0x20, 0x0c, 1);
	EXPECT_EQ(0x00, pic_read(&s, 0x20, 1));
	pulse(&s, 6);
	pic_write(&s, 0x20, 0x0c, 1);
	EXPECT_EQ(0x86, pic_read(&s, 0x20, 1));
	EXPECT_EQ(0x40, read_isr(&s, 0x20));
	EXPECT_TRUE(!pic_has_interrupt(&s));
	/* The poll lasts one read; then the selected register reads again. */
	EXPECT_EQ(0x40, pic_read(&s, 0x20, 1));
}

/* Special mask mode: with it set, masking the level in service lets lower
 * levels through. */
TEST(pic, special_mask_mode)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pulse(&s, 1);
	pic_get_interrupt(&s);
	pulse(&s, 3);
	EXPECT_TRUE(!pic_has_interrupt(&s));
	pic_write(&s, 0x21, 0x02, 1);
	EXPECT_TRUE(!pic_has_interrupt(&s));
	pic_write(&s, 0x20, 0x68, 1);	/* ESMM=1 SMM=1 */
	EXPECT_TRUE(pic_has_interrupt(&s));
	EXPECT_EQ(0x23, pic_get_interrupt(&s));
	pic_write(&s, 0x20, 0x48, 1);	/* ESMM=1 SMM=0 */
	pulse(&s, 4);
	EXPECT_TRUE(!pic_has_interrupt(&s));
}

/* ICW1 clears IMR and the ISR, and IR7 becomes the lowest priority. */
TEST(pic, icw1_resets_state)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };

	pc_init(&s, &pin);
	pic_write(&s, 0x21, 0xff, 1);
	pic_write(&s, 0x20, 0xc0, 1);	/* IR0 lowest */
	pc_init(&s, &pin);
	EXPECT_EQ(0x00, pic_read(&s, 0x21, 1));
	pulse(&s, 0);
	pulse(&s, 7);
	EXPECT_EQ(0x20, pic_get_interrupt(&s));
}

/* Two controllers share nothing. */
TEST(pic, two_instances)
{
	struct pic_state a, b;
	struct cpu_pin pa = { 0 }, pb = { 0 };

	pc_init(&a, &pa);
	pc_init(&b, &pb);
	pulse(&a, 1);
	EXPECT_EQ(1, pa.level);
	EXPECT_EQ(0, pb.level);
	EXPECT_TRUE(!pic_has_interrupt(&b));
}

TEST(pic, irq_line_drives_input)
{
	struct pic_state s;
	struct cpu_pin pin = { 0 };
	struct irq_line line;

	pc_init(&s, &pin);
	line = pic_irq_line(&s, 14);
	irq_line_set(&line, 1);
	EXPECT_EQ(0x2e, pic_get_interrupt(&s));
}
