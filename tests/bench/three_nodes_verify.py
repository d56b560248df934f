#!/usr/bin/env python3
"""The checks of tests/bench/three-nodes.sh after the load: reads the requests answered with success (--accepted, from
mixed_load.py), the messages the SMTP sink received (--sink, from smtp_sink.py) and the reminder rows that node 2 held
'sending' when it was killed (--inflight), queries the database with psql, prints the summary table and PASS/FAIL lines
and exits 1 on any failure. Standard library only; psql must be on the PATH (PGHOST, PGPORT, PGUSER, PGDATABASE set).
"""
import argparse, json, subprocess, sys
from collections import Counter

p = argparse.ArgumentParser()
p.add_argument("--accepted", nargs="+", required=True)
p.add_argument("--sink", required=True)
p.add_argument("--inflight", required=True)
p.add_argument("--workers-per-node", type=int, default=2)
p.add_argument("--horizon-seconds", type=float, required=True)
p.add_argument("--summaries", nargs="*", default=[])
p.add_argument("--json", help="write the figures here")
p.add_argument("--row", action="append", default=[], help="'check|result|ok' rows of the caller, printed first")
a = p.parse_args()


def sql(query):
    out = subprocess.run(["psql", "-X", "-tA", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", query], check=True,
                         capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def ids_values(ids):
    return ",".join(f"('{i}'::uuid)" for i in ids) or "(null::uuid)"


kinds = {"intake": set(), "contact": set(), "hearing": {}}
for path in a.accepted:
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if f[0] == "hearing":
            kinds["hearing"][f[1]] = (f[2], int(f[3]))
        elif f[0] in kinds:
            kinds[f[0]].add(f[1])

rows = [tuple(r.split("|", 2)) for r in a.row]   # (check, result, ok)
fails = [r[0] for r in rows if r[2] not in ("yes", "-")]


def check(name, result, ok):
    rows.append((name, result, ok))
    if not ok:
        fails.append(name)


# 1. Every request answered with success is in the database.
found = int(sql(f'select count(*) from "Cases" where "Id" in (select * from (values {ids_values(kinds["intake"])}) v)')[0][0])
check("intakes answered 201 / found in Cases", f"{len(kinds['intake'])} / {found}", len(kinds["intake"]) > 0 and found == len(kinds["intake"]))
found = int(sql(f'select count(distinct "CaseId") from "ClientContacts" where "CaseId" in (select * from (values {ids_values(kinds["contact"])}) v)')[0][0])
check("contacts answered 200 / found in ClientContacts", f"{len(kinds['contact'])} / {found}", found == len(kinds["contact"]))
hearings = kinds["hearing"]
found = int(sql(f'select count(*) from "Hearings" where "Id" in (select * from (values {ids_values(hearings)}) v)')[0][0])
check("hearings answered 201 / found in Hearings", f"{len(hearings)} / {found}", len(hearings) > 0 and found == len(hearings))

# 2. Every hearing answered 201 has exactly one reminder row (the client's 1-day email), sent.
per_hearing = Counter()
for target, status, offset, kind in sql(f'select "TargetId", "Status", "OffsetDays", "RecipientKind" from "Reminders" '
                                        f'where "TargetId" in (select * from (values {ids_values(hearings)}) v)'):
    per_hearing[target] += 1
not_one = [h for h in hearings if per_hearing[h] != 1]
check("hearings with exactly one reminder row", f"{len(hearings) - len(not_one)} of {len(hearings)}", not not_one)

# 3. Every reminder row due by now (the load's and any other) was sent, and arrived at the sink; duplicates only from the kill.
due = sql('select "Id", "Status", coalesce("ClaimedBy", \'\'), "Attempts", coalesce("ProviderMessageId", \'\'), '
          'extract(epoch from "ScheduledForUtc"), coalesce(extract(epoch from "SentAtUtc"), 0), extract(epoch from "CreatedAtUtc") '
          'from "Reminders" where "ScheduledForUtc" <= now()')
due_ids = {r[0].replace("-", "") for r in due}
statuses = Counter(r[1] for r in due)
check("due reminder rows by status", ", ".join(f"{s} {n}" for s, n in sorted(statuses.items())) or "none",
      len(due) > 0 and set(statuses) == {"Sent"})
bad_provider = [r for r in due if r[1] == "Sent" and not r[4].startswith(f"reminder-{r[0].replace('-', '')}@")]
check("sent rows whose provider id is their own Message-ID", f"{len(due) - len(bad_provider)} of {len(due)}", not bad_provider)
not_due = int(sql(f'select count(*) from "Reminders" where "TargetId" in (select * from (values {ids_values(hearings)}) v) '
                  f'and "ScheduledForUtc" > now()')[0][0])
check("reminder rows of these hearings not yet due at the check", str(not_due), not_due == 0)

received = Counter()
total = 0
for line in open(a.sink):
    rid = line.split("\t")[0]
    total += 1
    received[rid] += 1
inflight = {l.strip().replace("-", "") for l in open(a.inflight) if l.strip()}
lost = due_ids - set(received)
unknown = set(received) - due_ids
dups = {i: n for i, n in received.items() if n > 1}
check("due rows / distinct reminder ids at the SMTP sink", f"{len(due_ids)} / {len(set(received) & due_ids)} (lost: {len(lost)})", not lost)
check("messages at the sink with no due row", str(len(unknown)), not unknown)
check("reminder ids received more than once",
      f"{len(dups)} (node 2 held {len(inflight)} rows 'sending' when killed; a duplicate is allowed only among those, "
      f"at most {a.workers_per_node}, each at most twice)",
      set(dups) <= inflight and len(dups) <= a.workers_per_node and all(n <= 2 for n in dups.values()))
check("messages at the sink = due rows + duplicates", f"{total} = {len(due_ids)} + {sum(n - 1 for n in dups.values())}",
      total == len(due_ids) + sum(n - 1 for n in dups.values()))

by_claimer = Counter(r[2] for r in due)
lateness = sorted(float(r[6]) - float(r[5]) for r in due if r[1] == "Sent")
def pct(v, q): return round(v[min(len(v) - 1, int(q * len(v)))], 1) if v else None
# A row whose send time was beyond the horizon when its hearing was saved cannot have been written by that request's
# planning: the materialisation job wrote it.
materialised = int(sql(f'select count(*) from "Reminders" r join "Hearings" h on h."Id" = r."TargetId" where r."ScheduledForUtc" <= now() '
                       f'and extract(epoch from r."ScheduledForUtc" - h."CreatedAtUtc") > {a.horizon_seconds}')[0][0])
attempts = Counter(r[3] for r in due)
figures = {"due_rows": len(due), "sent_by": dict(by_claimer), "duplicates": dups, "inflight_at_kill": len(inflight),
           "reminded_hearings": len(hearings), "rows_written_by_materialisation": materialised,
           "attempts": dict(attempts), "send_delay_s": {"p50": pct(lateness, .5), "p99": pct(lateness, .99), "max": lateness[-1] if lateness else None}}

print("| check | result | ok |\n|---|---|---|")
for name, result, ok in rows:
    print(f"| {name} | {result} | {ok if isinstance(ok, str) else 'yes' if ok else '**NO**'} |")
print("\nsent by (claimer = host:pid): " + ", ".join(f"{c or '-'} {n}" for c, n in sorted(by_claimer.items())))
print(f"rows written by the materialisation job (send time beyond the horizon when the hearing was saved): {materialised} of {len(due)}")
print(f"attempts per sent row: {dict(sorted(attempts.items()))}")
print(f"send time to sent (s): p50 {figures['send_delay_s']['p50']}, p99 {figures['send_delay_s']['p99']}, max {figures['send_delay_s']['max']}")
for s in a.summaries:
    d = json.load(open(s))
    print(f"\n{d['mode']}: {d['requests']} requests in {d['seconds']} s; statuses {json.dumps(d['statuses'])}")
    print(f"  p50 ms {json.dumps(d['p50_ms'])}\n  p99 ms {json.dumps(d['p99_ms'])}")
    fivexx = {op: {s: n for s, n in c.items() if s.startswith("5")} for op, c in d["statuses"].items()}
    fivexx = {op: c for op, c in fivexx.items() if c}
    if fivexx:
        fails.append(f"5xx answers in {d['mode']}: {fivexx}")
        print(f"  5xx: {fivexx}")
    if d["mode"] == "load":
        for op in ("intake", "contact", "hearing", "list", "check", "me", "matches", "report"):
            ok = d["statuses"].get(op, {}).get("201" if op in ("intake", "hearing") else "200", 0)
            if ok == 0:
                fails.append(f"no successful {op} in the load")
if a.json:
    json.dump(figures, open(a.json, "w"), indent=1)
if fails:
    print("\nFAILED: " + "; ".join(fails))
    sys.exit(1)
