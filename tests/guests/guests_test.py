"""Flat guests in the real kernel: output, exit status, load address, and
clear failures (unsupported instruction, image too big, bad load=)."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "boot"))
from qemu import Checks, Run  # noqa: E402

EXIT_USAGE, EXIT_GUEST_FAILURE = 64, 66
t = Checks("guests")


def guest(name, options=(), **kw):
    path = os.path.join("build", "guests", name + ".bin")
    return Run(list(options), extra=["-initrd", path], **kw).finish()


code, out = guest("hello")
size = os.path.getsize("build/guests/hello.bin")
t.check("hello", code == 11 and "hello from x86\n" in out
        and f"guest: {size} bytes at 0x100000" in out,
        f"exit {code}, want 11 and the greeting", out)

ref = subprocess.run(["bash", "tests/diff/qemu-flat.sh", "build/guests/hello.bin"],
                     capture_output=True, text=True)
t.check("hello_matches_qemu_system_i386", ref.returncode == code
        and ref.stdout in out and ref.stdout == "hello from x86\n",
        f"qemu-system-i386 exit {ref.returncode} {ref.stdout!r}, mimic exit {code}")

code, out = guest("hello", ["load=0x200000"])
t.check("load_address", code == 11 and "at 0x200000" in out and "hello from x86" in out,
        f"exit {code}", out)

r = Run([], extra=["-initrd", os.path.join("build", "guests", "com1.bin")])
ok = r.expect("type: ")
r.send("hello, x86\r")
code, out = r.finish()
t.check("com1_both_ways", ok and code == (10 << 1 | 1) and "type: HELLO, X86\n" in out,
        f"exit {code}, want {10 << 1 | 1} and the echo in upper case", out)

code, out = guest("unsupported")
t.check("unsupported_insn", code == EXIT_GUEST_FAILURE and "A\n" in out
        and "unsupported instruction at 00100008: 0f 28 c1  movaps" in out,
        f"exit {code}, want {EXIT_GUEST_FAILURE} and the instruction named", out)

code, out = guest("hello", ["load=0x7ffffff0"])
t.check("image_too_big", code == EXIT_USAGE and "does not fit" in out,
        f"exit {code}, want {EXIT_USAGE}", out)

code, out = guest("hello", ["log=in_asm", "logto=console"])
t.check("log_in_asm", code == 11 and re.search(r"^IN\s+00100000\s+pushfd", out, re.M) is not None,
        f"exit {code}, want each TB's guest code logged", out)

code, out = guest("hello", ["log=in_asm,nope"])
t.check("bad_log_category", code == EXIT_USAGE and "unknown log category 'nope'" in out,
        f"exit {code}, want {EXIT_USAGE}", out)

code, out = guest("hello", ["load=banana"])
t.check("bad_load_option", code == EXIT_USAGE and "load=banana is not a 32-bit address" in out,
        f"exit {code}, want {EXIT_USAGE}", out)
t.exit()
