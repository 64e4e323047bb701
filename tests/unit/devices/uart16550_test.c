/* 16550A: registers, divisor latch, THRE/RDA/CTI/RLS/MSR interrupts and
 * their priority, FIFOs and trigger levels, overrun, loopback, OUT2 gate.
 * Tables cited are from the PC16550D datasheet (Table II register
 * summary, Table IV interrupt control functions). */
#include "test.h"

#include <string.h>

#include "devices/uart16550.h"
#include "fakes.h"

struct rig {
	struct uart_state u;
	struct fake_irq irq;
	struct fake_sink out;
};

static void rig_init(struct rig *r)
{
	memset(r, 0, sizeof(*r));
	uart_init(&r->u, 0x3f8, fake_sink_of(&r->out),
		  fake_irq_of(&r->irq, 4));
}

static uint8_t in8(struct rig *r, int reg)
{
	return (uint8_t)uart_read(&r->u, (uint16_t)(0x3f8 + reg), 1);
}

static void out8(struct rig *r, int reg, uint8_t v)
{
	uart_write(&r->u, (uint16_t)(0x3f8 + reg), v, 1);
}

/* Reset column of the register summary: IER 0, IIR 01, LCR 0, MCR 0,
 * LSR 60; MSR shows the input lines (here CTS, DSR, DCD). */
TEST(uart, reset_values)
{
	struct rig r;

	rig_init(&r);
	EXPECT_EQ(0x00, in8(&r, 1));
	EXPECT_EQ(0x01, in8(&r, 2));
	EXPECT_EQ(0x00, in8(&r, 3));
	EXPECT_EQ(0x00, in8(&r, 4));
	EXPECT_EQ(0x60, in8(&r, 5));
	EXPECT_EQ(0xb0, in8(&r, 6));
}

TEST(uart, divisor_latch)
{
	struct rig r;

	rig_init(&r);
	out8(&r, 3, 0x80);
	out8(&r, 0, 0x01);	/* 115200 baud */
	out8(&r, 1, 0x00);
	EXPECT_EQ(0x01, in8(&r, 0));
	EXPECT_EQ(0x00, in8(&r, 1));
	EXPECT_EQ(0, r.out.n);	/* DLL write is not data */
	out8(&r, 3, 0x03);	/* 8N1, DLAB off */
	EXPECT_EQ(1, r.u.divisor);
	EXPECT_EQ(0x00, in8(&r, 1));	/* IER again */
}

TEST(uart, transmit)
{
	struct rig r;

	rig_init(&r);
	out8(&r, 0, 'o');
	out8(&r, 0, 'k');
	EXPECT_STREQ("ok", r.out.buf);
	EXPECT_EQ(0x60, in8(&r, 5));
}

/* THRE interrupt: enabling ETBEI with THR empty raises it; reading IIR
 * (with THRE as the source) or writing THR clears it; the IRQ reaches the
 * bus only with OUT2. */
TEST(uart, thre_interrupt)
{
	struct rig r;

	rig_init(&r);
	out8(&r, 4, 0x08);
	out8(&r, 1, 0x02);
	EXPECT_EQ(1, r.irq.level);
	EXPECT_EQ(0x02, in8(&r, 2));
	EXPECT_EQ(0, r.irq.level);
	EXPECT_EQ(0x01, in8(&r, 2));
	out8(&r, 0, 'x');	/* empties again at once */
	EXPECT_EQ(1, r.irq.level);
	out8(&r, 1, 0x00);
	EXPECT_EQ(0, r.irq.level);
}

TEST(uart, out2_gates_irq)
{
	struct rig r;

	rig_init(&r);
	out8(&r, 1, 0x01);
	uart_receive(&r.u, 'a');
	EXPECT_EQ(0x04, in8(&r, 2));
	EXPECT_EQ(0, r.irq.level);
	out8(&r, 4, 0x08);
	EXPECT_EQ(1, r.irq.level);
}

/* Priorities: line status, then received data, then THRE, then modem. */
TEST(uart, interrupt_priority)
{
	struct rig r;

	rig_init(&r);
	out8(&r, 4, 0x08);
	out8(&r, 1, 0x0f);
	uart_receive(&r.u, 'a');
	uart_receive(&r.u, 'b');	/* overrun, no FIFO */
	uart_set_modem_lines(&r.u, UART_MSR_CTS | UART_MSR_DSR);
	EXPECT_EQ(0x06, in8(&r, 2));
	EXPECT_EQ(0x63, in8(&r, 5));	/* THRE TEMT OE DR; OE clears */
	EXPECT_EQ(0x04, in8(&r, 2));
	EXPECT_EQ('b', in8(&r, 0));	/* the newer byte won */
	EXPECT_EQ(0x02, in8(&r, 2));	/* this read clears THRE */
	EXPECT_EQ(0x00, in8(&r, 2));
	EXPECT_EQ(0x38, in8(&r, 6));	/* CTS DSR, DDCD */
	EXPECT_EQ(0x01, in8(&r, 2));
	EXPECT_EQ(0, r.irq.level);
}

/* FCR: FIFOs on shows 11 in IIR bits 7-6; with trigger 14, fewer bytes
 * give a character timeout, 14 give RDA. */
TEST(uart, fifo_trigger_levels)
{
	struct rig r;

	rig_init(&r);
	out8(&r, 2, 0xc7);
	out8(&r, 1, 0x01);
	EXPECT_EQ(0xc1, in8(&r, 2));
	for (int i = 0; i < 3; i++)
		uart_receive(&r.u, (uint8_t)('a' + i));
	EXPECT_EQ(0xcc, in8(&r, 2));
	for (int i = 3; i < 14; i++)
		uart_receive(&r.u, (uint8_t)('a' + i));
	EXPECT_EQ(0xc4, in8(&r, 2));
	out8(&r, 2, 0x41);	/* trigger 4 */
	EXPECT_EQ(0xc4, in8(&r, 2));
	EXPECT_EQ(2, uart_rx_space(&r.u));
}

TEST(uart, fifo_order_and_overrun)
{
	struct rig r;

	rig_init(&r);
	out8(&r, 2, 0x01);
	for (int i = 0; i < 16; i++)
		EXPECT_TRUE(uart_receive(&r.u, (uint8_t)i));
	EXPECT_TRUE(!uart_receive(&r.u, 99));
	EXPECT_EQ(0x63, in8(&r, 5));
	for (int i = 0; i < 16; i++)
		EXPECT_EQ(i, in8(&r, 0));
	EXPECT_EQ(0x60, in8(&r, 5));
}

TEST(uart, fcr_clears_receiver)
{
	struct rig r;

	rig_init(&r);
	out8(&r, 2, 0x01);
	uart_receive(&r.u, 'a');
	out8(&r, 2, 0x03);
	EXPECT_EQ(0x60, in8(&r, 5));
	uart_receive(&r.u, 'b');
	out8(&r, 2, 0x00);	/* FIFOs off: both cleared */
	EXPECT_EQ(0x60, in8(&r, 5));
	EXPECT_EQ(0x01, in8(&r, 2));
}

/* Loopback: THR goes to RBR, nothing leaves; MSR shows RTS->CTS,
 * DTR->DSR, OUT1->RI, OUT2->DCD; host input is disconnected. */
TEST(uart, loopback)
{
	struct rig r;

	rig_init(&r);
	out8(&r, 4, 0x10);
	EXPECT_EQ(0x0b, in8(&r, 6) & 0x0f);	/* CTS DSR DCD fell */
	EXPECT_EQ(0x00, in8(&r, 6));
	out8(&r, 0, 'L');
	EXPECT_EQ(0, r.out.n);
	EXPECT_EQ(0x61, in8(&r, 5));
	EXPECT_EQ('L', in8(&r, 0));
	out8(&r, 4, 0x1f);
	EXPECT_EQ(0xfb, in8(&r, 6));
	out8(&r, 4, 0x1b);	/* OUT1 (RI) falls: TERI */
	EXPECT_EQ(0xb4, in8(&r, 6));
	EXPECT_TRUE(!uart_receive(&r.u, 'x'));
	EXPECT_EQ(0x60, in8(&r, 5));
}

TEST(uart, scratch)
{
	struct rig r;

	rig_init(&r);
	out8(&r, 7, 0x5a);
	EXPECT_EQ(0x5a, in8(&r, 7));
}

TEST(uart, two_ports)
{
	struct rig a, b;

	rig_init(&a);
	rig_init(&b);
	out8(&a, 0, 'a');
	EXPECT_EQ(1, a.out.n);
	EXPECT_EQ(0, b.out.n);
}

/* The probe Linux's 8250 driver runs (autoconfig): IER holds 0 and 0x0F,
 * loopback with RTS|OUT2 shows CTS|DCD (0x90), enabling FIFOs shows 11
 * in IIR bits 7-6, and no 64-byte FIFO bit (IIR bit 5) answers, so the
 * port is taken for a 16550A. */
TEST(uart, linux_probe_sees_16550a)
{
	struct rig r;

	rig_init(&r);
	out8(&r, 1, 0x00);
	EXPECT_EQ(0x00, in8(&r, 1) & 0x0f);
	out8(&r, 1, 0x0f);
	EXPECT_EQ(0x0f, in8(&r, 1) & 0x0f);
	out8(&r, 1, 0x00);
	out8(&r, 4, 0x1a);
	EXPECT_EQ(0x90, in8(&r, 6) & 0xf0);
	out8(&r, 4, 0x00);
	out8(&r, 3, 0xbf);
	out8(&r, 2, 0x00);	/* EFR on a 16650; FCR here */
	out8(&r, 3, 0x00);
	out8(&r, 2, 0x01);
	EXPECT_EQ(3, in8(&r, 2) >> 6);
	out8(&r, 3, 0x80);
	EXPECT_TRUE(in8(&r, 2) != 0);	/* no EFR behind DLAB */
	out8(&r, 3, 0x00);
	out8(&r, 2, 0x21);	/* 64-byte FIFO request */
	EXPECT_EQ(6, in8(&r, 2) >> 5);
}
