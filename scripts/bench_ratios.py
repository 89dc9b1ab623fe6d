#!/usr/bin/env python3
"""GasLab's interpreter against evmone's baseline interpreter and revm, measured side by side.

Usage: python3 scripts/bench_ratios.py [FIXTURES/evm-benchmarks/benchmarks] [--rounds 3]
       [--repetitions 11] [--gaslab .build/release/gaslab] [--evmone-bench PATH] [--revm]
       [--markdown] [--json]

Runs `gaslab bench --json`, `evmone-bench --benchmark_filter=baseline/execute/` (when
--evmone-bench or $EVMONE_BENCH names one: evmone built beside GasLab, never part of it) and,
without evmone or with --revm, `scripts/revm_bench.py --json` (pyrevm), alternately, --rounds
times each, and keeps each case's fastest median: the machine's noise only ever adds time.
Prints per case gas, each engine's milliseconds and GasLab's ratio to each, and the geometric
means over the main cases that take at least 0.1 ms (the speed issue's eight). Without
evmone-bench it says so and compares with revm only.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run_json(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return {r["name"]: r for r in json.loads(out)}


def run_evmone(binary, path, repetitions):
    """evmone-bench's medians in ms by case name ("main/snailtracer/benchmark")."""
    out = subprocess.run([binary, "--benchmark_filter=baseline/execute/", "--benchmark_format=json",
                          f"--benchmark_repetitions={repetitions}", "--benchmark_report_aggregates_only=true", path],
                         check=True, capture_output=True, text=True).stdout
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
    result = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        name = b["run_name"] if "run_name" in b else b["name"].rsplit("_", 1)[0]
        name = name.removeprefix("baseline/execute/")
        result[name] = b["real_time"] * scale[b.get("time_unit", "ns")]
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", default=os.path.join(HERE, "../../shared/fixtures/evm-benchmarks/benchmarks"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repetitions", type=int, default=11)
    ap.add_argument("--gaslab", default=os.path.join(HERE, "../.build/release/gaslab"))
    ap.add_argument("--evmone-bench", default=os.environ.get("EVMONE_BENCH") or shutil.which("evmone-bench"))
    ap.add_argument("--revm", action="store_true", help="also run revm when evmone-bench is there")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not os.path.isdir(a.path):
        sys.exit(f"benchmarks not found: {a.path}")
    if not os.path.exists(a.gaslab):
        sys.exit(f"gaslab not built: {a.gaslab} (swift build -c release --product gaslab)")
    evmone = a.evmone_bench if a.evmone_bench and os.path.exists(a.evmone_bench) else None
    if not evmone:
        print("evmone-bench not found (--evmone-bench PATH or $EVMONE_BENCH): comparing with revm (pyrevm) only",
              file=sys.stderr)
    with_revm = a.revm or not evmone

    ours, theirs, revm, gas = {}, {}, {}, {}
    for r in range(a.rounds):
        print(f"round {r + 1}/{a.rounds}", file=sys.stderr)
        for name, rec in run_json([a.gaslab, "bench", a.path, "--repetitions", str(a.repetitions), "--json"]).items():
            gas[name] = rec["gasUsed"]
            ours[name] = min(ours.get(name, math.inf), rec["medianNanoseconds"] / 1e6)
        if evmone:
            for name, ms in run_evmone(evmone, a.path, a.repetitions).items():
                theirs[name] = min(theirs.get(name, math.inf), ms)
        if with_revm:
            for name, rec in run_json([sys.executable, os.path.join(HERE, "revm_bench.py"), a.path,
                                       "--repetitions", str(a.repetitions), "--json"]).items():
                revm[name] = min(revm.get(name, math.inf), rec["medianNanoseconds"] / 1e6)

    def geo(values):
        values = [x for x in values if x]
        return math.exp(sum(math.log(x) for x in values) / len(values)) if values else float("nan")

    rows = []
    for name in sorted(ours):
        e, v = theirs.get(name), revm.get(name)
        rows.append({"case": name, "gas": gas[name], "gaslab_ms": ours[name], "evmone_ms": e, "revm_ms": v,
                     "vs_evmone": ours[name] / e if e else None, "vs_revm": ours[name] / v if v else None})
    # The speed issue's cases: main/ programs whose baseline takes at least 0.1 ms.
    ref = "evmone_ms" if evmone else "revm_ms"
    main_rows = [r for r in rows if r["case"].startswith("main/") and (r[ref] or 0) >= 0.1]
    summary = {"cases": len(main_rows),
               "geomean_vs_evmone": geo(r["vs_evmone"] for r in main_rows) if evmone else None,
               "worst_vs_evmone": max((r["vs_evmone"] for r in main_rows), default=None) if evmone else None,
               "geomean_vs_revm": geo(r["vs_revm"] for r in main_rows) if with_revm else None}
    if a.json:
        print(json.dumps({"rows": rows, "summary": summary}))
        return
    fmt = (lambda x, d=3: "" if x is None else f"{x:.{d}f}")
    if a.markdown:
        print("| case | gas | GasLab ms | evmone ms | revm ms | ÷ evmone | ÷ revm |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            print(f"| {r['case']} | {r['gas']:,} | {fmt(r['gaslab_ms'])} | {fmt(r['evmone_ms'])} | {fmt(r['revm_ms'])} "
                  f"| {fmt(r['vs_evmone'], 2)} | {fmt(r['vs_revm'], 2)} |")
    else:
        print(f"{'case':46s} {'gas':>12s} {'GasLab':>9s} {'evmone':>9s} {'revm':>9s} {'÷evmone':>7s} {'÷revm':>6s}")
        for r in rows:
            print(f"{r['case']:46s} {r['gas']:12,d} {fmt(r['gaslab_ms']):>9s} {fmt(r['evmone_ms']):>9s} "
                  f"{fmt(r['revm_ms']):>9s} {fmt(r['vs_evmone'], 2):>7s} {fmt(r['vs_revm'], 2):>6s}")
    parts = []
    if evmone:
        parts.append(f"{summary['geomean_vs_evmone']:.2f}x evmone (worst {summary['worst_vs_evmone']:.2f}x)")
    if with_revm:
        parts.append(f"{summary['geomean_vs_revm']:.2f}x revm")
    print(f"geometric mean over the {len(main_rows)} main cases of at least 0.1 ms: " + ", ".join(parts))


if __name__ == "__main__":
    main()
