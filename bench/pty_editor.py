"""The editor in a pseudo-terminal, for make bench (imported by bench.py).

An Editor runs checksheet in a pty of 80x24, pinned to one CPU when asked,
with TERM=xterm-256color and a C.UTF-8 locale. Keys are written one at a
time; after each key the driver drains the terminal until the editor has
run (its CPU time moved) and then stayed quiet: no output and no CPU for
QUIET seconds, and it sleeps (not in I/O such as the fsync of a save). ncurses skips screen updates while more input is pending,
so keys are never sent ahead of the screen. The editor's CPU time is read
from /proc/PID/schedstat (nanoseconds), or from utime+stime in
/proc/PID/stat (clock ticks) where schedstat is missing.
"""

import errno
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time

QUIET = 0.006          # seconds without output or CPU: the screen is done
KEY_TIMEOUT = 600.0    # one key may take this long before we give up
ESC_WAIT = 0.15        # a lone Esc: longer than the editor's ESCDELAY (25 ms)

KEYS = {
    "Down": b"\x1b[B", "Up": b"\x1b[A", "NPage": b"\x1b[6~", "PPage": b"\x1b[5~",
    "Enter": b"\r", "Tab": b"\t", "Esc": b"\x1b", "C-s": b"\x13", "C-q": b"\x11",
    "C-u": b"\x15", "BSpace": b"\x7f",
}

_TICK = os.sysconf("SC_CLK_TCK")


class EditorError(Exception):
    pass


def key_bytes(k):
    return KEYS.get(k, k.encode("utf-8") if isinstance(k, str) else k)


class Editor:
    def __init__(self, argv, env, cwd, cpu=None, rows=24, cols=80):
        self.argv = argv
        self.out = bytearray()        # everything the editor wrote
        self.exit_status = None
        self.rusage = None
        pid, fd = pty.fork()
        if pid == 0:  # the child: the editor
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                if cpu is not None:
                    os.sched_setaffinity(0, {cpu})
                os.chdir(cwd)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.t0 = time.monotonic()
        self._schedstat = "/proc/%d/schedstat" % pid
        self._stat = "/proc/%d/stat" % pid
        self.has_schedstat = os.path.exists(self._schedstat)

    # --- the editor's CPU time, in seconds
    def cpu(self):
        try:
            if self.has_schedstat:
                with open(self._schedstat) as f:
                    return int(f.read().split()[0]) / 1e9
            with open(self._stat) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / _TICK
        except (OSError, ValueError, IndexError):
            return None

    def state(self):
        """R running, S sleeping (waiting for a key), D in I/O (fsync)..."""
        try:
            with open(self._stat) as f:
                return f.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return None

    def _read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return 0
        try:
            data = os.read(self.fd, 65536)
        except OSError as e:
            if e.errno == errno.EIO:  # the editor is gone
                raise EditorError("the editor exited (%s)" % self._reap_status())
            raise
        if not data:
            raise EditorError("the editor exited (%s)" % self._reap_status())
        self.out += data
        return len(data)

    def _reap_status(self):
        try:
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
        except ChildProcessError:
            return "already reaped"
        if pid:
            self.exit_status, self.rusage = status, ru
            return "status %d" % status
        return "still running"

    def settle(self, cpu_before=None, timeout=KEY_TIMEOUT, quiet=QUIET, until=None):
        """Drain output until the editor has run (its CPU time differs from
        cpu_before, when given; `until`, bytes, is on the screen, when
        given) and then been quiet for `quiet` seconds. Returns the number
        of bytes read."""
        start = time.monotonic()
        mark = len(self.out)
        nbytes = 0
        last_cpu = self.cpu()
        last_change = time.monotonic()
        moved = cpu_before is None or (last_cpu is not None and last_cpu != cpu_before)
        while True:
            got = self._read(quiet / 3)
            now = time.monotonic()
            if got:
                nbytes += got
                moved = True
                last_change = now
            c = self.cpu()
            if c is None:
                raise EditorError("the editor exited (%s)" % self._reap_status())
            if c != last_cpu:
                last_cpu = c
                last_change = now
                if cpu_before is None or c != cpu_before:
                    moved = True
            if not self.has_schedstat and now - start > 0.05:
                moved = True  # clock ticks may not see a short key at all
            if moved and now - last_change >= quiet and self.state() == "S":
                if until is None or until in self.out[mark:]:
                    return nbytes
            if now - start > timeout:
                raise EditorError("no quiet screen after %.0f s" % timeout)

    def send(self, key):
        os.write(self.fd, key_bytes(key))

    def key(self, key, timeout=KEY_TIMEOUT):
        """Send one key and wait for its screen; returns bytes written."""
        before = self.cpu()
        self.send(key)
        if key_bytes(key) == b"\x1b":
            time.sleep(ESC_WAIT)  # a lone Esc is read after ESCDELAY
        return self.settle(cpu_before=before, timeout=timeout)

    def keys(self, *keys):
        for k in keys:
            self.key(k)

    def type(self, text):
        for ch in text:
            self.key(ch)

    def measure(self, keys, budget=None, min_keys=5):
        """CPU seconds per key and bytes per key over the keys, each sent
        after the screen of the one before. Stops early, after at least
        min_keys keys, once budget CPU seconds are spent."""
        cpu = 0.0
        nbytes = 0
        n = 0
        for k in keys:
            before = self.cpu()
            self.send(k)
            nbytes += self.settle(cpu_before=before)
            cpu += self.cpu() - before
            n += 1
            if budget is not None and n >= min_keys and cpu >= budget:
                break
        return cpu, nbytes, n

    def text_tail(self, n=600):
        """The last text written, without escape sequences (for messages)."""
        import re
        t = re.sub(rb"\x1b(\[[0-9;?]*[a-zA-Z@`]|[()][0-9A-Za-z]|[=>])", b" ", bytes(self.out[-4 * n:]))
        return re.sub(r"\s+", " ", t.decode("utf-8", "replace"))[-n:]

    def screen_has(self, text, since=0):
        return text.encode("utf-8") in self.out[since:]

    def quit(self, timeout=600):
        """^Q, answering n (quit without saving) if the editor asks; waits
        for the exit and returns its exit code."""
        mark = len(self.out)
        self.send("C-q")
        deadline = time.monotonic() + timeout
        answered = False
        resend = time.monotonic() + 10
        while self.exit_status is None:
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self.exit_status, self.rusage = status, ru
                break
            if time.monotonic() > deadline:
                self.kill()
                raise EditorError("the editor did not quit")
            try:
                self._read(0.02)
            except EditorError:
                continue
            if not answered and b"Save changes" in self.out[mark:]:
                self.send("n")
                answered = True
            elif not answered and time.monotonic() > resend and self.cpu() is not None:
                self.send("C-q")  # lost (sent before the editor took the terminal?)
                resend = time.monotonic() + 10
        os.close(self.fd)
        return os.waitstatus_to_exitcode(self.exit_status)

    def kill(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
            _, self.exit_status, self.rusage = os.wait4(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        try:
            os.close(self.fd)
        except OSError:
            pass
