#!/usr/bin/env python3
"""CPU seconds (user + system) used so far, read from /proc: a cost per request that does not depend on how busy the
machine is. Used by tests/bench/load.sh and tests/bench/statements.sh.

Usage: cpu.py [--total] ARG...
  ARG is a process id, or pg:DATA_DIR for the PostgreSQL server of that data folder (the postmaster, its live children
  and the children it has reaped); an empty ARG counts 0. Prints one figure per ARG, or their sum with --total.
"""
import os
import sys

TCK = os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def own(pid, reaped=False):
    s = stat(pid)
    v = int(s[11]) + int(s[12])
    return v + (int(s[13]) + int(s[14]) if reaped else 0)


def postgres(data_dir):
    with open(data_dir + "/postmaster.pid") as f:
        pm = int(f.readline())
    total = own(pm, True)
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if int(stat(d)[1]) == pm:
                    total += own(d)
            except (FileNotFoundError, ProcessLookupError):
                pass
    return total


def seconds(arg):
    if arg.startswith("pg:"):
        return postgres(arg[3:]) / TCK
    return own(arg) / TCK if arg else 0.0


args = sys.argv[1:]
total = bool(args) and args[0] == "--total"
values = [seconds(a) for a in (args[1:] if total else args)]
print(sum(values) if total else " ".join(str(v) for v in values))
