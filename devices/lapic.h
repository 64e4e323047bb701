/* The local APIC of the PC's one CPU (xAPIC, memory-mapped 4 KB at the
 * IA32_APIC_BASE address): priorities, the 256-bit IRR/ISR/TMR, EOI, the
 * local vector table, the timer, self IPIs, and the 8259 behind LINT0 as
 * ExtINT (virtual wire) for the CPU's interrupt acknowledge.
 * Ref: Intel SDM Vol. 3A, chapter 10 (now 11), "Advanced Programmable
 * Interrupt Controller (APIC)". */
#ifndef MIMIC_DEVICES_LAPIC_H
#define MIMIC_DEVICES_LAPIC_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/clock.h"
#include "devices/irq.h"

#define LAPIC_BASE_DEFAULT 0xfee00000u
#define LAPIC_SIZE         0x1000u
#define LAPIC_BUS_HZ       1000000000ull	/* the timer's clock before the divider */

/* IA32_APIC_BASE (MSR 0x1B) bits. */
#define LAPIC_MSR_BSP      0x100u
#define LAPIC_MSR_ENABLE   0x800u	/* global enable: off, the APIC is gone */
#define LAPIC_MSR_BASE     0xfffff000u

/* Register offsets in the 4 KB page (each register 16-byte aligned). */
#define LAPIC_ID           0x020
#define LAPIC_VERSION      0x030	/* read-only */
#define LAPIC_TPR          0x080
#define LAPIC_APR          0x090	/* read-only */
#define LAPIC_PPR          0x0a0	/* read-only */
#define LAPIC_EOI          0x0b0	/* write-only */
#define LAPIC_RRD          0x0c0	/* read-only */
#define LAPIC_LDR          0x0d0
#define LAPIC_DFR          0x0e0
#define LAPIC_SVR          0x0f0
#define LAPIC_ISR          0x100	/* 8 registers, read-only */
#define LAPIC_TMR          0x180	/* 8 registers, read-only */
#define LAPIC_IRR          0x200	/* 8 registers, read-only */
#define LAPIC_ESR          0x280	/* a write latches the errors since */
#define LAPIC_ICR_LO       0x300	/* a write sends the IPI */
#define LAPIC_ICR_HI       0x310
#define LAPIC_LVT_TIMER    0x320
#define LAPIC_LVT_THERMAL  0x330
#define LAPIC_LVT_PERF     0x340
#define LAPIC_LVT_LINT0    0x350
#define LAPIC_LVT_LINT1    0x360
#define LAPIC_LVT_ERROR    0x370
#define LAPIC_TIMER_ICR    0x380	/* initial count: a write starts the timer */
#define LAPIC_TIMER_CCR    0x390	/* current count, read-only */
#define LAPIC_TIMER_DCR    0x3e0	/* divide configuration */

/* Version 0x14 (an integrated xAPIC) with six LVT entries (max LVT 5). */
#define LAPIC_VERSION_VALUE 0x00050014u

#define LAPIC_SVR_ENABLE   0x100u	/* software enable */
#define LAPIC_SVR_FOCUS    0x200u	/* focus processor checking disabled */

/* LVT entry fields. */
#define LAPIC_LVT_VECTOR   0x000ffu
#define LAPIC_LVT_MODE     0x00700u	/* delivery mode, LAPIC_DM_* << 8 */
#define LAPIC_LVT_PENDING  0x01000u	/* delivery status, read-only */
#define LAPIC_LVT_POLARITY 0x02000u
#define LAPIC_LVT_REMOTE   0x04000u	/* remote IRR, read-only */
#define LAPIC_LVT_LEVEL    0x08000u	/* trigger mode */
#define LAPIC_LVT_MASKED   0x10000u
#define LAPIC_LVT_PERIODIC 0x20000u	/* timer mode */

/* Delivery modes (LVT, ICR, IOAPIC redirection entries). */
#define LAPIC_DM_FIXED     0
#define LAPIC_DM_LOWEST    1
#define LAPIC_DM_SMI       2
#define LAPIC_DM_NMI       4
#define LAPIC_DM_INIT      5
#define LAPIC_DM_STARTUP   6
#define LAPIC_DM_EXTINT    7

/* ICR fields besides vector and delivery mode. */
#define LAPIC_ICR_LOGICAL  0x00800u	/* destination mode */
#define LAPIC_ICR_ASSERT   0x04000u	/* level */
#define LAPIC_ICR_LEVEL    0x08000u	/* trigger mode */
#define LAPIC_ICR_SHORTHAND 0xc0000u
#define LAPIC_ICR_SELF     0x40000u
#define LAPIC_ICR_ALL      0x80000u	/* all including self */
#define LAPIC_ICR_OTHERS   0xc0000u	/* all excluding self */

/* ESR bits. */
#define LAPIC_ESR_SEND_ILLEGAL    0x20u
#define LAPIC_ESR_RECEIVE_ILLEGAL 0x40u
#define LAPIC_ESR_ILLEGAL_REG     0x80u

/* LVT entries in register order (LAPIC_LVT_TIMER + 0x10 * n). */
enum lapic_lvt { LVT_TIMER, LVT_THERMAL, LVT_PERF, LVT_LINT0, LVT_LINT1, LVT_ERROR, LVT_COUNT };

/* The timer divider: DCR bits 0, 1 and 3 select 2, 4, ..., 128 or 1. */
#define LAPIC_DCR_MASK     0x0bu

/* What sits behind the APIC: the 8259's INTA cycle for ExtINT, and the
 * EOI of a level-triggered vector told to the I/O APICs. */
struct lapic_env {
	uint8_t (*extint_ack)(void *opaque);
	void (*eoi_level)(void *opaque, uint8_t vector);
	void *opaque;
};

struct lapic_state {
	struct dev_clock clock;
	struct irq_line intr;		/* the CPU's INTR input, told on change */
	struct lapic_env env;
	uint32_t base;			/* IA32_APIC_BASE: address and flags */
	uint32_t id;			/* bits 24-31 */
	uint32_t tpr, ldr, dfr, svr;
	uint32_t esr, esr_pending;	/* latched by an ESR write; collected since */
	uint32_t icr_lo, icr_hi;
	uint32_t irr[8], isr[8], tmr[8];	/* vector v: word v / 32, bit v % 32 */
	uint32_t lvt[LVT_COUNT];
	uint32_t timer_initial, timer_dcr;
	uint64_t timer_start;		/* guest ns the count was (re)loaded */
	uint64_t timer_deadline;	/* guest ns of the next expiry, or CLOCK_NEVER */
	bool lint[2];			/* LINT0 / LINT1 input levels */
	bool intr_level;
	bool logged_mode, logged_ipi;
};

/* Sets the CPU's INTR line, the clock and what is behind, and resets. */
void lapic_init(struct lapic_state *s, struct dev_clock clock, struct irq_line intr,
		struct lapic_env env);
/* Power-on or RESET: base 0xFEE00000 enabled, BSP, ID 0, software
 * disabled, LVTs masked except LINT0 as ExtINT (virtual wire). */
void lapic_reset(struct lapic_state *s);

/* MMIO in the 4 KB page; offset is from the base, size 1, 2 or 4. */
uint32_t lapic_read(struct lapic_state *s, uint32_t offset, unsigned size);
void lapic_write(struct lapic_state *s, uint32_t offset, uint32_t value, unsigned size);

/* A write of IA32_APIC_BASE (the CPU checked its reserved bits). Clearing
 * the global enable resets the APIC and passes the 8259's INT straight on. */
void lapic_set_base(struct lapic_state *s, uint32_t value);
/* The global enable is set: the page at lapic_base_address() is the APIC's. */
bool lapic_enabled(const struct lapic_state *s);
uint32_t lapic_base_address(const struct lapic_state *s);

/* LINT0 (0) or LINT1 (1) input at level. */
void lapic_set_lint(struct lapic_state *s, int lint, int level);
/* An irq_line driving LINT0 or LINT1. */
struct irq_line lapic_lint_line(struct lapic_state *s, int lint);
/* An interrupt message (from an I/O APIC): accepted if dest names this
 * APIC (physical ID, 0xFF broadcast, or logical through LDR/DFR). */
void lapic_deliver(struct lapic_state *s, uint8_t dest, bool logical, int mode,
		   uint8_t vector, bool level);

/* CPU side: INTR is asserted. */
bool lapic_has_interrupt(const struct lapic_state *s);
/* The CPU's acknowledge: an ExtINT's vector from the 8259, else the
 * highest requested vector moves from IRR to ISR; nothing deliverable
 * gives the spurious vector (SVR). */
uint8_t lapic_get_interrupt(struct lapic_state *s);

/* Timer service against guest time. */
void lapic_update(struct lapic_state *s);
uint64_t lapic_next_deadline(const struct lapic_state *s);

#endif
