"""Drives a machine on a serial console for the tests: Console starts any
emulator command line, waits for text, types into it, and collects the
transcript and exit code; Run is mimic under qemu-system-mips64el with boot
options.  Shared by every group that boots something."""
import os
import re
import select
import subprocess
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
KERNEL = os.path.join(ROOT, "build", "mimic.elf")


class Console:
    def __init__(self, cmd, timeout=60):
        self.deadline = time.time() + timeout
        self.out = b""
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)

    def _read_some(self, until):
        left = until - time.time()
        if left <= 0:
            return False
        r, _, _ = select.select([self.proc.stdout], [], [], min(left, 0.5))
        if r:
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return False
            self.out += chunk
        return True

    def expect(self, text):
        """Waits until text appears; False on timeout or exit."""
        return self.expect_after(text, 0)

    def expect_after(self, text, start):
        """Waits until text appears in what arrived after byte offset start
        (the console sends CR LF; text says LF)."""
        want = text.encode()
        while want not in self.out[start:].replace(b"\r\n", b"\n"):
            if not self._read_some(self.deadline):
                return False
        return True

    def expect_re(self, pattern, start, timeout):
        """Waits at most timeout seconds (and not past the run's deadline)
        for the regex pattern ('.' matches newlines too) in what arrived
        after byte offset start, with CR LF read as LF; returns the match or
        None."""
        until = min(self.deadline, time.time() + timeout)
        want = re.compile(pattern, re.S)
        while True:
            m = want.search(self.text(start))
            if m or not self._read_some(until):
                return m

    def send(self, data):
        self.proc.stdin.write(data if isinstance(data, bytes) else data.encode())
        self.proc.stdin.flush()

    def finish(self):
        """Reads until QEMU exits (or the deadline); returns (code, text)."""
        while self.proc.poll() is None:
            if not self._read_some(self.deadline) and time.time() >= self.deadline:
                self.proc.kill()
                self.proc.wait()
                return None, self.text()
        while self._read_some(time.time() + 0.2):
            pass
        return self.proc.returncode, self.text()

    def text(self, start=0):
        return self.out[start:].decode("latin-1").replace("\r\n", "\n")


def command(options, mem=1024, extra=()):
    """The QEMU command line that boots mimic with these boot options, its
    serial console on stdin/stdout."""
    return ["qemu-system-mips64el", "-M", "loongson3-virt", "-m", str(mem),
            "-display", "none", "-monitor", "none", "-semihosting",
            "-chardev", "stdio,id=con,mux=off,signal=off",
            "-serial", "chardev:con", "-kernel", KERNEL,
            "-append", " ".join(["exit=semihosting"] + list(options))] + list(extra)


class Run(Console):
    """mimic.elf under qemu-system-mips64el, its boot options on the command
    line and its serial console on stdio."""

    def __init__(self, options, mem=1024, extra=(), timeout=60):
        super().__init__(command(options, mem, extra), timeout)


class Checks:
    """Collects PASS/FAIL lines in the format scripts/test.sh counts."""

    def __init__(self, group):
        self.group = group
        self.failed = 0

    def check(self, name, ok, why="", transcript=""):
        if ok:
            print(f"PASS {self.group}/{name}")
            return
        self.failed += 1
        print(f"FAIL {self.group}/{name}: {why}")
        if transcript:
            print("  transcript tail:")
            for line in transcript.strip().splitlines()[-15:]:
                print("  | " + line)

    def exit(self):
        raise SystemExit(1 if self.failed else 0)
