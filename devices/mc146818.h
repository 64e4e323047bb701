/* MC146818 real-time clock and 128 bytes of CMOS RAM at ports 0x70-0x71
 * (index with the NMI mask in bit 7, then data), interrupts on IRQ8.
 * Ref: Motorola MC146818A datasheet; IBM PC/AT technical reference (CMOS map). */
#ifndef MIMIC_DEVICES_MC146818_H
#define MIMIC_DEVICES_MC146818_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/clock.h"
#include "devices/ioport.h"
#include "devices/irq.h"

#define RTC_INDEX_PORT 0x70	/* write-only */
#define RTC_DATA_PORT  0x71
#define RTC_NMI_DISABLE 0x80	/* port 0x70 bit 7 */
#define RTC_CMOS_SIZE  128

/* Clock registers (in the format set by RTC_B_DM and RTC_B_24H). */
#define RTC_SECONDS       0x00
#define RTC_SECONDS_ALARM 0x01
#define RTC_MINUTES       0x02
#define RTC_MINUTES_ALARM 0x03
#define RTC_HOURS         0x04	/* 12-hour mode: bit 7 is PM */
#define RTC_HOURS_ALARM   0x05
#define RTC_DAY_OF_WEEK   0x06	/* 1 = Sunday */
#define RTC_DAY_OF_MONTH  0x07
#define RTC_MONTH         0x08
#define RTC_YEAR          0x09
#define RTC_REG_A         0x0a
#define RTC_REG_B         0x0b
#define RTC_REG_C         0x0c	/* read-only, reading clears it */
#define RTC_REG_D         0x0d	/* read-only */
#define RTC_ALARM_DONT_CARE 0xc0	/* alarm bytes >= this match any value */

#define RTC_A_UIP    0x80	/* read-only: update within 244 us */
#define RTC_A_DV     0x70	/* divider select */
#define RTC_A_DV_32K 0x20	/* 32.768 kHz time base: the clock runs */
#define RTC_A_RS     0x0f	/* periodic rate select */
#define RTC_B_SET    0x80	/* stop updates, registers writable */
#define RTC_B_PIE    0x40	/* periodic interrupt enable */
#define RTC_B_AIE    0x20	/* alarm interrupt enable */
#define RTC_B_UIE    0x10	/* update-ended interrupt enable */
#define RTC_B_SQWE   0x08	/* square-wave pin (not wired on the PC) */
#define RTC_B_DM     0x04	/* binary, not BCD */
#define RTC_B_24H    0x02
#define RTC_B_DSE    0x01	/* daylight saving (unimplemented) */
#define RTC_C_IRQF   0x80
#define RTC_C_PF     0x40
#define RTC_C_AF     0x20
#define RTC_C_UF     0x10
#define RTC_D_VRT    0x80	/* valid RAM and time: battery good */

/* CMOS RAM as a PC BIOS reads it. */
#define CMOS_SHUTDOWN       0x0f
#define CMOS_FLOPPY_TYPES   0x10
#define CMOS_DISK_TYPES     0x12
#define CMOS_EQUIPMENT      0x14
#define CMOS_BASE_MEM_LO    0x15	/* KB below 1 MB */
#define CMOS_BASE_MEM_HI    0x16
#define CMOS_EXT_MEM_LO     0x17	/* KB from 1 MB, max 0xffff */
#define CMOS_EXT_MEM_HI     0x18
#define CMOS_CHECKSUM_HI    0x2e	/* sum of 0x10-0x2d */
#define CMOS_CHECKSUM_LO    0x2f
#define CMOS_EXT_MEM2_LO    0x30	/* copy of 0x17/0x18 */
#define CMOS_EXT_MEM2_HI    0x31
#define CMOS_CENTURY        0x32	/* kept with the clock, same format */
#define CMOS_MEM_16M_LO     0x34	/* 64 KB units from 16 MB (QEMU/SeaBIOS) */
#define CMOS_MEM_16M_HI     0x35
#define CMOS_BOOT_ORDER_3   0x38	/* SeaBIOS: high nibble, 3rd device */
#define CMOS_BOOT_ORDER_12  0x3d	/* SeaBIOS: low nibble 1st, high 2nd */
#define CMOS_MEM_4G_LO      0x5b	/* 64 KB units above 4 GB, 3 bytes */
#define CMOS_SMP_COUNT      0x5f	/* SeaBIOS: CPUs - 1 */

struct rtc_state {
	uint8_t cmos[RTC_CMOS_SIZE];	/* clock bytes as last shown */
	uint8_t index;
	bool nmi_disabled;		/* port 0x70 bit 7 */
	struct dev_clock clock;		/* guest ns */
	struct irq_line irq;		/* IRQ8 */
	int64_t offset_ns;		/* RTC time (Unix ns) minus clock */
	int64_t seen_ns;		/* RTC time flags were worked out to */
	bool logged_dse, logged_dv;
};

/* The RTC starts at Unix time clock + epoch_ns: pass a Unix clock and 0, or
 * the guest clock and the Unix time of its zero (one time base for all
 * deadlines). */
void rtc_init(struct rtc_state *s, struct dev_clock clock, int64_t epoch_ns,
	      struct irq_line irq);
/* Registers A-D to their BIOS defaults, clock from the host clock; CMOS
 * RAM is kept (it is battery backed). */
void rtc_reset(struct rtc_state *s);
uint32_t rtc_read(struct rtc_state *s, uint16_t port, int size);
void rtc_write(struct rtc_state *s, uint16_t port, uint32_t val, int size);
bool rtc_attach(struct rtc_state *s, struct ioport_bus *bus);

/* Timer service: sets due flags and IRQ8. rtc_next_deadline() gives the
 * clock ns at which an interrupt may next fire (CLOCK_NEVER if none). */
void rtc_update(struct rtc_state *s);
uint64_t rtc_next_deadline(struct rtc_state *s);

/* Machine setup: a CMOS byte (the checksum follows bytes 0x10-0x2d), and
 * the memory size bytes for RAM below and above 4 GB. */
void rtc_cmos_set(struct rtc_state *s, uint8_t index, uint8_t val);
void rtc_set_memory(struct rtc_state *s, uint64_t below_4g,
		    uint64_t above_4g);

#endif
