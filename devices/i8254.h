/* 8254 programmable interval timer at 0x40-0x43 (counter 0 drives IRQ0,
 * counter 2 the speaker) and port 0x61 (speaker gate, OUT2, refresh toggle).
 * Ref: Intel 8254 datasheet (231164); Intel PIIX3 datasheet, port 61h. */
#ifndef MIMIC_DEVICES_I8254_H
#define MIMIC_DEVICES_I8254_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/clock.h"
#include "devices/ioport.h"
#include "devices/irq.h"

#define PIT_BASE      0x40	/* counters 0-2 at +0..+2, control word +3 */
#define PIT_CONTROL   0x43	/* write-only */
#define PIT_PORT_B    0x61	/* NMI status and control (PIIX) */
#define PIT_FREQ_HZ   1193182u	/* 14.31818 MHz / 12 */
#define PIT_COUNTERS  3
#define PIT_REFRESH_TICKS 18	/* PC/AT refresh period: counter 1, N=18 */

/* Control word: SC1 SC0 RW1 RW0 M2 M1 M0 BCD. */
#define PIT_CW_BCD       0x01
#define PIT_CW_MODE(cw)  (((cw) >> 1) & 7)
#define PIT_CW_RW(cw)    (((cw) >> 4) & 3)
#define PIT_CW_SC(cw)    (((cw) >> 6) & 3)
#define PIT_RW_LATCH     0	/* counter latch command */
#define PIT_RW_LSB       1
#define PIT_RW_MSB       2
#define PIT_RW_WORD      3	/* LSB then MSB */
#define PIT_SC_READBACK  3
#define PIT_RB_NOT_COUNT  0x20	/* read-back: 0 latches the count */
#define PIT_RB_NOT_STATUS 0x10	/* read-back: 0 latches the status */
#define PIT_RB_CNT(i)    (0x02 << (i))
#define PIT_STATUS_OUT   0x80
#define PIT_STATUS_NULL  0x40	/* count written but not yet in CE */

enum pit_mode {
	PIT_MODE_INTTC = 0,	/* interrupt on terminal count */
	PIT_MODE_ONESHOT,	/* hardware retriggerable one-shot */
	PIT_MODE_RATEGEN,	/* rate generator */
	PIT_MODE_SQWAVE,	/* square wave */
	PIT_MODE_SWSTROBE,	/* software triggered strobe */
	PIT_MODE_HWSTROBE,	/* hardware triggered strobe */
};

/* Port 0x61. Bits 0-3 read back what was written; 4-7 are read-only. */
#define PIT_PORTB_TIM2_GATE 0x01	/* counter 2 gate */
#define PIT_PORTB_SPKR_DATA 0x02	/* speaker = OUT2 AND this */
#define PIT_PORTB_SERR_EN   0x04	/* kept, no SERR# source */
#define PIT_PORTB_IOCHK_EN  0x08	/* kept, no IOCHK# source */
#define PIT_PORTB_REFRESH   0x10	/* toggles every refresh cycle */
#define PIT_PORTB_OUT2      0x20	/* counter 2 OUT */
#define PIT_PORTB_WRITABLE  0x0f

struct pit_counter {
	uint8_t control;	/* RW, mode and BCD bits (status bits 5-0) */
	uint32_t count;		/* initial count N, 1..65536 (binary) */
	uint8_t lsb;		/* first byte of a word write */
	bool write_msb_next;	/* word write: LSB done */
	bool read_msb_next;	/* word read: LSB done */
	uint16_t latch;		/* output latch OL, as the guest reads it */
	bool count_latched;
	uint8_t status;
	bool status_latched;
	bool gate;
	bool written;		/* a count came since the control word */
	bool armed;		/* CE loaded (and, modes 1/5, triggered) */
	bool counting;		/* the CE decrements */
	uint64_t start_tick;	/* tick at which CE was (re)loaded */
	uint64_t held;		/* ticks counted before a gate pause */
};

struct pit_state {
	struct pit_counter c[PIT_COUNTERS];
	struct dev_clock clock;
	struct irq_line irq0;	/* counter 0 OUT */
	uint64_t irq_next_rise;	/* tick of counter 0's next rising edge */
	uint8_t port_b;		/* bits 0-3 of port 0x61 */
};

void pit_init(struct pit_state *s, struct dev_clock clock,
	      struct irq_line irq0);
void pit_reset(struct pit_state *s);
uint32_t pit_read(struct pit_state *s, uint16_t port, int size);
void pit_write(struct pit_state *s, uint16_t port, uint32_t val, int size);
bool pit_attach(struct pit_state *s, struct ioport_bus *bus);

/* Gate input of counter i (counters 0 and 1 are tied high on the PC). */
void pit_set_gate(struct pit_state *s, int i, bool level);
/* OUT of counter i now, and its count (binary, no side effects). */
bool pit_out(struct pit_state *s, int i);
uint32_t pit_count(struct pit_state *s, int i);

/* Timer service: raise IRQ0 for edges that are due. The host calls it when
 * pit_next_deadline() (guest ns, CLOCK_NEVER if none) has passed. */
void pit_update(struct pit_state *s);
uint64_t pit_next_deadline(const struct pit_state *s);

/* Conversions between guest ns and counter clock ticks (exact, no overflow
 * for any 64-bit time). */
uint64_t pit_ns_to_ticks(uint64_t ns);
uint64_t pit_ticks_to_ns(uint64_t ticks);

#endif
