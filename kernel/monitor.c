/* The monitor's commands.  Entered with Ctrl-A c on the console (or at boot
 * with monitor=1), at a breakpoint and after a step; the guest is stopped
 * at an instruction boundary while it runs.  Memory addresses are linear
 * (through the guest's page tables while paging is on), except for xp's
 * physical ones; breakpoints are linear addresses. */
#include "kernel/monitor.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

#include "kernel/console.h"
#include "kernel/logring.h"
#include "kernel/timer.h"
#include "translator/cpu.h"
#include "translator/flags.h"

#define LINE_MAX_LEN 128
#define MAX_ARGS 4
#define MONITOR_STAY (-1)	/* a command's answer: read the next command */

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

static uint32_t number(const char *s, uint32_t dflt)
{
	return s ? (uint32_t)strtoul(s, NULL, 0) : dflt;
}

static bool read_guest(struct x86_cpu *cpu, uint32_t addr, void *buf, uint32_t len, bool physical)
{
	return physical ? x86_debug_read_phys(cpu, addr, buf, len) : x86_debug_read(cpu, addr, buf, len);
}

static const char *const seg_names[6] = { "ES", "CS", "SS", "DS", "FS", "GS" };

static int cmd_regs(struct x86_cpu *cpu, char **argv)
{
	static const struct { uint32_t bit; const char *name; } flags[] = {
		{ X86_CF, "CF" }, { X86_PF, "PF" }, { X86_AF, "AF" }, { X86_ZF, "ZF" },
		{ X86_SF, "SF" }, { X86_TF, "TF" }, { X86_IF, "IF" }, { X86_DF, "DF" },
		{ X86_OF, "OF" },
	};
	uint32_t ef = x86_get_eflags(cpu);

	(void)argv;
	for (int i = 0; i < 8; i++)
		printf("%s %08x%s", reg_names[i], cpu->regs[i], i % 4 == 3 ? "\n" : "  ");
	printf("EIP %08x  EFLAGS %08x [", cpu->eip, ef);
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (ef & flags[i].bit)
			printf(" %s", flags[i].name);
	printf(" ] CPL %u\n", cpu->hflags & X86_HF_CPL_MASK);
	for (int i = 0; i < 6; i++)
		printf("%s %04x base %08x limit %08x attr %04x\n", seg_names[i], cpu->seg[i].sel,
		       cpu->seg[i].base, cpu->seg[i].limit, cpu->seg[i].attr);
	printf("CR0 %08x  CR2 %08x  CR3 %08x  CR4 %08x\n", cpu->cr[0], cpu->cr[2], cpu->cr[3],
	       cpu->cr[4]);
	return MONITOR_STAY;
}

#define DUMP_MAX 4096
#define DUMP_LINE 16

/* LEN bytes at ADDR in lines of 16, each line read on its own so that the
 * dump goes up to the first byte that cannot be shown. */
static void dump(struct x86_cpu *cpu, char **argv, bool physical)
{
	uint32_t addr = number(argv[1], 0), len = number(argv[2], 64), phys;

	if (len > DUMP_MAX)
		len = DUMP_MAX;
	if (!physical && x86_debug_translate(cpu, addr, &phys))
		printf("linear %08x is physical %08x\n", addr, phys);
	for (uint32_t done = 0; done < len; done += DUMP_LINE) {
		uint8_t line[DUMP_LINE];
		uint32_t n = len - done < DUMP_LINE ? len - done : DUMP_LINE;

		if (!read_guest(cpu, addr + done, line, n, physical)) {
			printf("%08x: %s\n", addr + done, physical ? "not RAM or ROM"
				: "not mapped by the guest's page tables, or not RAM or ROM");
			return;
		}
		printf("%08x:", addr + done);
		for (uint32_t i = 0; i < n; i++)
			printf(" %02x", line[i]);
		printf("\n");
	}
}

static int cmd_dump(struct x86_cpu *cpu, char **argv)
{
	dump(cpu, argv, false);
	return MONITOR_STAY;
}

static int cmd_dump_physical(struct x86_cpu *cpu, char **argv)
{
	dump(cpu, argv, true);
	return MONITOR_STAY;
}

#define INSN_MAX 15
#define DIS_MAX 64

/* count instructions at linear addr, decoded as the current code segment's
 * size (16 or 32 bits). */
static void disassemble(struct x86_cpu *cpu, uint32_t addr, uint32_t count)
{
	uint8_t code[INSN_MAX * DIS_MAX];
	uint32_t got = 0;
	csh h;
	cs_insn *insn;

	if (count > DIS_MAX)
		count = DIS_MAX;
	while (got < INSN_MAX * count && x86_debug_read(cpu, addr + got, &code[got], 1))
		got++;
	if (got == 0) {
		printf("%08x: not mapped by the guest's page tables, or not RAM or ROM\n", addr);
		return;
	}
	if (cs_open(CS_ARCH_X86, cpu->hflags & X86_HF_CODE32 ? CS_MODE_32 : CS_MODE_16, &h) != CS_ERR_OK)
		return;
	size_t n = cs_disasm(h, code, got, addr, count, &insn);
	for (size_t i = 0; i < n; i++) {
		printf("%08x: ", (uint32_t)insn[i].address);
		for (int b = 0; b < 8; b++)
			printf(b < insn[i].size ? "%02x" : "  ", insn[i].bytes[b]);
		printf("  %s %s\n", insn[i].mnemonic, insn[i].op_str);
	}
	if (n < count)
		printf("%08x: (undecodable, or not readable)\n",
		       n ? (uint32_t)(insn[n - 1].address + insn[n - 1].size) : addr);
	if (n)
		cs_free(insn, n);
	cs_close(&h);
}

static int cmd_disassemble(struct x86_cpu *cpu, char **argv)
{
	disassemble(cpu, number(argv[1], 0), number(argv[2], 8));
	return MONITOR_STAY;
}

static int cmd_stats(struct x86_cpu *cpu, char **argv)
{
	static char line[4096];	/* events by vector can make it long */

	(void)argv;
	x86_format_stats(cpu, line, sizeof(line));
	for (char *w = strtok(line, " "); w; w = strtok(NULL, " "))
		printf("  %s\n", w);
	printf("  console_overruns=%lu\n  host_ticks=%llu\n", console_overruns(),
	       (unsigned long long)timer_ticks());
	return MONITOR_STAY;
}

static int cmd_devices(struct x86_cpu *cpu, char **argv)
{
	(void)cpu, (void)argv;
	if (machine)
		machine->show_devices(machine->opaque);
	else
		printf("this machine has no devices to show\n");
	return MONITOR_STAY;
}

static int cmd_firmware_log(struct x86_cpu *cpu, char **argv)
{
	(void)cpu, (void)argv;
	if (machine)
		machine->show_log(machine->opaque);
	else
		printf("this machine keeps no firmware log\n");
	return MONITOR_STAY;
}

static int cmd_reset(struct x86_cpu *cpu, char **argv)
{
	if (machine && machine->reset)
		machine->reset(machine->opaque);
	else
		printf("this machine cannot reset\n");
	return cmd_regs(cpu, argv);
}

static int cmd_log(struct x86_cpu *cpu, char **argv)
{
	char names[96], err[128];
	unsigned flags;

	if (argv[1] && !x86_log_parse(argv[1], &flags, err, sizeof(err))) {
		printf("%s\n", err);
		return MONITOR_STAY;
	}
	if (argv[1])
		x86_set_log(cpu, flags);
	x86_log_names(cpu->env.log, names, sizeof(names));
	printf("logging: %s; ring: %llu bytes written, %zu kept (logtail shows them)\n", names,
	       (unsigned long long)logring_written(), logring_kept());
	return MONITOR_STAY;
}

static int cmd_log_tail(struct x86_cpu *cpu, char **argv)
{
	(void)cpu;
	logring_show_tail(number(argv[1], 20));
	return MONITOR_STAY;
}

static int cmd_tb(struct x86_cpu *cpu, char **argv)
{
	uint32_t addr = number(argv[1], 0);

	if (x86_show_tbs(cpu, addr) == 0)
		printf("no translation holds %08x (it runs when the guest gets there)\n", addr);
	return MONITOR_STAY;
}

static int cmd_break(struct x86_cpu *cpu, char **argv)
{
	uint32_t addr = number(argv[1], 0);

	if (x86_set_breakpoint(cpu, addr, true))
		printf("breakpoint at %08x\n", addr);
	else
		printf("no room for another breakpoint (%u set)\n", X86_MAX_BREAKPOINTS);
	return MONITOR_STAY;
}

static int cmd_break_list(struct x86_cpu *cpu, char **argv)
{
	uint32_t addrs[X86_MAX_BREAKPOINTS];
	unsigned n = x86_breakpoints(cpu, addrs, X86_MAX_BREAKPOINTS);

	(void)argv;
	if (n == 0)
		printf("no breakpoints\n");
	for (unsigned i = 0; i < n; i++)
		printf("breakpoint at %08x\n", addrs[i]);
	return MONITOR_STAY;
}

static int cmd_break_clear(struct x86_cpu *cpu, char **argv)
{
	uint32_t addrs[X86_MAX_BREAKPOINTS], addr = number(argv[1], 0);

	if (!strcmp(argv[1], "all")) {
		unsigned n = x86_breakpoints(cpu, addrs, X86_MAX_BREAKPOINTS);

		for (unsigned i = 0; i < n; i++)
			x86_set_breakpoint(cpu, addrs[i], false);
		printf("%u breakpoint(s) cleared\n", n);
	} else if (x86_set_breakpoint(cpu, addr, false)) {
		printf("breakpoint at %08x cleared\n", addr);
	} else {
		printf("no breakpoint at %08x\n", addr);
	}
	return MONITOR_STAY;
}

static int cmd_help(struct x86_cpu *cpu, char **argv);

static const struct command {
	const char *name;
	const char *alias;
	const char *args;
	int min_args;
	int (*run)(struct x86_cpu *cpu, char **argv);	/* MONITOR_STAY or a verdict */
	enum monitor_verdict leave;	/* without run: leave the monitor so */
	const char *help;
} commands[] = {
	{ "help", NULL, "", 0, cmd_help, 0, "this list" },
	{ "regs", "r", "", 0, cmd_regs, 0, "guest registers: general, segments (hidden parts too), control, EFLAGS decoded" },
	{ "x", NULL, "ADDR [LEN]", 1, cmd_dump, 0, "dump guest memory at linear ADDR (LEN bytes, default 64)" },
	{ "xp", NULL, "ADDR [LEN]", 1, cmd_dump_physical, 0, "dump guest memory at physical ADDR" },
	{ "dis", NULL, "ADDR [N]", 1, cmd_disassemble, 0, "disassemble N instructions (default 8) at linear ADDR" },
	{ "stats", NULL, "", 0, cmd_stats, 0, "translator, TLB, code buffer and console counters; events by vector" },
	{ "tb", NULL, "ADDR", 1, cmd_tb, 0, "the translations of linear ADDR: guest code, MIPS code" },
	{ "dev", NULL, "", 0, cmd_devices, 0, "the PC's devices: registers, port counters" },
	{ "fwlog", NULL, "", 0, cmd_firmware_log, 0, "the firmware's debug log (port 0x402), its kept tail" },
	{ "log", NULL, "[CATS|none]", 0, cmd_log, 0, "log categories (in_asm,out_asm,exec,int,cpu,ioport,mmio): show or set" },
	{ "logtail", NULL, "[N]", 0, cmd_log_tail, 0, "the last N lines of the log ring (default 20)" },
	{ "reset", NULL, "", 0, cmd_reset, 0, "reset the machine (the firmware starts again)" },
	{ "b", "break", "ADDR", 1, cmd_break, 0, "stop before the instruction at linear ADDR" },
	{ "bl", NULL, "", 0, cmd_break_list, 0, "list breakpoints" },
	{ "bc", NULL, "ADDR|all", 1, cmd_break_clear, 0, "clear a breakpoint, or all" },
	{ "s", "step", "", 0, NULL, MONITOR_STEP, "run one guest instruction" },
	{ "c", "cont", "", 0, NULL, MONITOR_CONTINUE, "continue the guest" },
	{ "gdb", NULL, "", 0, NULL, MONITOR_GDB, "hand the console to gdb's remote protocol until it detaches" },
	{ "quit", "q", "", 0, NULL, MONITOR_QUIT, "end the run" },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static int cmd_help(struct x86_cpu *cpu, char **argv)
{
	(void)cpu, (void)argv;
	printf("monitor commands:\n");
	for (size_t i = 0; i < NR_COMMANDS; i++) {
		char usage[32];

		snprintf(usage, sizeof(usage), "%s %s", commands[i].name, commands[i].args);
		printf("  %-20s %s\n", usage, commands[i].help);
	}
	printf("Ctrl-A c (on the console) stops the guest and enters the monitor.\n");
	return MONITOR_STAY;
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(name, commands[i].name) ||
		    (commands[i].alias && !strcmp(name, commands[i].alias)))
			return &commands[i];
	return NULL;
}

static void say_where(struct x86_cpu *cpu, enum x86_stop stop, bool stepped)
{
	if (stop != X86_STOP_DEBUG) {
		printf("\nmimic monitor: guest stopped at eip %08x ('help' lists commands)\n", cpu->eip);
		return;
	}
	printf("%s at eip %08x\n", stepped ? "step" : "breakpoint", cpu->eip);
	disassemble(cpu, cpu->seg[X86_CS].base + cpu->eip, 1);
}

enum monitor_verdict monitor_enter(struct x86_cpu *cpu, enum x86_stop stop, bool stepped)
{
	char line[LINE_MAX_LEN];

	say_where(cpu, stop, stepped);
	for (;;) {
		char *argv[MAX_ARGS + 1] = { 0 };
		int argc = 0;
		const struct command *c;

		printf("(mimic) ");
		fflush(stdout);
		read_line(line, sizeof(line));
		for (char *w = strtok(line, " \t"); w && argc < MAX_ARGS; w = strtok(NULL, " \t"))
			argv[argc++] = w;
		if (argc == 0)
			continue;
		c = find_command(argv[0]);
		if (!c || argc - 1 < c->min_args) {
			printf("unknown command or missing argument: '%s' (try 'help')\n", argv[0]);
			continue;
		}
		if (!c->run)
			return c->leave;
		int v = c->run(cpu, argv);
		if (v != MONITOR_STAY)
			return (enum monitor_verdict)v;
	}
}
