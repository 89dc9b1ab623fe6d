#!/usr/bin/env python3
"""GasLab's interpreter against revm (pyrevm) and evmone's figures, in one session.

Usage: python3 scripts/bench_ratios.py [FIXTURES/evm-benchmarks/benchmarks] [--rounds 3]
       [--repetitions 11] [--gaslab .build/release/gaslab] [--markdown]

Runs `gaslab bench --json` and `scripts/revm_bench.py --json` alternately, --rounds times each,
and keeps each case's fastest median (the machine's noise only ever adds time). evmone's
figures are the speed issue's (evmone 0.15 baseline interpreter, mocked host, Istanbul, medians
of 5 on this machine kind); they are constants here because evmone is not installed. Prints,
per case: gas, GasLab, revm, evmone, GasLab/revm and GasLab/evmone, and the geometric means.
"""
import argparse
import json
import math
import os
import subprocess
import sys

EVMONE_MS = {
    "main/snailtracer/benchmark": 24.1,
    "main/blake2b_shifts/8415nulls": 4.47,
    "main/sha1_divs/5311": 2.87,
    "main/sha1_shifts/5311": 1.38,
    "main/weierstrudel/15": 1.17,
    "main/structarray_alloc/nfts_rank": 0.22,
    "micro/loop_with_many_jumpdests/empty": 5.7,
    "micro/jump_around/empty": 0.0096,
}

HERE = os.path.dirname(os.path.abspath(__file__))


def run_json(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return {r["name"]: r for r in json.loads(out)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=os.path.join(HERE, "../../shared/fixtures/evm-benchmarks/benchmarks"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repetitions", type=int, default=11)
    ap.add_argument("--gaslab", default=os.path.join(HERE, "../.build/release/gaslab"))
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args()
    if not os.path.isdir(a.path):
        sys.exit(f"benchmarks not found: {a.path}")
    if not os.path.exists(a.gaslab):
        sys.exit(f"gaslab not built: {a.gaslab} (swift build -c release --product gaslab)")
    ours, revm, gas = {}, {}, {}
    for r in range(a.rounds):
        print(f"round {r + 1}/{a.rounds}", file=sys.stderr)
        g = run_json([a.gaslab, "bench", a.path, "--repetitions", str(a.repetitions), "--json"])
        v = run_json([sys.executable, os.path.join(HERE, "revm_bench.py"), a.path,
                      "--repetitions", str(a.repetitions), "--json"])
        for name, rec in g.items():
            gas[name] = rec["gasUsed"]
            ours[name] = min(ours.get(name, math.inf), rec["medianNanoseconds"] / 1e6)
        for name, rec in v.items():
            revm[name] = min(revm.get(name, math.inf), rec["medianNanoseconds"] / 1e6)

    rows = []
    for name in sorted(ours):
        e = EVMONE_MS.get(name)
        rv = revm.get(name)
        rows.append((name, gas[name], ours[name], rv, e,
                     ours[name] / rv if rv else None, ours[name] / e if e else None))

    def geo(values):
        values = [x for x in values if x]
        return math.exp(sum(math.log(x) for x in values) / len(values)) if values else float("nan")

    main_rows = [r for r in rows if r[4]]
    fmt = (lambda x, d=3: "" if x is None else f"{x:.{d}f}")
    if a.markdown:
        print("| case | gas | GasLab ms | revm ms | evmone ms | ÷ revm | ÷ evmone |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for n, g_, o, rv, e, qr, qe in rows:
            print(f"| {n} | {g_:,} | {fmt(o)} | {fmt(rv)} | {fmt(e, 4) if e else ''} | {fmt(qr, 2)} | {fmt(qe, 2)} |")
    else:
        print(f"{'case':42s} {'gas':>12s} {'GasLab':>9s} {'revm':>9s} {'evmone':>8s} {'÷revm':>6s} {'÷evmone':>7s}")
        for n, g_, o, rv, e, qr, qe in rows:
            print(f"{n:42s} {g_:12,d} {fmt(o):>9s} {fmt(rv):>9s} {fmt(e, 4) if e else '':>8s} {fmt(qr, 2):>6s} {fmt(qe, 2):>7s}")
    print(f"geometric mean over the {len(main_rows)} cases with an evmone figure: "
          f"{geo(r[6] for r in main_rows):.2f}x evmone, {geo(r[5] for r in main_rows):.2f}x revm")


if __name__ == "__main__":
    main()
