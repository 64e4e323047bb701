/* An ATA channel (primary: 0x1F0-0x1F7 and 0x3F6, IRQ14) with up to two
 * hard disks driven by PIO: IDENTIFY, READ/WRITE SECTORS and MULTIPLE,
 * 28- and 48-bit LBA or CHS, soft reset and signatures. No DMA, no ATAPI.
 * Ref: ANSI INCITS 361-2002 (ATA/ATAPI-6). */
#ifndef MIMIC_DEVICES_ATA_H
#define MIMIC_DEVICES_ATA_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/ioport.h"
#include "devices/irq.h"

#define ATA_PRIMARY_CMD   0x1f0
#define ATA_PRIMARY_CTL   0x3f6
#define ATA_PRIMARY_IRQ   14
#define ATA_SECONDARY_CMD 0x170
#define ATA_SECONDARY_CTL 0x376
#define ATA_SECONDARY_IRQ 15
#define ATA_SECTOR        512
#define ATA_MAX_MULTIPLE  16	/* sectors per DRQ block, READ MULTIPLE */

/* Command block registers, offsets from the command base. */
#define ATA_REG_DATA    0	/* 16-bit (32-bit on PIIX); side effect: moves */
#define ATA_REG_ERROR   1	/* read */
#define ATA_REG_FEATURE 1	/* write */
#define ATA_REG_COUNT   2
#define ATA_REG_LBA_LOW 3	/* sector number */
#define ATA_REG_LBA_MID 4	/* cylinder low */
#define ATA_REG_LBA_HIGH 5	/* cylinder high */
#define ATA_REG_DEVICE  6	/* DEV bit 4, LBA bit 6, head/LBA 27:24 */
#define ATA_REG_STATUS  7	/* read; side effect: clears INTRQ */
#define ATA_REG_COMMAND 7	/* write */

#define ATA_SR_BSY  0x80
#define ATA_SR_DRDY 0x40
#define ATA_SR_DF   0x20
#define ATA_SR_DSC  0x10
#define ATA_SR_DRQ  0x08
#define ATA_SR_ERR  0x01
#define ATA_ER_ABRT 0x04
#define ATA_ER_IDNF 0x10
#define ATA_ER_UNC  0x40
#define ATA_DEV_DEV 0x10
#define ATA_DEV_LBA 0x40
#define ATA_CTL_NIEN 0x02	/* device control: INTRQ disabled */
#define ATA_CTL_SRST 0x04	/* soft reset while set */
#define ATA_CTL_HOB  0x80	/* read the previous (high order) bytes */

/* Disk contents: sectors of ATA_SECTOR bytes; false on a media error. */
struct ata_disk {
	bool (*read)(void *opaque, uint64_t lba, uint8_t *buf, uint32_t count);
	bool (*write)(void *opaque, uint64_t lba, const uint8_t *buf,
		      uint32_t count);
	void *opaque;
	uint64_t sectors;	/* 0: no drive */
};

struct ata_drive {
	struct ata_disk disk;
	uint8_t status, error;
	bool irq_pending;
	uint16_t cyls, heads, spt;	/* current CHS translation */
	uint8_t multiple;		/* SET MULTIPLE MODE, 0: off */
	/* PIO transfer in progress. */
	uint8_t buf[ATA_SECTOR * ATA_MAX_MULTIPLE];
	uint32_t buf_pos, buf_len;	/* bytes */
	uint64_t lba;			/* next sector to move */
	uint32_t remaining;		/* sectors after this block */
	uint32_t block;			/* sectors per DRQ block */
	bool writing;
	bool logged_cmd;
};

struct ata_channel {
	uint16_t cmd_base, ctl_base;
	struct irq_line irq;
	struct ata_drive drive[2];
	int sel;			/* DEV bit */
	uint8_t feature, count, lba_low, lba_mid, lba_high, device;
	uint8_t hob_count, hob_low, hob_mid, hob_high;	/* previous bytes */
	uint8_t control;
	bool irq_level;
};

void ata_init(struct ata_channel *ch, uint16_t cmd_base, uint16_t ctl_base,
	      struct irq_line irq, struct ata_disk master,
	      struct ata_disk slave);
/* Hardware reset (RESET-): both drives to their signatures. */
void ata_reset(struct ata_channel *ch);
uint32_t ata_read(struct ata_channel *ch, uint16_t port, int size);
void ata_write(struct ata_channel *ch, uint16_t port, uint32_t val,
	       int size);
bool ata_attach(struct ata_channel *ch, struct ioport_bus *bus);

#endif
