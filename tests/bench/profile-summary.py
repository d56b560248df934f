#!/usr/bin/env python3
"""Summarise a dotnet-trace speedscope file (dotnet-sampled-thread-time): where the busy threads spend their time.

Samples whose innermost frame is a wait (idle thread-pool threads, sockets, timers) are dropped, so what remains
approximates CPU. Prints the frames with the largest inclusive share (each frame counted once per sample) and the
largest exclusive (innermost) share. Usage: profile-summary.py FILE.speedscope.json [TOP=40]
"""
import json
import re
import sys
from collections import Counter

IDLE = re.compile(r"Wait|Sleep|epoll|Epoll|SpinWait|Monitor\.Enter|LowLevelLifoSemaphore|Poll|Dequeue|UNMANAGED_CODE_TIME|"
                  r"Thread\.Join|Interop\+Sys\.Read|Receive|Accept|ReadFromStream|Semaphore", re.I)
path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
doc = json.load(open(path))
frames = [f["name"] for f in doc["shared"]["frames"]]
inclusive, exclusive = Counter(), Counter()
busy = idle = 0


def count(stack, weight):
    global busy, idle
    if not stack or weight <= 0:
        return
    if IDLE.search(frames[stack[-1]]):
        idle += weight
        return
    busy += weight
    exclusive[frames[stack[-1]]] += weight
    for name in {frames[i] for i in stack}:
        inclusive[name] += weight


for profile in doc["profiles"]:
    if profile.get("type") == "evented":
        # Open/close events: the time between two events belongs to the stack open at the time.
        stack, last = [], None
        for event in profile["events"]:
            if last is not None:
                count(stack, event["at"] - last)
            last = event["at"]
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()
    else:
        for stack, weight in zip(profile["samples"], profile["weights"]):
            count(stack, weight)
print(f"busy samples {busy:.0f} (idle dropped {idle:.0f})")
interesting = re.compile(r"CounselConnect|EntityFrameworkCore|Npgsql|Sqlite|OpenIddict|FluentValidation|Mediator|"
                         r"IdentityModel|Cryptography|Hangfire|Authentication|Authorization|RateLimit|Serialization\.Json|"
                         r"Mapperly|AspNetCore\.Routing|Logging|OpenTelemetry|GC|JIT")
print("\n-- inclusive (share of busy samples), our code and the libraries it calls")
shown = 0
for name, w in inclusive.most_common():
    if interesting.search(name):
        print(f"{100 * w / max(busy, 1):5.1f}%  {name[:160]}")
        shown += 1
        if shown >= top:
            break
print("\n-- exclusive (innermost frame)")
for name, w in exclusive.most_common(25):
    print(f"{100 * w / max(busy, 1):5.1f}%  {name[:160]}")
