/* LEFI boot_params parser.  The table is read field by field at the byte
 * offsets of the firmware's (partly packed) C structures, so that neither
 * alignment nor the compiler's layout matters.  All multi-byte fields are
 * little-endian, like the Loongson CPU. */
#include "kernel/lefi.h"

#include <string.h>

/* struct boot_params: efi_loongson, then efi_reset_system_t. */
#define BP_LOONGSON_PARAMS 40	/* efi.smbios.lp */
#define BP_RESET_COLD      112
#define BP_SHUTDOWN        136
#define BP_SIZE            152

/* struct loongson_params: offsets of the sub-tables, relative to itself. */
#define LP_MEMORY   0
#define LP_CPU      8
#define LP_SYSTEM   16
#define LP_BOARDDEV 48

/* struct efi_memory_map_loongson (packed). */
#define MM_NR_MAP   2
#define MM_MAP      10
/* Entries are not packed inside the packed table: node_id u32, mem_type
 * u32, mem_start u64, mem_size u32 (MB), 4 bytes of padding. */
#define MM_ENTRY    24
#define MM_MAX      128

/* struct efi_cpuinfo_loongson (packed). */
#define CPU_PRID    2
#define CPU_CLOCK   18
#define CPU_NR_CPUS 22
#define CPU_NAME    26

/* struct system_loongson (packed): nr_uarts then uart_device[]. */
#define SYS_NR_UARTS  10
#define SYS_UART0_BASE (14 + 12)

#define NAME_LEN 64

struct reader {
	const uint8_t *base;
	size_t len;
	const char *error;
};

static uint64_t rd(struct reader *r, uint64_t off, int bytes)
{
	uint64_t v = 0;

	if (off > r->len || r->len - off < (uint64_t)bytes) {
		r->error = "a field lies outside the table";
		return 0;
	}
	for (int i = bytes - 1; i >= 0; i--)
		v = (v << 8) | r->base[off + i];
	return v;
}

static void rd_name(struct reader *r, uint64_t off, char *dst)
{
	if (off > r->len || r->len - off < NAME_LEN) {
		r->error = "a name lies outside the table";
		dst[0] = 0;
		return;
	}
	memcpy(dst, r->base + off, NAME_LEN);
	dst[NAME_LEN] = 0;
}

static void parse_memory(struct reader *r, uint64_t mm, struct lefi_info *out)
{
	uint32_t n = (uint32_t)rd(r, mm + MM_NR_MAP, 4);

	if (n > MM_MAX) {
		r->error = "memory map has more than 128 entries";
		return;
	}
	for (uint32_t i = 0; i < n && !r->error; i++) {
		uint64_t e = mm + MM_MAP + (uint64_t)i * MM_ENTRY;
		uint32_t type = (uint32_t)rd(r, e + 4, 4);
		uint64_t start = rd(r, e + 8, 8);
		uint64_t size = rd(r, e + 16, 4) << 20;

		if (type != LEFI_RAM_LOW && type != LEFI_RAM_HIGH)
			continue;
		if (out->nr_ram == LEFI_MAX_RAM) {
			r->error = "too many RAM ranges";
			return;
		}
		out->ram[out->nr_ram].start = start;
		out->ram[out->nr_ram].size = size;
		out->nr_ram++;
	}
}

const char *lefi_parse(const void *bp, size_t len, struct lefi_info *out)
{
	struct reader r = { bp, len, NULL };

	memset(out, 0, sizeof(*out));
	if (!bp || len < BP_SIZE)
		return "boot_params table missing or truncated";

	uint64_t lp = BP_LOONGSON_PARAMS;
	uint64_t mm = lp + rd(&r, lp + LP_MEMORY, 8);
	uint64_t cpu = lp + rd(&r, lp + LP_CPU, 8);
	uint64_t sys = lp + rd(&r, lp + LP_SYSTEM, 8);
	uint64_t board = lp + rd(&r, lp + LP_BOARDDEV, 8);

	parse_memory(&r, mm, out);
	out->prid = (uint32_t)rd(&r, cpu + CPU_PRID, 4);
	out->cpu_clock_hz = (uint32_t)rd(&r, cpu + CPU_CLOCK, 4);
	out->nr_cpus = (uint32_t)rd(&r, cpu + CPU_NR_CPUS, 4);
	rd_name(&r, cpu + CPU_NAME, out->cpu_name);
	rd_name(&r, board, out->board_name);
	if (rd(&r, sys + SYS_NR_UARTS, 4) > 0)
		out->uart_base = rd(&r, sys + SYS_UART0_BASE, 8);
	out->fw_reset = rd(&r, BP_RESET_COLD, 8);
	out->fw_shutdown = rd(&r, BP_SHUTDOWN, 8);
	if (!r.error && out->nr_ram == 0)
		r.error = "memory map reports no RAM";
	return r.error;
}

uint64_t lefi_ram_total(const struct lefi_info *info)
{
	uint64_t total = 0;

	for (unsigned i = 0; i < info->nr_ram; i++)
		total += info->ram[i].size;
	return total;
}
