/* The 82093AA I/O APIC.  Inputs are the asserted state of each line
 * (polarity is a register only); an edge while masked is lost; delivery is
 * at once (the delivery status bit reads 0).  Messages other than fixed
 * and lowest priority go to the local APIC, which logs what it lacks.
 * Ref: Intel 82093AA I/O APIC datasheet (290566), sections 3.1-3.2. */
#include "devices/ioapic.h"

static uint32_t rte_low(const struct ioapic_state *s, int pin)
{
	return (uint32_t)s->rte[pin];
}

static bool asserted(const struct ioapic_state *s, int pin)
{
	return s->lines >> pin & 1;
}

/* Sends pin's message if its entry lets it: unmasked, and for a level
 * input no earlier one awaiting its EOI (remote IRR). */
static void send(struct ioapic_state *s, int pin)
{
	uint32_t low = rte_low(s, pin);
	bool level = low & IOAPIC_RTE_LEVEL;

	if (low & IOAPIC_RTE_MASKED || (level && (low & IOAPIC_RTE_REMOTE)))
		return;
	if (level)
		s->rte[pin] |= IOAPIC_RTE_REMOTE;
	s->bus.deliver(s->bus.opaque, (uint8_t)(s->rte[pin] >> 56), low & IOAPIC_RTE_LOGICAL,
		       (int)(low & IOAPIC_RTE_MODE) >> 8, (uint8_t)(low & IOAPIC_RTE_VECTOR), level);
}

void ioapic_set_irq(struct ioapic_state *s, int pin, int level)
{
	bool was = asserted(s, pin);

	if (pin < 0 || pin >= IOAPIC_PINS)
		return;
	if (level)
		s->lines |= 1u << pin;
	else
		s->lines &= ~(1u << pin);
	if (level && (!was || (rte_low(s, pin) & IOAPIC_RTE_LEVEL)))
		send(s, pin);
}

void ioapic_eoi(struct ioapic_state *s, uint8_t vector)
{
	for (int pin = 0; pin < IOAPIC_PINS; pin++) {
		uint32_t low = rte_low(s, pin);

		if ((low & IOAPIC_RTE_VECTOR) != vector || !(low & IOAPIC_RTE_REMOTE))
			continue;
		s->rte[pin] &= ~(uint64_t)IOAPIC_RTE_REMOTE;
		if (asserted(s, pin))
			send(s, pin);
	}
}

static uint32_t read_indexed(const struct ioapic_state *s, uint32_t index)
{
	int pin = (int)(index - IOAPIC_REDTBL) / 2;

	switch (index) {
	case IOAPIC_ID: return s->id;
	case IOAPIC_VER: return IOAPIC_VER_VALUE;
	case IOAPIC_ARB: return s->id;	/* arbitration ID: loaded from the ID */
	}
	if (index < IOAPIC_REDTBL || pin >= IOAPIC_PINS)
		return 0;
	return (uint32_t)(s->rte[pin] >> (index & 1 ? 32 : 0));
}

static void write_indexed(struct ioapic_state *s, uint32_t index, uint32_t value)
{
	int pin = (int)(index - IOAPIC_REDTBL) / 2;
	uint64_t keep;

	if (index == IOAPIC_ID) {
		s->id = value & 0x0f000000u;
		return;
	}
	if (index < IOAPIC_REDTBL || pin >= IOAPIC_PINS)
		return;
	if (index & 1) {
		s->rte[pin] = (s->rte[pin] & 0xffffffffu) | (uint64_t)(value & 0xff000000u) << 32;
		return;
	}
	keep = s->rte[pin] & (0xffffffff00000000ull | IOAPIC_RTE_REMOTE);
	if (!(value & IOAPIC_RTE_LEVEL))
		keep &= ~(uint64_t)IOAPIC_RTE_REMOTE;	/* edge entries have no remote IRR */
	s->rte[pin] = keep | (value & IOAPIC_RTE_WRITABLE);
	if (asserted(s, pin) && (value & IOAPIC_RTE_LEVEL))
		send(s, pin);		/* unmasked while the line is asserted */
}

uint32_t ioapic_read(struct ioapic_state *s, uint32_t offset, unsigned size)
{
	(void)size;
	if (offset == IOAPIC_IOREGSEL)
		return s->regsel;
	if (offset == IOAPIC_IOWIN)
		return read_indexed(s, s->regsel);
	return 0;
}

void ioapic_write(struct ioapic_state *s, uint32_t offset, uint32_t value, unsigned size)
{
	(void)size;
	if (offset == IOAPIC_IOREGSEL)
		s->regsel = value & 0xff;
	else if (offset == IOAPIC_IOWIN)
		write_indexed(s, s->regsel, value);
}

void ioapic_reset(struct ioapic_state *s)
{
	s->regsel = 0;
	s->id = 0;
	for (int pin = 0; pin < IOAPIC_PINS; pin++)
		s->rte[pin] = IOAPIC_RTE_MASKED;
}

void ioapic_init(struct ioapic_state *s, struct ioapic_bus bus)
{
	*s = (struct ioapic_state){ .bus = bus };
	ioapic_reset(s);
}
