/* Local APIC: reset values, virtual wire (ExtINT through LINT0), IRR/ISR
 * and priorities, TPR, EOI (level EOIs told on), errors, destinations, the
 * timer one-shot and periodic against guest time.  Sections cited are from
 * Intel SDM Vol. 3A chapter 10. */
#include "test.h"

#include "devices/lapic.h"
#include "fakes.h"

struct rig {
	struct lapic_state apic;
	struct fake_clock clock;
	struct fake_irq intr;
	uint8_t pic_vector;	/* what the 8259's INTA gives */
	int pic_acks;
	int eois, eoi_vector;
};

static uint8_t pic_ack(void *opaque)
{
	struct rig *r = opaque;

	r->pic_acks++;
	return r->pic_vector;
}

static void eoi_level(void *opaque, uint8_t vector)
{
	struct rig *r = opaque;

	r->eois++;
	r->eoi_vector = vector;
}

static void rig_init(struct rig *r)
{
	*r = (struct rig){ .pic_vector = 0x28 };
	lapic_init(&r->apic, fake_clock_of(&r->clock), fake_irq_of(&r->intr, 0),
		   (struct lapic_env){ pic_ack, eoi_level, r });
}

static uint32_t rd(struct rig *r, uint32_t reg)
{
	return lapic_read(&r->apic, reg, 4);
}

static void wr(struct rig *r, uint32_t reg, uint32_t v)
{
	lapic_write(&r->apic, reg, v, 4);
}

/* Software-enabled, LINT0 masked: only the APIC's own interrupts. */
static void rig_enabled(struct rig *r)
{
	rig_init(r);
	wr(r, LAPIC_SVR, LAPIC_SVR_ENABLE | 0xff);
	wr(r, LAPIC_LVT_LINT0, LAPIC_LVT_MASKED);
}

static void self_ipi(struct rig *r, uint8_t vector)
{
	wr(r, LAPIC_ICR_LO, LAPIC_ICR_SELF | vector);
}

static bool irr_has(struct rig *r, unsigned v)
{
	return rd(r, LAPIC_IRR + 0x10 * (v / 32)) >> (v % 32) & 1;
}

static bool isr_has(struct rig *r, unsigned v)
{
	return rd(r, LAPIC_ISR + 0x10 * (v / 32)) >> (v % 32) & 1;
}

/* 10.4.7.1: after reset. LINT0 in ExtINT is the PC's virtual wire. */
TEST(lapic, reset_values)
{
	struct rig r;

	rig_init(&r);
	EXPECT_EQ(0xfee00900u, r.apic.base);
	EXPECT_TRUE(lapic_enabled(&r.apic));
	EXPECT_EQ(0, rd(&r, LAPIC_ID));
	EXPECT_EQ(0x00050014u, rd(&r, LAPIC_VERSION));
	EXPECT_EQ(0xffu, rd(&r, LAPIC_SVR));
	EXPECT_EQ(0xffffffffu, rd(&r, LAPIC_DFR));
	EXPECT_EQ(LAPIC_LVT_MASKED, rd(&r, LAPIC_LVT_TIMER));
	EXPECT_EQ(LAPIC_LVT_MASKED, rd(&r, LAPIC_LVT_ERROR));
	EXPECT_EQ(0x700u, rd(&r, LAPIC_LVT_LINT0));
	EXPECT_EQ(LAPIC_LVT_MASKED, rd(&r, LAPIC_LVT_LINT1));
	EXPECT_EQ(0, rd(&r, LAPIC_TIMER_CCR));
	EXPECT_EQ(CLOCK_NEVER, lapic_next_deadline(&r.apic));
	EXPECT_EQ(0x14, lapic_read(&r.apic, LAPIC_VERSION, 1));
	EXPECT_EQ(0x05, lapic_read(&r.apic, LAPIC_VERSION + 2, 1));
	EXPECT_EQ(0, lapic_read(&r.apic, LAPIC_VERSION + 4, 4));
}

/* The 8259's INT through LINT0 as ExtINT: its INTA gives the vector, nothing
 * goes in service here. Masked LINT0 stops it; a globally disabled APIC
 * passes INT straight on. */
TEST(lapic, virtual_wire_extint)
{
	struct rig r;

	rig_init(&r);
	lapic_set_lint(&r.apic, 0, 1);
	EXPECT_EQ(1, r.intr.level);
	EXPECT_EQ(0x28, lapic_get_interrupt(&r.apic));
	EXPECT_EQ(1, r.pic_acks);
	EXPECT_TRUE(!isr_has(&r, 0x28));
	wr(&r, LAPIC_SVR, LAPIC_SVR_ENABLE | 0xff);
	wr(&r, LAPIC_LVT_LINT0, LAPIC_LVT_MASKED | 0x700);
	EXPECT_EQ(0, r.intr.level);
	lapic_set_base(&r.apic, 0xfee00100u);
	EXPECT_TRUE(!lapic_enabled(&r.apic));
	EXPECT_EQ(1, r.intr.level);
	EXPECT_EQ(0x28, lapic_get_interrupt(&r.apic));
	lapic_set_lint(&r.apic, 0, 0);
	EXPECT_EQ(0, r.intr.level);
	/* re-enabled: its registers are back at their reset values */
	lapic_set_base(&r.apic, 0xfee00900u);
	EXPECT_EQ(0xffu, rd(&r, LAPIC_SVR));
	EXPECT_EQ(0x700u, rd(&r, LAPIC_LVT_LINT0));
}

/* 10.8.3: a request is taken only above the processor priority; the
 * acknowledge moves it from IRR to ISR; EOI ends the highest in service. */
TEST(lapic, priority_isr_and_eoi)
{
	struct rig r;

	rig_enabled(&r);
	self_ipi(&r, 0x41);
	EXPECT_TRUE(irr_has(&r, 0x41));
	EXPECT_EQ(1, r.intr.level);
	EXPECT_EQ(0x41, lapic_get_interrupt(&r.apic));
	EXPECT_TRUE(!irr_has(&r, 0x41) && isr_has(&r, 0x41));
	EXPECT_EQ(0x40, rd(&r, LAPIC_PPR));
	EXPECT_EQ(0, r.intr.level);
	self_ipi(&r, 0x45);		/* same class: waits */
	self_ipi(&r, 0x35);		/* lower class: waits */
	EXPECT_EQ(0, r.intr.level);
	self_ipi(&r, 0x51);		/* higher class: nests */
	EXPECT_EQ(1, r.intr.level);
	EXPECT_EQ(0x51, lapic_get_interrupt(&r.apic));
	EXPECT_EQ(0x50, rd(&r, LAPIC_PPR));
	wr(&r, LAPIC_EOI, 0);
	EXPECT_TRUE(!isr_has(&r, 0x51) && isr_has(&r, 0x41));
	EXPECT_EQ(0, r.intr.level);
	wr(&r, LAPIC_EOI, 0);
	EXPECT_EQ(0, rd(&r, LAPIC_PPR));
	EXPECT_EQ(0x45, lapic_get_interrupt(&r.apic));
	wr(&r, LAPIC_EOI, 0);
	EXPECT_EQ(0x35, lapic_get_interrupt(&r.apic));
	wr(&r, LAPIC_EOI, 0);
	EXPECT_EQ(0, r.intr.level);
	EXPECT_EQ(0, r.eois);		/* edge-triggered: nobody is told */
	EXPECT_EQ(0xff, lapic_get_interrupt(&r.apic));	/* nothing: spurious */
}

/* 10.8.3.1: TPR holds back classes at or below its own. */
TEST(lapic, task_priority_masks)
{
	struct rig r;

	rig_enabled(&r);
	wr(&r, LAPIC_TPR, 0x50);
	EXPECT_EQ(0x50, rd(&r, LAPIC_TPR));
	EXPECT_EQ(0x50, rd(&r, LAPIC_PPR));
	self_ipi(&r, 0x5f);
	EXPECT_EQ(0, r.intr.level);
	self_ipi(&r, 0x60);
	EXPECT_EQ(1, r.intr.level);
	EXPECT_EQ(0x60, lapic_get_interrupt(&r.apic));
	wr(&r, LAPIC_EOI, 0);
	EXPECT_EQ(0, r.intr.level);
	wr(&r, LAPIC_TPR, 0x4f);
	EXPECT_EQ(1, r.intr.level);
	EXPECT_EQ(0x5f, lapic_get_interrupt(&r.apic));
}

/* 10.4.7.2: software-disabled, requests wait and LVT entries stay masked. */
TEST(lapic, software_disable)
{
	struct rig r;

	rig_enabled(&r);
	wr(&r, LAPIC_LVT_TIMER, 0x30);
	EXPECT_EQ(0x30, rd(&r, LAPIC_LVT_TIMER));
	wr(&r, LAPIC_SVR, 0xff);
	EXPECT_EQ(LAPIC_LVT_MASKED | 0x30, rd(&r, LAPIC_LVT_TIMER));
	wr(&r, LAPIC_LVT_TIMER, 0x31);
	EXPECT_EQ(LAPIC_LVT_MASKED | 0x31, rd(&r, LAPIC_LVT_TIMER));
	self_ipi(&r, 0x40);
	EXPECT_EQ(0, r.intr.level);
	wr(&r, LAPIC_SVR, LAPIC_SVR_ENABLE | 0xff);
	EXPECT_EQ(1, r.intr.level);
}

/* A level-triggered vector's EOI is told on (to the I/O APIC); TMR shows it. */
TEST(lapic, level_eoi_broadcast)
{
	struct rig r;

	rig_enabled(&r);
	lapic_deliver(&r.apic, 0, false, LAPIC_DM_FIXED, 0x61, true);
	EXPECT_TRUE(rd(&r, LAPIC_TMR + 0x30) >> 1 & 1);
	EXPECT_EQ(0x61, lapic_get_interrupt(&r.apic));
	wr(&r, LAPIC_EOI, 0);
	EXPECT_EQ(1, r.eois);
	EXPECT_EQ(0x61, r.eoi_vector);
}

/* 10.6.2: physical ID or broadcast; logical flat and cluster through LDR. */
TEST(lapic, destinations)
{
	struct rig r;

	rig_enabled(&r);
	lapic_deliver(&r.apic, 1, false, LAPIC_DM_FIXED, 0x40, false);
	EXPECT_TRUE(!irr_has(&r, 0x40));
	lapic_deliver(&r.apic, 0xff, false, LAPIC_DM_FIXED, 0x40, false);
	EXPECT_TRUE(irr_has(&r, 0x40));
	wr(&r, LAPIC_LDR, 0x02000000);
	lapic_deliver(&r.apic, 0x01, true, LAPIC_DM_LOWEST, 0x50, false);
	EXPECT_TRUE(!irr_has(&r, 0x50));
	lapic_deliver(&r.apic, 0x03, true, LAPIC_DM_LOWEST, 0x50, false);
	EXPECT_TRUE(irr_has(&r, 0x50));
	wr(&r, LAPIC_DFR, 0x0fffffff);	/* cluster model */
	EXPECT_EQ(0x0fffffffu, rd(&r, LAPIC_DFR));
	wr(&r, LAPIC_LDR, 0x31000000);
	lapic_deliver(&r.apic, 0x21, true, LAPIC_DM_FIXED, 0x60, false);
	EXPECT_TRUE(!irr_has(&r, 0x60));
	lapic_deliver(&r.apic, 0x31, true, LAPIC_DM_FIXED, 0x60, false);
	EXPECT_TRUE(irr_has(&r, 0x60));
	/* ICR with a destination: this APIC's own ID reaches it */
	wr(&r, LAPIC_ICR_HI, 0);
	wr(&r, LAPIC_ICR_LO, 0x70);
	EXPECT_TRUE(irr_has(&r, 0x70));
	wr(&r, LAPIC_ICR_HI, 0x05000000);
	wr(&r, LAPIC_ICR_LO, 0x71);
	EXPECT_TRUE(!irr_has(&r, 0x71));
	wr(&r, LAPIC_ICR_LO, LAPIC_ICR_OTHERS | 0x72);
	EXPECT_TRUE(!irr_has(&r, 0x72));
	wr(&r, LAPIC_ICR_LO, LAPIC_ICR_ALL | 0x73);
	EXPECT_TRUE(irr_has(&r, 0x73));
}

/* 10.5.3: an illegal vector shows in ESR after the next ESR write, and
 * raises the error LVT's interrupt. */
TEST(lapic, error_status)
{
	struct rig r;

	rig_enabled(&r);
	wr(&r, LAPIC_LVT_ERROR, 0xfe);
	self_ipi(&r, 0x05);
	EXPECT_EQ(0, rd(&r, LAPIC_ESR));
	wr(&r, LAPIC_ESR, 0);
	EXPECT_EQ(LAPIC_ESR_SEND_ILLEGAL, rd(&r, LAPIC_ESR));
	EXPECT_TRUE(irr_has(&r, 0xfe));
	lapic_deliver(&r.apic, 0, false, LAPIC_DM_FIXED, 0x0f, false);
	wr(&r, LAPIC_ESR, 0);
	EXPECT_EQ(LAPIC_ESR_RECEIVE_ILLEGAL, rd(&r, LAPIC_ESR));
	rd(&r, 0x2f0);			/* no CMCI entry in this version */
	wr(&r, LAPIC_ESR, 0);
	EXPECT_EQ(LAPIC_ESR_ILLEGAL_REG, rd(&r, LAPIC_ESR));
	wr(&r, LAPIC_ESR, 0);
	EXPECT_EQ(0, rd(&r, LAPIC_ESR));
}

/* 10.5.4: one-shot counts down once at bus/divider rate and stops at 0. */
TEST(lapic, timer_one_shot)
{
	struct rig r;

	rig_enabled(&r);
	wr(&r, LAPIC_TIMER_DCR, 0x0b);	/* divide by 1: a tick per ns */
	wr(&r, LAPIC_LVT_TIMER, 0x40);
	r.clock.now = 5000;
	wr(&r, LAPIC_TIMER_ICR, 1000);
	EXPECT_EQ(6000, lapic_next_deadline(&r.apic));
	r.clock.now = 5400;
	EXPECT_EQ(600, rd(&r, LAPIC_TIMER_CCR));
	lapic_update(&r.apic);
	EXPECT_TRUE(!irr_has(&r, 0x40));
	r.clock.now = 6000;
	EXPECT_EQ(0, rd(&r, LAPIC_TIMER_CCR));
	lapic_update(&r.apic);
	EXPECT_TRUE(irr_has(&r, 0x40));
	EXPECT_EQ(CLOCK_NEVER, lapic_next_deadline(&r.apic));
	EXPECT_EQ(1000, rd(&r, LAPIC_TIMER_ICR));
	/* masked: counts, no interrupt */
	EXPECT_EQ(0x40, lapic_get_interrupt(&r.apic));
	wr(&r, LAPIC_EOI, 0);
	wr(&r, LAPIC_LVT_TIMER, LAPIC_LVT_MASKED | 0x40);
	wr(&r, LAPIC_TIMER_ICR, 10);
	r.clock.now = 7000;
	lapic_update(&r.apic);
	EXPECT_TRUE(!irr_has(&r, 0x40));
	/* a count of 0 stops it */
	wr(&r, LAPIC_TIMER_ICR, 0);
	EXPECT_EQ(CLOCK_NEVER, lapic_next_deadline(&r.apic));
}

/* Periodic reloads; periods missed between services give one interrupt.
 * The divider: DCR 0011 is 16. */
TEST(lapic, timer_periodic)
{
	struct rig r;

	rig_enabled(&r);
	wr(&r, LAPIC_TIMER_DCR, 0x03);
	wr(&r, LAPIC_LVT_TIMER, LAPIC_LVT_PERIODIC | 0x41);
	wr(&r, LAPIC_TIMER_ICR, 100);		/* 1600 ns */
	EXPECT_EQ(1600, lapic_next_deadline(&r.apic));
	r.clock.now = 1600;
	lapic_update(&r.apic);
	EXPECT_TRUE(irr_has(&r, 0x41));
	EXPECT_EQ(3200, lapic_next_deadline(&r.apic));
	EXPECT_EQ(100, rd(&r, LAPIC_TIMER_CCR));
	EXPECT_EQ(0x41, lapic_get_interrupt(&r.apic));
	wr(&r, LAPIC_EOI, 0);
	r.clock.now = 5000;			/* 312 ticks: two periods missed */
	lapic_update(&r.apic);
	EXPECT_EQ(6400, lapic_next_deadline(&r.apic));
	EXPECT_EQ(88, rd(&r, LAPIC_TIMER_CCR));
	EXPECT_EQ(0x41, lapic_get_interrupt(&r.apic));
	EXPECT_TRUE(!irr_has(&r, 0x41));
	/* a new divider: the count carries on at the new rate */
	wr(&r, LAPIC_TIMER_DCR, 0x0b);		/* by 1 */
	EXPECT_EQ(88, rd(&r, LAPIC_TIMER_CCR));
	EXPECT_EQ(5088, lapic_next_deadline(&r.apic));
	/* periodic to one-shot: the current count runs out, no reload */
	wr(&r, LAPIC_LVT_TIMER, 0x41);
	EXPECT_EQ(5088, lapic_next_deadline(&r.apic));
	r.clock.now = 5100;
	lapic_update(&r.apic);
	EXPECT_EQ(CLOCK_NEVER, lapic_next_deadline(&r.apic));
	EXPECT_EQ(0, rd(&r, LAPIC_TIMER_CCR));
}

/* LINT1 as a fixed, edge-triggered source. */
TEST(lapic, lint_fixed)
{
	struct rig r;

	rig_enabled(&r);
	wr(&r, LAPIC_LVT_LINT1, 0x55);
	lapic_set_lint(&r.apic, 1, 1);
	EXPECT_TRUE(irr_has(&r, 0x55));
	EXPECT_EQ(0x55, lapic_get_interrupt(&r.apic));
	lapic_set_lint(&r.apic, 1, 1);		/* no new edge */
	EXPECT_TRUE(!irr_has(&r, 0x55));
}
