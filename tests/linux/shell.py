"""A busybox shell on a serial console, driven like a person at a terminal:
wait for the guest's init marker and prompt, type a command, read what it
printed and its exit status.  Knows nothing of the machine underneath, so
the same checks run on any target (qemu-system-i386 as the reference, or
mimic)."""
import re
import time

INIT_MARKER = "mimic-guest: init up"
PROMPT = "guest# "


class Shell:
    def __init__(self, console):
        self.console = console

    def wait_prompt(self, timeout):
        """Waits for init's marker and the first prompt; True when both came."""
        c = self.console
        m = c.expect_re(re.escape(INIT_MARKER), 0, timeout)
        return bool(m and c.expect_re(re.escape(PROMPT), 0, timeout))

    def run(self, command, timeout=30):
        """Types command and waits for it to finish; returns (status, output,
        seconds) or None on timeout.  Its output lies between two markers
        that only running them prints: the echoed command line (which the
        line editor may wrap anywhere) shows '$((6*7))' and '$?' there."""
        c = self.console
        start = len(c.out)
        began = time.time()
        c.send(f"echo @out$((6*7))@; {command}; echo \"@status=$?@\"\n")
        m = c.expect_re(r"@out42@\n(.*?)@status=(\d+)@\n", start, timeout)
        if m is None:
            return None
        return int(m.group(2)), m.group(1), time.time() - began

    def send(self, text):
        self.console.send(text)
