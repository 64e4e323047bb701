/* The GDB stub: gdb's requests on a stopped guest, its resume commands, and
 * stop replies.  Registers follow gdb's i386 'g' layout (eax..edi, eip,
 * eflags, cs ss ds es fs gs; the FPU ones are left out, so gdb shows them
 * unavailable); the target description names the architecture, so gdb
 * needs no `set architecture`.  Ref: GDB manual, "Remote Protocol". */
#include "kernel/gdbstub.h"

#include <stdio.h>
#include <string.h>

#include "kernel/console.h"
#include "kernel/gdbpacket.h"
#include "kernel/timer.h"
#include "translator/cpu.h"
#include "translator/flags.h"

#define GDB_REGS 16	/* eax..edi, eip, eflags, six selectors */
#define GDB_EIP 8
#define GDB_EFLAGS 9
#define OUTPUT_CHUNK 64	/* guest console bytes per 'O' packet */
#define ACK_WAIT_TICKS (2 * TIMER_TICK_HZ)

/* Signals in stop replies (gdb's numbering). */
#define GDB_SIGINT  2
#define GDB_SIGILL  4
#define GDB_SIGTRAP 5
#define GDB_SIGFPE  8
#define GDB_SIGSEGV 11

static const char target_xml[] =
	"<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
	"<target><architecture>i386</architecture></target>";

/* gdb's segment register order, as indices into cpu->seg. */
static const int gdb_segs[6] = { X86_CS, X86_SS, X86_DS, X86_ES, X86_FS, X86_GS };

static struct {
	struct gdb_rx rx;
	bool waiting;		/* gdb resumed the guest and waits for a stop reply */
	int signal;		/* of the last stop, for '?' */
	bool at_breakpoint;	/* the last stop was a breakpoint (swbreak) */
	bool just_attached;	/* the guest was stopped for gdb, not by an event */
	uint8_t output[OUTPUT_CHUNK];
	size_t output_len;
	char reply[2 * GDB_PACKET_MAX + 8];	/* payload being built */
	char frame[2 * GDB_PACKET_MAX + 16];
} gs;

static void send(const char *payload, size_t len)
{
	size_t n = gdb_frame(gs.frame, sizeof(gs.frame), payload, len);

	console_write(gs.frame, n);
}

static void send_str(const char *payload)
{
	send(payload, strlen(payload));
}

static void flush_output(void)
{
	if (gs.output_len == 0)
		return;
	gs.reply[0] = 'O';
	gdb_hex_encode(gs.reply + 1, gs.output, gs.output_len);
	send(gs.reply, 1 + 2 * gs.output_len);
	gs.output_len = 0;
}

void gdbstub_output(uint8_t byte)
{
	gs.output[gs.output_len++] = byte;
	if (gs.output_len == OUTPUT_CHUNK || byte == '\n')
		flush_output();
}

/* gdb acknowledges the last packet before the line goes away: a pipe that
 * closes first makes it report a broken connection instead of the exit. */
static void wait_for_ack(void)
{
	uint64_t deadline = timer_ticks() + ACK_WAIT_TICKS;
	int c;

	while (timer_ticks() < deadline) {
		c = console_getc();
		if (c == '+' || c == '-')
			return;
		if (c < 0)
			timer_idle();
	}
}

void gdbstub_exited(int status)
{
	char w[8];

	flush_output();
	snprintf(w, sizeof(w), "W%02x", status & 0xff);
	send_str(w);
	wait_for_ack();
}

void gdbstub_attach(void)
{
	gdb_rx_init(&gs.rx);
	gs.waiting = false;
	gs.just_attached = true;
	gs.output_len = 0;
}

static int signal_of(const struct x86_cpu *cpu, enum x86_stop stop)
{
	switch (stop) {
	case X86_STOP_REQUESTED:
		return GDB_SIGINT;
	case X86_STOP_UNSUPPORTED:
		return GDB_SIGILL;
	case X86_STOP_FAULT:
		return cpu->fault_vector == 0 ? GDB_SIGFPE :
		       cpu->fault_vector == 6 ? GDB_SIGILL : GDB_SIGSEGV;
	case X86_STOP_TRIPLE_FAULT:
		return GDB_SIGSEGV;
	default:
		return GDB_SIGTRAP;
	}
}

static void send_stop_reply(void)
{
	char r[24];

	snprintf(r, sizeof(r), gs.at_breakpoint ? "T%02xswbreak:;" : "S%02x", gs.signal);
	send_str(r);
}

static uint32_t get_reg(const struct x86_cpu *cpu, unsigned n)
{
	if (n < 8)
		return cpu->regs[n];
	if (n == GDB_EIP)
		return cpu->eip;
	if (n == GDB_EFLAGS)
		return x86_get_eflags(cpu);
	return cpu->seg[gdb_segs[n - 10]].sel;
}

/* Selectors are not loaded from here (that takes the CPU's descriptor
 * checks): a write must leave them as they are. */
static bool set_reg(struct x86_cpu *cpu, unsigned n, uint32_t v)
{
	if (n < 8)
		cpu->regs[n] = v;
	else if (n == GDB_EIP)
		cpu->eip = v;
	else if (n == GDB_EFLAGS)
		x86_set_eflags(cpu, v);
	else if (n >= GDB_REGS || v != cpu->seg[gdb_segs[n - 10]].sel)
		return false;
	return true;
}

static void send_regs(const struct x86_cpu *cpu)
{
	uint32_t v[GDB_REGS];

	for (unsigned i = 0; i < GDB_REGS; i++)
		v[i] = get_reg(cpu, i);	/* host and guest are both little-endian */
	gdb_hex_encode(gs.reply, v, sizeof(v));
	send_str(gs.reply);
}

static const char *write_regs(struct x86_cpu *cpu, const char *hex)
{
	uint32_t v[GDB_REGS];

	if (!gdb_hex_decode(hex, v, sizeof(v)))
		return "E01";
	for (unsigned i = GDB_REGS; i-- > 0;)	/* selectors first: nothing changes if one is refused */
		if (!set_reg(cpu, i, v[i]))
			return "E02";
	return "OK";
}

/* "P n=value" */
static const char *write_one_reg(struct x86_cpu *cpu, const char *args)
{
	uint32_t n, v;

	if (!gdb_parse_hex(&args, &n) || *args++ != '=' || !gdb_hex_decode(args, &v, 4))
		return "E01";
	return set_reg(cpu, n, v) ? "OK" : "E02";
}

/* "addr,len" then *args is past them. */
static bool parse_range(const char **args, uint32_t *addr, uint32_t *len)
{
	return gdb_parse_hex(args, addr) && *(*args)++ == ',' && gdb_parse_hex(args, len);
}

static void read_memory(struct x86_cpu *cpu, const char *args)
{
	static uint8_t bytes[GDB_PACKET_MAX / 2];
	uint32_t addr, len;

	if (!parse_range(&args, &addr, &len) || *args) {
		send_str("E01");
		return;
	}
	if (len > sizeof(bytes))
		len = sizeof(bytes);
	if (!x86_debug_read(cpu, addr, bytes, len)) {
		send_str("E14");	/* EFAULT */
		return;
	}
	gdb_hex_encode(gs.reply, bytes, len);
	send_str(gs.reply);
}

/* "addr,len:hex" */
static const char *write_memory(struct x86_cpu *cpu, const char *args)
{
	static uint8_t bytes[GDB_PACKET_MAX / 2];
	uint32_t addr, len;

	if (!parse_range(&args, &addr, &len) || *args++ != ':' || len > sizeof(bytes) ||
	    !gdb_hex_decode(args, bytes, len))
		return "E01";
	return x86_debug_write(cpu, addr, bytes, len) ? "OK" : "E14";
}

/* "Z0,addr,kind" / "z1,addr,kind": software and hardware breakpoints are
 * the same thing here (the translator stops before the address). */
static const char *breakpoint(struct x86_cpu *cpu, const char *pkt)
{
	const char *args = pkt + 3;
	uint32_t addr, kind;
	bool on = pkt[0] == 'Z';

	if (pkt[1] != '0' && pkt[1] != '1')
		return "";	/* watchpoints: not supported */
	if (pkt[2] != ',' || !parse_range(&args, &addr, &kind))
		return "E01";
	return x86_set_breakpoint(cpu, addr, on) || !on ? "OK" : "E0c";	/* ENOMEM: table full */
}

/* "qXfer:features:read:target.xml:offset,length" */
static void send_target_xml(const char *args)
{
	const char *annex = "target.xml:";
	uint32_t off, len;
	size_t total = sizeof(target_xml) - 1;

	if (strncmp(args, annex, strlen(annex))) {
		send_str("E00");
		return;
	}
	args += strlen(annex);
	if (!parse_range(&args, &off, &len) || off > total) {
		send_str("E01");
		return;
	}
	if (len > total - off)
		len = (uint32_t)(total - off);
	gs.reply[0] = off + len < total ? 'm' : 'l';
	memcpy(gs.reply + 1, target_xml + off, len);
	send(gs.reply, 1 + len);
}

static void query(const char *q)
{
	if (!strncmp(q, "qSupported", 10))
		send_str("PacketSize=1000;qXfer:features:read+;swbreak+");
	else if (!strcmp(q, "qAttached"))
		send_str("1");
	else if (!strncmp(q, "qXfer:features:read:", 20))
		send_target_xml(q + 20);
	else
		send_str("");
}

/* "c [addr]" / "s [addr]": resume, at addr if given. */
static bool resume(struct x86_cpu *cpu, const char *args)
{
	uint32_t addr;

	if (*args) {
		if (!gdb_parse_hex(&args, &addr) || *args) {
			send_str("E01");
			return false;
		}
		cpu->eip = addr;
	}
	gs.waiting = true;
	return true;
}

/* Waits for gdb's next packet (into gs.rx.buf) and acknowledges it. */
static void next_packet(void)
{
	for (;;) {
		int c = console_getc();

		if (c < 0) {
			timer_idle();
			continue;
		}
		switch (gdb_rx_byte(&gs.rx, (uint8_t)c)) {
		case GDB_RX_PACKET:
			console_putc('+');
			return;
		case GDB_RX_BAD:
			console_putc('-');
			break;
		default:
			break;
		}
	}
}

enum gdbstub_verdict gdbstub_serve(struct x86_cpu *cpu, enum x86_stop stop, bool stepped)
{
	flush_output();
	gs.signal = gs.just_attached ? GDB_SIGTRAP : signal_of(cpu, stop);
	gs.at_breakpoint = !gs.just_attached && stop == X86_STOP_DEBUG && !stepped;
	gs.just_attached = false;
	if (gs.waiting) {
		gs.waiting = false;
		send_stop_reply();
	}
	for (;;) {
		const char *pkt = gs.rx.buf;

		next_packet();
		switch (pkt[0]) {
		case '?':
			send_stop_reply();
			break;
		case 'q':
			query(pkt);
			break;
		case 'H':
			send_str("OK");
			break;
		case 'g':
			send_regs(cpu);
			break;
		case 'G':
			send_str(write_regs(cpu, pkt + 1));
			break;
		case 'P':
			send_str(write_one_reg(cpu, pkt + 1));
			break;
		case 'm':
			read_memory(cpu, pkt + 1);
			break;
		case 'M':
			send_str(write_memory(cpu, pkt + 1));
			break;
		case 'Z':
		case 'z':
			send_str(breakpoint(cpu, pkt));
			break;
		case 'c':
		case 's':
			if (resume(cpu, pkt + 1))
				return pkt[0] == 's' ? GDBSTUB_STEP : GDBSTUB_CONTINUE;
			break;
		case 'D':
			send_str("OK");
			return GDBSTUB_DETACH;
		case 'k':
			return GDBSTUB_KILL;
		default:
			send_str("");	/* not supported: gdb falls back or says so */
			break;
		}
	}
}
