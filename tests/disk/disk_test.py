"""The PC boots a user's disk image as its primary ATA master (boot option
disk=initrd, make run DISK=file.img).  Images the BIOS could not boot are
refused with exit code 64.  The SYSLINUX disk that firmware/linux.mk builds
boots in mimic: SeaBIOS reads its boot sector, SYSLINUX loads /vmlinuz and
/initrd.img through BIOS disk services (int 13h, SeaBIOS's ATA driver on
mimic's IDE) and starts the kernel, whose setup code reports, and Linux
prints its first console line; then the run is quit from the console
(Ctrl-A x), the way a user leaves it.
qemu-system-i386 booting the same disk (tests/linux's reference machine)
is the reference for what SeaBIOS and SYSLINUX print."""
import os
import re
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(__file__)
sys.path.insert(0, os.path.join(HERE, "..", "boot"))
sys.path.insert(0, os.path.join(HERE, "..", "linux"))
from qemu import Checks, Console, Run  # noqa: E402
from linux_test import GUEST, LOGS, qemu_i386  # noqa: E402

t = Checks("disk")
EXIT_USAGE = 64
DISK_IMG = os.path.join(GUEST, "disk.img")
QUIT = b"\x01x"		# Ctrl-A x: mimic's console escape to quit
SYSLINUX_BANNER = ["SYSLINUX 6.04 EDD 20210613 Copyright (C) 1994-2015 H. Peter Anvin et al",
                   "SYSLINUX 6.04 20210613 Copyright (C) 1994-2015 H. Peter Anvin et al"]
# The Linux kernel's real-mode setup code, entered by SYSLINUX, says this
# first: the kernel and initramfs were read from the disk.
KERNEL_SETUP = "Probing EDD (edd=off to disable)... "
# SYSLINUX reports each file it loads on its serial console and on the
# screen (which SeaBIOS shows on the same COM1): the two copies interleave
# as timing has it, under qemu-system-i386 too.
LOADED = ["Loading /vmlinuz... ok", "Loading /initrd.img... ok"]
SETUP_HEADER = 0x1f1		# the bzImage's boot protocol header
KERNEL_VERSION_PTR = 0x20e	# its kernel_version: offset from 0x200


def kernel_version():
    """The version string of build/linux/vmlinuz's setup header, up to the
    build host: Linux's first console line names the same."""
    with open(os.path.join(GUEST, "vmlinuz"), "rb") as f:
        k = f.read(0x10000)
    at = 0x200 + struct.unpack_from("<H", k, KERNEL_VERSION_PTR)[0]
    return k[at:k.index(b")", at) + 1].decode()


def bad_input():
    with tempfile.TemporaryDirectory() as tmp:
        def image(name, data):
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(data)
            return path

        cases = [
            ("missing_image", [], "no disk image was handed over"),
            ("partial_sector", ["-initrd", image("odd.img", b"\x55\xaa" * 300)],
             "not a whole number of 512-byte sectors"),
            ("no_boot_signature", ["-initrd", image("blank.img", bytes(1024))],
             "does not end in the boot signature 55 AA"),
        ]
        for name, extra, says in cases:
            code, out = Run(["disk=initrd"], extra=extra).finish()
            t.check(name, code == EXIT_USAGE and "mimic: disk=initrd: " in out and says in out,
                    f"exit {code}, want {EXIT_USAGE} and '{says}'", out)
        code, out = Run(["disk=initrd", "linux=initrd"], extra=["-initrd", DISK_IMG]).finish()
        t.check("not_with_linux_initrd", code == EXIT_USAGE
                and "mimic: disk=initrd and linux=initrd both want the initrd" in out,
                f"exit {code}, want {EXIT_USAGE}", out)
        code, out = Run(["disk=floppy"]).finish()
        t.check("bad_option_value", code == EXIT_USAGE and "mimic: disk=floppy:" in out,
                f"exit {code}, want {EXIT_USAGE}", out)
        code, out = Run(["disk=initrd", "bios=initrd"], extra=["-initrd", DISK_IMG]).finish()
        t.check("not_with_bios_initrd", code == EXIT_USAGE
                and "mimic: disk=initrd bios=initrd:" in out, f"exit {code}, want {EXIT_USAGE}", out)
    r = subprocess.run(["scripts/run.sh", "build/mimic.elf", "DISK=build/no-such-disk.img"],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True)
    t.check("run_sh_missing_file", r.returncode == EXIT_USAGE
            and "DISK file 'build/no-such-disk.img' not found" in r.stdout,
            f"exit {r.returncode}: {r.stdout!r}")


def guest_text(text):
    """The transcript without ANSI escape sequences (SeaBIOS's screen on
    COM1 moves the cursor) and without mimic's own 'devices:' lines."""
    text = re.sub(r"\x1b(\[[0-9;?]*[A-Za-z]|c)", "", text)
    return re.sub(r"devices: [^\n]*\n", "", text)


def loaded_twice(text):
    """Between SYSLINUX's banner and the kernel's setup code, each LOADED
    message twice (its console and its screen), in any interleaving: the
    same characters, whitespace aside."""
    start = text.find(SYSLINUX_BANNER[1])
    end = text.find(KERNEL_SETUP)
    if start < 0 or end < start:
        return False
    between = text[start + len(SYSLINUX_BANNER[1]):end]
    return sorted("".join(between.split())) == sorted("".join("".join(LOADED * 2).split()))


def syslinux_screen(text):
    """What the checks compare: the banner lines, the loaded files, the
    kernel's setup message."""
    lines = text.splitlines()
    return {"banner": all(b in lines for b in SYSLINUX_BANNER),
            "booting": "Booting from Hard Disk..." in lines,
            "loaded": loaded_twice(text),
            "setup": KERNEL_SETUP in text}


def reference():
    """qemu-system-i386 booting the disk, stopped at the kernel's setup
    code: its guest text."""
    os.makedirs(LOGS, exist_ok=True)
    c = Console(qemu_i386(["-drive", f"file={DISK_IMG},format=raw,if=ide,index=0,snapshot=on"]),
                timeout=120)
    c.expect(KERNEL_SETUP)
    c.proc.kill()
    c.proc.wait()
    return guest_text(c.text())


def syslinux_boot():
    ref = syslinux_screen(reference())
    linux_says = "Linux version " + kernel_version()
    began = time.time()
    run = Run(["disk=initrd"], extra=["-initrd", DISK_IMG], timeout=300)
    walls = []
    for point in (KERNEL_SETUP, linux_says):
        if run.expect(point):
            walls.append(f"'{point.strip()}' after {time.time() - began:.1f} s")
    run.send(QUIT)
    code, out = run.finish()
    got = syslinux_screen(guest_text(out))
    print(f"  disk: {', '.join(walls)} of wall time")
    t.check("syslinux_boot", all(got.values()) and got == ref,
            f"mimic {got}, qemu-system-i386 {ref}", out)
    t.check("linux_starts", re.search(r"^\[\s*0\.000000\] " + re.escape(linux_says), out, re.M),
            f"no '{linux_says}' line from the kernel", out)
    t.check("quit", code == 0 and "mimic: quit" in out, f"exit {code} after Ctrl-A x, want 0", out)


bad_input()
syslinux_boot()
t.exit()
