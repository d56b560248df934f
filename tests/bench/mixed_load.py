#!/usr/bin/env python3
"""Requests spread round-robin over several CounselConnect nodes, for tests/bench/three-nodes.sh. Standard library only.

--mode load (default): each worker loops until --duration or --stop-file over eight operations, each time on the next
node: submit an intake (with its conflict check); record the client's contact with email consent for one of its
intakes (PUT client-contact, which replans reminders); schedule a hearing for one of its intakes that has a contact,
set so that the client's 1-day reminder is due --reminder-lead seconds later; list intakes; run an ad-hoc conflict
check; read /api/v1/me; rank attorneys for a case (GET attorney-matches); read one of the five reports.
--mode prepare: the reminder burst. Opens --burst cases (intake and contact), then schedules their hearings so that all
their 1-day reminders fall due at the same moment, --burst-lead seconds after the first hearing is sent.

Every answer is counted per operation and status. Each success that stores something is appended to --accepted as
`kind<TAB>id[<TAB>case id<TAB>reminder due (epoch seconds)]` (kind: intake, contact, hearing) so the caller can check that
each is in the database and that each hearing's reminder was delivered once. Only loopback addresses are accepted.
"""
import argparse, datetime, itertools, json, os, random, threading, time, urllib.error, urllib.request, uuid, zoneinfo
from collections import Counter, defaultdict

p = argparse.ArgumentParser()
p.add_argument("--mode", choices=["load", "prepare"], default="load")
p.add_argument("--nodes", required=True, help="comma-separated base URLs on 127.0.0.1")
p.add_argument("--token", required=True)
p.add_argument("--duration", type=float, default=30, help="upper bound in seconds")
p.add_argument("--stop-file", help="stop early once this file exists")
p.add_argument("--host", default="counselconnect.local", help="Host header: one public name for all nodes, as behind the proxy")
p.add_argument("--workers", type=int, default=6)
p.add_argument("--accepted", required=True, help="appended to")
p.add_argument("--summary", required=True)
p.add_argument("--case-pool", help="an --accepted file of an earlier run: its intakes are ranked from the start")
p.add_argument("--reminder-lead", type=float, default=80, help="seconds from scheduling a hearing to its client's reminder")
p.add_argument("--burst", type=int, default=300)
p.add_argument("--burst-lead", type=float, default=90)
p.add_argument("--court-zone", default="America/New_York")
a = p.parse_args()
nodes = a.nodes.split(",")
assert all(n.startswith(("http://127.0.0.1:", "http://localhost:")) for n in nodes), "loopback only"
# As behind the reverse proxy: one public host name (the token's issuer) and https in X-Forwarded-Proto.
HEADERS = {"Authorization": "Bearer " + a.token, "Host": a.host, "X-Forwarded-Proto": "https", "Content-Type": "application/json"}
ZONE = zoneinfo.ZoneInfo(a.court_zone)
REPORTS = ["representation-rate", "time-to-counsel", "success-rate?dimension=relief", "caseload", "funder-closing-codes"]

lock = threading.Lock()
results = []          # (op, node, status, seconds)
accepted_out = open(a.accepted, "a", buffering=1)
case_pool = []        # intake ids answered 201, for the rankings
if a.case_pool and os.path.exists(a.case_pool):
    case_pool += [l.split("\t")[1].strip() for l in open(a.case_pool) if l.startswith("intake\t")]
counter = itertools.count(1)


def call(op, node, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(node + path, data=data, method=method, headers=HEADERS)
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            status, payload = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, payload = e.code, e.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        status, payload = "conn", b""
    with lock:
        results.append((op, node, status, time.monotonic() - t0))
    if status == "conn":
        time.sleep(0.05)
    return status, payload


def accept(*fields):
    with lock:
        accepted_out.write("\t".join(str(f) for f in fields) + "\n")


def intake_body():
    return {"person": {"givenNames": "Load", "familyNames": "Node" + uuid.uuid4().hex[:10], "aliases": []},
            "relatedParties": [], "custody": "released", "courtCode": "NYC", "primaryLanguage": "spa",
            "languages": [{"code": "spa", "speaks": True, "reads": True}], "interpreterNeeded": True,
            "reliefSought": ["asylum"]}


def contact_body():
    return {"email": f"client-{next(counter)}@example.test", "phone": None, "preferredLanguage": "spa",
            "timeZone": a.court_zone, "emailConsent": True, "smsConsent": False}


def hearing_body(due_epoch):
    # The client's 1-day reminder goes out at the hearing's court-local time one day earlier: the hearing is one day after
    # the wanted send time, at the same wall-clock time (whole seconds).
    local = datetime.datetime.fromtimestamp(int(due_epoch), ZONE) + datetime.timedelta(days=1)
    return {"type": "individual", "localDateTime": local.strftime("%Y-%m-%dT%H:%M:%S"), "timeZone": a.court_zone,
            "courtCode": "NYC", "location": "26 Federal Plaza", "appearance": "in_person", "interpreterLanguage": "spa"}


def do_intake(node):
    status, payload = call("intake", node, "POST", "/api/v1/intakes", intake_body())
    if status == 201:
        case_id = json.loads(payload)["id"]
        accept("intake", case_id)
        with lock:
            case_pool.append(case_id)
        return case_id
    return None


def do_contact(node, case_id):
    status, _ = call("contact", node, "PUT", f"/api/v1/cases/{case_id}/client-contact", contact_body())
    if status == 200:
        accept("contact", case_id)
    return status


def do_hearing(node, case_id, due_epoch):
    status, payload = call("hearing", node, "POST", f"/api/v1/cases/{case_id}/hearings", hearing_body(due_epoch))
    if status == 201:
        accept("hearing", json.loads(payload)["id"], case_id, int(due_epoch))
    return status


def stopping(deadline):
    return time.monotonic() >= deadline or (a.stop_file and os.path.exists(a.stop_file))


def load_worker(k, deadline):
    opened, contacted = [], []   # this worker's intakes without a contact; with a contact but no hearing yet
    i = k
    while not stopping(deadline):
        op = ["intake", "contact", "hearing", "list", "check", "me", "matches", "report"][i % 8]
        node = nodes[i % len(nodes)]   # 8 operations, 3 nodes: each operation moves from node to node
        i += 1
        if op == "intake":
            case_id = do_intake(node)
            if case_id:
                opened.append(case_id)
        elif op == "contact" and opened:
            case_id = opened.pop(0)
            status = do_contact(node, case_id)
            # PUT is idempotent: a contact that got no answer is recorded again later.
            if status == 200:
                contacted.append(case_id)
            elif status == "conn" or status >= 500:
                opened.append(case_id)
        elif op == "hearing" and contacted:
            # A hearing that got no answer is not sent again (it may have been saved): its reminder is not expected.
            do_hearing(node, contacted.pop(0), time.time() + a.reminder_lead)
        elif op == "list":
            call("list", node, "GET", "/api/v1/intakes?pageSize=20")
        elif op == "check":
            call("check", node, "POST", "/api/v1/conflict-checks", {"givenNames": "Load", "familyNames": "Node" + uuid.uuid4().hex[:4], "aliases": []})
        elif op == "matches" and case_pool:
            with lock:
                case_id = random.choice(case_pool)
            call("matches", node, "GET", f"/api/v1/cases/{case_id}/attorney-matches?limit=20")
        elif op == "report":
            call("report", node, "GET", "/api/v1/reports/" + REPORTS[(i // 8) % len(REPORTS)])
        else:
            call("me", node, "GET", "/api/v1/me")


def parallel(fn, items):
    """fn(node, item) over items with --workers threads, round-robin over the nodes."""
    it = iter(enumerate(items))
    out = {}
    def run():
        while True:
            with lock:
                nxt = next(it, None)
            if nxt is None:
                return
            n, item = nxt
            out[n] = fn(nodes[n % len(nodes)], item)
    threads = [threading.Thread(target=run) for _ in range(a.workers)]
    for t in threads: t.start()
    for t in threads: t.join()
    return [out[n] for n in range(len(items))]


started = time.monotonic()
extra = {}
if a.mode == "prepare":
    cases = [c for c in parallel(lambda node, _: do_intake(node), range(a.burst)) if c]
    statuses = parallel(lambda node, c: do_contact(node, c), cases)
    cases = [c for c, s in zip(cases, statuses) if s == 200]
    due = time.time() + a.burst_lead
    statuses = parallel(lambda node, c: do_hearing(node, c, due), cases)
    extra = {"burst_due_epoch": int(due), "burst_hearings": sum(1 for s in statuses if s == 201),
             "burst_hearings_sent_in_s": round(time.time() + a.burst_lead - due, 1)}
else:
    deadline = time.monotonic() + a.duration
    threads = [threading.Thread(target=load_worker, args=(k, deadline)) for k in range(a.workers)]
    for t in threads: t.start()
    for t in threads: t.join()
elapsed = time.monotonic() - started

by = defaultdict(Counter)
for op, node, status, _ in results:
    by[op][str(status)] += 1
lat = defaultdict(list)
for op, _, status, dt in results:
    if isinstance(status, int) and status < 300:
        lat[op].append(dt * 1000)
def pct(v, q):
    v = sorted(v); return round(v[min(len(v) - 1, int(q * len(v)))], 1) if v else None
summary = {"mode": a.mode, "seconds": round(elapsed, 1), "requests": len(results),
           "statuses": {op: dict(c) for op, c in sorted(by.items())},
           "per_node": {n: dict(Counter(str(s) for _, node, s, _ in results if node == n)) for n in nodes},
           "p50_ms": {op: pct(v, 0.5) for op, v in sorted(lat.items())}, "p99_ms": {op: pct(v, 0.99) for op, v in sorted(lat.items())},
           **extra}
with open(a.summary, "w") as f:
    json.dump(summary, f, indent=1)
print(json.dumps(summary, indent=1))
