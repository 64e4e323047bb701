/* The PC's two cascaded 8259A interrupt controllers with PIIX ELCR.
 * Deliberate difference: an edge request stays latched in IRR until INTA
 * even if the line drops first, because the CPU samples INT only between
 * translation blocks. Ref: Intel 8259A datasheet; Intel PIIX3 datasheet. */
#include "devices/i8259.h"

#include "devices/devlog.h"

static uint8_t level_mask(const struct pic_chip *c)
{
	return c->ltim ? 0xff : c->elcr;
}

/* Priority of ir: 0 is the highest, 7 the lowest (ir == lowest). */
static int priority(const struct pic_chip *c, int ir)
{
	return (ir - c->lowest - 1) & 7;
}

/* The IR of the highest-priority bit in bits, or -1. */
static int highest(const struct pic_chip *c, uint8_t bits)
{
	for (int p = 0; p < 8; p++) {
		int ir = (c->lowest + 1 + p) & 7;
		if (bits & (1u << ir))
			return ir;
	}
	return -1;
}

/* The IR this chip would present at INTA, or -1 if INT is low. */
static int pending(const struct pic_chip *c)
{
	uint8_t in_service = c->isr;
	int req = highest(c, c->irr & ~c->imr);
	int cur;

	if (req < 0)
		return -1;
	if (c->special_mask)	/* masked levels do not block others */
		in_service &= ~c->imr;
	if (c->sfnm && c->is_master)	/* the slave may nest on IR2 */
		in_service &= ~(1u << PIC_CASCADE_IR);
	cur = highest(c, in_service);
	if (cur >= 0 && priority(c, cur) <= priority(c, req))
		return -1;
	return req;
}

static void set_input(struct pic_chip *c, int ir, int level)
{
	uint8_t bit = (uint8_t)(1u << ir);

	if (level_mask(c) & bit) {
		if (level)
			c->irr |= bit;
		else
			c->irr &= ~bit;
	} else if (level && !(c->lines & bit)) {
		c->irr |= bit;	/* rising edge */
	}
	if (level)
		c->lines |= bit;
	else
		c->lines &= ~bit;
}

/* Level-triggered IRR bits follow their lines (after an ELCR or ICW1). */
static void resync_levels(struct pic_chip *c)
{
	uint8_t lvl = level_mask(c);

	c->irr = (uint8_t)((c->irr & ~lvl) | (c->lines & lvl));
}

/* Propagates slave INT to master IR2 and master INT to the CPU. */
static void update(struct pic_state *s)
{
	bool level, slave_int = pending(&s->chip[1]) >= 0;

	/* The cascade wire is internal, so the latch-until-INTA exception
	 * above does not apply: IRR2 is the edge latch AND the slave's INT. */
	set_input(&s->chip[0], PIC_CASCADE_IR, slave_int);
	if (!slave_int)
		s->chip[0].irr &= ~(1u << PIC_CASCADE_IR);
	level = pending(&s->chip[0]) >= 0;
	if (level != s->intr_level) {
		s->intr_level = level;
		irq_line_set(&s->intr, level);
	}
}

static void acknowledge(struct pic_chip *c, int ir)
{
	uint8_t bit = (uint8_t)(1u << ir);

	if (!(level_mask(c) & bit))
		c->irr &= ~bit;
	if (!c->aeoi)
		c->isr |= bit;
	else if (c->rotate_aeoi)
		c->lowest = (uint8_t)ir;
}

static void reset_chip(struct pic_chip *c, bool is_master)
{
	*c = (struct pic_chip){
		.lowest = 7,
		.is_master = is_master,
		.elcr_mask = is_master ? PIC_ELCR_MASTER_MASK :
					 PIC_ELCR_SLAVE_MASK,
	};
}

void pic_init(struct pic_state *s, struct irq_line intr)
{
	s->intr = intr;
	s->logged_8080 = false;
	pic_reset(s);
}

void pic_reset(struct pic_state *s)
{
	reset_chip(&s->chip[0], true);
	reset_chip(&s->chip[1], false);
	s->intr_level = false;
	irq_line_set(&s->intr, 0);
}

void pic_set_irq(struct pic_state *s, int irq, int level)
{
	set_input(&s->chip[irq >> 3], irq & 7, level);
	update(s);
}

static void irq_line_adapter(void *opaque, int n, int level)
{
	pic_set_irq(opaque, n, level);
}

struct irq_line pic_irq_line(struct pic_state *s, int irq)
{
	return (struct irq_line){ irq_line_adapter, s, irq };
}

bool pic_has_interrupt(const struct pic_state *s)
{
	return pending(&s->chip[0]) >= 0;
}

uint8_t pic_get_interrupt(struct pic_state *s)
{
	struct pic_chip *m = &s->chip[0], *sl = &s->chip[1];
	int ir = pending(m);
	uint8_t vector;

	if (ir < 0) {
		vector = m->vector_base + 7;	/* spurious IR7 */
	} else if (ir == PIC_CASCADE_IR && !m->single) {
		int sir = pending(sl);

		acknowledge(m, ir);
		if (sir < 0) {	/* only if the request vanished mid-INTA */
			vector = sl->vector_base + 7;	/* spurious IR15 */
		} else {
			acknowledge(sl, sir);
			vector = (uint8_t)(sl->vector_base + sir);
		}
	} else {
		acknowledge(m, ir);
		vector = (uint8_t)(m->vector_base + ir);
	}
	update(s);
	return vector;
}

/* Poll command: the read acts as INTA and returns I and W2-W0. */
static uint8_t poll_read(struct pic_state *s, struct pic_chip *c)
{
	int ir = pending(c);

	c->poll = false;
	if (ir < 0)
		return 0;
	acknowledge(c, ir);
	update(s);
	return (uint8_t)(PIC_POLL_I | ir);
}

static void write_icw1(struct pic_chip *c, uint8_t val)
{
	bool is_master = c->is_master;
	uint8_t lines = c->lines, elcr = c->elcr, elcr_mask = c->elcr_mask;

	reset_chip(c, is_master);	/* IMR, ISR, priority, SMM, RR cleared */
	c->lines = lines;
	c->elcr = elcr;
	c->elcr_mask = elcr_mask;
	c->ltim = val & PIC_ICW1_LTIM;
	c->single = val & PIC_ICW1_SNGL;
	c->icw4_needed = val & PIC_ICW1_IC4;
	c->init_step = 2;
	resync_levels(c);	/* edge inputs need a fresh rising edge */
}

static void write_ocw2(struct pic_chip *c, uint8_t val)
{
	int ir = val & 7;

	switch (val & (PIC_OCW2_R | PIC_OCW2_SL | PIC_OCW2_EOI)) {
	case PIC_OCW2_EOI:	/* non-specific EOI */
	case PIC_OCW2_R | PIC_OCW2_EOI:	/* rotate on non-specific EOI */
		ir = highest(c, c->isr);
		if (ir < 0)
			return;
		c->isr &= ~(1u << ir);
		if (val & PIC_OCW2_R)
			c->lowest = (uint8_t)ir;
		break;
	case PIC_OCW2_SL | PIC_OCW2_EOI:	/* specific EOI */
		c->isr &= ~(1u << ir);
		break;
	case PIC_OCW2_R | PIC_OCW2_SL | PIC_OCW2_EOI:	/* rotate, specific */
		c->isr &= ~(1u << ir);
		c->lowest = (uint8_t)ir;
		break;
	case PIC_OCW2_R | PIC_OCW2_SL:	/* set priority */
		c->lowest = (uint8_t)ir;
		break;
	case PIC_OCW2_R:	/* set rotate in AEOI mode */
		c->rotate_aeoi = true;
		break;
	case 0:			/* clear rotate in AEOI mode */
		c->rotate_aeoi = false;
		break;
	default:		/* SL alone: no operation */
		break;
	}
}

static void write_ocw3(struct pic_chip *c, uint8_t val)
{
	if (val & PIC_OCW3_P)
		c->poll = true;
	if (val & PIC_OCW3_RR)
		c->read_isr = val & PIC_OCW3_RIS;
	if (val & PIC_OCW3_ESMM)
		c->special_mask = val & PIC_OCW3_SMM;
}

static void write_data(struct pic_state *s, struct pic_chip *c, uint8_t val)
{
	switch (c->init_step) {
	case 2:
		c->vector_base = val & 0xf8;
		c->init_step = c->single ? (c->icw4_needed ? 4 : 0) : 3;
		break;
	case 3:
		c->icw3 = val;
		c->init_step = c->icw4_needed ? 4 : 0;
		break;
	case 4:
		if (!(val & PIC_ICW4_UPM))
			devlog_once(&s->logged_8080, "8259: 8080 mode (ICW4 uPM=0) unimplemented, using 8086 mode");
		c->aeoi = val & PIC_ICW4_AEOI;
		c->sfnm = val & PIC_ICW4_SFNM;
		c->init_step = 0;
		break;
	default:
		c->imr = val;	/* OCW1 */
		break;
	}
}

uint32_t pic_read(struct pic_state *s, uint16_t port, int size)
{
	struct pic_chip *c;

	(void)size;
	if ((port & ~1u) == PIC_ELCR_BASE)
		return s->chip[port & 1].elcr;
	c = &s->chip[(port & 0x80) ? 1 : 0];
	if (port & 1)
		return c->imr;
	if (c->poll)
		return poll_read(s, c);
	return c->read_isr ? c->isr : c->irr;
}

void pic_write(struct pic_state *s, uint16_t port, uint32_t val, int size)
{
	uint8_t v = (uint8_t)val;
	struct pic_chip *c;

	(void)size;
	if ((port & ~1u) == PIC_ELCR_BASE) {
		c = &s->chip[port & 1];
		c->elcr = v & c->elcr_mask;
		resync_levels(c);
	} else {
		c = &s->chip[(port & 0x80) ? 1 : 0];
		if (port & 1)
			write_data(s, c, v);
		else if (v & PIC_ICW1)
			write_icw1(c, v);
		else if (v & PIC_OCW3)
			write_ocw3(c, v);
		else
			write_ocw2(c, v);
	}
	update(s);
}

static uint32_t io_read(void *opaque, uint16_t port, int size)
{
	return pic_read(opaque, port, size);
}

static void io_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	pic_write(opaque, port, val, size);
}

bool pic_attach(struct pic_state *s, struct ioport_bus *bus)
{
	return ioport_register(bus, PIC_MASTER_BASE, 2, 1, "pic-master",
			       io_read, io_write, s) &&
	       ioport_register(bus, PIC_SLAVE_BASE, 2, 1, "pic-slave",
			       io_read, io_write, s) &&
	       ioport_register(bus, PIC_ELCR_BASE, 2, 1, "elcr", io_read,
			       io_write, s);
}
