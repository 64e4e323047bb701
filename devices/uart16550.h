/* 16550A UART (COM1 at 0x3F8 on IRQ4, COM2 at 0x2F8 on IRQ3): FIFOs,
 * divisor latch, line and modem status, interrupt priorities, loopback.
 * Bytes go out through a sink at once; the host feeds input with
 * uart_receive(). Ref: National Semiconductor PC16550D datasheet. */
#ifndef MIMIC_DEVICES_UART16550_H
#define MIMIC_DEVICES_UART16550_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/bytesink.h"
#include "devices/ioport.h"
#include "devices/irq.h"

#define UART_COM1_BASE 0x3f8
#define UART_COM1_IRQ  4
#define UART_COM2_BASE 0x2f8
#define UART_COM2_IRQ  3
#define UART_FIFO_SIZE 16

/* Register offsets from the base. */
#define UART_RBR 0	/* read, DLAB=0; side effect: takes a byte */
#define UART_THR 0	/* write, DLAB=0 */
#define UART_DLL 0	/* DLAB=1 */
#define UART_IER 1	/* DLAB=0 */
#define UART_DLM 1	/* DLAB=1 */
#define UART_IIR 2	/* read; side effect: clears a THRE interrupt */
#define UART_FCR 2	/* write */
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5	/* read; side effect: clears OE PE FE BI */
#define UART_MSR 6	/* read; side effect: clears the delta bits */
#define UART_SCR 7

#define UART_IER_ERBFI 0x01	/* received data available */
#define UART_IER_ETBEI 0x02	/* THR empty */
#define UART_IER_ELSI  0x04	/* receiver line status */
#define UART_IER_EDSSI 0x08	/* modem status */
#define UART_IIR_NO_INT 0x01
#define UART_IIR_RLS   0x06	/* priority 1: line status */
#define UART_IIR_RDA   0x04	/* priority 2: data at trigger level */
#define UART_IIR_CTI   0x0c	/* priority 2: character timeout */
#define UART_IIR_THRE  0x02	/* priority 3 */
#define UART_IIR_MSR   0x00	/* priority 4 */
#define UART_IIR_FIFOS 0xc0	/* FIFOs enabled */
#define UART_FCR_ENABLE   0x01
#define UART_FCR_CLEAR_RX 0x02
#define UART_FCR_CLEAR_TX 0x04
#define UART_FCR_TRIGGER  0xc0	/* 1, 4, 8, 14 bytes */
#define UART_LCR_DLAB  0x80
#define UART_MCR_DTR   0x01
#define UART_MCR_RTS   0x02
#define UART_MCR_OUT1  0x04
#define UART_MCR_OUT2  0x08	/* gates the IRQ onto the ISA bus on a PC */
#define UART_MCR_LOOP  0x10
#define UART_LSR_DR    0x01
#define UART_LSR_OE    0x02
#define UART_LSR_PE    0x04
#define UART_LSR_FE    0x08
#define UART_LSR_BI    0x10
#define UART_LSR_THRE  0x20
#define UART_LSR_TEMT  0x40
#define UART_LSR_ERRORS (UART_LSR_OE | UART_LSR_PE | UART_LSR_FE | UART_LSR_BI)
#define UART_MSR_DCTS  0x01
#define UART_MSR_DDSR  0x02
#define UART_MSR_TERI  0x04
#define UART_MSR_DDCD  0x08
#define UART_MSR_DELTAS 0x0f
#define UART_MSR_CTS   0x10
#define UART_MSR_DSR   0x20
#define UART_MSR_RI    0x40
#define UART_MSR_DCD   0x80

struct uart_state {
	uint16_t base;
	struct byte_sink out;
	struct irq_line irq;
	uint8_t rx[UART_FIFO_SIZE];	/* ring; one byte deep without FIFOs */
	int rx_head, rx_count;
	uint8_t rbr;		/* last byte read, re-read when empty */
	uint8_t ier, lcr, mcr, lsr, msr, scr;
	uint8_t fcr;		/* enable and trigger bits */
	uint16_t divisor;
	uint8_t host_lines;	/* CTS DSR RI DCD from the host side */
	bool thre_pending;	/* THRE interrupt, until IIR read or THR write */
	bool irq_level;
};

/* base is the I/O base; the host's modem lines start as CTS, DSR, DCD. */
void uart_init(struct uart_state *s, uint16_t base, struct byte_sink out,
	       struct irq_line irq);
void uart_reset(struct uart_state *s);
uint32_t uart_read(struct uart_state *s, uint16_t port, int size);
void uart_write(struct uart_state *s, uint16_t port, uint32_t val, int size);
bool uart_attach(struct uart_state *s, struct ioport_bus *bus);

/* Host input: free space in the receiver, and a byte arriving (false if
 * it was lost to an overrun or the port is in loopback). */
int uart_rx_space(const struct uart_state *s);
bool uart_receive(struct uart_state *s, uint8_t byte);
/* Host modem inputs (UART_MSR_CTS | DSR | RI | DCD). */
void uart_set_modem_lines(struct uart_state *s, uint8_t lines);

#endif
