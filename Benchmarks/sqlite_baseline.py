#!/usr/bin/env python3
"""SQLite baseline for referral-bench (test tooling only; never part of the product).

What a developer would reach for instead of the router: the generated services in indexed
tables, and one SQL query per case that returns the eligible services of every category the
case's pathways reach, filtering on category, area (the case's area or any parent area),
age, sex, language (or interpretation), legal status, population group and service status.
It does none of the router's consent, data-sharing, confidentiality, ranking or explanation work.

Reads the same files the engine reads (context.json for the P-code tree, services.json) and
the cases the benchmark exported (baseline-cases.json: the case fields plus the categories the
router's pathway walk reached). Writes timings to --out and, to --eligible, the eligible service
ids per case and category, which referral-bench compares with the router's answer.

Usage: python3 Benchmarks/sqlite_baseline.py --context DIR --cases FILE --out FILE --eligible FILE [--repeat N]
Only the Python standard library is used.
"""
import argparse
import json
import os
import platform
import sqlite3
import sys
import time

SCHEMA = """
CREATE TABLE area_ancestor(pcode TEXT NOT NULL, ancestor TEXT NOT NULL, PRIMARY KEY (pcode, ancestor)) WITHOUT ROWID;
CREATE TABLE service(
    id INTEGER PRIMARY KEY, sid TEXT NOT NULL, category TEXT NOT NULL,
    min_age INTEGER NOT NULL, max_age INTEGER NOT NULL,
    any_sex INTEGER NOT NULL, any_status INTEGER NOT NULL, any_group INTEGER NOT NULL,
    interpretation INTEGER NOT NULL, closed INTEGER NOT NULL);
CREATE TABLE service_area(category TEXT NOT NULL, pcode TEXT NOT NULL, service INTEGER NOT NULL,
    PRIMARY KEY (category, pcode, service)) WITHOUT ROWID;
CREATE TABLE service_sex(service INTEGER NOT NULL, sex TEXT NOT NULL, PRIMARY KEY (service, sex)) WITHOUT ROWID;
CREATE TABLE service_language(service INTEGER NOT NULL, lang TEXT NOT NULL, PRIMARY KEY (service, lang)) WITHOUT ROWID;
CREATE TABLE service_status(service INTEGER NOT NULL, status TEXT NOT NULL, PRIMARY KEY (service, status)) WITHOUT ROWID;
CREATE TABLE service_group(service INTEGER NOT NULL, grp TEXT NOT NULL, PRIMARY KEY (service, grp)) WITHOUT ROWID;
"""


def placeholders(n):
    # An empty IN list is written (NULL): it matches nothing, as an empty list should.
    return ", ".join("?" * n) if n else "NULL"


def query(n_categories, n_groups, n_languages):
    return f"""
SELECT DISTINCT s.category, s.sid
FROM area_ancestor a
JOIN service_area sa ON sa.pcode = a.ancestor AND sa.category IN ({placeholders(n_categories)})
JOIN service s ON s.id = sa.service
WHERE a.pcode = ? AND s.closed = 0 AND s.min_age <= ? AND s.max_age >= ?
  AND (s.any_sex OR EXISTS (SELECT 1 FROM service_sex x WHERE x.service = s.id AND x.sex = ?))
  AND (s.any_status OR EXISTS (SELECT 1 FROM service_status x WHERE x.service = s.id AND x.status = ?))
  AND (s.any_group OR EXISTS (SELECT 1 FROM service_group x
       WHERE x.service = s.id AND x.grp IN ({placeholders(n_groups)})))
  AND (s.interpretation OR EXISTS (SELECT 1 FROM service_language x
       WHERE x.service = s.id AND x.lang IN ({placeholders(n_languages)})))
ORDER BY s.category, s.sid
"""


def build(db, folder):
    with open(os.path.join(folder, "context.json"), encoding="utf-8") as f:
        ctx = json.load(f)
    with open(os.path.join(folder, "services.json"), encoding="utf-8") as f:
        services = json.load(f)["services"]
    # Parents as the engine finds them: the longest code one level up that prefixes the code.
    by_level = {}
    for a in ctx["areas"]:
        by_level.setdefault(a["level"], set()).add(a["pcode"])
    parent = {}
    for a in ctx["areas"]:
        code, up = a["pcode"], by_level.get(a["level"] - 1, set())
        parent[code] = next((code[:k] for k in range(len(code) - 1, 0, -1) if code[:k] in up), None)
    rows = []
    for code in parent:
        cur = code
        while cur is not None:
            rows.append((code, cur))
            cur = parent.get(cur)
    db.executemany("INSERT INTO area_ancestor VALUES (?, ?)", rows)
    for i, s in enumerate(services):
        e = s.get("eligibility") or {}
        restricted_age = "minAge" in e or "maxAge" in e
        db.execute("INSERT INTO service VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (
            i, s["id"], s["category"],
            e.get("minAge", 0) if restricted_age else 0, e.get("maxAge", 130) if restricted_age else 130,
            int(e.get("sexes") is None), int(e.get("legalStatuses") is None), int(e.get("populationGroups") is None),
            int(bool(s.get("interpretation"))), int(s["status"] == "closed")))
        db.executemany("INSERT OR IGNORE INTO service_area VALUES (?, ?, ?)", [(s["category"], a, i) for a in s["areas"]])
        db.executemany("INSERT INTO service_language VALUES (?, ?)", [(i, x) for x in set(s["languages"])])
        db.executemany("INSERT INTO service_sex VALUES (?, ?)", [(i, x) for x in set(e.get("sexes") or [])])
        db.executemany("INSERT INTO service_status VALUES (?, ?)", [(i, x) for x in set(e.get("legalStatuses") or [])])
        db.executemany("INSERT INTO service_group VALUES (?, ?)", [(i, x) for x in set(e.get("populationGroups") or [])])
    db.commit()
    db.execute("ANALYZE")
    return len(services)


def percentile(xs, p):
    s = sorted(xs)
    return s[min(len(s) - 1, int(round((len(s) - 1) * p)))] if s else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--context", required=True)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--eligible", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    db = sqlite3.connect(":memory:", cached_statements=512)
    db.executescript(SCHEMA)
    t0 = time.perf_counter_ns()
    n_services = build(db, args.context)
    build_ns = time.perf_counter_ns() - t0
    with open(args.cases, encoding="utf-8") as f:
        cases = json.load(f)["cases"]

    prepared = []
    for c in cases:
        cats, groups, langs = c["categories"], c["populationGroups"], c["languages"]
        params = (*cats, c["area"], c["ageMin"], c["ageMax"], c["sex"], c.get("legalStatus"), *groups, *langs)
        prepared.append((c["caseCode"], cats, query(len(cats), len(groups), len(langs)), params))

    # Warm-up pass, which is also the answer compared with the router's.
    eligible = {}
    for code, cats, sql, params in prepared:
        found = {cat: [] for cat in cats}
        for cat, sid in db.execute(sql, params).fetchall():
            found[cat].append(sid)
        eligible[code] = found

    samples, passes, pass_p50 = [], [], []
    for _ in range(max(1, args.repeat)):
        one = []
        p0 = time.perf_counter_ns()
        for _code, _cats, sql, params in prepared:
            a = time.perf_counter_ns()
            db.execute(sql, params).fetchall()
            one.append(time.perf_counter_ns() - a)
        passes.append(time.perf_counter_ns() - p0)
        pass_p50.append(percentile(one, 0.5))
        samples.extend(one)

    # What a call costs in Python before SQLite does any work: part of the baseline's time.
    overhead = []
    for _ in range(min(len(prepared), 2000)):
        a = time.perf_counter_ns()
        db.execute("SELECT ?", (1,)).fetchall()
        overhead.append(time.perf_counter_ns() - a)

    result = {
        "sqliteVersion": sqlite3.sqlite_version, "python": platform.python_version(), "services": n_services,
        "cases": len(cases), "buildNs": build_ns, "p50Ns": percentile(samples, 0.5), "p90Ns": percentile(samples, 0.9),
        "p99Ns": percentile(samples, 0.99), "passNs": passes, "passP50Ns": pass_p50,
        "callOverheadP50Ns": percentile(overhead, 0.5),
        "rowsPerCase": sum(len(v) for e in eligible.values() for v in e.values()) / max(1, len(cases)),
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, sort_keys=True, indent=1)
    with open(args.eligible, "w", encoding="utf-8") as f:
        json.dump(eligible, f, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
