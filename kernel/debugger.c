/* Which debugger has the console, and the hand-over between them: the
 * monitor on Ctrl-A c, breakpoints and steps; gdb after the monitor's `gdb`
 * command or gdb=1 until it detaches.  While gdb owns the line, Ctrl-A is an
 * ordinary byte and Ctrl-C stops the guest. */
#include "kernel/debugger.h"

#include <stdio.h>
#include <string.h>

#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/gdbstub.h"
#include "kernel/monitor.h"

static struct {
	struct x86_cpu *cpu;
	volatile bool quit_requested;
	volatile bool stop_requested;	/* Ctrl-A c, or gdb's Ctrl-C */
	bool gdb;		/* gdb owns the console */
	bool stepping;		/* the guest was resumed for one instruction */
} dbg;

static void request_stop(void)
{
	dbg.stop_requested = true;
	x86_request_exit(dbg.cpu);
}

/* Ctrl-A c: stop at the next TB boundary for the monitor; Ctrl-A x: quit. */
static void on_escape(int key)
{
	if (key == 'x' || key == 'X') {
		dbg.quit_requested = true;
		x86_request_exit(dbg.cpu);
	} else if (key == 'c' || key == 'C') {
		request_stop();
	}
}

static void console_to_gdb(bool gdb)
{
	dbg.gdb = gdb;
	console_set_muted(gdb);
	console_set_escape_handler(gdb ? NULL : on_escape);
	console_set_break_handler(gdb ? request_stop : NULL);
}

static enum debugger_verdict serve_gdb(struct x86_cpu *cpu, enum x86_stop stop)
{
	bool stepped = dbg.stepping;

	dbg.stepping = false;
	switch (gdbstub_serve(cpu, stop, stepped)) {
	case GDBSTUB_CONTINUE:
		return DEBUGGER_RUN;
	case GDBSTUB_STEP:
		x86_set_step(cpu, true);
		dbg.stepping = true;
		return DEBUGGER_RUN;
	case GDBSTUB_DETACH:
		console_to_gdb(false);
		printf("\nmimic: gdb detached; the guest runs on\n");
		return DEBUGGER_RUN;
	case GDBSTUB_KILL:
		break;
	}
	console_to_gdb(false);
	return DEBUGGER_QUIT;
}

static enum debugger_verdict attach_gdb(struct x86_cpu *cpu, enum x86_stop stop)
{
	if (!console_muted())
		printf("mimic: the console speaks gdb's remote protocol now "
		       "(gdb: target remote <this serial line>)\n");
	fflush(stdout);
	console_to_gdb(true);
	gdbstub_attach();
	return serve_gdb(cpu, stop);
}

static enum debugger_verdict run_monitor(struct x86_cpu *cpu, enum x86_stop stop)
{
	bool stepped = dbg.stepping;

	dbg.stepping = false;
	switch (monitor_enter(cpu, stop, stepped)) {
	case MONITOR_CONTINUE:
		return DEBUGGER_RUN;
	case MONITOR_STEP:
		x86_set_step(cpu, true);
		dbg.stepping = true;
		return DEBUGGER_RUN;
	case MONITOR_GDB:
		return attach_gdb(cpu, stop);
	case MONITOR_QUIT:
		break;
	}
	return DEBUGGER_QUIT;
}

static bool option_on(const char *name)
{
	const char *v = config_get(name);

	return v && !strcmp(v, "1");
}

enum debugger_verdict debugger_start(struct x86_cpu *cpu)
{
	dbg.cpu = cpu;
	if (option_on("gdb"))
		return attach_gdb(cpu, X86_STOP_DEBUG);
	console_to_gdb(false);
	if (option_on("monitor"))
		return run_monitor(cpu, X86_STOP_REQUESTED);
	return DEBUGGER_RUN;
}

/* Which stops the debuggers take: the user's (a stop request may also be a
 * machine's, for its devices), breakpoints and steps, and while gdb is
 * attached the guest's faults and unsupported instructions. */
static bool theirs(enum x86_stop stop, bool asked)
{
	switch (stop) {
	case X86_STOP_REQUESTED:
		return asked;
	case X86_STOP_DEBUG:
		return true;
	case X86_STOP_FAULT:
	case X86_STOP_UNSUPPORTED:
		return dbg.gdb;
	default:
		return false;
	}
}

bool debugger_interrupted(void)
{
	return dbg.quit_requested || dbg.stop_requested;
}

enum debugger_verdict debugger_stopped(struct x86_cpu *cpu, enum x86_stop stop)
{
	bool asked = dbg.stop_requested;

	if (dbg.quit_requested)
		return DEBUGGER_QUIT;
	if (!theirs(stop, asked))
		return DEBUGGER_PASS;
	dbg.stop_requested = false;
	x86_set_step(cpu, false);
	return dbg.gdb ? serve_gdb(cpu, stop) : run_monitor(cpu, stop);
}

void debugger_guest_output(uint8_t byte)
{
	if (dbg.gdb)
		gdbstub_output(byte);
	else
		console_putc_guest((char)byte);
}

bool debugger_console_is_guests(void)
{
	return !dbg.gdb;
}

void debugger_run_ends(int status)
{
	if (dbg.gdb)
		gdbstub_exited(status);
}
