#!/usr/bin/env python3
"""Mixed load spread round-robin over several CounselConnect nodes, for tests/bench/three-nodes.sh.

Each worker loops for --duration seconds: submit an intake (with its conflict check), list intakes, run an ad-hoc
conflict check, read /api/v1/me, each time on the next node. Every answer is recorded; the ids of intakes answered
201 are written to --accepted (one per line) so the caller can check that each is in the database.
Only loopback addresses are accepted as nodes. Standard library only.
"""
import argparse, json, os, statistics, threading, time, urllib.error, urllib.request, uuid
from collections import Counter, defaultdict

p = argparse.ArgumentParser()
p.add_argument("--nodes", required=True, help="comma-separated base URLs on 127.0.0.1")
p.add_argument("--token", required=True)
p.add_argument("--duration", type=float, default=30, help="upper bound in seconds")
p.add_argument("--stop-file", help="stop early once this file exists")
p.add_argument("--host", default="counselconnect.local", help="Host header: one public name for all nodes, as behind the proxy")
p.add_argument("--workers", type=int, default=6)
p.add_argument("--accepted", required=True)
p.add_argument("--summary", required=True)
a = p.parse_args()
nodes = a.nodes.split(",")
assert all(n.startswith(("http://127.0.0.1:", "http://localhost:")) for n in nodes), "loopback only"
# As behind the reverse proxy: one public host name (the token's issuer) and https in X-Forwarded-Proto.
HEADERS = {"Authorization": "Bearer " + a.token, "Host": a.host, "X-Forwarded-Proto": "https", "Content-Type": "application/json"}

def intake():
    return {"person": {"givenNames": "Load", "familyNames": "Node" + uuid.uuid4().hex[:10], "aliases": []},
            "relatedParties": [], "custody": "detained", "courtCode": "NYC", "primaryLanguage": "spa",
            "languages": [{"code": "spa", "speaks": True, "reads": True}], "interpreterNeeded": True,
            "reliefSought": ["asylum"]}

OPS = [
    ("intake", "POST", "/api/v1/intakes", intake),
    ("list", "GET", "/api/v1/intakes?pageSize=20", None),
    ("check", "POST", "/api/v1/conflict-checks",
     lambda: {"givenNames": "Load", "familyNames": "Node" + uuid.uuid4().hex[:4], "aliases": []}),
    ("me", "GET", "/api/v1/me", None),
]
lock = threading.Lock()
results = []          # (op, node, status, seconds)
accepted = []
deadline = time.monotonic() + a.duration

def worker(k):
    i = k
    while time.monotonic() < deadline and not (a.stop_file and os.path.exists(a.stop_file)):
        op, method, path, body = OPS[i % len(OPS)]
        node = nodes[(i // len(OPS) + k) % len(nodes)]
        i += 1
        data = json.dumps(body()).encode() if body else None
        req = urllib.request.Request(node + path, data=data, method=method, headers=HEADERS)
        t0 = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, payload = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, payload = e.code, e.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            status, payload = "conn", b""
        dt = time.monotonic() - t0
        with lock:
            results.append((op, node, status, dt))
            if op == "intake" and status == 201:
                accepted.append(json.loads(payload)["id"])
        if status == "conn":
            time.sleep(0.05)

threads = [threading.Thread(target=worker, args=(k,)) for k in range(a.workers)]
started = time.monotonic()
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.monotonic() - started

with open(a.accepted, "w") as f:
    f.write("\n".join(accepted) + ("\n" if accepted else ""))
by = defaultdict(Counter)
for op, node, status, _ in results:
    by[op][str(status)] += 1
lat = defaultdict(list)
for op, _, status, dt in results:
    if isinstance(status, int) and status < 300:
        lat[op].append(dt * 1000)
def pct(v, q):
    v = sorted(v); return round(v[min(len(v) - 1, int(q * len(v)))], 1) if v else None
summary = {"seconds": round(elapsed, 1), "requests": len(results),
           "statuses": {op: dict(c) for op, c in by.items()},
           "per_node": {n: dict(Counter(str(s) for _, node, s, _ in results if node == n)) for n in nodes},
           "p50_ms": {op: pct(v, 0.5) for op, v in lat.items()}, "p99_ms": {op: pct(v, 0.99) for op, v in lat.items()},
           "accepted_intakes": len(accepted)}
with open(a.summary, "w") as f:
    json.dump(summary, f, indent=1)
print(json.dumps(summary, indent=1))
