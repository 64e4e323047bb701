/* fw_cfg: items by key, the file directory, the byte-wide data register
 * and the DMA interface. Writes to items are not supported (the write
 * channel and DMA writes report an error). Ref: QEMU docs/specs/fw_cfg.rst. */
#include "devices/fwcfg.h"

#include <stdio.h>
#include <string.h>

#include "libc/bytes.h"
#include "devices/devlog.h"

#define DMA_ACCESS_SIZE 16	/* BE u32 control, u32 length, u64 address */

static const char *const fixed_names[FWCFG_FILE_FIRST] = {
	"signature", "id", "uuid", "ram_size", "nographic", "nb_cpus",
	"machine_id", "kernel_addr", "kernel_size", "kernel_cmdline",
	"initrd_addr", "initrd_size", "boot_device", "numa", "boot_menu",
	"max_cpus", "kernel_entry", "kernel_data", "initrd_data",
	"cmdline_addr", "cmdline_size", "cmdline_data", "setup_addr",
	"setup_size", "setup_data", "file_dir",
};

static const char *const arch_names[] = {
	"acpi_tables", "smbios", "irq0_override", "e820_table", "hpet",
};

/* Items live in one table: fixed keys, then files, then arch keys. */
static int slot_of(uint16_t key)
{
	key &= (uint16_t)~FWCFG_WRITE_CHANNEL;
	if (key < FWCFG_FILE_FIRST + FWCFG_FILES)
		return key;
	if (key >= FWCFG_ARCH_LOCAL && key < FWCFG_ARCH_LOCAL + 0x20)
		return FWCFG_FILE_FIRST + FWCFG_FILES + (key - FWCFG_ARCH_LOCAL);
	return -1;
}

/* A 32-bit port value whose byte lanes hold a big-endian number. */
static uint32_t from_be_lanes(uint32_t val)
{
	return __builtin_bswap32(val);
}

void fwcfg_init(struct fwcfg_state *s, struct fwcfg_dma dma)
{
	memset(s, 0, sizeof(*s));
	s->dma = dma;
	fwcfg_add_bytes(s, FWCFG_SIGNATURE, "QEMU", 4);
	fwcfg_add_int(s, FWCFG_ID, FWCFG_ID_TRADITIONAL | FWCFG_ID_DMA, 4);
	fwcfg_add_bytes(s, FWCFG_FILE_DIR, s->dir, 4);
}

void fwcfg_reset(struct fwcfg_state *s)
{
	s->selector = 0;
	s->offset = 0;
	s->dma_high = 0;
}

bool fwcfg_add_bytes(struct fwcfg_state *s, uint16_t key, const void *data,
		     uint32_t len)
{
	int slot = slot_of(key);

	if (slot < 0 || (key >= FWCFG_FILE_FIRST && key < FWCFG_ARCH_LOCAL))
		return false;
	s->items[slot] = (struct fwcfg_item){ .data = data, .len = len };
	return true;
}

bool fwcfg_add_int(struct fwcfg_state *s, uint16_t key, uint64_t value,
		   int bytes)
{
	int slot = slot_of(key);

	if (!fwcfg_add_bytes(s, key, NULL, (uint32_t)bytes))
		return false;
	le_put(s->items[slot].value, value, bytes);
	return true;
}

bool fwcfg_add_file(struct fwcfg_state *s, const char *name,
		    const void *data, uint32_t len)
{
	uint16_t key = (uint16_t)(FWCFG_FILE_FIRST + s->files);
	uint8_t *e = s->dir + 4 + s->files * FWCFG_DIR_ENTRY;

	if (s->files == FWCFG_FILES)
		return false;
	s->items[key] = (struct fwcfg_item){ .data = data, .len = len };
	be_put(e, len, 4);
	be_put(e + 4, key, 2);
	strncpy((char *)e + 8, name, FWCFG_NAME_LEN - 1);
	s->files++;
	be_put(s->dir, (uint64_t)s->files, 4);
	s->items[FWCFG_FILE_DIR].len = 4 + (uint32_t)s->files * FWCFG_DIR_ENTRY;
	return true;
}

/* The selected item, or NULL (reported once per key, by name). */
static const struct fwcfg_item *selected(struct fwcfg_state *s)
{
	int slot = slot_of(s->selector);
	uint16_t key = s->selector & (uint16_t)~FWCFG_WRITE_CHANNEL;
	const char *name = NULL;
	char num[8];

	if (slot >= 0 && s->items[slot].len)
		return &s->items[slot];
	if (slot < 0) {
		devlog_once(&s->logged_other, "fw_cfg: key 0x%04x (and any other out of range) not provided", key);
		return NULL;
	}
	if (key < FWCFG_FILE_FIRST)
		name = fixed_names[key];
	else if (key >= FWCFG_ARCH_LOCAL &&
		 key - FWCFG_ARCH_LOCAL < (int)(sizeof(arch_names) / sizeof(arch_names[0])))
		name = arch_names[key - FWCFG_ARCH_LOCAL];
	if (!name) {
		snprintf(num, sizeof(num), "0x%04x", key);
		name = num;
	}
	if (!(s->logged[slot / 8] & (1u << (slot % 8)))) {
		s->logged[slot / 8] |= (uint8_t)(1u << (slot % 8));
		devlog("fw_cfg: item %s not provided", name);
	}
	return NULL;
}

static const uint8_t *item_bytes(const struct fwcfg_item *it)
{
	return it->data ? it->data : it->value;
}

static void select_key(struct fwcfg_state *s, uint16_t key)
{
	s->selector = key;
	s->offset = 0;
}

/* Side effect: advances the offset. Past the end, reads give 0. */
static uint8_t read_byte(struct fwcfg_state *s)
{
	const struct fwcfg_item *it = selected(s);

	if (!it || s->offset >= it->len)
		return 0;
	return item_bytes(it)[s->offset++];
}

static bool dma_zero(struct fwcfg_state *s, uint64_t pa, uint32_t len)
{
	static const uint8_t zeros[64];

	while (len) {
		uint32_t n = len < sizeof(zeros) ? len : sizeof(zeros);

		if (!s->dma.write(s->dma.opaque, pa, zeros, n))
			return false;
		pa += n;
		len -= n;
	}
	return true;
}

/* Runs the DMA access structure at pa and writes back its control word:
 * 0 when done, FWCFG_DMA_ERROR on failure. */
static void run_dma(struct fwcfg_state *s, uint64_t pa)
{
	uint8_t acc[DMA_ACCESS_SIZE], done[4] = { 0 };
	uint32_t control, length;
	uint64_t addr;
	bool ok = true;

	if (!s->dma.read || !s->dma.read(s->dma.opaque, pa, acc, sizeof(acc)))
		return;
	control = (uint32_t)be_get(acc, 4);
	length = (uint32_t)be_get(acc + 4, 4);
	addr = be_get(acc + 8, 8);
	if (control & FWCFG_DMA_SELECT)
		select_key(s, (uint16_t)(control >> 16));
	if (control & FWCFG_DMA_WRITE) {
		ok = false;
	} else if (control & (FWCFG_DMA_READ | FWCFG_DMA_SKIP)) {
		const struct fwcfg_item *it = selected(s);
		uint32_t have = it && s->offset < it->len ? it->len - s->offset : 0;
		uint32_t n = length < have ? length : have;

		if ((control & FWCFG_DMA_READ) && n)
			ok = s->dma.write(s->dma.opaque, addr,
					  item_bytes(it) + s->offset, n);
		if ((control & FWCFG_DMA_READ) && ok)	/* past the end: 0 */
			ok = dma_zero(s, addr + n, length - n);
		s->offset += n;
	}
	if (!ok)
		be_put(done, FWCFG_DMA_ERROR, 4);
	s->dma.write(s->dma.opaque, pa, done, sizeof(done));
}

uint32_t fwcfg_read(struct fwcfg_state *s, uint16_t port, int size)
{
	uint64_t sig = FWCFG_DMA_SIGNATURE;

	if (port == FWCFG_DATA && size == 1)
		return read_byte(s);
	if (port == FWCFG_DMA_HIGH && size == 4)
		return from_be_lanes((uint32_t)(sig >> 32));
	if (port == FWCFG_DMA_LOW && size == 4)
		return from_be_lanes((uint32_t)sig);
	return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

void fwcfg_write(struct fwcfg_state *s, uint16_t port, uint32_t val,
		 int size)
{
	if (port == FWCFG_SELECTOR && size == 2) {
		select_key(s, (uint16_t)val);
	} else if (port == FWCFG_DMA_HIGH && size == 4) {
		s->dma_high = from_be_lanes(val);
	} else if (port == FWCFG_DMA_LOW && size == 4) {
		run_dma(s, (uint64_t)s->dma_high << 32 | from_be_lanes(val));
		s->dma_high = 0;
	}
}

static uint32_t io_read(void *opaque, uint16_t port, int size)
{
	return fwcfg_read(opaque, port, size);
}

static void io_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	fwcfg_write(opaque, port, val, size);
}

bool fwcfg_attach(struct fwcfg_state *s, struct ioport_bus *bus)
{
	return ioport_register(bus, FWCFG_SELECTOR, 2, 2, "fw_cfg", io_read,
			       io_write, s) &&
	       ioport_register(bus, FWCFG_DMA_HIGH, 8, 4, "fw_cfg-dma", io_read,
			       io_write, s);
}
