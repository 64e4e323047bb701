"""Boot tests of the host kernel: each boots build/mimic.elf under QEMU and
checks its serial transcript and exit code."""
import random
import re
import subprocess
import sys

from qemu import Checks, Run

EXIT_USAGE, EXIT_HOST_FAILURE = 64, 70
t = Checks("boot")


def boot(options, **kw):
    return Run(options, **kw).finish()


def banner_and_quit():
    r = Run([])
    ready = r.expect("Press Ctrl-A then x to quit.")
    r.send(b"hello\x01x")
    code, out = r.finish()
    t.check("banner", ready and re.search(r"^mimic \S+: an x86 PC on MIPS64", out, re.M)
            and "capstone: 5.0" in out and "options: exit=semihosting" in out,
            "banner incomplete", out)
    t.check("quit_key", code == 0 and "mimic: quit" in out,
            f"Ctrl-A x did not end the run cleanly (exit {code})", out)


def all_ram_used():
    for mem, want in ((1024, 1008), (2048, 2032)):
        r = Run([], mem=mem)
        r.expect("Press Ctrl-A")
        r.send(b"\x01x")
        code, out = r.finish()
        m = re.search(r"^ram: (\d+) MB in (\d+) range", out, re.M)
        t.check(f"ram_{mem}m", code == 0 and m and int(m.group(1)) == want
                and m.group(2) == "2",
                f"want {want} MB (all of -m {mem} but the firmware's 16 MB) "
                f"in 2 ranges", out)


def bad_address():
    code, out = boot(["selftest=fault"])
    t.check("fault_report", code == EXIT_HOST_FAILURE
            and "host exception 2: TLBL" in out
            and "BadVAddr 0000000000000008" in out
            and re.search(r"EPC\s+ffffffff8\w+  selftest_fault\+0x", out)
            and re.search(r"^\s+sp\s+|\bsp\s+ffffffff", out, re.M)
            and "call trace" in out and "kernel_main+0x" in out,
            f"exit {code}, want {EXIT_HOST_FAILURE} and a full report", out)


def panics():
    code, out = boot(["selftest=panic"])
    t.check("panic", code == EXIT_HOST_FAILURE
            and "mimic: panic: selftest panic: 1 is not 2" in out
            and "selftest_panic+0x" in out,
            f"exit {code}, want {EXIT_HOST_FAILURE} and the message", out)


def selftest(name, want):
    code, out = boot([f"selftest={name}"])
    t.check(name, code == 0 and re.search(want, out) is not None
            and f"selftest {name}: passed" in out, f"exit {code}", out)


def unknown_option():
    code, out = boot(["bogus=1"])
    t.check("unknown_option", code == EXIT_USAGE
            and "unknown option 'bogus=1'" in out and "known options:" in out,
            f"exit {code}, want {EXIT_USAGE}", out)
    code, out = boot(["novalue"])
    t.check("option_without_value", code == EXIT_USAGE
            and "'novalue' is not of the form key=value" in out,
            f"exit {code}, want {EXIT_USAGE}", out)


def normalize(text):
    """Capstone and objdump spell Intel syntax differently: compare the
    instruction with spaces removed, case folded, numbers as integers."""
    text = text.lower().replace(" ", "")
    return re.sub(r"0x[0-9a-f]+|\d+", lambda m: str(int(m.group(0), 0)), text)


def objdump(bits, hexbytes):
    data = bytes.fromhex(hexbytes)
    with open("build/test-logs/decode.bin", "wb") as f:
        f.write(data)
    mach = "i386" if bits == 32 else "i8086"
    dis = subprocess.run(["objdump", "-D", "-b", "binary", "-m", mach, "-M",
                          "intel", "--adjust-vma=0x1000",
                          "build/test-logs/decode.bin"],
                         capture_output=True, text=True).stdout
    line = [l for l in dis.splitlines() if re.match(r"\s+1000:", l)][0]
    return line.split("\t")[-1]


def capstone_decode():
    code, out = boot(["selftest=capstone"])
    lines = re.findall(r"^decode (\d+) ([0-9a-f]+) : (.*?) \| (\d+) operands$", out, re.M)
    t.check("capstone_runs", code == 0 and len(lines) == 8, f"exit {code}", out)
    for bits, hexbytes, text, nops in lines:
        ref = objdump(int(bits), hexbytes).lower()
        # objdump spells some forms differently; the operands must agree.
        ref = re.sub(r"^jmp\s+", "ljmp ", ref)
        ref = re.sub(r"\bmovs\s+dword", "movsd dword", ref)
        ref = re.sub(r"\b(dword|word|byte) ptr ds:", r"\1 ptr ", ref)
        got = normalize(text)
        want = normalize(ref)
        t.check(f"capstone_{bits}_{hexbytes}",
                got == want or got.replace("ptr", "") == want.replace("ptr", ""),
                f"capstone '{text}' vs objdump '{ref}'")


def pasted_line():
    rnd = random.Random(1)
    line = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789 ") for _ in range(3000))
    h = 2166136261
    for c in line.encode():
        h = ((h ^ c) * 16777619) & 0xffffffff
    r = Run(["selftest=echo"])
    r.expect("selftest echo: ready")
    r.send(line + "\r")
    code, out = r.finish()
    t.check("pasted_line", code == 0 and f"{len(line)} bytes, fnv1a {h:08x}, 0 overruns" in out,
            f"want {len(line)} bytes with fnv1a {h:08x}", out)


banner_and_quit()
all_ram_used()
bad_address()
panics()
selftest("timer", r"selftest timer: 200 ticks \(\+\d+ missed\) in \d+ counts")
selftest("codegen", r"returned 42, rewritten returned 1234")
unknown_option()
capstone_decode()
pasted_line()
t.exit()
