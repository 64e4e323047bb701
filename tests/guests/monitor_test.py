"""The monitor on the serial console, driven like a user would: Ctrl-A c
stops a running guest; regs, x, xp, dis, stats, breakpoints, steps, c and
quit; linear addresses through a paged guest's page tables; reset on a
firmware guest; monitor=1; Ctrl-A x."""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "boot"))
from qemu import Checks, Run  # noqa: E402

t = Checks("monitor")
SPIN = os.path.join("build", "guests", "spin.bin")
PAGED = os.path.join("build", "guests", "paged.bin")
ALIAS, IMAGE = 0xC0000000, 0x100000	# paged.asm's alias of its image
BIOS = os.path.join("build", "pc", "bios.bin")
ROM_BASE = 0xFFFF0000	# bios.bin's 64 KB below 4 GB: CS base at reset


def command(r, line):
    """Types a command and returns what it printed before the next prompt."""
    start = len(r.out)
    r.send(line + "\r")
    r.expect_after("(mimic) ", start)
    return r.text()[len(r.out[:start].decode("latin-1").replace("\r\n", "\n")):]


def continue_and_stop(r):
    """Lets the guest run on a moment, then stops it again with Ctrl-A c."""
    r.send("c\r")
    time.sleep(0.5)
    start = len(r.out)
    r.send(b"\x01c")
    r.expect_after("(mimic) ", start)


def eax_eip(text):
    m = re.search(r"EAX ([0-9a-f]{8}).*?EIP ([0-9a-f]{8})", text, re.S)
    return (int(m.group(1), 16), int(m.group(2), 16)) if m else (None, None)


def objdump_first(n):
    dis = subprocess.run(["objdump", "-D", "-b", "binary", "-m", "i386", "-M", "intel",
                          "--adjust-vma=0x100000", SPIN], capture_output=True, text=True).stdout
    lines = [l for l in dis.splitlines() if re.match(r"\s+1000[0-9a-f]{2}:", l)]
    return [l.split("\t")[-1].split()[0] for l in lines[:n]]


r = Run(["log=in_asm,ioport"], extra=["-initrd", SPIN])
ok = r.expect("spinning\n")
time.sleep(0.5)
r.send(b"\x01c")
ok = ok and r.expect("(mimic) ")
t.check("escape_enters_monitor", ok and "guest stopped at eip" in r.text(), "no prompt", r.text())

out = command(r, "regs")
eax1, eip1 = eax_eip(out)
t.check("regs", eip1 is not None and 0x100000 <= eip1 < 0x100020 and "EFLAGS" in out,
        "registers not shown or EIP outside the loop", out)

out = command(r, "x 0x100000 16")
want = " ".join(f"{b:02x}" for b in open(SPIN, "rb").read()[:16])
t.check("dump", want in out, f"want '{want}'", out)

out = command(r, "dis 0x100000 3")
mnemonics = re.findall(r"^00100[0-9a-f]{3}: [0-9a-f ]+  (\S+)", out, re.M)
# objdump leaves the size off string mnemonics (lods vs lodsb).
t.check("disassemble", len(mnemonics) == 3 and all(
            m.startswith(o) for m, o in zip(mnemonics, objdump_first(3))),
        f"monitor {mnemonics} vs objdump {objdump_first(3)}", out)

out = command(r, "stats")
t.check("stats", re.search(r"^\s+translations=[1-9]\d*$", out, re.M) is not None
        and re.search(r"^\s+tb_exec=\d+$", out, re.M) is not None, "", out)

out = command(r, "logtail 400")
t.check("log_ring", re.search(r"^IN\s+00100010\s+inc\s+eax$", out, re.M)
        and re.search(r"^IO\s+out 00e9\.1 = 73  debugcon$", out, re.M)     # 's' of "spinning"
        and not re.search(r"^(IN|IO) ", r.text()[:r.text().find("(mimic) ")], re.M),
        "the TBs and port writes should be in the ring, not on the console", out)
out = command(r, "log")
t.check("log_show", "logging: in_asm,ioport" in out, "", out)
out = command(r, "log exec,cpu") + command(r, "log bogus")
t.check("log_set", "logging: exec,cpu" in out and "unknown log category 'bogus'" in out, "", out)
continue_and_stop(r)
out = command(r, "logtail 2")
t.check("log_exec_cpu", re.search(r"^EXEC [0-9a-f]{4}:0010001[01]$", out, re.M)
        and re.search(r"^CPU eip=0010001[01] eax=[0-9a-f]{8} .* eflags=[0-9a-f]{8} cs=[0-9a-f]{4} ss=[0-9a-f]{4} ds=[0-9a-f]{4} es=[0-9a-f]{4}$", out, re.M),
        "continuing enters the loop's TB once: its EXEC and CPU lines", out)
out = command(r, "log none")
t.check("log_off", "logging: none" in out, "", out)

out = command(r, "tb 0x100011")
t.check("tb", re.search(r"^TB \d+: guest 00100010-00100012", out, re.M)
        and re.search(r"^\s+00100010\s+inc\s+eax$", out, re.M)
        and re.search(r"^\s+00100011\s+jmp\s+0x100010$", out, re.M)
        and re.search(r"host code at 0x[0-9a-f]+, \d+ words", out)
        and re.search(r"^  [0-9a-f]{8}( [0-9a-f]{8})*$", out, re.M),
        "want the loop's TB: its guest code and MIPS words", out)
out = command(r, "tb 0x200000")
t.check("tb_none", "no translation holds 00200000" in out, "", out)
out = command(r, "reset")
t.check("reset_flat", "a flat guest has no firmware to restart" in out, "", out)
out = command(r, "dev")
t.check("devices", re.search(r"pic|PIC|i8259", out) is not None, "want the PC's devices", out)

out = command(r, "bogus")
t.check("unknown_command", "unknown command" in out, "", out)

# spin.bin's counting loop: 00100010 inc eax, 00100011 jmp 00100010.
out = command(r, "b 0x100011") + command(r, "bl")
t.check("break_set", "breakpoint at 00100011" in out, "", out)
out = command(r, "c")
eax_bp, eip_bp = eax_eip(command(r, "regs"))
t.check("breakpoint_stops", "breakpoint at eip 00100011" in out and re.search(r"00100011: ebfd\s+jmp", out)
        and eip_bp == 0x100011, "want a stop before the jmp, shown disassembled", out)
out = command(r, "s")
t.check("step", "step at eip 00100010" in out and "inc" in out, "want one instruction: the jmp", out)
out = command(r, "s")
eax_s, eip_s = eax_eip(command(r, "regs"))
t.check("step_runs_one_instruction", "step at eip 00100011" in out and eip_s == 0x100011
        and eax_s == (eax_bp or 0) + 1, f"EAX {eax_bp} -> {eax_s}: want one inc", out)
out = command(r, "c")
eax_c, _ = eax_eip(command(r, "regs"))
t.check("continue_from_breakpoint", "breakpoint at eip 00100011" in out and eax_c == (eax_s or 0) + 1,
        f"EAX {eax_s} -> {eax_c}: want one more loop to the breakpoint", out)
out = command(r, "bc 0x100011") + command(r, "bl")
t.check("break_clear", "cleared" in out and "no breakpoints" in out, "", out)
out = command(r, "help")
t.check("help", all(re.search(rf"^  {c}\b.*\S", out, re.M) for c in
                    ["regs", "x", "xp", "dis", "stats", "tb", "dev", "fwlog", "log", "logtail", "reset",
                     "b", "bl", "bc", "s", "c", "gdb", "quit"]),
        "every command listed with its help", out)

continue_and_stop(r)
out = command(r, "regs")
eax2, _ = eax_eip(out)
t.check("continue", eax1 is not None and eax2 is not None and eax2 != eax1,
        f"EAX {eax1} then {eax2}: the guest did not run on", out)

r.send("quit\r")
code, out = r.finish()
t.check("quit", code == 0 and "mimic: quit" in out, f"exit {code}", out)

# paged.bin runs at its alias: linear ALIAS + offset is physical IMAGE + offset.
image = open(PAGED, "rb").read()
marker, loop = image.index(b"mimic paged marker"), image.index(b"\x40\xeb\xfd")
r = Run([], extra=["-initrd", PAGED])
ok = r.expect("paged\n")
time.sleep(0.3)
r.send(b"\x01c")
ok = ok and r.expect("(mimic) ")
out = command(r, "regs")
_, eip = eax_eip(out)
cr = re.search(r"CR0 ([0-9a-f]{8})  CR2 [0-9a-f]{8}  CR3 ([0-9a-f]{8})", out)
t.check("regs_paged", ok and eip in (ALIAS + loop, ALIAS + loop + 1) and cr
        and int(cr.group(1), 16) & 0x80000000 and cr.group(2) == "00180000"
        and re.search(r"^CS 0008 base 00000000 limit ffffffff attr [0-9a-f]{4}$", out, re.M),
        "want EIP in the loop at the alias, CR0.PG, CR3 and CS's hidden parts", out)
want = " ".join(f"{b:02x}" for b in image[marker:marker + 16])
out = command(r, f"x {ALIAS + marker:#x} 16")
t.check("dump_linear", f"linear {ALIAS + marker:08x} is physical {IMAGE + marker:08x}" in out
        and f"{ALIAS + marker:08x}: {want}" in out, f"want '{want}' through the alias", out)
out = command(r, f"xp {IMAGE + marker:#x} 16")
t.check("dump_physical", f"{IMAGE + marker:08x}: {want}" in out, f"want '{want}'", out)
out = command(r, f"xp {ALIAS + marker:#x} 16") + command(r, "x 0x80000000 16")
t.check("dump_not_mapped", f"{ALIAS + marker:08x}: not RAM or ROM" in out
        and "80000000: not mapped by the guest's page tables" in out,
        "the alias is no physical address; 0x80000000 is not mapped", out)
out = command(r, f"dis {ALIAS + loop:#x} 2")
t.check("disassemble_linear", re.search(rf"^{ALIAS + loop:08x}: 40\s+inc eax$", out, re.M)
        and re.search(rf"^{ALIAS + loop + 1:08x}: ebfd\s+jmp 0x{ALIAS + loop:x}$", out, re.M),
        "want the loop through the alias", out)
out = command(r, f"b {ALIAS + loop + 1:#x}") + command(r, "c")
t.check("breakpoint_linear", f"breakpoint at eip {ALIAS + loop + 1:08x}" in out
        and re.search(rf"^{ALIAS + loop + 1:08x}: ebfd\s+jmp", out, re.M), "", out)
r.send("quit\r")
r.finish()

# reset on a firmware: bios.bin runs again from the reset vector.
rom = open(BIOS, "rb").read()
after_hello = rom.index(b"\x31\xc0\x8e\xd0")	# xor ax, ax; mov ss, ax: past its first line
HELLO = "firmware: running from the reset vector"
r = Run(["bios=initrd", "monitor=1"], extra=["-initrd", BIOS])
ok = r.expect("(mimic) ")
out = command(r, "regs")
t.check("firmware_at_reset_vector", ok and eax_eip(out)[1] == 0xfff0
        and re.search(r"^CS f000 base ffff0000 limit 0000ffff", out, re.M), "want F000:FFF0", out)
out = command(r, f"dis {ROM_BASE + 0xfff0:#x} 1")
t.check("disassemble_rom", re.search(r"^fffffff0: e9[0-9a-f]{4}\s+jmp (0x)?[0-9a-f]+$", out, re.M),
        "want the reset vector's 16-bit jmp, read from the ROM", out)
out = command(r, f"b {ROM_BASE + after_hello:#x}") + command(r, "c")
t.check("firmware_breakpoint", f"breakpoint at eip {after_hello:08x}" in out
        and r.text().count(HELLO) == 1, "want a stop after the firmware's first line", r.text())
out = command(r, "reset")
t.check("reset_firmware", "mimic: machine reset" in out and eax_eip(out)[1] == 0xfff0
        and re.search(r"^CS f000 base ffff0000", out, re.M), "want the CPU back at F000:FFF0", out)
out = command(r, "c")
t.check("reset_runs_firmware_again", f"breakpoint at eip {after_hello:08x}" in out
        and r.text().count(HELLO) == 2, "want the firmware's first line again, then the breakpoint", r.text())
command(r, "bc all")
r.send("c\r")
code, out = r.finish()
t.check("firmware_finishes_after_reset", code == 1 and "ok reset_line" in out and "bad " not in out,
        f"exit {code}: want all of bios.bin's checks ok (exit 1)", out)

r = Run(["monitor=1"], extra=["-initrd", SPIN])
ok = r.expect("(mimic) ")
out = command(r, "regs") if ok else ""
t.check("monitor_at_boot", eax_eip(out)[1] == 0x100000 and "spinning" not in r.text(),
        "want EIP 00100000 before the first instruction", r.text())
r.send("c\r")
ok = r.expect("spinning\n")
r.send(b"\x01x")
code, out = r.finish()
t.check("escape_quit", ok and code == 0 and "mimic: quit" in out, f"exit {code}", out)
t.exit()
