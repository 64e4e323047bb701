"""The PC boots a user's disk image as its primary ATA master (boot option
disk=initrd, make run DISK=file.img).  Images the BIOS could not boot are
refused with exit code 64.  The SYSLINUX disk that firmware/linux.mk builds
starts in mimic: SeaBIOS reads its boot sector and SYSLINUX greets; then
the run is quit from the console (Ctrl-A x), the way a user leaves it.
tests/linux's disk targets boot the same disk on to the shell and compare
what SeaBIOS and SYSLINUX print with qemu-system-i386."""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(__file__)
sys.path.insert(0, os.path.join(HERE, "..", "boot"))
sys.path.insert(0, os.path.join(HERE, "..", "linux"))
from qemu import Checks, Run  # noqa: E402
from linux_test import GUEST  # noqa: E402
import syslinux  # noqa: E402

t = Checks("disk")
EXIT_USAGE = 64
DISK_IMG = os.path.join(GUEST, "disk.img")
QUIT = b"\x01x"		# Ctrl-A x: mimic's console escape to quit


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


def syslinux_starts():
    """SeaBIOS boots the disk and SYSLINUX greets on both its consoles;
    then the user quits (tests/linux's disk targets go on to the shell)."""
    began = time.time()
    run = Run(["disk=initrd"], extra=["-initrd", DISK_IMG], timeout=120)
    greeted = all(run.expect(b) for b in syslinux.SYSLINUX_BANNER)
    wall = time.time() - began
    run.send(QUIT)
    code, out = run.finish()
    lines = syslinux.guest_text(out).splitlines()
    print(f"  disk: SYSLINUX's banners after {wall:.1f} s of wall time")
    t.check("syslinux_starts", greeted and syslinux.BOOTING in lines
            and all(b in lines for b in syslinux.SYSLINUX_BANNER),
            f"no '{syslinux.BOOTING}' and SYSLINUX's banners", out)
    t.check("quit", code == 0 and "mimic: quit" in out, f"exit {code} after Ctrl-A x, want 0", out)


bad_input()
syslinux_starts()
t.exit()
