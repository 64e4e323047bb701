/* The local APIC of a one-CPU PC.  Left out: other CPUs (INIT, SIPI and
 * IPIs to them are dropped), NMI/SMI/INIT delivered to this CPU (logged
 * once), focus checking, the thermal and performance sources (their LVT
 * entries are registers only), x2APIC and the TSC-deadline timer.  The
 * timer counts guest time at LAPIC_BUS_HZ before its divider.
 * Ref: Intel SDM Vol. 3A, chapter 10 (now 11). */
#include "devices/lapic.h"

#include "devices/devlog.h"

#define VECTOR_MIN   16		/* vectors 0-15 are illegal for fixed interrupts */
#define NS_PER_TICK  (NS_PER_SEC / LAPIC_BUS_HZ)

/* The bits of each LVT entry software can write (the rest read 0 or are
 * status). */
static const uint32_t lvt_writable[LVT_COUNT] = {
	[LVT_TIMER] = LAPIC_LVT_VECTOR | LAPIC_LVT_MASKED | LAPIC_LVT_PERIODIC,
	[LVT_THERMAL] = LAPIC_LVT_VECTOR | LAPIC_LVT_MODE | LAPIC_LVT_MASKED,
	[LVT_PERF] = LAPIC_LVT_VECTOR | LAPIC_LVT_MODE | LAPIC_LVT_MASKED,
	[LVT_LINT0] = LAPIC_LVT_VECTOR | LAPIC_LVT_MODE | LAPIC_LVT_POLARITY |
		      LAPIC_LVT_LEVEL | LAPIC_LVT_MASKED,
	[LVT_LINT1] = LAPIC_LVT_VECTOR | LAPIC_LVT_MODE | LAPIC_LVT_POLARITY |
		      LAPIC_LVT_LEVEL | LAPIC_LVT_MASKED,
	[LVT_ERROR] = LAPIC_LVT_VECTOR | LAPIC_LVT_MASKED,
};

static bool bit_test(const uint32_t *bits, unsigned v)
{
	return bits[v / 32] >> (v % 32) & 1;
}

static void bit_set(uint32_t *bits, unsigned v, bool on)
{
	if (on)
		bits[v / 32] |= 1u << (v % 32);
	else
		bits[v / 32] &= ~(1u << (v % 32));
}

/* The highest vector set in a 256-bit register, or -1. */
static int highest(const uint32_t *bits)
{
	for (int w = 7; w >= 0; w--)
		if (bits[w])
			return w * 32 + 31 - __builtin_clz(bits[w]);
	return -1;
}

static bool sw_enabled(const struct lapic_state *s)
{
	return s->svr & LAPIC_SVR_ENABLE;
}

bool lapic_enabled(const struct lapic_state *s)
{
	return s->base & LAPIC_MSR_ENABLE;
}

uint32_t lapic_base_address(const struct lapic_state *s)
{
	return s->base & LAPIC_MSR_BASE;
}

/* Processor priority: the task priority or the class of the highest
 * vector in service, whichever is higher (SDM 10.8.3.1). */
static uint32_t ppr(const struct lapic_state *s)
{
	int isrv = highest(s->isr);
	uint32_t isr_class = isrv < 0 ? 0 : (uint32_t)isrv & 0xf0;

	return (s->tpr & 0xf0) >= isr_class ? s->tpr & 0xff : isr_class;
}

/* The vector the CPU would take from IRR now, or -1. */
static int deliverable(const struct lapic_state *s)
{
	int irrv = highest(s->irr);

	if (!lapic_enabled(s) || !sw_enabled(s) || irrv < 0)
		return -1;
	return ((uint32_t)irrv & 0xf0) > (ppr(s) & 0xf0) ? irrv : -1;
}

/* The 8259's INT reaches the CPU: straight through with the APIC
 * globally disabled, else through LINT0 unmasked in ExtINT mode. */
static bool extint_pending(const struct lapic_state *s)
{
	uint32_t lint0 = s->lvt[LVT_LINT0];

	if (!s->lint[0])
		return false;
	return !lapic_enabled(s) ||
	       (lint0 & (LAPIC_LVT_MASKED | LAPIC_LVT_MODE)) == LAPIC_DM_EXTINT << 8;
}

static void update_intr(struct lapic_state *s)
{
	bool level = extint_pending(s) || deliverable(s) >= 0;

	if (level != s->intr_level) {
		s->intr_level = level;
		irq_line_set(&s->intr, level);
	}
}

static void set_irr(struct lapic_state *s, uint32_t vector, bool level);

/* An APIC error (ESR bits) and its LVT interrupt. */
static void error(struct lapic_state *s, uint32_t esr_bit)
{
	uint32_t lvt = s->lvt[LVT_ERROR];

	s->esr_pending |= esr_bit;
	if (!(lvt & LAPIC_LVT_MASKED) && (lvt & LAPIC_LVT_VECTOR) >= VECTOR_MIN)
		set_irr(s, lvt & LAPIC_LVT_VECTOR, false);
}

/* A fixed interrupt accepted: IRR, and TMR for its trigger mode. */
static void set_irr(struct lapic_state *s, uint32_t vector, bool level)
{
	if (vector < VECTOR_MIN) {
		error(s, LAPIC_ESR_RECEIVE_ILLEGAL);
		return;
	}
	bit_set(s->irr, vector, true);
	bit_set(s->tmr, vector, level);
}

/* What this CPU accepts in a delivery mode: fixed and lowest priority
 * (the only CPU is the lowest); ExtINT comes from LINT0's own path. */
static void accept(struct lapic_state *s, int mode, uint32_t vector, bool level)
{
	if (mode == LAPIC_DM_FIXED || mode == LAPIC_DM_LOWEST)
		set_irr(s, vector, level);
	else
		devlog_once(&s->logged_mode, "lapic: delivery mode %d to this CPU unimplemented, "
			    "dropped (vector %#x)", mode, vector);
}

/* An LVT entry's source fired (an edge). */
static void lvt_fire(struct lapic_state *s, enum lapic_lvt n)
{
	uint32_t lvt = s->lvt[n];
	int mode = (int)(lvt & LAPIC_LVT_MODE) >> 8;

	if (lvt & LAPIC_LVT_MASKED || mode == LAPIC_DM_EXTINT)
		return;
	accept(s, mode, lvt & LAPIC_LVT_VECTOR, n != LVT_TIMER && (lvt & LAPIC_LVT_LEVEL));
	update_intr(s);
}

/* Destination match (SDM 10.6.2): physical ID or broadcast; logical
 * through LDR in the flat or the cluster model of DFR. */
static bool accepts(const struct lapic_state *s, uint8_t dest, bool logical)
{
	uint8_t ldr = (uint8_t)(s->ldr >> 24);

	if (dest == 0xff)
		return true;
	if (!logical)
		return dest == (uint8_t)(s->id >> 24);
	if (s->dfr >> 28 == 0xf)
		return (ldr & dest) != 0;
	return ((dest >> 4) == (ldr >> 4) || (dest >> 4) == 0xf) && (dest & ldr & 0xf);
}

void lapic_deliver(struct lapic_state *s, uint8_t dest, bool logical, int mode,
		   uint8_t vector, bool level)
{
	if (!lapic_enabled(s) || !accepts(s, dest, logical))
		return;
	accept(s, mode, vector, level);
	update_intr(s);
}

/* ICR low was written: an IPI.  Only this CPU exists, so only what
 * includes it arrives. */
static void send_ipi(struct lapic_state *s)
{
	uint32_t lo = s->icr_lo, shorthand = lo & LAPIC_ICR_SHORTHAND;
	int mode = (int)(lo & LAPIC_LVT_MODE) >> 8;
	bool to_self = shorthand == LAPIC_ICR_SELF || shorthand == LAPIC_ICR_ALL ||
		       (!shorthand && accepts(s, (uint8_t)(s->icr_hi >> 24), lo & LAPIC_ICR_LOGICAL));

	if (mode == LAPIC_DM_INIT || mode == LAPIC_DM_STARTUP)
		return;		/* start-up of other CPUs: there are none */
	if (mode == LAPIC_DM_FIXED && (lo & LAPIC_LVT_VECTOR) < VECTOR_MIN) {
		error(s, LAPIC_ESR_SEND_ILLEGAL);
		update_intr(s);
		return;
	}
	if (to_self)
		accept(s, mode, lo & LAPIC_LVT_VECTOR, lo & LAPIC_ICR_LEVEL);
	update_intr(s);
}

static void eoi(struct lapic_state *s)
{
	int v = highest(s->isr);

	if (v < 0)
		return;
	bit_set(s->isr, (unsigned)v, false);
	if (bit_test(s->tmr, (unsigned)v) && s->env.eoi_level)
		s->env.eoi_level(s->env.opaque, (uint8_t)v);
	update_intr(s);
}

/* Guest ns per timer tick: the divider's 1-128 times the bus period. */
static uint64_t tick_ns(const struct lapic_state *s)
{
	uint32_t code = (s->timer_dcr & 3) | (s->timer_dcr & 8) >> 1;

	return NS_PER_TICK * (code == 7 ? 1 : 2u << code);
}

static bool periodic(const struct lapic_state *s)
{
	return s->lvt[LVT_TIMER] & LAPIC_LVT_PERIODIC;
}

/* Ticks since the count was loaded (start may lie before guest time 0:
 * the arithmetic is modulo 2^64). */
static uint64_t ticks_since_load(const struct lapic_state *s, uint64_t now)
{
	return (now - s->timer_start) / tick_ns(s);
}

static uint32_t current_count(const struct lapic_state *s, uint64_t now)
{
	uint64_t ticks = ticks_since_load(s, now);

	if (!s->timer_initial)
		return 0;
	if (periodic(s))
		return s->timer_initial - (uint32_t)(ticks % s->timer_initial);
	return ticks >= s->timer_initial ? 0 : s->timer_initial - (uint32_t)ticks;
}

/* The next expiry after now: one-shot, the count's end if still ahead;
 * periodic, the next multiple of the period. */
static void timer_arm(struct lapic_state *s, uint64_t now)
{
	uint64_t period = (uint64_t)s->timer_initial * tick_ns(s);

	if (!period)
		s->timer_deadline = CLOCK_NEVER;
	else if (periodic(s))
		s->timer_deadline = s->timer_start + (ticks_since_load(s, now) / s->timer_initial + 1) * period;
	else
		s->timer_deadline = now - s->timer_start < period ? s->timer_start + period : CLOCK_NEVER;
}

/* At or past the deadline: one interrupt, however many periods passed. */
static void timer_service(struct lapic_state *s, uint64_t now)
{
	if (now < s->timer_deadline)
		return;
	if (periodic(s))
		timer_arm(s, now);
	else
		s->timer_deadline = CLOCK_NEVER;
	lvt_fire(s, LVT_TIMER);
}

void lapic_update(struct lapic_state *s)
{
	timer_service(s, dev_clock_now(&s->clock));
}

uint64_t lapic_next_deadline(const struct lapic_state *s)
{
	return s->timer_deadline;
}

/* A new divider: the current count carries on at the new rate. */
static void write_dcr(struct lapic_state *s, uint32_t value)
{
	uint64_t now = dev_clock_now(&s->clock);
	uint32_t count;

	timer_service(s, now);
	count = current_count(s, now);
	s->timer_dcr = value & LAPIC_DCR_MASK;
	s->timer_start = now - (uint64_t)(s->timer_initial - count) * tick_ns(s);
	if (count || periodic(s))
		timer_arm(s, now);
}

static void write_lvt(struct lapic_state *s, enum lapic_lvt n, uint32_t value)
{
	uint32_t was = s->lvt[n];

	s->lvt[n] = (value & lvt_writable[n]) | (sw_enabled(s) ? 0 : LAPIC_LVT_MASKED);
	if (n == LVT_TIMER && (was ^ s->lvt[n]) & LAPIC_LVT_PERIODIC) {
		uint64_t now = dev_clock_now(&s->clock);

		timer_service(s, now);
		timer_arm(s, now);
	}
	update_intr(s);
}

static void write_svr(struct lapic_state *s, uint32_t value)
{
	s->svr = value & (LAPIC_LVT_VECTOR | LAPIC_SVR_ENABLE | LAPIC_SVR_FOCUS);
	if (!sw_enabled(s))
		for (int n = 0; n < LVT_COUNT; n++)
			s->lvt[n] |= LAPIC_LVT_MASKED;
	update_intr(s);
}

static bool in_block(uint32_t reg, uint32_t first)
{
	return reg >= first && reg < first + 0x80;
}

/* The 32-bit register at a 16-byte aligned offset; an illegal one is an
 * ESR error and reads 0. */
static uint32_t read_reg(struct lapic_state *s, uint32_t reg)
{
	if (in_block(reg, LAPIC_ISR))
		return s->isr[(reg - LAPIC_ISR) >> 4];
	if (in_block(reg, LAPIC_TMR))
		return s->tmr[(reg - LAPIC_TMR) >> 4];
	if (in_block(reg, LAPIC_IRR))
		return s->irr[(reg - LAPIC_IRR) >> 4];
	if (reg >= LAPIC_LVT_TIMER && reg <= LAPIC_LVT_ERROR)
		return s->lvt[(reg - LAPIC_LVT_TIMER) >> 4];
	switch (reg) {
	case LAPIC_ID: return s->id;
	case LAPIC_VERSION: return LAPIC_VERSION_VALUE;
	case LAPIC_TPR: return s->tpr;
	case LAPIC_APR: return 0;
	case LAPIC_PPR: return ppr(s);
	case LAPIC_EOI: return 0;
	case LAPIC_RRD: return 0;
	case LAPIC_LDR: return s->ldr;
	case LAPIC_DFR: return s->dfr;
	case LAPIC_SVR: return s->svr;
	case LAPIC_ESR: return s->esr;
	case LAPIC_ICR_LO: return s->icr_lo;
	case LAPIC_ICR_HI: return s->icr_hi;
	case LAPIC_TIMER_ICR: return s->timer_initial;
	case LAPIC_TIMER_CCR: return current_count(s, dev_clock_now(&s->clock));
	case LAPIC_TIMER_DCR: return s->timer_dcr;
	}
	error(s, LAPIC_ESR_ILLEGAL_REG);
	update_intr(s);
	return 0;
}

static bool read_only(uint32_t reg)
{
	return reg == LAPIC_VERSION || reg == LAPIC_APR || reg == LAPIC_PPR ||
	       reg == LAPIC_RRD || reg == LAPIC_TIMER_CCR || in_block(reg, LAPIC_ISR) ||
	       in_block(reg, LAPIC_TMR) || in_block(reg, LAPIC_IRR);
}

static void write_reg(struct lapic_state *s, uint32_t reg, uint32_t value)
{
	if (reg >= LAPIC_LVT_TIMER && reg <= LAPIC_LVT_ERROR) {
		write_lvt(s, (enum lapic_lvt)((reg - LAPIC_LVT_TIMER) >> 4), value);
		return;
	}
	switch (reg) {
	case LAPIC_ID: s->id = value & 0xff000000u; return;
	case LAPIC_TPR: s->tpr = value & 0xff; update_intr(s); return;
	case LAPIC_EOI: eoi(s); return;
	case LAPIC_LDR: s->ldr = value & 0xff000000u; return;
	case LAPIC_DFR: s->dfr = value | 0x0fffffffu; return;
	case LAPIC_SVR: write_svr(s, value); return;
	case LAPIC_ESR: s->esr = s->esr_pending; s->esr_pending = 0; return;
	case LAPIC_ICR_HI: s->icr_hi = value & 0xff000000u; return;
	case LAPIC_ICR_LO:
		s->icr_lo = value & ~LAPIC_LVT_PENDING & 0x000cdfffu;
		send_ipi(s);
		return;
	case LAPIC_TIMER_ICR:
		s->timer_initial = value;
		s->timer_start = dev_clock_now(&s->clock);
		timer_arm(s, s->timer_start);
		return;
	case LAPIC_TIMER_DCR: write_dcr(s, value); return;
	}
	if (!read_only(reg)) {
		error(s, LAPIC_ESR_ILLEGAL_REG);
		update_intr(s);
	}
}

/* Registers are 32-bit at 16-byte boundaries; narrower reads see their
 * bytes, the rest of each 16 bytes reads 0. */
uint32_t lapic_read(struct lapic_state *s, uint32_t offset, unsigned size)
{
	uint32_t reg = offset & 0xff0, byte = offset & 0xf;
	uint32_t value;

	if (byte + size > 4)
		return 0;
	value = read_reg(s, reg) >> (8 * byte);
	return size == 4 ? value : value & ((1u << (8 * size)) - 1);
}

/* Only aligned 32-bit writes reach a register (the SDM leaves others
 * undefined): the rest are dropped. */
void lapic_write(struct lapic_state *s, uint32_t offset, uint32_t value, unsigned size)
{
	if (size == 4 && !(offset & 0xf))
		write_reg(s, offset & 0xff0, value);
}

static void reset_registers(struct lapic_state *s)
{
	s->id = 0;
	s->tpr = s->ldr = 0;
	s->dfr = 0xffffffffu;
	s->svr = 0xff;
	s->esr = s->esr_pending = 0;
	s->icr_lo = s->icr_hi = 0;
	for (int w = 0; w < 8; w++)
		s->irr[w] = s->isr[w] = s->tmr[w] = 0;
	for (int n = 0; n < LVT_COUNT; n++)
		s->lvt[n] = LAPIC_LVT_MASKED;
	/* Virtual wire: the 8259 reaches the CPU as before the APIC is set up
	 * (what a PC BIOS programs, and qemu-system-i386's reset value). */
	s->lvt[LVT_LINT0] = LAPIC_DM_EXTINT << 8;
	s->timer_initial = s->timer_dcr = 0;
	s->timer_start = 0;
	s->timer_deadline = CLOCK_NEVER;
}

void lapic_reset(struct lapic_state *s)
{
	s->base = LAPIC_BASE_DEFAULT | LAPIC_MSR_ENABLE | LAPIC_MSR_BSP;
	reset_registers(s);
	s->lint[0] = s->lint[1] = false;
	s->intr_level = false;
	irq_line_set(&s->intr, 0);
}

void lapic_init(struct lapic_state *s, struct dev_clock clock, struct irq_line intr,
		struct lapic_env env)
{
	*s = (struct lapic_state){ .clock = clock, .intr = intr, .env = env };
	lapic_reset(s);
}

void lapic_set_base(struct lapic_state *s, uint32_t value)
{
	bool was = lapic_enabled(s);

	s->base = value & (LAPIC_MSR_BASE | LAPIC_MSR_ENABLE | LAPIC_MSR_BSP);
	if (was && !lapic_enabled(s))
		reset_registers(s);
	update_intr(s);
}

void lapic_set_lint(struct lapic_state *s, int lint, int level)
{
	bool rising = level && !s->lint[lint];

	s->lint[lint] = level != 0;
	if (rising && lapic_enabled(s))
		lvt_fire(s, lint ? LVT_LINT1 : LVT_LINT0);
	update_intr(s);
}

static void set_lint(void *opaque, int n, int level)
{
	lapic_set_lint(opaque, n, level);
}

struct irq_line lapic_lint_line(struct lapic_state *s, int lint)
{
	return (struct irq_line){ set_lint, s, lint };
}

bool lapic_has_interrupt(const struct lapic_state *s)
{
	return s->intr_level;
}

uint8_t lapic_get_interrupt(struct lapic_state *s)
{
	int v;

	if (extint_pending(s)) {
		uint8_t vector = s->env.extint_ack(s->env.opaque);

		update_intr(s);
		return vector;
	}
	v = deliverable(s);
	if (v < 0)
		return (uint8_t)s->svr;		/* spurious: nothing went in service */
	bit_set(s->irr, (unsigned)v, false);
	bit_set(s->isr, (unsigned)v, true);
	update_intr(s);
	return (uint8_t)v;
}
