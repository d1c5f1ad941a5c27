"""What a TUI costs left open: CPU of one core and RSS, its own and the
broker's, sampled from /proc while it sits on a pane of a big cluster.

Used by scripts/bench-idle.sh, which builds the cluster and the programs:

  python3 scripts/idle.py shape ADDR KIND N         make a shape on ADDR
  python3 scripts/idle.py measure BROKER_PID SETTLE SECONDS KEYS -- CMD...

shape kinds: topics N (N topics of 1 partition), partitions N (N topics of
10), groups N (N groups over 200 topics of 10 partitions, each committed on
one topic's partitions, lag 1 or 2).

measure runs CMD in a 200x60 pseudo-terminal, types KEYS (a Python string
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


def shape(addr, kind, n):
    from confluent_kafka import Producer, TopicPartition, ConsumerGroupTopicPartitions
    from confluent_kafka.admin import AdminClient, NewTopic

    admin = AdminClient({"bootstrap.servers": addr})

    def create(names, parts):
        for i in range(0, len(names), 500):
            fs = admin.create_topics([NewTopic(t, parts, 1) for t in names[i:i + 500]])
            for f in fs.values():
                f.result()

    if kind == "topics":
        create([f"t-{i:06d}" for i in range(n)], 1)
    elif kind == "partitions":
        create([f"t-{i:05d}" for i in range(n // 10)], 10)
    elif kind == "groups":
        names = [f"topic-{i:03d}" for i in range(200)]
        create(names, 10)
        p = Producer({"bootstrap.servers": addr, "linger.ms": 50})
        for t in names:
            for part in range(10):
                p.produce(t, b"v", partition=part)
                p.produce(t, b"v", partition=part)
        p.flush()
        pending = []
        for g in range(n):
            tps = [TopicPartition(names[g % 200], part, g % 2) for part in range(10)]
            pending += admin.alter_consumer_group_offsets(
                [ConsumerGroupTopicPartitions(f"group-{g:05d}", tps)]).values()
            if len(pending) >= 200:
                for f in pending:
                    f.result()
                pending = []
        for f in pending:
            f.result()
    else:
        sys.exit(f"unknown shape {kind}")


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
    if sys.argv[1] == "shape":
        shape(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "measure":
        sep = sys.argv.index("--")
        broker, settle, seconds, keys = sys.argv[2:6]
        measure(int(broker), float(settle), float(seconds), ast.literal_eval(keys), sys.argv[sep + 1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
