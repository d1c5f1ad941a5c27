#!/usr/bin/env python3
"""Time commands beside each other, round by round, and print a table.

    measure.py [--rounds N] [--title TEXT] [--ratio A/B ...] < SPEC

SPEC has one command a line, NAME<TAB>SHELL COMMAND; each round runs
every command once, in order, its output to /dev/null, and takes its CPU
time (user + system, its children's included), its wall time and its peak
RSS from the kernel (wait4). Interleaving the rounds puts each command
beside the others under the same load, so a ratio is taken within a
round, then summed up over the rounds: "CPU A/B" is A's CPU over B's in
each round, as the median and the range.

It prints a Markdown table (median and range of each command's numbers)
with the date and the load average before and after, so a number in the
docs says what the machine was doing when it was measured.
"""
import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd):
    """Run cmd in a shell, output discarded; its wall, CPU and peak RSS (MB)."""
    start = time.monotonic()
    # stderr goes to a file, not a pipe: a command that writes more than
    # a pipe holds (kafka-consumer-groups.sh, a line a group) would wait
    # for a reader while this waits for it.
    with open(os.devnull, "wb") as null, tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(["bash", "-c", cmd], stdout=null, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped here: Popen must not wait for it again
        errors.seek(0)
        err = errors.read().decode(errors="replace").strip()[-500:]
    if code != 0:
        sys.exit(f"measure: {cmd!r} failed ({code}): {err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def span(values, fmt):
    values = sorted(values)
    med = statistics.median(values)
    if len(values) == 1:
        return fmt.format(med)
    return f"{fmt.format(med)} ({fmt.format(values[0])}–{fmt.format(values[-1])})"


def cell(name):
    """A command's name in a Markdown table, its pipes escaped."""
    return name.replace("|", "\\|")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--title", default="")
    ap.add_argument("--ratio", action="append", default=[],
                    help="A/B: print A's CPU and wall time over B's, round by round")
    args = ap.parse_args()
    spec = [line.rstrip("\n").split("\t", 1) for line in sys.stdin if line.strip()]
    names = [name for name, _ in spec]
    for r in args.ratio:
        for n in r.split("/"):
            if n not in names:
                sys.exit(f"measure: --ratio {r}: no command named {n}")
    load_before = os.getloadavg()
    results = {name: [] for name in names}
    for _ in range(args.rounds):
        for name, cmd in spec:
            results[name].append(run(cmd))
    load_after = os.getloadavg()

    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"### {args.title}" if args.title else "###")
    print()
    print(f"{when}, {os.cpu_count()} cores, {args.rounds} rounds; load average "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after.")
    print("Median (least–most) of the rounds.")
    print()
    print("| command | CPU s | wall s | peak RSS MB |")
    print("| --- | --- | --- | --- |")
    for name in names:
        walls, cpus, rss = zip(*results[name])
        print(f"| {cell(name)} | {span(cpus, '{:.2f}')} | {span(walls, '{:.2f}')} | {span(rss, '{:.0f}')} |")
    if args.ratio:
        print()
        print("| ratio, round by round | CPU | wall |")
        print("| --- | --- | --- |")
        for r in args.ratio:
            a, b = r.split("/")
            cpu = [x[1] / y[1] for x, y in zip(results[a], results[b])]
            wall = [x[0] / y[0] for x, y in zip(results[a], results[b])]
            print(f"| {cell(a)} / {cell(b)} | {span(cpu, '{:.2f}×')} | {span(wall, '{:.2f}×')} |")
    print()


if __name__ == "__main__":
    main()
