"""The logs of interrupts and exceptions (int), of port accesses by device
(ioport) and of accesses to device memory or unassigned space (mmio), and the
monitor's dev, on events.bin: a flat guest that programs the PICs, the PIT
and COM1, takes timer interrupts, an int 0x30, a #DE and a #GP, then spins
with interrupts off.  Its addresses come from its image bytes."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "boot"))
from qemu import Checks, Run  # noqa: E402

t = Checks("events")
EVENTS = os.path.join("build", "guests", "events.bin")
LOAD = 0x100000

image = open(EVENTS, "rb").read()
wait_ticks = LOAD + image.index(b"\xfb\x83\x3d") + 1	# sti; cmp dword [ticks], ...
soft = LOAD + image.index(b"\xcd\x30")			# int 0x30
divide = LOAD + image.index(b"\x31\xc9\xf7\xf1") + 2	# xor ecx, ecx; div ecx
badsel = LOAD + image.index(b"\x66\xb8\x18\x00\x8e\xd8") + 4	# mov ax, 0x18; mov ds, ax


def command(r, line):
    """Types a command and returns what it printed before the next prompt."""
    start = len(r.out)
    r.send(line + "\r")
    r.expect_after("(mimic) ", start)
    return r.text()[len(r.out[:start].decode("latin-1").replace("\r\n", "\n")):]


r = Run(["log=int,ioport,mmio"], extra=["-initrd", EVENTS])
ok = r.expect("events done\n")
time.sleep(0.5)
r.send(b"\x01c")
ok = ok and r.expect("(mimic) ")
log = command(r, "logtail 200") if ok else ""

irqs = [int(a, 16) for a in re.findall(r"^INT 20 irq at 0008:([0-9a-f]{8})$", log, re.M)]
t.check("int_irq", len(irqs) >= 3 and all(wait_ticks <= a < soft for a in irqs),
        f"want at least 3 timer interrupts (vector 0x20) taken in the wait loop "
        f"{wait_ticks:08x}-{soft:08x}", log)
t.check("int_software", re.search(rf"^INT 30 int at 0008:{soft:08x}$", log, re.M),
        "want int 0x30 with its address and no error code", log)
t.check("int_fault", re.search(rf"^INT 00 fault at 0008:{divide:08x}$", log, re.M),
        "want #DE at the div", log)
t.check("int_error_code", re.search(rf"^INT 0d fault at 0008:{badsel:08x} error 0018$", log, re.M),
        "want #GP(0x18) at the mov ds", log)
t.check("ioport_by_device", all(re.search(p, log, re.M) for p in [
            r"^IO  out 0020\.1 = 11  pic-master$", r"^IO  out 00a1\.1 = ff  pic-slave$",
            r"^IO  out 0043\.1 = 34  pit$", r"^IO  out 03fb\.1 = 07  uart$",
            r"^IO  out 00e9\.1 = 65  debugcon$", r"^IO  in  02f0\.1 = ff  unassigned$"]),
        "want each port access named by the device owning the port", log)
t.check("mmio", re.search(r"^MMIO read  fee00030\.4 = 00050014  lapic$", log, re.M)
        and re.search(r"^MMIO write fed00000\.4 = 12345678  unassigned$", log, re.M),
        "want the local APIC's read named and the write of unassigned physical memory", log)
t.check("log_kept_off_console", not re.search(r"^(INT|IO|MMIO) ", r.text()[:r.text().find("(mimic) ")], re.M),
        "log lines belong in the ring", r.text())

out = command(r, "dev")
t.check("dev_pic", re.search(r"^pic master\s+IRR 01 ISR 00 IMR fe .*vectors 20-27", out, re.M)
        and re.search(r"^pic slave\s+IRR 00 ISR 00 IMR ff .*vectors 28-2f", out, re.M),
        "want the masks, vector bases, IRQ0 pending (interrupts are off) and nothing in service", out)
m = re.search(r"^pit 0\s+mode 2\s+N 4660\s+count (\d+)", out, re.M)
t.check("dev_pit", m and 0 < int(m.group(1)) <= 4660, "want channel 0 in mode 2 counting down from 0x1234", out)
t.check("dev_uart", re.search(r"^com1\s+IER 00 LCR 07 ", out, re.M), "want COM1's line control 0x07", out)
t.check("dev_port_counts", re.search(r"^0040-0043 pit\s+reads 0\s+writes 3$", out, re.M)
        and re.search(r"^00a0-00a1 pic-slave\s+reads 0\s+writes 5$", out, re.M)
        and re.search(r"^unassigned: 1 accesses to 1 ports$", out, re.M),
        "want the guest's accesses counted by device", out)
out = command(r, "stats")
counts = dict(re.findall(r"^  (\w+)=(\d+)$", out, re.M))
t.check("stats_by_vector", counts.get("exc_00") == "1" and counts.get("exc_0d") == "1"
        and counts.get("int_30") == "1" and int(counts.get("int_20", "0")) >= len(irqs)
        and "exc_06" not in counts,
        "want one #DE, one #GP, one int 0x30 and every logged timer interrupt counted, nothing else", out)
t.check("stats_tlb_and_code", int(counts.get("tlb_misses", "0")) > 0
        and 0 < int(counts.get("code_used_kb", "0")) <= int(counts.get("code_size_kb", "0")),
        "want TLB misses and the code buffer's use", out)
r.send("quit\r")
code, out = r.finish()
t.check("quit", code == 0, f"exit {code}", out)
t.exit()
