"""Linux guest tests (issue 7): Debian's i386 kernel and busybox boot to a
shell, directly (-kernel/-initrd through SeaBIOS's linuxboot_dma.bin) and
from the SYSLINUX disk, and the shell is driven through the serial line.
A target is a command line that puts the guest's COM1 on stdio:
qemu-system-i386 with mimic's device set and CPU is the reference, and
mimic itself (under qemu-system-mips64el) boots the same guest both ways.
Usage: linux_test.py [TARGET...]   (default: all of them)"""
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "boot"))
from qemu import ROOT, Checks, Console, command  # noqa: E402
from shell import Shell  # noqa: E402
import syslinux  # noqa: E402

GUEST = os.path.join(ROOT, "build", "linux")
LOGS = os.path.join(ROOT, "build", "test-logs", "linux")

# What mimic's cpuid advertises (translator/cpuid.c): a family 6 model 3
# stepping 3 GenuineIntel with these leaf-1 EDX features and nothing in ECX,
# maximum leaf 1.  /proc/cpuinfo must show exactly these plus Linux's own
# "cpuid" (the instruction exists).
CPU = {"vendor": "GenuineIntel", "family": 6, "model": 3, "stepping": 3,
       "flags": ("fpu", "pse", "tsc", "msr", "cx8", "apic", "sep", "pge", "cmov")}

# QEMU's "486" model is GenuineIntel, maximum leaf 1, and has these features.
QEMU_486_FLAGS = ("fpu", "vme", "pse")


def qemu_cpu():
    """The qemu-system-i386 -cpu string for CPU."""
    opts = [f"family={CPU['family']}", f"model={CPU['model']}",
            f"stepping={CPU['stepping']}", "-hypervisor"]
    opts += [f"-{f}" for f in QEMU_486_FLAGS if f not in CPU["flags"]]
    opts += [f"+{f}" for f in CPU["flags"] if f not in QEMU_486_FLAGS]
    return ",".join(["486"] + opts)


def qemu_i386(boot):
    """qemu-system-i386 with the device set mimic emulates
    (devices/README.md): PC with ACPI's PIIX4 power management and without
    SMM (as tests/pc's reference), no default devices, SeaBIOS's
    screen on COM1, a guest reset ending the run.  Its clocks count
    instructions (8 ns each) and skip idle time: the run is then the same
    each time up to the first typed byte, and the TSC agrees with the PIT.
    (Under plain TCG the TSC follows the host's and the PIT real time; on a
    loaded host Linux's calibration of one against the other fails or comes
    out several times off, and the guest clock with it.)"""
    sercon = os.path.join(LOGS, "sercon-port")
    with open(sercon, "wb") as f:
        f.write(bytes([0xf8, 0x03]))
    return ["qemu-system-i386", "-M", "pc,smm=off", "-nodefaults",
            "-vga", "none", "-display", "none", "-monitor", "none",
            "-m", "128", "-cpu", qemu_cpu(), "-no-reboot", "-serial", "stdio",
            "-icount", "shift=3,sleep=off",
            "-fw_cfg", f"name=etc/sercon-port,file={sercon}"] + boot


def cmdline():
    with open(os.path.join(GUEST, "cmdline")) as f:
        return f.read().strip()


# mimic's guest skips the crypto self-tests (cryptomgr.notests): Debian's
# kernel runs one for every algorithm it registers, about three quarters of
# the instructions of the whole boot, and they test the kernel's C code,
# which the other checks exercise anyway.
MIMIC_CMDLINE_EXTRA = "cryptomgr.notests"


def mimic_direct():
    """mimic boots a bundle of the same kernel and initramfs, its command
    line with MIMIC_CMDLINE_EXTRA added (firmware/linux/bundle.py), through
    SeaBIOS, fw_cfg and linuxboot_dma.bin; the guest's reset ends the run
    (noreboot=1, as -no-reboot)."""
    line = os.path.join(LOGS, "mimic-cmdline")
    with open(line, "w") as f:
        f.write(f"{cmdline()} {MIMIC_CMDLINE_EXTRA}\n")
    bundle = os.path.join(LOGS, "mimic-linuxboot.cpio")
    subprocess.run([sys.executable,
                    os.path.join(ROOT, "firmware", "linux", "bundle.py"), bundle,
                    os.path.join(GUEST, "vmlinuz"),
                    os.path.join(GUEST, "initramfs.cpio"), line], check=True)
    return command(["linux=initrd", "noreboot=1"], extra=["-initrd", bundle])


def mimic_disk():
    """mimic boots a copy of build/linux/disk.img as its primary ATA master
    (disk=initrd), its syslinux.cfg's APPEND line with MIMIC_CMDLINE_EXTRA
    added: SeaBIOS, then SYSLINUX loads the same kernel and initramfs
    through int 13h, as under qemu-disk; noreboot=1."""
    disk = os.path.join(LOGS, "mimic-disk.img")
    shutil.copyfile(os.path.join(GUEST, "disk.img"), disk)
    mtools = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    cfg = subprocess.run(["mtype", "-i", disk, "::/syslinux.cfg"], env=mtools,
                         check=True, capture_output=True, text=True).stdout
    cfg, appends = re.subn(r"^(\s*APPEND .*?)\s*$",
                           lambda m: f"{m.group(1)} {MIMIC_CMDLINE_EXTRA}",
                           cfg, flags=re.M)
    if appends != 1:
        raise SystemExit(f"{disk}: syslinux.cfg has {appends} APPEND lines, want 1")
    path = os.path.join(LOGS, "mimic-disk-syslinux.cfg")
    with open(path, "w") as f:
        f.write(cfg)
    subprocess.run(["mcopy", "-o", "-i", disk, path, "::/syslinux.cfg"], env=mtools,
                   check=True)
    return command(["disk=initrd", "noreboot=1"], extra=["-initrd", disk])


TARGETS = {
    "qemu-direct": lambda: qemu_i386([
        "-kernel", os.path.join(GUEST, "vmlinuz"),
        "-initrd", os.path.join(GUEST, "initramfs.cpio"),
        "-append", cmdline()]),
    "qemu-disk": lambda: qemu_i386([
        "-drive", f"file={os.path.join(GUEST, 'disk.img')},format=raw,"
                  "if=ide,index=0,snapshot=on"]),
    "mimic-direct": mimic_direct,
    "mimic-disk": mimic_disk,
}

# Seconds each target may take to reach the prompt, and how much longer than
# the reference its commands may take: mimic's guest runs inside a TCG guest
# of its own, on two cores shared with the other engineers' runs (about
# 100 s to the prompt under load 3; README.md).
BOOT_TIMEOUT = {"mimic-direct": 600, "mimic-disk": 600}
PATIENCE = {"mimic-direct": 10, "mimic-disk": 10}
# How far past 2 s the guest's uptime may move around `sleep 2`, beyond what
# it moves around `sleep 0`: the reference's clocks count instructions,
# mimic's guest time is the host's real time, so starting a process (fork,
# exec) under QEMU on a loaded host counts too and varies (0.35 s under
# load 3, 3 s under load 7).
SLEEP_SLACK = {"mimic-direct": 1.0, "mimic-disk": 1.0}


# How a run ends, and the kernel's last line: reboot -f resets the PC (the
# emulator's noreboot), poweroff -f enters ACPI's soft off through PIIX4
# power management (S5).  Direct boots reboot, disk boots power off.
LEAVE = {"reboot": "reboot: Restarting system", "poweroff": "reboot: Power down"}
# The targets that boot the SYSLINUX disk.
DISK_BOOTS = ("qemu-disk", "mimic-disk")


def factorial25():
    x = 1.0
    for i in range(1, 26):
        x *= i
    return "%.17g" % x


def harmonic1000():
    s = 0.0
    for i in range(1, 1001):
        s += 1 / i
    return "%.17g" % s


# awk floating point (Debian's busybox awk has no libm functions: sqrt,
# exp, sin and ^ with a fraction say "Math support is not compiled in"):
# each program with what the host's IEEE doubles print for it.
AWK = [
    ('printf "%.15f\\n", 1/3', "%.15f" % (1 / 3)),
    ('printf "%.17g %.17g\\n", 0.1+0.2, 10/3*3', "%.17g %.17g" % (0.1 + 0.2, 10 / 3 * 3)),
    ('printf "%.17g %.6e\\n", 22/7-3, 1/7', "%.17g %.6e" % (22 / 7 - 3, 1 / 7)),
    ('x=1; for(i=1;i<=25;i++) x*=i; printf "%.17g\\n", x', factorial25()),
    ('s=0; for(i=1;i<=1000;i++) s+=1/i; printf "%.17g\\n", s', harmonic1000()),
    ('printf "%.17g %g %g\\n", "3.14159e2"+1e-6, 1e300*1e10, -1e300*1e10',
     "%.17g %g %g" % (314.159 + 1e-6, float("inf"), float("-inf"))),
    ('print 1/3, 2.5e-5*3, -7/2, int(-3.7), 1e6*1e6, 2147483647+1',
     "0.333333 7.5e-05 -3.5 -3 1000000000000 2147483648"),
]


SETUP_HEADER_VERSION = 0x20e	# the bzImage's kernel_version: offset from 0x200


def kernel_version():
    """The version string of build/linux/vmlinuz's setup header, up to the
    build host: Linux's first console line names the same."""
    with open(os.path.join(GUEST, "vmlinuz"), "rb") as f:
        k = f.read(0x10000)
    at = 0x200 + struct.unpack_from("<H", k, SETUP_HEADER_VERSION)[0]
    return k[at:k.index(b")", at) + 1].decode()


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def kernel_stamp(text, what):
    """The boot log's time stamp of the first line containing what."""
    m = re.search(r"\[\s*(\d+\.\d+)\] " + re.escape(what), text)
    return float(m.group(1)) if m else None


class GuestChecks:
    """Issue 7's acceptance list, run against one target's shell."""

    def __init__(self, t, name, console, patience=1, sleep_slack=0.5):
        self.t, self.name, self.console = t, name, console
        self.patience, self.sleep_slack = patience, sleep_slack
        self.shell = Shell(console)

    def check(self, what, ok, why):
        self.t.check(f"{self.name}/{what}", ok, why, self.console.text())

    def boot(self, timeout):
        began = time.time()
        ok = self.shell.wait_prompt(timeout)
        wall = time.time() - began
        out = self.console.text()
        self.check("shell", ok, f"no busybox prompt within {timeout} s")
        if ok:
            stamps = {w: kernel_stamp(out, w) for w in
                      ("printk: console [ttyS0] enabled",
                       "Loading compiled-in X.509", "evm: HMAC attrs",
                       "clk: Disabling unused clocks", "Run /init")}
            print(f"  {self.name}: shell prompt after {wall:.1f} s wall; "
                  "boot log stamps: " +
                  ", ".join(f"'{w}' {s}" for w, s in stamps.items()))
        return ok

    def run(self, what, command, timeout=30):
        timeout *= self.patience
        r = self.shell.run(command, timeout)
        if r is None:
            self.check(what, False, f"'{command}' did not finish in {timeout} s")
        return r

    def syslinux(self):
        """A disk boot: SeaBIOS and SYSLINUX said what they do under
        qemu-system-i386 (tests/linux/syslinux.py), then Linux's first
        line names the kernel on the disk."""
        got = syslinux.screen(self.console.text())
        linux_says = "Linux version " + kernel_version()
        first = re.search(r"\[\s*0\.000000\] " + re.escape(linux_says),
                          syslinux.guest_text(self.console.text()))
        self.check("syslinux", all(got.values()) and first,
                   f"boot screen {got}, '{linux_says}' "
                   f"{'seen' if first else 'missing'}")

    def uname(self):
        r = self.run("uname", "uname -m")
        if r:
            self.check("uname", r[:2] == (0, "i686\n"), f"uname -m said {r[1]!r}")

    def cpuinfo(self):
        r = self.run("cpuinfo", "cat /proc/cpuinfo")
        if not r:
            return
        info = dict(re.findall(r"^([a-z_ ]+?)\s*: (.*)$", r[1], re.M))
        want = {"vendor_id": CPU["vendor"], "cpu family": str(CPU["family"]),
                "model": str(CPU["model"]), "stepping": str(CPU["stepping"]),
                "fpu": "yes", "cpuid level": "1"}
        wrong = {k: info.get(k) for k, v in want.items() if info.get(k) != v}
        flags = set(info.get("flags", "").split())
        want_flags = set(CPU["flags"]) | {"cpuid"}
        if "nolapic" in cmdline().split():
            want_flags.discard("apic")	# Linux clears the flag it is told not to use
        self.check("cpuinfo", r[0] == 0 and not wrong and flags == want_flags,
                   f"fields {wrong}, flags {sorted(flags)} (want "
                   f"{sorted(want_flags)})")

    def interrupts(self):
        """The timer's and the serial port's interrupts arrive through the
        I/O APIC, and the local APIC's timer ticks (LOC), unless the command
        line says noapic or nolapic: then through the 8259 (XT-PIC)."""
        r = self.run("interrupts", "cat /proc/interrupts")
        if not r:
            return
        chip = "XT-PIC" if {"noapic", "nolapic"} & set(cmdline().split()) else "IO-APIC"
        lines = {m.group(1): m for m in re.finditer(
            r"^\s*(\d+):\s+(\d+)\s+(\S+)\s.*$", r[1], re.M)}
        ok = all(irq in lines and lines[irq].group(3) == chip and int(lines[irq].group(2)) > 0
                 for irq in ("0", "4"))
        if chip == "IO-APIC":
            loc = re.search(r"^\s*LOC:\s+(\d+)", r[1], re.M)
            ok = ok and loc is not None and int(loc.group(1)) > 0
        self.check("interrupts", r[0] == 0 and ok,
                   f"want IRQ 0 and 4 counted through {chip}"
                   f"{' and local timer ticks' if chip == 'IO-APIC' else ''}: {r[1]!r}")

    def checksum(self):
        files = {"/bin/busybox": os.path.join(GUEST, "busybox"),
                 "/init": os.path.join(ROOT, "firmware", "linux", "init")}
        r = self.run("checksum", "sha256sum " + " ".join(files), 60)
        if not r:
            return
        got = dict((p, h) for h, p in re.findall(r"^([0-9a-f]{64})  (\S+)$", r[1], re.M))
        want = {p: sha256(host) for p, host in files.items()}
        self.check("checksum", r[0] == 0 and got == want,
                   f"guest {got}, host {want}")

    def sleep(self):
        """sleep 2 sleeps at least 2 s of guest time, and not much more
        than a process that does not sleep takes (sleep 0 first: the cost
        of starting one, which in mimic is real time under a loaded host)."""
        r = self.run("sleep", "read a _ </proc/uptime; sleep 0; read b _ </proc/uptime; "
                     "sleep 2; read c _ </proc/uptime; echo $a; echo $b; echo $c")
        if not r:
            return
        stamps = [float(x) for x in re.findall(r"^(\d+\.\d+)$", r[1], re.M)]
        start, guest = (stamps[1] - stamps[0], stamps[2] - stamps[1]) \
            if len(stamps) == 3 else (-1, -1)
        print(f"  {self.name}: sleep 2 took {guest:.2f} s of guest time "
              f"(sleep 0 {start:.2f} s), {r[2]:.2f} s wall for both")
        most = 2.0 + self.sleep_slack
        self.check("sleep", r[0] == 0 and 2.0 <= guest and 0 <= guest - start < most,
                   f"guest uptime moved {guest:.2f} s around sleep 2 and {start:.2f} s "
                   f"around sleep 0: want at least 2.0 and a difference under {most}")

    def awk(self):
        bad = []
        for program, want in AWK:
            r = self.run("awk", f"awk 'BEGIN{{{program}}}'")
            if not r:
                return
            if r[:2] != (0, want + "\n"):
                bad.append(f"{program}: {r[1]!r} (want {want!r})")
        self.check("awk", not bad, "; ".join(bad))

    def leave(self, how):
        """Ends the run from the shell as how says (a key of LEAVE): the
        kernel's last line, then the emulator exits 0."""
        says = LEAVE[how]
        start = len(self.console.out)
        self.shell.send(f"{how} -f\n")
        code, out = self.console.finish()
        self.check(how, code == 0 and says in self.console.text(start),
                   f"'{how} -f' left exit code {code} (want 0) and "
                   f"{'' if says in self.console.text(start) else 'no '}'{says}'")

    def all(self, boot_timeout):
        disk = self.name in DISK_BOOTS
        booted = self.boot(boot_timeout)
        if disk:
            self.syslinux()
        if booted:
            self.uname()
            self.cpuinfo()
            self.interrupts()
            self.checksum()
            self.sleep()
            self.awk()
            self.leave("poweroff" if disk else "reboot")
        else:
            self.console.finish()
        with open(os.path.join(LOGS, f"{self.name}.txt"), "w") as f:
            f.write(self.console.text())


def main(names):
    os.makedirs(LOGS, exist_ok=True)
    t = Checks("linux")
    for name in names or TARGETS:
        began = time.time()
        boot = BOOT_TIMEOUT.get(name, 120)
        patience = PATIENCE.get(name, 1)
        console = Console(TARGETS[name](), timeout=boot + 60 * patience)
        GuestChecks(t, name, console, patience,
                    SLEEP_SLACK.get(name, 0.5)).all(boot_timeout=boot)
        print(f"  {name}: whole run {time.time() - began:.1f} s wall")
    t.exit()


if __name__ == "__main__":
    main(sys.argv[1:])
