"""The PC machine in the real kernel: a flat guest drives its chips through
their ports (fw_cfg, CMOS, PCI, PIT -> PIC, the boot disk over ATA), and
the same binary runs under qemu-system-i386 -M pc with the same boot disk
to prove the guest's checks right.  The boot disk itself boots Debian's
SeaBIOS under qemu-system-i386 in the configuration mimic's PC matches
(devices/README.md): the reference transcript for mimic's own boot.
Firmware images (make run BIOS=...): bad input is refused, and
tests/pc/bios.asm runs from reset (checked under qemu-system-i386 too)."""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "boot"))
from qemu import Checks, Run  # noqa: E402

t = Checks("pc")
EXIT_USAGE = 64
QEMU_MACHINE = "pc,smm=off"
BOOTDISK = os.path.join("build", "firmware", "bootdisk.img")
DEVICES_BIN = os.path.join("build", "pc", "devices.bin")
BIOS_BIN = os.path.join("build", "pc", "bios.bin")
IDLE_BIN = os.path.join("build", "pc", "idle.bin")
APIC_BIN = os.path.join("build", "pc", "apic.bin")
STRIO_BIN = os.path.join("build", "pc", "strio.bin")
IDLE_TICKS = 50		# idle.asm: PIT interrupts at 100 Hz it sleeps through
IDLE_LOST_MAX = 25	# ticks a loaded host may lose in real time (edge IRQ0)
DEVICE_CHECKS = ["fwcfg_signature", "cmos_ram_size", "pci_host_bridge",
                 "pit_irq0_in_irr", "piix4_pm", "pm_timer_rate", "ata_boot_disk"]
APIC_CHECKS = ["cpuid_apic", "apic_base_msr", "ioapic_version", "pit_through_ioapic",
               "tpr_masks", "lapic_timer_one_shot", "lapic_timer_periodic", "self_ipi",
               "no_stray_interrupts"]
POWERED_OFF = "mimic: the guest powered the machine off\n"


def verdicts(text):
    """The guest's "ok NAME" / "bad NAME" lines, in order."""
    return [line.split() for line in text.splitlines()
            if line.startswith(("ok ", "bad ")) and len(line.split()) == 2]


def check_verdicts(group, names, out):
    """One check per name: the guest said "ok NAME"."""
    got = verdicts(out)
    for name in names:
        t.check(f"{group}/{name}", ["ok", name] in got,
                "the guest said " + " ".join(next((v for v in got if v[1] == name),
                                                  ["nothing"])), out)


def qemu_i386(args, tmp, ram_mb, reboot=False):
    """qemu-system-i386 -M pc,smm=off (the configuration mimic's PC matches:
    ACPI's PIIX4 power management without SMM) with the boot disk, the exit port and args; the chardev "out" goes to a
    file; a guest reset ends QEMU unless reboot.  Returns (status, what
    reached "out")."""
    out = os.path.join(tmp, "out")
    r = subprocess.run(
        ["timeout", "60", "qemu-system-i386", "-M", QEMU_MACHINE, "-m", str(ram_mb),
         "-nodefaults", "-display", "none"] + ([] if reboot else ["-no-reboot"]) + [
         "-drive", f"file={BOOTDISK},format=raw,if=ide,index=0,snapshot=on",
         "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
         "-chardev", f"file,id=out,path={out}"] + args,
        capture_output=True, text=True)
    with open(out, encoding="latin-1") as f:
        return r.returncode, f.read()


def qemu_reference(binary, extra=()):
    """A flat guest under qemu-system-i386 (SeaBIOS, then the multiboot
    wrapper of tests/diff), with extra arguments: (status, port 0xE9
    output)."""
    with tempfile.TemporaryDirectory() as tmp:
        mb = os.path.join(tmp, "guest.mb")
        subprocess.run(["nasm", "-f", "bin", f'-DGUEST="{os.path.abspath(binary)}"',
                        "-o", mb, "tests/diff/mbboot.asm"], check=True)
        return qemu_i386(["-kernel", mb, "-device", "isa-debugcon,iobase=0xe9,chardev=out"]
                         + list(extra), tmp, 64)


SEABIOS = "/usr/share/seabios/bios.bin"
GREETING = "mimic boot sector: hello from the boot disk, drive 0x80"
BOOTSECT_STATUS = (0x21 << 1) | 1


def seabios_reference():
    """SeaBIOS booting the boot disk under qemu-system-i386, its screen on
    COM1 (etc/sercon-port): (status, serial transcript)."""
    with tempfile.TemporaryDirectory() as tmp:
        sercon = os.path.join(tmp, "sercon-port")
        with open(sercon, "wb") as f:
            f.write(bytes([0xf8, 0x03]))
        return qemu_i386(["-bios", SEABIOS, "-fw_cfg", f"name=etc/sercon-port,file={sercon}",
                          "-serial", "chardev:out"], tmp, 128)


def screen(text):
    """The BIOS screen as it reached the serial line: from SeaBIOS's console
    reset (ESC c) on, without carriage returns and without the lines mimic's
    devices print about what they do not implement (they can land in the
    middle of a screen line).  The timing is masked: how much of SeaBIOS's
    buffered "Booting from Hard Disk...\n" reaches COM1 before the boot
    sector writes to it directly depends on when its console flushes (under
    qemu-system-i386 too)."""
    text = re.sub(r"devices: [^\n]*\n", "", text.replace("\r", ""))
    text = re.sub(r"Booting from Hard Disk\.*\n?", "Booting from Hard Disk...\n", text)
    start = text.find("\x1bc")
    return text[start:] if start >= 0 else ""


def boot_disk_reference():
    code, out = seabios_reference()
    t.check("bootdisk/boots_under_qemu_system_i386",
            code == BOOTSECT_STATUS and "SeaBIOS (version" in out
            and "Booting from Hard Disk" in out and GREETING in out,
            f"exit {code}, want {BOOTSECT_STATUS}, the banner and the greeting", out)
    return screen(out)


def seabios_boot(reference):
    """make run: the built-in SeaBIOS boots the built-in disk; its screen is
    the reference's, byte for byte."""
    r = subprocess.run(["scripts/run.sh", "build/mimic.elf"], stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=300)
    out = r.stdout.decode("latin-1").replace("\r\n", "\n")
    t.check("seabios/make_run_boots_the_disk", r.returncode == BOOTSECT_STATUS
            and "firmware: 128 KB at 0xfffe0000 and 0xe0000" in out and GREETING in out,
            f"exit {r.returncode}, want {BOOTSECT_STATUS} and the greeting", out)
    got = screen(out)
    t.check("seabios/screen_matches_qemu_system_i386", got == reference and GREETING in got,
            f"mimic's screen {got!r}, qemu-system-i386's {reference!r}")

    r = Run(["bios=seabios", "debugcon=1"], timeout=300)
    ok = r.expect("Found QEMU fw_cfg")
    start = len(r.out)
    r.send(b"\x01c")
    ok = ok and r.expect_after("(mimic) ", start)
    start = len(r.out)
    r.send("fwlog\r")
    ok = ok and r.expect_after("(mimic) ", start)
    log = r.out[start:].decode("latin-1")
    r.send("c\r")
    code, out = r.finish()
    t.check("seabios/debugcon_shows_its_log", "Found QEMU fw_cfg" in out
            and "BUILD: gcc:" in out and "enter handle_19" in out,
            "the port 0x402 log lines are missing", out)
    t.check("seabios/monitor_fwlog", ok and "SeaBIOS (version" in log and "Found QEMU fw_cfg" in log,
            f"the monitor's log printed {log[-300:]!r}", out)
    t.check("seabios/monitor_continue_boots", code == BOOTSECT_STATUS and GREETING in out,
            f"exit {code}, want {BOOTSECT_STATUS} after the monitor", out)


def until_ends_run():
    """until=TEXT ends the run right after the guest's serial output first
    says TEXT (nothing of the guest's follows it), with the counts; an empty
    text is refused."""
    r = subprocess.run(["scripts/run.sh", "build/mimic.elf", "bios=seabios",
                        "until=Booting from Hard Disk"],
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
    out = r.stdout.decode("latin-1").replace("\r\n", "\n")
    m = re.search(r"Booting from Hard Disk\nuntil: after (\d+) guest instructions in (\d+) TBs; "
                  r"host Count (\d+): .*\nuntil: translator translations=\d+ ", out)
    t.check("until/ends_at_text", r.returncode == 0 and m is not None and int(m.group(1)) > 0
            and GREETING not in out,
            f"exit {r.returncode}, want 0 with the counts right after the text", out)
    code, out = Run(["bios=seabios", "until="]).finish()
    t.check("until/empty_refused", code == EXIT_USAGE and "until= wants a text" in out,
            f"exit {code}, want {EXIT_USAGE}", out)


def device_wiring():
    binary = DEVICES_BIN
    code, out = Run([], extra=["-initrd", binary]).finish()
    check_verdicts("devices", DEVICE_CHECKS, out)
    t.check("devices/soft_off_exits_0", code == 0 and POWERED_OFF in out,
            f"exit {code}, want 0: all checks ok and powered off through PM1a_CNT", out)
    t.check("devices/log_port_quiet", "log line on port 0x402" not in out,
            "port 0x402 reached the console without debugcon=1", out)
    code, out = Run(["debugcon=1"], extra=["-initrd", binary]).finish()
    t.check("devices/debugcon_shows_log_port", code == 0 and "log line on port 0x402\n" in out,
            f"exit {code}, want the port 0x402 line on the console", out)
    ref_code, ref_out = qemu_reference(binary)
    t.check("devices/matches_qemu_system_i386",
            ref_code == 0 and verdicts(ref_out) == [["ok", n] for n in DEVICE_CHECKS],
            f"qemu-system-i386 exit {ref_code}: {ref_out!r}")


def apic_routing():
    """tests/pc/apic.asm: the PIT through the I/O APIC to the local APIC,
    TPR, EOI, the local APIC timer and a self IPI; the guest's checks are
    proved right under qemu-system-i386."""
    code, out = Run([], extra=["-initrd", APIC_BIN]).finish()
    check_verdicts("apic", APIC_CHECKS, out)
    t.check("apic/soft_off_exits_0", code == 0 and POWERED_OFF in out,
            f"exit {code}, want 0: all checks ok and powered off", out)
    ref_code, ref_out = qemu_reference(APIC_BIN)
    t.check("apic/matches_qemu_system_i386",
            ref_code == 0 and verdicts(ref_out) == [["ok", n] for n in APIC_CHECKS],
            f"qemu-system-i386 exit {ref_code}: {ref_out!r}")


# What tests/pc/strio.asm prints per case: registers, hashes, drive status,
# the page fault's details, the debug console's line, the end.
STRIO_LINE = re.compile(r"^(\w+ ecx=.*|\w+ hash=.*|status=.*|fault count=.*|rep outsb.*|done)$", re.M)
STRIO_CASES = 23


def string_io():
    """rep ins/outs on the boot disk's data port and on ports without a
    string path: mimic prints what qemu-system-i386 prints, line by line."""
    code, out = Run([], extra=["-initrd", STRIO_BIN]).finish()
    got = STRIO_LINE.findall(out)
    ref_code, ref_out = qemu_reference(STRIO_BIN)
    want = STRIO_LINE.findall(ref_out)
    t.check("strio/reference_complete", len(want) == STRIO_CASES and want[-1] == "done"
            and "fault count=00000001 cr2=00031000 error=00000002" in ref_out,
            f"qemu-system-i386 exit {ref_code} printed {len(want)} lines", ref_out)
    for i, line in enumerate(want):
        mine = got[i] if i < len(got) else "nothing"
        t.check(f"strio/{i:02d}_{re.split('[ =]', line)[0]}", mine == line,
                f"mimic printed {mine!r}, qemu-system-i386 {line!r}", out)
    t.check("strio/no_more_lines", len(got) == len(want), f"mimic printed {len(got)} lines", out)


def bad_firmware_input():
    code, out = Run(["bios=initrd"]).finish()
    t.check("bios/missing_image", code == EXIT_USAGE and "no initrd was handed over" in out,
            f"exit {code}, want {EXIT_USAGE} and the missing image named", out)
    code, out = Run(["bios=initrd"], extra=["-initrd", DEVICES_BIN]).finish()
    t.check("bios/wrong_size", code == EXIT_USAGE
            and f"the firmware image is {os.path.getsize(DEVICES_BIN)} bytes: it must be "
                "a multiple of 64 KB" in out,
            f"exit {code}, want {EXIT_USAGE} and the size rule", out)
    code, out = Run(["bios=rom.bin"]).finish()
    t.check("bios/bad_option_value", code == EXIT_USAGE and "bios=rom.bin" in out,
            f"exit {code}, want {EXIT_USAGE}", out)
    r = subprocess.run(["scripts/run.sh", "build/mimic.elf", "BIOS=build/no-such-rom.bin"],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True)
    t.check("bios/run_sh_missing_file", r.returncode == EXIT_USAGE
            and "BIOS file 'build/no-such-rom.bin' not found" in r.stdout,
            f"exit {r.returncode}: {r.stdout!r}")


BIOS_CHECKS = ["isa_alias", "pam_shadow", "a20_gate", "reset_line"]


def firmware_from_reset():
    with tempfile.TemporaryDirectory() as tmp:
        code, out = qemu_i386(["-bios", BIOS_BIN,
                               "-device", "isa-debugcon,iobase=0xe9,chardev=out"], tmp, 128,
                              reboot=True)
    got = verdicts(out)
    t.check("bios/image_right_under_qemu_system_i386",
            code == 1 and got == [["ok", n] for n in BIOS_CHECKS],
            f"exit {code}: {out!r}")
    r = subprocess.run(["scripts/run.sh", "build/mimic.elf", f"BIOS={BIOS_BIN}", "post=1"],
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    out = r.stdout.decode("latin-1").replace("\r\n", "\n")
    t.check("bios/reset_vector", "firmware: 64 KB at 0xffff0000 and 0xf0000" in out
            and "firmware: running from the reset vector\n" in out,
            "the image's first line did not appear", out)
    got = verdicts(out)
    m = re.search(r"^post: 01 after (\d+) guest instructions in (\d+) TBs; host Count (\d+): "
                  r"\d+ idle, \d+ running", out, re.M)
    t.check("bios/post_reports_counts", m is not None and 2 <= int(m.group(1)) <= 8
            and int(m.group(2)) == 2 and int(m.group(3)) > 0,
            "want the POST code of the image's second instruction (its second TB: the reset vector jumps) with its counts", out)
    for name in BIOS_CHECKS:
        t.check(f"bios/{name}", ["ok", name] in got, "not ok in mimic", out)
    t.check("bios/machine_reset_said", "mimic: machine reset\n" in out,
            "the reset line's reset was not reported", out)
    t.check("bios/exit_status", r.returncode == 1, f"exit {r.returncode}, want 1", out)
    no_reboot(out)


def no_reboot(rebooting):
    """noreboot=1: the image's reset (its last check) ends the run with status
    0 and everything before it as without, as -no-reboot does under QEMU."""
    with tempfile.TemporaryDirectory() as tmp:
        ref_code, ref_out = qemu_i386(["-bios", BIOS_BIN,
                                       "-device", "isa-debugcon,iobase=0xe9,chardev=out"],
                                      tmp, 128)
    r = subprocess.run(["scripts/run.sh", "build/mimic.elf", f"BIOS={BIOS_BIN}", "noreboot=1"],
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    out = r.stdout.decode("latin-1").replace("\r\n", "\n")
    before = [v for v in verdicts(rebooting) if v[1] != "reset_line"]
    t.check("bios/noreboot_ends_run", r.returncode == 0 == ref_code
            and "mimic: machine reset with noreboot=1: the run ends\n" in out
            and verdicts(out) == before == verdicts(ref_out),
            f"exit {r.returncode} (qemu-system-i386 -no-reboot {ref_code}), want 0 and the "
            f"checks before the reset ({before}; qemu: {verdicts(ref_out)})", out)


POST_LINE = re.compile(
    r"^post: ([0-9a-f]{2}) after (\d+) guest instructions in (\d+) TBs; host Count (\d+): "
    r"(\d+) idle, (\d+) running \(\d+ without the counting\); (\d+) hlt stops, "
    r"(\d+) host waits$", re.M)


def post_reports(out):
    """post=1's lines by POST code: {code: {insns, tbs, count, idle,
    running, hlts, waits}}."""
    keys = ["insns", "tbs", "count", "idle", "running", "hlts", "waits"]
    return {int(m.group(1), 16): dict(zip(keys, map(int, m.groups()[1:])))
            for m in POST_LINE.finditer(out)}


def idle_periods(lost):
    """idle.asm's exit statuses for TICKS - 1 to TICKS + lost PIT periods."""
    return [2 * n + 1 for n in range(IDLE_TICKS - 1, IDLE_TICKS + lost + 1)]


def idle_host_sleeps():
    """idle.asm halts between 50 PIT interrupts (0.5 s of guest time) and
    posts 0x01 before and 0x02 after.  Between the two the host must have
    slept (the wait instruction) rather than spun: at least one host wait
    per hlt and most of the host's Count spent waiting.  Guest time must
    pass at the host's rate (the window's Count over the Count rate comes
    to the guest's 0.5 s), and the guest's own check (its PM timer against
    its PIT interrupts) passes, as it does under qemu-system-i386 (with
    icount: on a loaded host its PIT drops ticks in real time)."""
    ref_code, ref_out = qemu_reference(IDLE_BIN, ["-icount", "shift=3,sleep=off"])
    t.check("idle/guest_right_under_qemu_system_i386", ref_code in idle_periods(0),
            f"exit {ref_code}: the PM timer saw {(ref_code - 1) // 2} PIT periods, "
            f"want {IDLE_TICKS - 1} or {IDLE_TICKS}", ref_out)
    r = subprocess.run(["scripts/run.sh", "build/mimic.elf", f"GUEST={IDLE_BIN}", "post=1"],
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    out = r.stdout.decode("latin-1").replace("\r\n", "\n")
    t.check("idle/guest_time_pm_timer_vs_pit", r.returncode in idle_periods(IDLE_LOST_MAX),
            f"exit {r.returncode}: the PM timer saw {(r.returncode - 1) // 2} PIT periods, want "
            f"{IDLE_TICKS - 1} to {IDLE_TICKS + IDLE_LOST_MAX}", out)
    post = post_reports(out)
    hz = re.search(r"^timer: Count at (\d+) Hz", out, re.M)
    if 1 not in post or 2 not in post or not hz:
        t.check("idle/post_reports", False, "want post lines 01 and 02 and the Count rate", out)
        return
    a, b = post[1], post[2]
    count, idle = b["count"] - a["count"], b["idle"] - a["idle"]
    hlts, waits = b["hlts"] - a["hlts"], b["waits"] - a["waits"]
    seconds = count / int(hz.group(1))
    t.check("idle/host_waits_each_hlt", hlts >= IDLE_TICKS - 1 and waits >= hlts,
            f"{hlts} hlt stops and {waits} host waits, want at least {IDLE_TICKS - 1} of "
            "each (the first tick may come before the first hlt)", out)
    t.check("idle/host_sleeps_not_spins", idle * 2 > count,
            f"{idle} of {count} host Count spent waiting, want more than half", out)
    periods = (r.returncode - 1) // 2
    t.check("idle/guest_time_at_host_rate", 0.0095 * periods <= seconds <= 0.0105 * periods,
            f"{seconds:.3f} s of host time for {periods} PIT periods at 100 Hz", out)
    print(f"idle: {periods} PIT periods, {hlts} hlt stops, {waits} host waits, {idle} of {count} host Count "
          f"waiting ({100 * idle // max(count, 1)}%), {seconds:.3f} s")


def monitor_shows_devices():
    r = Run(["monitor=1"], extra=["-initrd", DEVICES_BIN])
    ok = r.expect("(mimic) ")
    start = len(r.out)
    r.send("dev\r")
    ok = ok and r.expect_after("(mimic) ", start)
    shown = r.out[start:].decode("latin-1").replace("\r\n", "\n")
    r.send("c\r")
    code, out = r.finish()
    t.check("monitor/dev", ok and "pic master  IRR" in shown and "pit 0" in shown
            and re.search(r"^machine  \d+ hlt stops, \d+ host waits, guest time \d+ ns", shown, re.M)
            and "uart" in shown.lower() and "pm       PMSTS" in shown and code == 0,
            f"exit {code}; dev printed {shown!r}", out)


device_wiring()
apic_routing()
string_io()
monitor_shows_devices()
idle_host_sleeps()
seabios_boot(boot_disk_reference())
until_ends_run()
bad_firmware_input()
firmware_from_reset()
t.exit()
