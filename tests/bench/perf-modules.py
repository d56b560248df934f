#!/usr/bin/env python3
"""Where the service's extra CPU per request goes, compared with the baseline: two `perf script` outputs in, CPU
milliseconds per request by assembly out.

Each sample (perf record -g at HZ samples a second of on-CPU time) is given to the first managed frame, walking from
the innermost frame outwards, that is not in System.Private.CoreLib or System.Runtime: a List<T> resize inside EF Core
counts for EF Core. Samples with no managed frame (the GC, the JIT, the kernel's network stack) are
"(native and runtime)". Needs the JIT's symbols: the processes must run with DOTNET_PerfMapEnabled=1 and
DOTNET_EnableWriteXorExecute=0 (tests/bench/load.sh sets both in its LOAD_PERF mode).

Usage: perf-modules.py SERVICE.txt SERVICE_REQUESTS BASELINE.txt BASELINE_REQUESTS HZ [TOP=25] [--functions]
"""
import re
import sys
from collections import Counter

RUNTIME = {"System.Private.CoreLib", "System.Runtime", "unknown"}
FRAME = re.compile(r"\[([A-Za-z][\w.]+)\] (\S+)")


def owners(path, functions):
    counts, samples = Counter(), 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for block in f.read().split("\n\n"):
            frames = [line.strip() for line in block.split("\n")[1:] if line.strip()]
            if not frames:
                continue
            samples += 1
            owner = "(native and runtime)"
            for frame in frames:
                m = FRAME.search(frame)
                if m and m.group(1) not in RUNTIME:
                    owner = m.group(1) + (" " + re.sub(r"\(.*", "", m.group(2))[:100] if functions else "")
                    break
            counts[owner] += 1
    return counts, samples


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    functions = "--functions" in sys.argv
    svc_path, svc_requests, base_path, base_requests, hz = args[0], float(args[1]), args[2], float(args[3]), float(args[4])
    top = int(args[5]) if len(args) > 5 else 25
    ms = 1000.0 / hz
    svc, svc_n = owners(svc_path, functions)
    base, base_n = owners(base_path, functions)
    print(f"CPU ms/request: service {svc_n / svc_requests * ms:.3f} ({svc_n} samples, {svc_requests:.0f} requests), "
          f"baseline {base_n / base_requests * ms:.3f} ({base_n} samples, {base_requests:.0f} requests)")
    rows = sorted(((svc[k] / svc_requests - base[k] / base_requests) * ms, svc[k] / svc_requests * ms, base[k] / base_requests * ms, k)
                  for k in set(svc) | set(base))
    print(f"{'difference':>10} {'service':>8} {'baseline':>8}  owner")
    for diff, s, b, name in sorted(rows, reverse=True)[:top]:
        print(f"{diff:+10.3f} {s:8.3f} {b:8.3f}  {name}")


if __name__ == "__main__":
    main()
