"""What a TUI costs left open: CPU of one core and RSS, its own and the
broker's, sampled from /proc while it sits on a pane of a big cluster.

Used by scripts/bench-idle.sh, which makes the cluster (scripts/shapes.py)
and builds the programs:

  python3 scripts/idle.py measure BROKER_PID SETTLE SECONDS KEYS -- CMD...

It runs CMD in a 200x60 pseudo-terminal, types KEYS (a Python string
literal, "" for none) once it has drawn, waits SETTLE seconds, then samples
CPU and RSS once a second for SECONDS and prints one line of JSON (with
the RSS at the start of each minute, to see whether memory stays flat).
"""

import ast
import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

CLK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def ticks(pid):
    """CPU ticks (user + system) and RSS bytes of a process."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    with open(f"/proc/{pid}/statm") as f:
        rss = int(f.read().split()[1]) * PAGE
    return int(fields[11]) + int(fields[12]), rss


def drain(fd, seconds):
    """Read and drop what the program draws, for about seconds."""
    end = time.monotonic() + seconds
    got = 0
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return got
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                got += len(os.read(fd, 65536))
            except OSError:
                return got


def measure(broker, settle, seconds, keys, cmd):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 200, 0, 0))
    try:
        drain(fd, 3)
        if keys:
            for ch in keys:
                os.write(fd, ch.encode())
                drain(fd, 0.1)
        drain(fd, settle)
        cpu0, _ = ticks(pid)
        bcpu0, _ = ticks(broker)
        t0 = time.monotonic()
        peak = 0
        rss = []
        minutes = []
        drawn = 0
        while time.monotonic() - t0 < seconds:
            drawn += drain(fd, 1)
            _, r = ticks(pid)
            rss.append(r)
            peak = max(peak, r)
            if len(rss) % 60 == 1:
                minutes.append(round(r / 1e6))
        cpu1, r = ticks(pid)
        bcpu1, _ = ticks(broker)
        wall = time.monotonic() - t0
        print(json.dumps({
            "cpu": round(100 * (cpu1 - cpu0) / CLK / wall, 1),
            "broker_cpu": round(100 * (bcpu1 - bcpu0) / CLK / wall, 1),
            "rss_mb": round(r / 1e6),
            "rss_first_mb": round(rss[0] / 1e6),
            "rss_peak_mb": round(peak / 1e6),
            "drawn_kb_s": round(drawn / 1e3 / wall, 1),
            "rss_by_minute_mb": minutes,
        }))
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def main():
    if sys.argv[1] == "measure":
        sep = sys.argv.index("--")
        broker, settle, seconds, keys = sys.argv[2:6]
        measure(int(broker), float(settle), float(seconds), ast.literal_eval(keys), sys.argv[sep + 1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
