/* ATA channel with PIO hard disks. Commands run at once: BSY is never
 * seen; a data block is ready (DRQ) when the command or the previous block
 * completes. The taskfile does not report the failing sector on errors.
 * Ref: ANSI INCITS 361-2002 (ATA/ATAPI-6), PIO data-in/out protocols. */
#include "devices/ata.h"

#include <string.h>

#include "devices/devlog.h"

#define ATA_READY   (ATA_SR_DRDY | ATA_SR_DSC)
#define ATA_LBA28_MAX 0x0fffffffull
#define ATA_CMD_DEVICE_RESET    0x08
#define ATA_CMD_READ            0x20	/* 0x21: without retries */
#define ATA_CMD_READ_EXT        0x24
#define ATA_CMD_READ_NATIVE_MAX_EXT 0x27
#define ATA_CMD_READ_MULTIPLE_EXT 0x29
#define ATA_CMD_WRITE           0x30
#define ATA_CMD_WRITE_EXT       0x34
#define ATA_CMD_WRITE_MULTIPLE_EXT 0x39
#define ATA_CMD_VERIFY          0x40	/* 0x41: without retries */
#define ATA_CMD_VERIFY_EXT      0x42
#define ATA_CMD_DIAGNOSTIC      0x90
#define ATA_CMD_INIT_PARAMS     0x91
#define ATA_CMD_IDENTIFY_PACKET 0xa1
#define ATA_CMD_READ_MULTIPLE   0xc4
#define ATA_CMD_WRITE_MULTIPLE  0xc5
#define ATA_CMD_SET_MULTIPLE    0xc6
#define ATA_CMD_CHECK_POWER     0xe5
#define ATA_CMD_FLUSH           0xe7
#define ATA_CMD_IDENTIFY        0xec
#define ATA_CMD_FLUSH_EXT       0xea
#define ATA_CMD_SET_FEATURES    0xef
#define ATA_CMD_READ_NATIVE_MAX 0xf8

static bool present(const struct ata_drive *d)
{
	return d->disk.sectors != 0;
}

static void update_irq(struct ata_channel *ch)
{
	bool level = ch->drive[ch->sel].irq_pending &&
		     !(ch->control & ATA_CTL_NIEN);

	if (level != ch->irq_level) {
		ch->irq_level = level;
		irq_line_set(&ch->irq, level);
	}
}

static void interrupt(struct ata_channel *ch, struct ata_drive *d)
{
	d->irq_pending = true;
	update_irq(ch);
}

static void complete(struct ata_channel *ch, struct ata_drive *d)
{
	d->status = ATA_READY;
	interrupt(ch, d);
}

static void fail(struct ata_channel *ch, struct ata_drive *d, uint8_t error)
{
	d->status = ATA_READY | ATA_SR_ERR;
	d->error = error;
	d->buf_pos = d->buf_len = 0;
	interrupt(ch, d);
}

static void default_geometry(struct ata_drive *d)
{
	uint64_t cyls = d->disk.sectors / (16 * 63);

	d->heads = 16;
	d->spt = 63;
	d->cyls = (uint16_t)(cyls > 16383 ? 16383 : cyls ? cyls : 1);
}

/* The signature of an ATA device in the taskfile; diagnostics passed. */
static void set_signature(struct ata_channel *ch)
{
	ch->count = 1;
	ch->lba_low = 1;
	ch->lba_mid = 0;
	ch->lba_high = 0;
	ch->device = 0;
	ch->sel = 0;
	for (int i = 0; i < 2; i++) {
		struct ata_drive *d = &ch->drive[i];

		d->status = present(d) ? ATA_READY : 0;
		d->error = 0x01;
		d->irq_pending = false;
		d->buf_pos = d->buf_len = 0;
	}
}

void ata_init(struct ata_channel *ch, uint16_t cmd_base, uint16_t ctl_base,
	      struct irq_line irq, struct ata_disk master,
	      struct ata_disk slave)
{
	memset(ch, 0, sizeof(*ch));
	ch->cmd_base = cmd_base;
	ch->ctl_base = ctl_base;
	ch->irq = irq;
	ch->drive[0].disk = master;
	ch->drive[1].disk = slave;
	ata_reset(ch);
}

void ata_reset(struct ata_channel *ch)
{
	for (int i = 0; i < 2; i++) {
		default_geometry(&ch->drive[i]);
		ch->drive[i].multiple = 0;
	}
	ch->control = 0;
	set_signature(ch);
	update_irq(ch);
}

/* ATA strings: two characters a word, the first in the high byte. */
static void put_string(uint8_t *id, int word, int words, const char *s)
{
	size_t n = strlen(s);

	for (int i = 0; i < 2 * words; i++) {
		char c = (size_t)i < n ? s[i] : ' ';
		id[2 * word + (i ^ 1)] = (uint8_t)c;
	}
}

static void put_word(uint8_t *id, int word, uint16_t v)
{
	id[2 * word] = (uint8_t)v;
	id[2 * word + 1] = (uint8_t)(v >> 8);
}

/* IDENTIFY DEVICE data (ATA-6 table 27). */
static void build_identify(struct ata_drive *d, uint8_t *id)
{
	uint64_t n = d->disk.sectors;
	uint64_t lba28 = n > ATA_LBA28_MAX ? ATA_LBA28_MAX : n;
	uint32_t chs = (uint32_t)d->cyls * d->heads * d->spt;
	uint16_t lba48_bit = 1u << 10, flush_bits = 3u << 12;

	memset(id, 0, ATA_SECTOR);
	put_word(id, 0, 0x0040);	/* fixed device */
	put_word(id, 1, d->cyls);
	put_word(id, 3, d->heads);
	put_word(id, 6, d->spt);
	put_string(id, 10, 10, "MIMIC0000001");
	put_string(id, 23, 4, "0.1");
	put_string(id, 27, 20, "MIMIC HARDDISK");
	put_word(id, 47, 0x8000 | ATA_MAX_MULTIPLE);
	put_word(id, 49, 0x0200);	/* LBA supported */
	put_word(id, 51, 0x0200);	/* PIO mode 2 timing */
	put_word(id, 53, 0x0003);	/* words 54-58 and 64-70 valid */
	put_word(id, 54, d->cyls);
	put_word(id, 55, d->heads);
	put_word(id, 56, d->spt);
	put_word(id, 57, (uint16_t)chs);
	put_word(id, 58, (uint16_t)(chs >> 16));
	put_word(id, 59, d->multiple ? 0x0100 | d->multiple : 0);
	put_word(id, 60, (uint16_t)lba28);
	put_word(id, 61, (uint16_t)(lba28 >> 16));
	put_word(id, 64, 0x0003);	/* PIO modes 3 and 4 */
	for (int w = 65; w <= 68; w++)
		put_word(id, w, 120);	/* cycle times, ns */
	put_word(id, 80, 0x007e);	/* ATA-1 to ATA-6 */
	put_word(id, 83, 0x4000 | lba48_bit | flush_bits);
	put_word(id, 84, 0x4000);
	put_word(id, 86, lba48_bit | flush_bits);
	put_word(id, 87, 0x4000);
	for (int w = 0; w < 4; w++)
		put_word(id, 100 + w, (uint16_t)(n >> (16 * w)));
}

static void ready_block(struct ata_drive *d, uint32_t sectors)
{
	d->buf_pos = 0;
	d->buf_len = sectors * ATA_SECTOR;
	d->status = ATA_READY | ATA_SR_DRQ;
}

/* PIO data-in: reads the next block and interrupts with DRQ set. */
static void read_block(struct ata_channel *ch, struct ata_drive *d)
{
	uint32_t n = d->remaining < d->block ? d->remaining : d->block;

	if (!d->disk.read(d->disk.opaque, d->lba, d->buf, n)) {
		fail(ch, d, ATA_ER_UNC);
		return;
	}
	d->lba += n;
	d->remaining -= n;
	ready_block(d, n);
	interrupt(ch, d);
}

/* PIO data-out: a full block goes to the disk; the next block is asked
 * for, or the command completes, with an interrupt. */
static void write_block(struct ata_channel *ch, struct ata_drive *d)
{
	uint32_t n = d->buf_len / ATA_SECTOR;

	if (!d->disk.write || !d->disk.write(d->disk.opaque, d->lba, d->buf, n)) {
		fail(ch, d, ATA_ER_UNC);
		return;
	}
	d->lba += n;
	d->remaining -= n;
	if (!d->remaining) {
		d->buf_pos = d->buf_len = 0;
		complete(ch, d);
		return;
	}
	ready_block(d, d->remaining < d->block ? d->remaining : d->block);
	interrupt(ch, d);
}

/* The start sector and count of a data command, or false (IDNF). */
static bool address(struct ata_channel *ch, struct ata_drive *d, bool ext,
		    uint64_t *lba, uint32_t *count)
{
	if (ext) {
		*lba = (uint64_t)ch->hob_high << 40 | (uint64_t)ch->hob_mid << 32 |
		       (uint64_t)ch->hob_low << 24 | (uint64_t)ch->lba_high << 16 |
		       (uint64_t)ch->lba_mid << 8 | ch->lba_low;
		*count = (uint32_t)(ch->hob_count << 8 | ch->count);
		if (!*count)
			*count = 65536;
	} else {
		*count = ch->count ? ch->count : 256;
		if (ch->device & ATA_DEV_LBA) {
			*lba = (uint64_t)(ch->device & 0x0f) << 24 |
			       (uint64_t)ch->lba_high << 16 |
			       (uint64_t)ch->lba_mid << 8 | ch->lba_low;
		} else {
			uint32_t cyl = (uint32_t)ch->lba_high << 8 | ch->lba_mid;
			uint32_t head = ch->device & 0x0f, sector = ch->lba_low;

			if (!sector || sector > d->spt || head >= d->heads)
				return false;
			*lba = ((uint64_t)cyl * d->heads + head) * d->spt +
			       sector - 1;
		}
	}
	return *lba + *count <= d->disk.sectors;
}

static void data_command(struct ata_channel *ch, struct ata_drive *d,
			 bool ext, bool write, uint32_t block)
{
	uint64_t lba;
	uint32_t count;

	if (!block) {	/* READ/WRITE MULTIPLE before SET MULTIPLE MODE */
		fail(ch, d, ATA_ER_ABRT);
		return;
	}
	if (!address(ch, d, ext, &lba, &count)) {
		fail(ch, d, ATA_ER_IDNF);
		return;
	}
	d->lba = lba;
	d->remaining = count;
	d->block = block;
	d->writing = write;
	if (write)	/* the host sends the first block unprompted */
		ready_block(d, count < block ? count : block);
	else
		read_block(ch, d);
}

static void verify(struct ata_channel *ch, struct ata_drive *d, bool ext)
{
	uint64_t lba;
	uint32_t count;

	if (address(ch, d, ext, &lba, &count))
		complete(ch, d);
	else
		fail(ch, d, ATA_ER_IDNF);
}

static void identify(struct ata_channel *ch, struct ata_drive *d)
{
	build_identify(d, d->buf);
	d->remaining = 0;
	d->writing = false;
	ready_block(d, 1);
	interrupt(ch, d);
}

static void set_multiple(struct ata_channel *ch, struct ata_drive *d)
{
	uint8_t n = ch->count;

	if (n > ATA_MAX_MULTIPLE || (n & (n - 1))) {
		fail(ch, d, ATA_ER_ABRT);
		return;
	}
	d->multiple = n;
	complete(ch, d);
}

static void init_params(struct ata_channel *ch, struct ata_drive *d)
{
	uint64_t cyls;

	if (!ch->count) {
		fail(ch, d, ATA_ER_ABRT);
		return;
	}
	d->heads = (uint16_t)((ch->device & 0x0f) + 1);
	d->spt = ch->count;
	cyls = d->disk.sectors / ((uint64_t)d->heads * d->spt);
	d->cyls = (uint16_t)(cyls > 65535 ? 65535 : cyls);
	complete(ch, d);
}

/* READ NATIVE MAX ADDRESS: the last sector, in the address registers. */
static void native_max(struct ata_channel *ch, struct ata_drive *d, bool ext)
{
	uint64_t max = d->disk.sectors - 1;

	if (!ext && max > ATA_LBA28_MAX)
		max = ATA_LBA28_MAX;
	ch->lba_low = (uint8_t)max;
	ch->lba_mid = (uint8_t)(max >> 8);
	ch->lba_high = (uint8_t)(max >> 16);
	if (ext) {
		ch->hob_low = (uint8_t)(max >> 24);
		ch->hob_mid = (uint8_t)(max >> 32);
		ch->hob_high = (uint8_t)(max >> 40);
	} else {
		ch->device = (uint8_t)((ch->device & 0xf0) | ((max >> 24) & 0x0f));
	}
	complete(ch, d);
}

static void command(struct ata_channel *ch, uint8_t cmd)
{
	struct ata_drive *d = &ch->drive[ch->sel];

	if (!present(d))
		return;	/* nobody answers for an absent device */
	d->irq_pending = false;
	d->error = 0;
	switch (cmd) {
	case ATA_CMD_IDENTIFY:
		identify(ch, d);
		break;
	case ATA_CMD_READ:
	case ATA_CMD_READ + 1:
		data_command(ch, d, false, false, 1);
		break;
	case ATA_CMD_READ_EXT:
		data_command(ch, d, true, false, 1);
		break;
	case ATA_CMD_READ_MULTIPLE:
		data_command(ch, d, false, false, d->multiple);
		break;
	case ATA_CMD_READ_MULTIPLE_EXT:
		data_command(ch, d, true, false, d->multiple);
		break;
	case ATA_CMD_WRITE:
	case ATA_CMD_WRITE + 1:
		data_command(ch, d, false, true, 1);
		break;
	case ATA_CMD_WRITE_EXT:
		data_command(ch, d, true, true, 1);
		break;
	case ATA_CMD_WRITE_MULTIPLE:
		data_command(ch, d, false, true, d->multiple);
		break;
	case ATA_CMD_WRITE_MULTIPLE_EXT:
		data_command(ch, d, true, true, d->multiple);
		break;
	case ATA_CMD_VERIFY:
	case ATA_CMD_VERIFY + 1:
		verify(ch, d, false);
		break;
	case ATA_CMD_VERIFY_EXT:
		verify(ch, d, true);
		break;
	case ATA_CMD_SET_MULTIPLE:
		set_multiple(ch, d);
		break;
	case ATA_CMD_INIT_PARAMS:
		init_params(ch, d);
		break;
	case ATA_CMD_READ_NATIVE_MAX:
		native_max(ch, d, false);
		break;
	case ATA_CMD_READ_NATIVE_MAX_EXT:
		native_max(ch, d, true);
		break;
	case ATA_CMD_DIAGNOSTIC:
		set_signature(ch);
		interrupt(ch, &ch->drive[0]);
		break;
	case ATA_CMD_CHECK_POWER:
		ch->count = 0xff;	/* active or idle */
		complete(ch, d);
		break;
	case ATA_CMD_FLUSH:
	case ATA_CMD_FLUSH_EXT:
	case ATA_CMD_SET_FEATURES:
	case 0xe0: case 0xe1: case 0xe2: case 0xe3:	/* power modes */
		complete(ch, d);
		break;
	case ATA_CMD_IDENTIFY_PACKET:	/* not a packet device */
	case ATA_CMD_DEVICE_RESET:
		fail(ch, d, ATA_ER_ABRT);
		break;
	default:
		if ((cmd & 0xf0) == 0x10 || (cmd & 0xf0) == 0x70) {
			complete(ch, d);	/* RECALIBRATE, SEEK */
			break;
		}
		devlog_once(&d->logged_cmd, "ata: command 0x%02x unimplemented (aborted)", cmd);
		fail(ch, d, ATA_ER_ABRT);
		break;
	}
}

/* The host has taken the last byte of a data-in block: the next block,
 * or the command is done. */
static void data_in_drained(struct ata_channel *ch, struct ata_drive *d)
{
	if (d->remaining)
		read_block(ch, d);
	else
		d->status = ATA_READY;
}

/* Data register: size bytes of the current block, little-endian. */
static uint32_t read_data(struct ata_channel *ch, int size)
{
	struct ata_drive *d = &ch->drive[ch->sel];
	uint32_t v = 0;

	if (!(d->status & ATA_SR_DRQ) || d->writing)
		return 0xffffffffu >> (32 - 8 * size);
	for (int i = 0; i < size && d->buf_pos < d->buf_len; i++)
		v |= (uint32_t)d->buf[d->buf_pos++] << (8 * i);
	if (d->buf_pos == d->buf_len)
		data_in_drained(ch, d);
	return v;
}

static void write_data(struct ata_channel *ch, uint32_t val, int size)
{
	struct ata_drive *d = &ch->drive[ch->sel];

	if (!(d->status & ATA_SR_DRQ) || !d->writing)
		return;
	for (int i = 0; i < size && d->buf_pos < d->buf_len; i++)
		d->buf[d->buf_pos++] = (uint8_t)(val >> (8 * i));
	if (d->buf_pos == d->buf_len)
		write_block(ch, d);
}

/* Whole elements of the current block a run of count size-byte accesses
 * to the data register may move at once (0: let single accesses do it). */
static uint32_t data_run(const struct ata_drive *d, bool writing, int size, uint32_t count)
{
	uint32_t whole;

	if (!(d->status & ATA_SR_DRQ) || d->writing != writing)
		return 0;
	whole = (d->buf_len - d->buf_pos) / (uint32_t)size;
	return count < whole ? count : whole;
}

/* rep insw/insd on the data register: up to the end of the block. */
static uint32_t read_data_string(struct ata_channel *ch, int size, uint8_t *buf, uint32_t count)
{
	struct ata_drive *d = &ch->drive[ch->sel];
	uint32_t n = data_run(d, false, size, count);

	memcpy(buf, d->buf + d->buf_pos, n * (uint32_t)size);
	d->buf_pos += n * (uint32_t)size;
	if (n && d->buf_pos == d->buf_len)
		data_in_drained(ch, d);
	return n;
}

static uint32_t write_data_string(struct ata_channel *ch, int size, const uint8_t *buf,
				  uint32_t count)
{
	struct ata_drive *d = &ch->drive[ch->sel];
	uint32_t n = data_run(d, true, size, count);

	memcpy(d->buf + d->buf_pos, buf, n * (uint32_t)size);
	d->buf_pos += n * (uint32_t)size;
	if (n && d->buf_pos == d->buf_len)
		write_block(ch, d);
	return n;
}

static uint8_t status_of(const struct ata_channel *ch)
{
	const struct ata_drive *d = &ch->drive[ch->sel];

	if (present(d))
		return d->status;
	return present(&ch->drive[0]) || present(&ch->drive[1]) ? 0 : 0xff;
}

/* Taskfile register for reading; HOB in device control picks the bytes
 * written before the last ones. */
static uint8_t read_taskfile(const struct ata_channel *ch, int reg)
{
	bool hob = ch->control & ATA_CTL_HOB;

	switch (reg) {
	case ATA_REG_ERROR:
		return ch->drive[ch->sel].error;
	case ATA_REG_COUNT:
		return hob ? ch->hob_count : ch->count;
	case ATA_REG_LBA_LOW:
		return hob ? ch->hob_low : ch->lba_low;
	case ATA_REG_LBA_MID:
		return hob ? ch->hob_mid : ch->lba_mid;
	case ATA_REG_LBA_HIGH:
		return hob ? ch->hob_high : ch->lba_high;
	default:
		return ch->device;
	}
}

/* Writes push the previous byte into the HOB copy (48-bit commands take
 * two writes per register) and clear HOB in device control. */
static void write_taskfile(struct ata_channel *ch, int reg, uint8_t v)
{
	ch->control &= ~ATA_CTL_HOB;
	switch (reg) {
	case ATA_REG_FEATURE:
		ch->feature = v;
		break;
	case ATA_REG_COUNT:
		ch->hob_count = ch->count;
		ch->count = v;
		break;
	case ATA_REG_LBA_LOW:
		ch->hob_low = ch->lba_low;
		ch->lba_low = v;
		break;
	case ATA_REG_LBA_MID:
		ch->hob_mid = ch->lba_mid;
		ch->lba_mid = v;
		break;
	case ATA_REG_LBA_HIGH:
		ch->hob_high = ch->lba_high;
		ch->lba_high = v;
		break;
	default:
		ch->device = v;
		ch->sel = (v & ATA_DEV_DEV) ? 1 : 0;
		update_irq(ch);
		break;
	}
}

static void write_control(struct ata_channel *ch, uint8_t v)
{
	bool was_reset = ch->control & ATA_CTL_SRST;

	ch->control = v;
	if (v & ATA_CTL_SRST) {
		ch->drive[0].status = ch->drive[1].status = ATA_SR_BSY;
		ch->drive[0].irq_pending = ch->drive[1].irq_pending = false;
	} else if (was_reset) {
		set_signature(ch);
	}
	update_irq(ch);
}

uint32_t ata_read(struct ata_channel *ch, uint16_t port, int size)
{
	int reg = port - ch->cmd_base;

	if (port == ch->ctl_base)	/* alternate status: no side effect */
		return status_of(ch);
	if (reg == ATA_REG_DATA)
		return read_data(ch, size);
	if (reg == ATA_REG_STATUS) {
		uint8_t v = status_of(ch);

		ch->drive[ch->sel].irq_pending = false;
		update_irq(ch);
		return v;
	}
	return read_taskfile(ch, reg);
}

void ata_write(struct ata_channel *ch, uint16_t port, uint32_t val, int size)
{
	int reg = port - ch->cmd_base;

	if (port == ch->ctl_base)
		write_control(ch, (uint8_t)val);
	else if (reg == ATA_REG_DATA)
		write_data(ch, val, size);
	else if (reg == ATA_REG_COMMAND)
		command(ch, (uint8_t)val);
	else
		write_taskfile(ch, reg, (uint8_t)val);
}

static uint32_t io_read(void *opaque, uint16_t port, int size)
{
	return ata_read(opaque, port, size);
}

static void io_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	ata_write(opaque, port, val, size);
}

/* Runs of accesses: only the data register moves more than one at once. */
static uint32_t io_read_string(void *opaque, uint16_t port, int size, uint8_t *buf, uint32_t count)
{
	struct ata_channel *ch = opaque;

	return port == ch->cmd_base + ATA_REG_DATA ? read_data_string(ch, size, buf, count) : 0;
}

static uint32_t io_write_string(void *opaque, uint16_t port, int size, const uint8_t *buf,
				uint32_t count)
{
	struct ata_channel *ch = opaque;

	return port == ch->cmd_base + ATA_REG_DATA ? write_data_string(ch, size, buf, count) : 0;
}

bool ata_attach(struct ata_channel *ch, struct ioport_bus *bus)
{
	/* Up to 4 bytes whole: 16- and 32-bit data transfers at +0; the
	 * 8-bit taskfile registers just ignore the upper bytes. */
	return ioport_register(bus, ch->cmd_base, 8, 4, "ata", io_read,
			       io_write, ch) &&
	       ioport_set_string(bus, ch->cmd_base, io_read_string, io_write_string) &&
	       ioport_register(bus, ch->ctl_base, 1, 1, "ata-ctl", io_read,
			       io_write, ch);
}
