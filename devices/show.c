/* Monitor text for the PC's devices. Reading state here has no side
 * effects on the guest: no latches, FIFOs or flags are touched. */
#include "devices/show.h"

#include <stdio.h>

static void show_pic(const struct pic_state *s)
{
	static const char *const names[2] = { "master", "slave " };

	for (int i = 0; i < 2; i++) {
		const struct pic_chip *c = &s->chip[i];

		printf("pic %s  IRR %02x ISR %02x IMR %02x ELCR %02x  vectors %02x-%02x  lowest IR%d%s%s\n",
		       names[i], c->irr, c->isr, c->imr, c->elcr,
		       c->vector_base, c->vector_base + 7, c->lowest,
		       c->aeoi ? "  AEOI" : "",
		       c->init_step ? "  (initializing)" : "");
	}
	printf("pic INT %d\n", pic_has_interrupt(s));
}

/* The 256-bit IRR or ISR as its set vectors, highest first. */
static void show_vectors(const char *name, const uint32_t *bits)
{
	printf(" %s", name);
	for (int v = 255; v >= 0; v--)
		if (bits[v / 32] >> (v % 32) & 1)
			printf(" %02x", v);
}

static void show_lapic(const struct lapic_state *s)
{
	printf("lapic    base %08x%s  ID %02x SVR %03x TPR %02x", lapic_base_address(s),
	       lapic_enabled(s) ? "" : " (disabled)", s->id >> 24, s->svr, s->tpr);
	show_vectors("IRR", s->irr);
	show_vectors(" ISR", s->isr);
	printf("  INTR %d\n", lapic_has_interrupt(s));
	printf("lapic    LVT timer %05x LINT0 %05x LINT1 %05x error %05x  timer %u next at %llu ns\n",
	       s->lvt[LVT_TIMER], s->lvt[LVT_LINT0], s->lvt[LVT_LINT1], s->lvt[LVT_ERROR],
	       s->timer_initial, (unsigned long long)lapic_next_deadline(s));
}

/* The I/O APIC's unmasked entries: pin, vector, edge or level. */
static void show_ioapic(const struct ioapic_state *s)
{
	printf("ioapic   ID %x  lines %06x  unmasked:", s->id >> 24, s->lines);
	for (int pin = 0; pin < IOAPIC_PINS; pin++) {
		uint32_t low = (uint32_t)s->rte[pin];

		if (!(low & IOAPIC_RTE_MASKED))
			printf(" %d->%02x%s%s", pin, low & IOAPIC_RTE_VECTOR,
			       low & IOAPIC_RTE_LEVEL ? "L" : "E",
			       low & IOAPIC_RTE_REMOTE ? "*" : "");
	}
	printf("\n");
}

static void show_pit(struct pit_state *s)
{
	for (int i = 0; i < PIT_COUNTERS; i++) {
		const struct pit_counter *c = &s->c[i];

		printf("pit %d    mode %d  N %-5u count %-5u OUT %d gate %d%s\n",
		       i, PIT_CW_MODE(c->control), c->count, pit_count(s, i),
		       pit_out(s, i), c->gate,
		       (c->control & PIT_CW_BCD) ? "  BCD" : "");
	}
	printf("pit port61 %02x  next IRQ0 at %llu ns\n", s->port_b,
	       (unsigned long long)pit_next_deadline(s));
}

static void show_rtc(const struct rtc_state *s)
{
	const uint8_t *r = s->cmos;

	printf("rtc      %02x%02x-%02x-%02x %02x:%02x:%02x  A %02x B %02x C %02x D %02x  index %02x%s\n",
	       r[CMOS_CENTURY], r[RTC_YEAR], r[RTC_MONTH], r[RTC_DAY_OF_MONTH],
	       r[RTC_HOURS], r[RTC_MINUTES], r[RTC_SECONDS], r[RTC_REG_A],
	       r[RTC_REG_B], r[RTC_REG_C], r[RTC_REG_D], s->index,
	       s->nmi_disabled ? "  NMI masked" : "");
}

static void show_uart(const char *name, const struct uart_state *s)
{
	printf("%s     IER %02x LCR %02x MCR %02x LSR %02x MSR %02x  divisor %u  rx %d\n",
	       name, s->ier, s->lcr, s->mcr, s->lsr, s->msr, s->divisor,
	       s->rx_count);
}

void pc_devices_show(struct pc_devices *pc)
{
	const struct ata_drive *d = &pc->ide0.drive[pc->ide0.sel];

	show_lapic(&pc->lapic);
	show_ioapic(&pc->ioapic);
	show_pic(&pc->pic);
	show_pit(&pc->pit);
	show_rtc(&pc->rtc);
	show_uart("com1", &pc->com1);
	if (pc->com2.out.put)
		show_uart("com2", &pc->com2);
	printf("i8042    status %02x CCB %02x outport %02x queued %d\n",
	       (unsigned)pc->kbd.status, pc->kbd.ram[0], pc->kbd.outport,
	       pc->kbd.count);
	printf("port92   %02x\n", pc->port92.value);
	printf("ide0     drive %d status %02x error %02x\n", pc->ide0.sel,
	       d->status, d->error);
	printf("pm       PMSTS %04x PMEN %04x PMCNTRL %04x  timer %06x  SCI %d  APMC %02x\n",
	       pc->pm.pmsts, pc->pm.pmen, pc->pm.pmcntrl, piix4pm_timer(&pc->pm),
	       pc->pm.sci_level, pc->pm.apmc);
	printf("fw_cfg   selector %04x offset %u files %d\n",
	       pc->fwcfg.selector, pc->fwcfg.offset, pc->fwcfg.files);
	printf("post     %02x (%llu writes)%s\n", pc->debug.post_code,
	       (unsigned long long)pc->debug.post_writes,
	       pc->debug.exit_requested ? "  exit requested" : "");
	ioport_show(&pc->bus);
}

static void put_stdout(void *opaque, uint8_t byte)
{
	(void)opaque;
	putchar(byte);
}

void pc_devices_show_log(const struct pc_devices *pc)
{
	debugport_log_replay(&pc->debug, (struct byte_sink){ put_stdout, NULL });
}
