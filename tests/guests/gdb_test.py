"""The GDB stub, driven by real gdb: gdb starts mimic itself (`target remote
| <qemu command>`, the serial console on the pipe, gdb=1), stops at a
breakpoint in a guest program, reads and writes registers and memory,
single-steps, sees the guest's exit; interrupts a spinning guest with Ctrl-C;
reads and writes memory by linear address in a paged guest.
The monitor's `gdb` command hands the console to the protocol (spoken here
by hand) and gdb's detach hands it back."""
import os
import re
import select
import shlex
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "boot"))
from qemu import Checks, Run, command  # noqa: E402

t = Checks("gdb")
TARGET = os.path.join("build", "guests", "gdb", "target")
SPIN = os.path.join("build", "guests", "spin.bin")
PAGED = os.path.join("build", "guests", "paged.bin")
ALIAS, IMAGE = 0xC0000000, 0x100000	# paged.asm's alias of its image
MARK = "@@done@@"


class Gdb:
    """gdb over pipes; each command's output is read up to an echoed mark."""

    def __init__(self, qemu_cmd, elf=None):
        self.proc = subprocess.Popen(["gdb", "-q", "-nx"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.log = ""
        for line in ["set pagination off", "set confirm off", "set remotetimeout 30"] + \
                    ([f"file {elf}"] if elf else []):
            self.run(line)
        self.connect = self.run("target remote | " + shlex.join(qemu_cmd), timeout=60)

    def send(self, line):
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def read_mark(self, timeout):
        out, deadline = b"", time.time() + timeout
        while MARK.encode() not in out and time.time() < deadline:
            r, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if r:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                out += chunk
        text = out.decode("latin-1").replace(MARK, "")
        self.log += text
        return text

    def run(self, line, timeout=30):
        """Sends a command; returns its output."""
        self.send(line)
        self.send(f"echo {MARK}\\n")
        return self.read_mark(timeout)

    def value(self, expr):
        m = re.search(r"VAL=([0-9a-f]+)", self.run(f'printf "VAL=%x\\n", {expr}'))
        return int(m.group(1), 16) if m else None

    def close(self):
        try:
            self.send("quit")
            self.proc.wait(timeout=20)
        except (subprocess.TimeoutExpired, BrokenPipeError):
            self.proc.kill()
            self.proc.wait()


def symbol(name):
    nm = subprocess.run(["nm", TARGET + ".elf"], capture_output=True, text=True).stdout
    return int(re.search(rf"^([0-9a-f]+) \w {name}$", nm, re.M).group(1), 16)


# A breakpoint, registers, memory and steps on the target program.
g = Gdb(command(["gdb=1"], extra=["-initrd", TARGET + ".bin"]), TARGET + ".elf")
t.check("connect", g.value("$eip") == 0x100000 and g.value("$esp") == 0x100000,
        "want the guest stopped at its entry 0x100000", g.log)
out = g.run("break sum_done") + g.run("continue")
t.check("breakpoint", g.value("$pc") == symbol("sum_done") and "Breakpoint 1," in out,
        f"want a stop at sum_done {symbol('sum_done'):#x}", g.log)
t.check("read_register", g.value("$eax") == 15, "EAX should hold 5+4+3+2+1", g.log)
t.check("guest_output", "gdb target running" in g.log,
        "the guest's port 0xE9 text should reach gdb ('O' packets)", g.log)
t.check("read_memory", g.value("*(int *)&addend") == 0x10, "addend holds 0x10", g.log)
g.run("set var $eax = 0x20")
g.run("set var *(int *)&addend = 0x30")
t.check("write_memory", g.value("*(int *)&addend") == 0x30, "addend should read back 0x30", g.log)
g.run("stepi")
t.check("step", g.value("$pc") == symbol("after_mov") and g.value("$ebx") == 0x20,
        "one stepi runs `mov ebx, eax` with the written EAX", g.log)
g.run("stepi")
t.check("step_reads_written_memory", g.value("$ebx") == 0x50 and g.value("$pc") == symbol("after_mov") + 6,
        "`add ebx, [addend]` should make 0x20 + 0x30", g.log)
t.check("eflags_after_step", g.value("$eflags") == 0x6,
        "0x20 + 0x30 leaves PF only (EFLAGS 0x6)", g.log)
out = g.run("continue")
t.check("exit_status", "exited with code 0241" in out,
        "the guest exits with (0x50 << 1) | 1 = 0241", g.log)
g.close()

# Ctrl-C stops a spinning guest; gdb's kill ends the run.
g = Gdb(command(["gdb=1"], extra=["-initrd", SPIN]))
g.run("set architecture i386")
g.send("continue")
time.sleep(2)
g.proc.send_signal(signal.SIGINT)
g.send(f"echo {MARK}\\n")
out = g.read_mark(30)
eip, eax = g.value("$eip"), g.value("$eax")
t.check("interrupt", "SIGINT" in out and eip is not None and 0x100000 < eip < 0x100020 and eax,
        f"want a SIGINT stop inside the counting loop, eip {eip} eax {eax}", g.log)
out = g.run("kill")
g.close()
t.check("kill", "killed" in out, "gdb's kill should end the target", g.log)

# Linear addresses: paged.bin runs at ALIAS, where its image is mapped.
image = open(PAGED, "rb").read()
marker, loop = image.index(b"mimic paged marker"), image.index(b"\x40\xeb\xfd")
g = Gdb(command(["gdb=1"], extra=["-initrd", PAGED]))
g.run("set architecture i386")
out = g.run(f"break *{ALIAS + loop + 1:#x}") + g.run("continue")
t.check("breakpoint_linear", g.value("$pc") == ALIAS + loop + 1 and "Breakpoint 1," in out,
        f"want a stop at the loop's jmp through the alias, {ALIAS + loop + 1:#x}", g.log)
out = g.run(f"x/s {ALIAS + marker:#x}")
t.check("read_linear", re.search(rf"{ALIAS + marker:#x}:\s+\"mimic paged marker\"", out),
        "the marker through the alias", g.log)
g.run(f"set var *(int *){ALIAS + marker:#x} = 0x4b4f4f4c")
t.check("write_linear", g.value(f"*(int *){IMAGE + marker:#x}") == 0x4b4f4f4c,
        "a write through the alias reads back at the physical (identity-mapped) address", g.log)
out = g.run("x/4xb 0x80000000")
t.check("read_not_mapped", "Cannot access memory at address 0x80000000" in out,
        "0x80000000 is not mapped", g.log)
g.run("kill")
g.close()

# The monitor's `gdb` command, the protocol spoken by hand, then detach.
r = Run([], extra=["-initrd", SPIN])
ok = r.expect("spinning\n")
r.send(b"\x01c")
ok = ok and r.expect("(mimic) ")
start = len(r.out)
r.send("gdb\r")
ok = ok and r.expect_after("remote protocol", start)
start = len(r.out)
r.send("$?#3f")
ok = ok and r.expect_after("$S05#b8", start)
t.check("monitor_gdb_command", ok, "want '?' answered with a SIGTRAP stop after Ctrl-A c, gdb", r.text())
start = len(r.out)
r.send("+$D#44")
ok = r.expect_after("$OK#9a", start) and r.expect_after("gdb detached", start)
r.send(b"\x01c")
ok = ok and r.expect_after("(mimic) ", start)
r.send("quit\r")
code, out = r.finish()
t.check("detach", ok and code == 0, f"after detach Ctrl-A c should reach the monitor again, exit {code}", out)
t.exit()
