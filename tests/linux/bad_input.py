"""Bad input to the direct Linux boot (issue 7): a missing or corrupt
kernel or initrd and a command line too long for the boot protocol are
refused before the firmware starts, with exit code 64 and a message that
names the problem.  Each case is a bundle (firmware/linux/bundle.py's
members, built here from build/linux's good ones with one thing wrong)
given to mimic with linux=initrd, or a file scripts/run.sh cannot find."""
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "boot"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "firmware", "linux"))
from qemu import ROOT, Checks, Run  # noqa: E402
from initramfs import Cpio  # noqa: E402

GUEST = os.path.join(ROOT, "build", "linux")
EXIT_USAGE = 64
CMDLINE_SIZE = 0x238		# the setup header's cmdline_size (protocol 2.06+)
# What the firmware prints first: a refused input never gets this far.
SEABIOS_BANNER = "SeaBIOS (version"


def good(name):
    with open(os.path.join(GUEST, name), "rb") as f:
        return f.read()


def bundle(tmp, name, members):
    """A bundle file in tmp of members {cpio name: bytes}."""
    a = Cpio()
    for member, body in members.items():
        a.file(member, body, 0o644)
    path = os.path.join(tmp, name)
    a.write(path)
    return path


def main():
    t = Checks("linux")
    kernel, initrd = good("vmlinuz"), good("initramfs.cpio")
    cmdline_size = struct.unpack_from("<I", kernel, CMDLINE_SIZE)[0]
    too_long = " ".join(["console=ttyS0"] + ["x" * 99] * (cmdline_size // 100 + 1))
    with tempfile.TemporaryDirectory() as tmp:
        # (name, the initrd mimic is given, what it must say, more options)
        cases = [
            ("no_bundle", None, "no initrd was handed over"),
            ("bundle_not_cpio", os.path.join(GUEST, "vmlinuz"), "is not a newc cpio archive"),
            ("no_kernel", bundle(tmp, "nokernel.cpio", {"initrd": initrd}),
             "the Linux bundle has no kernel"),
            ("corrupt_kernel", bundle(tmp, "badkernel.cpio", {
                "vmlinuz": initrd[:len(kernel)], "initrd": initrd}),
             "not a Linux kernel with a setup header"),
            ("truncated_kernel", bundle(tmp, "cutkernel.cpio", {
                "vmlinuz": kernel[:len(kernel) // 2], "initrd": initrd}),
             "kernel image cut short"),
            ("corrupt_initrd", bundle(tmp, "badinitrd.cpio", {
                "vmlinuz": kernel, "initrd": kernel[:4096]}),
             "the initrd (4096 bytes) is neither a newc cpio archive"),
            ("cmdline_too_long", bundle(tmp, "longcmd.cpio", {
                "vmlinuz": kernel, "initrd": initrd, "cmdline": too_long.encode()}),
             f"{len(too_long)}-byte command line: command line longer than the kernel "
             f"takes (its cmdline_size: {cmdline_size} bytes)"),
            # append= replaces the bundle's command line, but QEMU's
            # loongson3-virt hands mimic at most about 230 bytes of its own:
            # a longer one arrives cut, its closing quote lost.
            ("append_cut_short", os.path.join(GUEST, "linuxboot.cpio"),
             "option 'append': no closing quote (a command line cut short?",
             [f'append="{too_long}"']),
        ]
        for name, initrd_file, says, *options in cases:
            code, out = Run(["linux=initrd"] + sum(options, []),
                            extra=["-initrd", initrd_file] if initrd_file else []).finish()
            t.check(f"refuses/{name}", code == EXIT_USAGE and says in out
                    and SEABIOS_BANNER not in out,
                    f"exit {code}, want {EXIT_USAGE}, '{says}' and no firmware", out)
    r = subprocess.run(["scripts/run.sh", "build/mimic.elf", "LINUX=build/no-such-bundle.cpio"],
                       cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    t.check("refuses/run_sh_missing_bundle", r.returncode == EXIT_USAGE
            and "LINUX file 'build/no-such-bundle.cpio' not found" in r.stdout,
            f"exit {r.returncode}: {r.stdout!r}")
    t.exit()


if __name__ == "__main__":
    main()
