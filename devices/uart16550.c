/* 16550A UART. Transmission is instant (a byte written to THR is out at
 * once, so THRE never stays low), and the character timeout is pending as
 * soon as the receiver holds bytes below the trigger level, since nothing
 * here models line time. Ref: National Semiconductor PC16550D datasheet. */
#include "devices/uart16550.h"

static bool fifo_on(const struct uart_state *s)
{
	return s->fcr & UART_FCR_ENABLE;
}

static int trigger_level(const struct uart_state *s)
{
	static const uint8_t levels[4] = { 1, 4, 8, 14 };

	return fifo_on(s) ? levels[s->fcr >> 6] : 1;
}

/* The interrupt identification, highest priority first. */
static uint8_t interrupt_id(const struct uart_state *s)
{
	if ((s->ier & UART_IER_ELSI) && (s->lsr & UART_LSR_ERRORS))
		return UART_IIR_RLS;
	if ((s->ier & UART_IER_ERBFI) && s->rx_count) {
		if (s->rx_count >= trigger_level(s))
			return UART_IIR_RDA;
		return UART_IIR_CTI;
	}
	if ((s->ier & UART_IER_ETBEI) && s->thre_pending)
		return UART_IIR_THRE;
	if ((s->ier & UART_IER_EDSSI) && (s->msr & UART_MSR_DELTAS))
		return UART_IIR_MSR;
	return UART_IIR_NO_INT;
}

static void update_irq(struct uart_state *s)
{
	bool level = interrupt_id(s) != UART_IIR_NO_INT &&
		     (s->mcr & UART_MCR_OUT2);

	if (level != s->irq_level) {
		s->irq_level = level;
		irq_line_set(&s->irq, level);
	}
}

/* Sets MSR bits 4-7, with the delta bits for what changed (TERI on the
 * trailing edge of RI). */
static void set_modem_status(struct uart_state *s, uint8_t status)
{
	uint8_t changed = (uint8_t)((s->msr ^ status) & 0xf0);

	if (changed & UART_MSR_CTS)
		s->msr |= UART_MSR_DCTS;
	if (changed & UART_MSR_DSR)
		s->msr |= UART_MSR_DDSR;
	if (changed & UART_MSR_DCD)
		s->msr |= UART_MSR_DDCD;
	if ((changed & UART_MSR_RI) && !(status & UART_MSR_RI))
		s->msr |= UART_MSR_TERI;
	s->msr = (uint8_t)((s->msr & UART_MSR_DELTAS) | (status & 0xf0));
}

/* In loopback the modem outputs feed the inputs: RTS->CTS, DTR->DSR,
 * OUT1->RI, OUT2->DCD. */
static uint8_t modem_inputs(const struct uart_state *s)
{
	uint8_t m = s->mcr;

	if (!(m & UART_MCR_LOOP))
		return s->host_lines;
	return (uint8_t)(((m & UART_MCR_RTS) ? UART_MSR_CTS : 0) |
			 ((m & UART_MCR_DTR) ? UART_MSR_DSR : 0) |
			 ((m & UART_MCR_OUT1) ? UART_MSR_RI : 0) |
			 ((m & UART_MCR_OUT2) ? UART_MSR_DCD : 0));
}

static void clear_rx(struct uart_state *s)
{
	s->rx_head = 0;
	s->rx_count = 0;
	s->lsr &= ~UART_LSR_DR;
}

void uart_init(struct uart_state *s, uint16_t base, struct byte_sink out,
	       struct irq_line irq)
{
	*s = (struct uart_state){
		.base = base, .out = out, .irq = irq,
		.host_lines = UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD,
	};
	uart_reset(s);
}

/* MR (master reset): all but RBR, THR, DLL, DLM and SCR to their reset
 * values. */
void uart_reset(struct uart_state *s)
{
	s->ier = 0;
	s->lcr = 0;
	s->mcr = 0;
	s->fcr = 0;
	s->lsr = UART_LSR_THRE | UART_LSR_TEMT;
	s->msr = s->host_lines & 0xf0;
	s->thre_pending = false;
	clear_rx(s);
	s->irq_level = false;
	irq_line_set(&s->irq, 0);
}

static void push_rx(struct uart_state *s, uint8_t byte)
{
	int size = fifo_on(s) ? UART_FIFO_SIZE : 1;

	if (s->rx_count == size) {
		s->lsr |= UART_LSR_OE;
		if (!fifo_on(s))	/* the holding register is overwritten */
			s->rx[s->rx_head] = byte;
	} else {
		s->rx[(s->rx_head + s->rx_count) % UART_FIFO_SIZE] = byte;
		s->rx_count++;
	}
	s->lsr |= UART_LSR_DR;
}

static uint8_t pop_rx(struct uart_state *s)
{
	if (s->rx_count) {
		s->rbr = s->rx[s->rx_head];
		s->rx_head = (s->rx_head + 1) % UART_FIFO_SIZE;
		s->rx_count--;
	}
	if (!s->rx_count)
		s->lsr &= ~UART_LSR_DR;
	return s->rbr;
}

static void transmit(struct uart_state *s, uint8_t byte)
{
	if (s->mcr & UART_MCR_LOOP)
		push_rx(s, byte);
	else
		byte_sink_put(&s->out, byte);
	s->thre_pending = true;	/* THR is empty again at once */
}

static void write_fcr(struct uart_state *s, uint8_t val)
{
	if ((val ^ s->fcr) & UART_FCR_ENABLE)	/* toggling clears both */
		clear_rx(s);
	if (val & UART_FCR_CLEAR_RX)
		clear_rx(s);
	s->fcr = val & (UART_FCR_ENABLE | UART_FCR_TRIGGER);
}

static uint8_t read_reg(struct uart_state *s, int reg)
{
	uint8_t v, id;

	switch (reg) {
	case UART_RBR:
		return (s->lcr & UART_LCR_DLAB) ? (uint8_t)s->divisor : pop_rx(s);
	case UART_IER:
		return (s->lcr & UART_LCR_DLAB) ? (uint8_t)(s->divisor >> 8) :
						  s->ier;
	case UART_IIR:
		id = interrupt_id(s);
		if (id == UART_IIR_THRE)
			s->thre_pending = false;
		return (uint8_t)(id | (fifo_on(s) ? UART_IIR_FIFOS : 0));
	case UART_LCR:
		return s->lcr;
	case UART_MCR:
		return s->mcr;
	case UART_LSR:
		v = s->lsr;
		s->lsr &= ~UART_LSR_ERRORS;
		return v;
	case UART_MSR:
		v = s->msr;
		s->msr &= ~UART_MSR_DELTAS;
		return v;
	default:
		return s->scr;
	}
}

static void write_reg(struct uart_state *s, int reg, uint8_t val)
{
	switch (reg) {
	case UART_THR:
		if (s->lcr & UART_LCR_DLAB)
			s->divisor = (uint16_t)((s->divisor & 0xff00) | val);
		else
			transmit(s, val);
		break;
	case UART_IER:
		if (s->lcr & UART_LCR_DLAB) {
			s->divisor = (uint16_t)((s->divisor & 0xff) | val << 8);
			break;
		}
		/* Enabling ETBEI with THR empty raises THRE at once. */
		if ((val & ~s->ier & UART_IER_ETBEI) &&
		    (s->lsr & UART_LSR_THRE))
			s->thre_pending = true;
		s->ier = val & 0x0f;
		break;
	case UART_FCR:
		write_fcr(s, val);
		break;
	case UART_LCR:
		s->lcr = val;
		break;
	case UART_MCR:
		s->mcr = val & 0x1f;
		set_modem_status(s, modem_inputs(s));
		break;
	case UART_SCR:
		s->scr = val;
		break;
	default:
		break;	/* LSR and MSR are for reading */
	}
}

uint32_t uart_read(struct uart_state *s, uint16_t port, int size)
{
	uint8_t v = read_reg(s, (port - s->base) & 7);

	(void)size;
	update_irq(s);
	return v;
}

void uart_write(struct uart_state *s, uint16_t port, uint32_t val, int size)
{
	(void)size;
	write_reg(s, (port - s->base) & 7, (uint8_t)val);
	update_irq(s);
}

int uart_rx_space(const struct uart_state *s)
{
	if (s->mcr & UART_MCR_LOOP)
		return 0;
	return (fifo_on(s) ? UART_FIFO_SIZE : 1) - s->rx_count;
}

bool uart_receive(struct uart_state *s, uint8_t byte)
{
	bool room = uart_rx_space(s) > 0;

	if (s->mcr & UART_MCR_LOOP)
		return false;	/* the serial input is disconnected */
	push_rx(s, byte);
	update_irq(s);
	return room;
}

void uart_set_modem_lines(struct uart_state *s, uint8_t lines)
{
	s->host_lines = lines & 0xf0;
	set_modem_status(s, modem_inputs(s));
	update_irq(s);
}

static uint32_t io_read(void *opaque, uint16_t port, int size)
{
	return uart_read(opaque, port, size);
}

static void io_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	uart_write(opaque, port, val, size);
}

bool uart_attach(struct uart_state *s, struct ioport_bus *bus)
{
	return ioport_register(bus, s->base, 8, 1, "uart", io_read, io_write,
			       s);
}
