/* The monitor's commands.  Entered with Ctrl-A c on the console (or at boot
 * with monitor=1); the guest is stopped at a translation-block boundary
 * while it runs.  Addresses are guest physical (paging comes later). */
#include "kernel/monitor.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

#include "kernel/console.h"
#include "kernel/timer.h"
#include "translator/cpu.h"
#include "translator/flags.h"
#include "translator/x86.h"

#define LINE_MAX_LEN 128
#define MAX_ARGS 4

static const struct monitor_machine *machine;

void monitor_set_machine(const struct monitor_machine *m)
{
	machine = m;
}

static const char *const reg_names[8] = {
	"EAX", "ECX", "EDX", "EBX", "ESP", "EBP", "ESI", "EDI",
};

/* Reads a line with echo and backspace; returns its length. */
static size_t read_line(char *buf, size_t len)
{
	size_t n = 0;
	int c;

	for (;;) {
		while ((c = console_getc()) < 0)
			timer_idle();
		if (c == '\r' || c == '\n') {
			console_write("\n", 1);
			buf[n] = 0;
			return n;
		}
		if ((c == 0x7f || c == '\b') && n > 0) {
			n--;
			console_write("\b \b", 3);
		} else if (c >= ' ' && c < 0x7f && n + 1 < len) {
			buf[n++] = (char)c;
			console_putc((char)c);
		}
	}
}

static void cmd_regs(struct x86_cpu *cpu)
{
	static const struct { uint32_t bit; const char *name; } flags[] = {
		{ X86_CF, "CF" }, { X86_PF, "PF" }, { X86_AF, "AF" }, { X86_ZF, "ZF" },
		{ X86_SF, "SF" }, { X86_TF, "TF" }, { X86_IF, "IF" }, { X86_DF, "DF" },
		{ X86_OF, "OF" },
	};
	uint32_t ef = x86_get_eflags(cpu);

	for (int i = 0; i < 8; i++)
		printf("%s %08x%s", reg_names[i], cpu->regs[i], i % 4 == 3 ? "\n" : "  ");
	printf("EIP %08x  EFLAGS %08x [", cpu->eip, ef);
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (ef & flags[i].bit)
			printf(" %s", flags[i].name);
	printf(" ]\n");
}

/* Guest physical [addr, addr+len) as a host pointer, or NULL if outside RAM. */
static const uint8_t *guest_bytes(struct x86_cpu *cpu, uint32_t addr, uint32_t len)
{
	if ((uint64_t)addr + len > cpu->env.ram_size)
		return NULL;
	return (const uint8_t *)cpu->env.ram + addr;
}

#define DUMP_MAX 4096

static void cmd_dump(struct x86_cpu *cpu, uint32_t addr, uint32_t len)
{
	if (len > DUMP_MAX)
		len = DUMP_MAX;
	const uint8_t *p = guest_bytes(cpu, addr, len);

	if (!p) {
		printf("%08x: outside guest RAM\n", addr);
		return;
	}
	for (uint32_t i = 0; i < len; i++)
		printf("%s%02x%s", i % 16 == 0 ? "" : " ", p[i],
		       i % 16 == 15 || i + 1 == len ? "\n" : "");
}

static void cmd_disassemble(struct x86_cpu *cpu, uint32_t addr, uint32_t count)
{
	const uint32_t window = 15 * count;
	const uint8_t *p = guest_bytes(cpu, addr, window);
	csh h;
	cs_insn *insn;

	if (!p) {
		printf("%08x: outside guest RAM\n", addr);
		return;
	}
	if (cs_open(CS_ARCH_X86, CS_MODE_32, &h) != CS_ERR_OK)
		return;
	size_t n = cs_disasm(h, p, window, addr, count, &insn);
	for (size_t i = 0; i < n; i++) {
		printf("%08x: ", (uint32_t)insn[i].address);
		for (int b = 0; b < 8; b++)
			printf(b < insn[i].size ? "%02x" : "  ", insn[i].bytes[b]);
		printf("  %s %s\n", insn[i].mnemonic, insn[i].op_str);
	}
	if (n < count)
		printf("%08x: (undecodable)\n", n ? (uint32_t)(insn[n - 1].address + insn[n - 1].size) : addr);
	if (n)
		cs_free(insn, n);
	cs_close(&h);
}

static void cmd_stats(struct x86_cpu *cpu)
{
	char line[512];

	x86_format_stats(cpu, line, sizeof(line));
	for (char *w = strtok(line, " "); w; w = strtok(NULL, " "))
		printf("  %s\n", w);
	printf("  console_overruns=%lu\n  host_ticks=%llu\n", console_overruns(),
	       (unsigned long long)timer_ticks());
}

static void help(void)
{
	printf("monitor commands:\n"
	       "  regs                 guest registers, EFLAGS decoded\n"
	       "  x ADDR [LEN]         dump guest physical memory (LEN bytes, default 64)\n"
	       "  dis ADDR [N]         disassemble N instructions (default 8) at ADDR\n"
	       "  stats                translator and console counters\n"
	       "  dev                  the PC's devices: registers, port counters\n"
	       "  log                  the firmware's debug log (port 0x402), its kept tail\n"
	       "  c                    continue the guest\n"
	       "  quit                 end the run\n"
	       "Ctrl-A c (on the console) stops the guest and enters the monitor.\n");
}

static uint32_t number(const char *s, uint32_t dflt)
{
	return s ? (uint32_t)strtoul(s, NULL, 0) : dflt;
}

bool monitor_enter(struct x86_cpu *cpu)
{
	char line[LINE_MAX_LEN];

	printf("\nmimic monitor: guest stopped at eip %08x ('help' lists commands)\n", cpu->eip);
	for (;;) {
		char *argv[MAX_ARGS + 1] = { 0 };
		int argc = 0;

		printf("(mimic) ");
		fflush(stdout);
		read_line(line, sizeof(line));
		for (char *w = strtok(line, " \t"); w && argc < MAX_ARGS; w = strtok(NULL, " \t"))
			argv[argc++] = w;
		if (argc == 0)
			continue;
		if (!strcmp(argv[0], "c") || !strcmp(argv[0], "cont"))
			return true;
		if (!strcmp(argv[0], "quit") || !strcmp(argv[0], "q"))
			return false;
		if (!strcmp(argv[0], "help"))
			help();
		else if (!strcmp(argv[0], "regs"))
			cmd_regs(cpu);
		else if (!strcmp(argv[0], "x") && argc >= 2)
			cmd_dump(cpu, number(argv[1], 0), number(argv[2], 64));
		else if (!strcmp(argv[0], "dis") && argc >= 2)
			cmd_disassemble(cpu, number(argv[1], 0), number(argv[2], 8));
		else if (!strcmp(argv[0], "stats"))
			cmd_stats(cpu);
		else if (!strcmp(argv[0], "dev") && machine)
			machine->show_devices(machine->opaque);
		else if (!strcmp(argv[0], "log") && machine)
			machine->show_log(machine->opaque);
		else
			printf("unknown command or missing argument: '%s' (try 'help')\n", argv[0]);
	}
}
