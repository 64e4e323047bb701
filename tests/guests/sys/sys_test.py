"""System-test BIOS images (tests/guests/sys/*.asm, built into build/guests/sys/).
Each image checks one area of the x86 system architecture from reset and prints
"PASS <area>: ..." / "FAIL <area>: ..." on port 0xE9, then exits through port
0xF4 with 0 when every check passed.  qemu-system-i386 is the reference: every
image must pass there, but for the checks MIMIC_ONLY names (what qemu does
not model).  The images in MIMIC_IMAGES must also pass in mimic, run from
reset as its firmware, with the same PASS lines and the mimic-only ones.
The images in MIMIC_ONLY_IMAGES do not run under qemu at all: in mimic
every line must PASS."""
import glob
import os
import subprocess
import sys
import tempfile

BUILD = os.path.join("build", "guests", "sys")
# Images mimic passes; add one when it does.  SYS_MIMIC=a,b (or "all") runs
# others in mimic too, to see how far it gets.
MIMIC_IMAGES = ["align", "debugregs", "exceptions", "ferr", "fpu", "irq", "limits", "modeswitch", "paging", "privilege", "realmode", "rmwfault", "segments", "shadow", "smc", "tasks", "triple", "v86"]
# Images that reset the machine on purpose: QEMU must not stop on the reset.
RESETS = {"triple"}
# Checks the reference cannot make, by image: the start of their names.
# qemu-system-i386's TCG does not check segment limits, expand-down bounds
# or segment types on data and stack accesses (target/i386 computes
# seg base + offset and goes to the softmmu; only descriptor loads and
# far transfers check), nor alignment (#AC with CR0.AM and EFLAGS.AC in
# ring 3), nor CS's limit on code fetch (an instruction past or across
# it, in realmode.asm the one across IP FFFF; a near branch to a target
# past the limit runs there instead of faulting), so under qemu these lines
# may FAIL and the status be 1; every other line must still PASS there.
# mimic must PASS them all.
# And qemu's rcl/rcr change CF before their memory write faults
# (rmwfault.asm's rcr checks).
# Images qemu cannot run, with the reason: mimic alone judges them.
MIMIC_ONLY_IMAGES = {
    "ferr": "qemu-system-i386 7.2 aborts (a TCG assertion) when FERR# "
            "raises IRQ13 with CR0.NE clear",
}
MIMIC_ONLY = {"limits": "fault ", "align": "fault ", "realmode": "fault ", "rmwfault": "rcr "}
GUEST_OK = 1            # exit code for status 0: (0 << 1) | 1
GUEST_FAILED = 3        # exit code for status 1
failed = 0


def verdict(name, ok, why="", transcript=""):
    global failed
    if ok:
        print(f"PASS {name}")
        return
    failed += 1
    print(f"FAIL {name}: {why}")
    for line in transcript.strip().splitlines()[-15:]:
        print("  | " + line)


def run_qemu(image, name):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "e9")
        cmd = ["qemu-system-i386", "-M", "pc", "-m", "128", "-nodefaults",
               "-display", "none", "-bios", image,
               "-chardev", f"file,id=dbg,path={out}",
               "-device", "isa-debugcon,iobase=0xe9,chardev=dbg",
               "-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
        if name not in RESETS:
            cmd.append("-no-reboot")
        try:
            code = subprocess.run(cmd, timeout=30).returncode
        except subprocess.TimeoutExpired:
            code = None
        with open(out, encoding="latin-1") as f:
            return code, f.read()


def run_mimic(image):
    cmd = ["scripts/run.sh", "build/mimic.elf", f"BIOS={image}"]
    try:
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=180)
        return r.returncode, r.stdout.decode("latin-1").replace("\r\n", "\n")
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b"").decode("latin-1").replace("\r\n", "\n")


def checks(text):
    return [l for l in text.splitlines() if l.startswith(("PASS ", "FAIL "))]


def check_name(line):
    """"PASS area: what" or "FAIL area: what got=... want=..." -> "area: what"."""
    name = line[5:]
    return name[:name.index(" got=")] if line.startswith("FAIL ") and " got=" in name else name


def mimic_only(image, line):
    prefix = MIMIC_ONLY.get(image)
    return prefix is not None and check_name(line).startswith(f"{image}: {prefix}")


def mimic_runs_bios():
    """The kernel's BIOS path exists once scripts/run.sh takes BIOS=."""
    with open("scripts/run.sh") as f:
        return os.path.exists("build/mimic.elf") and "BIOS=" in f.read()


def main():
    images = sorted(glob.glob(os.path.join(BUILD, "*.bin")))
    if not images:
        verdict("sys/images", False, f"no images in {BUILD} (make sysguests)")
    reference = {}
    for image in images:
        name = os.path.basename(image)[:-4]
        if name in MIMIC_ONLY_IMAGES:
            print(f"mimic-only image, not run under qemu: {name}: "
                  f"{MIMIC_ONLY_IMAGES[name]}")
            reference[name] = None
            continue
        code, text = run_qemu(image, name)
        lines = checks(text)
        only = [l for l in lines if mimic_only(name, l)]
        for line in lines:
            if line in only:
                print(f"mimic-only, not modelled by qemu: {line}")
            else:
                print(f"{line[:5]}qemu/{line[5:]}")
        others = [l for l in text.splitlines() if l and l not in lines]
        shared = [l for l in lines if l not in only]
        verdict(f"qemu/{name}: exit status 0 (1 with mimic-only checks), "
                "every line a PASS but mimic-only ones",
                (code == GUEST_OK or (only and code == GUEST_FAILED))
                and shared and not others
                and all(l.startswith("PASS ") for l in shared),
                f"qemu-system-i386 exit {code}, want {GUEST_OK}", text)
        reference[name] = [l for l in shared if l.startswith("PASS ")] + \
            ["PASS " + check_name(l) for l in only]

    extra = os.environ.get("SYS_MIMIC", "")
    wanted = sorted(reference) if extra == "all" else \
        [n for n in MIMIC_IMAGES + extra.split(",") if n in reference]
    if wanted and not mimic_runs_bios():
        verdict("mimic/bios_path", False,
                "images to run in mimic, but scripts/run.sh takes no BIOS=")
        wanted = []
    for name in wanted:
        code, text = run_mimic(os.path.join(BUILD, name + ".bin"))
        got = set(checks(text))
        if reference[name] is None:
            for line in sorted(got):
                verdict(f"mimic/{check_name(line)}", line.startswith("PASS "),
                        "FAIL in mimic", "")
            verdict(f"mimic/{name}: exit status 0, every check a PASS",
                    code == GUEST_OK and bool(got), f"mimic exit {code}, want {GUEST_OK}", text)
            continue
        for line in reference[name]:
            verdict(f"mimic/{line[5:]}", line in got, "not PASS in mimic", "")
        extra = [l for l in got if l.startswith("FAIL ")]
        verdict(f"mimic/{name}: exit status 0, same checks as qemu",
                code == GUEST_OK and not extra,
                f"mimic exit {code}, want {GUEST_OK}", text)
    qemu_run = [n for n in reference if reference[n] is not None]
    print(f"sys: {len(qemu_run)} images under qemu-system-i386, "
          f"{len(wanted)} under mimic ({', '.join(wanted) or 'none yet'})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
