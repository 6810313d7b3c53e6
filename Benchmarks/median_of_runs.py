#!/usr/bin/env python3
"""Median of several referral-bench runs, as one Markdown table (test tooling only).

Usage: python3 Benchmarks/median_of_runs.py OUT1 OUT2 OUT3 …   (each the --out folder of one run)

Each figure is first reduced within a run the way referral-bench prints it (median of the
repeated loads, pooled percentiles of the per-case times), then the median over the runs is
taken; the range over the runs is shown for the routing and SQLite medians, as the noise.
"""
import json
import os
import statistics
import sys


def load(run, n, name):
    path = os.path.join(run, f"n{n}", name)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    runs = sys.argv[1:]
    if not runs:
        print(__doc__)
        return 2
    sizes = sorted(int(d[1:]) for d in os.listdir(runs[0]) if d.startswith("n") and d[1:].isdigit())
    us = lambda ns: f"{ns / 1000:.1f}" if ns < 10_000 else f"{ns / 1000:.0f}"
    rows = []
    header = ["services", "JSON MB", "load+index ms", "MB/s", "parse-only ms", "validate ms", "route p50 µs (range)",
              "route p99 µs", "cases/s", "filter-only p50 µs", "decisions/case", "peak MB load", "kept MB", "peak MB all",
              "SQLite p50 µs (range)", "SQLite p99 µs", "router/SQLite p50", "router/SQLite p99"]
    for n in sizes:
        r = [load(run, n, "router.json") for run in runs]
        s = [load(run, n, "sqlite.json") for run in runs]
        med = lambda xs: statistics.median(xs)
        load_ns = med([statistics.median(x["loadNs"]) for x in r])
        mb = r[0]["bytes"] / 1e6
        p50s = [x["routeP50Ns"] for x in r]
        sp50s = [x["p50Ns"] for x in s]
        p50, p99 = med(p50s), med([x["routeP99Ns"] for x in r])
        sp50, sp99 = med(sp50s), med([x["p99Ns"] for x in s])
        cases_s = med([x["cases"] / (statistics.median(x["passNs"]) / 1e9) for x in r])
        rows.append([
            f"{n:,}", f"{mb:.1f}", f"{load_ns / 1e6:.0f}", f"{mb / (load_ns / 1e9):.1f}",
            f"{med([statistics.median(x['parseNs']) for x in r]) / 1e6:.0f}",
            f"{med([statistics.median(x['validateNs']) for x in r]) / 1e6:.0f}" if r[0].get("validateNs") else "-",
            f"{us(p50)} ({us(min(p50s))}–{us(max(p50s))})", us(p99), f"{cases_s:,.0f}",
            us(med([x.get("filterP50Ns", 0) for x in r])), f"{r[0]['decisionsPerCase']:.1f}",
            f"{med([x['peakKBAfterLoad'] for x in r]) / 1024:.0f}",
            f"{med([x.get('residentKBAfterLoad', 0) for x in r]) / 1024:.0f}",
            f"{med([x['peakKB'] for x in r]) / 1024:.0f}",
            f"{us(sp50)} ({us(min(sp50s))}–{us(max(sp50s))})", us(sp99), f"{p50 / sp50:.2f}", f"{p99 / sp99:.2f}",
        ])
    print("| " + " | ".join(header) + " |")
    print("|" + "---:|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
