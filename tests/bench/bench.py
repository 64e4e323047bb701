"""make bench: every tests/bench workload natively in the kernel, as a flat
guest on mimic's translator (both under icount, so CP0 Count counts executed
MIPS instructions), and under qemu-i386 with counter.so for the guest
instruction count; prints one table.  The mimic runs are made twice and must
agree.  With --check, the cheap correctness test instead (tests/bench/run.sh):
results of mimic's guest and native runs against the host CPU's."""
import bisect
import math
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "boot"))
from qemu import Checks, Run  # noqa: E402

OUT = os.path.join("build", "bench")
WORKLOADS = ["sieve", "crc32", "sort", "strings"]
ICOUNT = ["-icount", "shift=1,sleep=off"]
GUEST_OK = 1		# exit status of a guest whose two runs agreed: (0 << 1) | 1


def boot(options, initrd=None, icount=True):
    extra = (ICOUNT if icount else []) + (["-initrd", initrd] if initrd else [])
    return Run(options, extra=extra, timeout=300).finish()


def native_runs(icount=True):
    """{workload: (result, Count of the second run)}, the exit code, the text."""
    code, text = boot(["bench=native"], icount=icount)
    runs = {m[0]: (m[1], int(m[3])) for m in
            re.findall(r"^bench: native (\w+) result (\w+) count (\d+) (\d+)$", text, re.M)}
    return runs, code, text


def guest_run(name, icount=True):
    """The guest's result, its intervals between marks and its TBs."""
    code, text = boot(["bench=guest"], os.path.join(OUT, name + ".bin"), icount)
    m = re.search(r"^result (\w+)$", text, re.M)
    runs = [dict(zip(r[0::2], map(int, r[1::2])))
            for r in (l.split()[4:] for l in text.splitlines()
                      if l.startswith("bench: guest run "))]
    tbs = [(int(pc, 16), int(size)) for pc, size in
           re.findall(r"^bench: tb ([0-9a-f]+) (\d+)$", text, re.M)]
    return {"code": code, "text": text, "result": m and m.group(1), "runs": runs, "tbs": tbs}


def host_result(name):
    """The result the host CPU computes from the same guest code."""
    p = subprocess.run([os.path.join(OUT, name + ".elf")], capture_output=True, text=True)
    m = re.search(r"^result (\w+)$", p.stdout, re.M)
    return m and m.group(1), p.returncode


def insns(elf):
    """[(address, length, mnemonic)] of every instruction objdump finds in elf."""
    out = subprocess.run(["objdump", "-d", elf], capture_output=True, text=True,
                         check=True).stdout
    return [(int(a, 16), len(b.split()), m) for a, b, m in
            re.findall(r"^\s*([0-9a-f]+):\t([0-9a-f ]+)\t(\S+)", out, re.M)]


def tb_stats(name, tbs):
    """Guest instructions in each TB, and the TB ends that lie in the code the
    flat and the Linux links share (harness and workload: the same instructions
    at the same addresses; only call targets in the platform differ)."""
    flat, linux = insns(os.path.join(OUT, name + ".flat.elf")), insns(os.path.join(OUT, name + ".elf"))
    shared = 0
    while shared < min(len(flat), len(linux)) and flat[shared][:2] == linux[shared][:2]:
        shared += 1
    if any(m.startswith("rep") for _, _, m in flat[:shared]):
        print(f"  {name}: a rep-prefixed instruction: qemu-i386 counts its iterations")
    limit = flat[shared][0] if shared < len(flat) else 1 << 32
    addrs = [a for a, _, _ in flat]
    sizes, ends = [], set()
    for pc, size in tbs:
        lo, hi = bisect.bisect_left(addrs, pc), bisect.bisect_left(addrs, pc + size)
        sizes.append(hi - lo)
        if hi > lo and addrs[hi - 1] < limit:
            ends.add(addrs[hi - 1])
    return sizes, ends


def count_guest(name, ends):
    """Per interval between marks: guest instructions and passes over ends."""
    path = os.path.join(OUT, name + ".ends")
    with open(path, "w") as f:
        f.writelines(f"{a:x}\n" for a in sorted(ends))
    p = subprocess.run(["qemu-i386", "-plugin", f"{OUT}/counter.so,ends={path}",
                        os.path.join(OUT, name + ".elf")], capture_output=True, text=True)
    marks = [tuple(map(int, m)) for m in
             re.findall(r"^mark \d+ insns (\d+) passes (\d+)$", p.stderr, re.M)]
    return [(b[0] - a[0], b[1] - a[1]) for a, b in zip(marks, marks[1:])]


def measure():
    native, code, text = native_runs()
    if code != 0 or set(native) != set(WORKLOADS):
        sys.exit(f"bench: native run failed (exit {code}):\n{text[-2000:]}")
    rows = {}
    for name in WORKLOADS:
        g = guest_run(name)
        if g["code"] != GUEST_OK or len(g["runs"]) != 2 or g["runs"][0]["flushes"]:
            sys.exit(f"bench: {name} guest failed (exit {g['code']}):\n{g['text'][-2000:]}")
        rows[name] = (native[name], g["result"], g["runs"], g["tbs"])
    return rows


def table(rows):
    head = ("workload", "guest insns", "MIPS insns", "MIPS/guest", "native MIPS", "x native",
            "TBs", "xlat/insn", "TB execs", "in-code exits")
    print("%-9s %11s %11s %10s %11s %8s %5s %9s %9s %13s" % head)
    per_guest, per_native = [], []
    for name, (native, result, runs, tbs) in rows.items():
        cold, warm = runs
        sizes, ends = tb_stats(name, tbs)
        counted = count_guest(name, ends)
        if len(counted) != 2 or counted[0][0] != counted[1][0]:
            sys.exit(f"bench: {name}: qemu-i386 counting run gave {counted}")
        guest, passes = counted[1]
        new = sizes[cold["first_tb"]:warm["first_tb"]]
        xlat = (cold["count"] - warm["count"]) / max(sum(new), 1)
        stay = 1 - warm["loop_entries"] / passes if passes else float("nan")
        print("%-9s %11d %11d %10.2f %11d %8.2f %5d %9.0f %9d %12.4f%%" % (
            name, guest, warm["count"], warm["count"] / guest, native[1],
            warm["count"] / native[1], cold["translations"], xlat, passes, 100 * stay))
        if result != native[0]:
            print(f"  {name}: guest result {result} differs from native {native[0]}")
        per_guest.append(warm["count"] / guest)
        per_native.append(warm["count"] / native[1])
    geomean = [math.exp(sum(map(math.log, v)) / len(v)) for v in (per_guest, per_native)]
    print("%-9s %11s %11s %10.2f %11s %8.2f" % ("geomean", "", "", geomean[0], "", geomean[1]))


def explain():
    print("""
guest insns   x86 instructions of one workload run (qemu-i386 + counter.so)
MIPS insns    CP0 Count ticks of mimic's second run (icount: one per instruction)
MIPS/guest    their ratio;  x native: MIPS insns / the MIPS build's own run
TBs           translated in the first run; xlat/insn: (first run - second run)
              Count per guest instruction in those TBs (translation + warm-up)
TB execs      TBs run in the second run, counted in qemu-i386 as passes over
              the ends of mimic's TBs
in-code exits share of those TBs' exits that stayed in generated code (chained
              or jump cache): 1 - loop entries / TB execs""")


def check():
    t = Checks("bench")
    native, code, text = native_runs(icount=False)
    t.check("native_exit", code == 0, f"bench=native exit {code}", text)
    for name in WORKLOADS:
        want, status = host_result(name)
        t.check(f"{name}/host", want is not None and status == 0,
                f"the host run printed {want}, exit {status}")
        g = guest_run(name, icount=False)
        t.check(f"{name}/guest", g["result"] == want and g["code"] == GUEST_OK
                and len(g["runs"]) == 2,
                f"mimic: result {g['result']} exit {g['code']}, host: {want}", g["text"])
        got = native.get(name, (None,))[0]
        t.check(f"{name}/native", got == want, f"MIPS build: {got}, host: {want}")
    t.exit()


def main():
    if sys.argv[1:] == ["--check"]:
        check()
    first = measure()
    table(first)
    explain()
    second = measure()
    if second != first:
        sys.exit("bench: NOT deterministic: a second set of runs gave different numbers")
    print("deterministic: a second set of mimic runs gave the same numbers")


if __name__ == "__main__":
    main()
