#!/usr/bin/env python3
"""Times the EVM benchmark programs in revm (pyrevm), as a baseline for `gaslab bench`.

Usage: python3 scripts/revm_bench.py ../shared/fixtures/evm-benchmarks/benchmarks [--repetitions 5] [--json]

Each input runs as a message call to the benchmark contract under Istanbul rules, once to warm
up and then N times; the median wall time is reported. pyrevm's calls pass through Python (about
4 microseconds each), so short cases are dominated by that overhead. revm's gasUsed includes the
transaction's intrinsic gas; GasLab's bench reports execution gas only.
"""
import argparse
import json
import os
import statistics
import sys
import time

try:
    from pyrevm import EVM, AccountInfo
except ImportError:
    sys.exit("pyrevm is not installed: pip install pyrevm")


def cases(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in names if n.endswith(".json")]
        else:
            files.append(p)
    for f in sorted(files):
        d = os.path.basename(os.path.dirname(f))
        base = os.path.splitext(os.path.basename(f))[0]
        for _, t in json.load(open(f)).items():
            tx = t["transaction"]
            to = tx["to"]
            code = bytes.fromhex(t["pre"][to]["code"][2:])
            labels = t.get("_info", {}).get("labels", {})
            for i, data in enumerate(tx["data"]):
                label = labels.get(str(i), str(i)).replace(":label ", "")
                yield f"{d}/{base}/{label}", to, code, bytes.fromhex(data[2:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--filter")
    a = ap.parse_args()
    caller = "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"
    out = []
    for name, to, code, data in cases(a.paths):
        if a.filter and a.filter not in name:
            continue
        evm = EVM(spec_id="ISTANBUL", gas_limit=2**62)
        evm.insert_account_info(to, AccountInfo(code=code))
        evm.insert_account_info(caller, AccountInfo(balance=10**30))
        evm.message_call(caller, to, calldata=data, gas=1_000_000_000)
        times = []
        for _ in range(a.repetitions):
            start = time.perf_counter_ns()
            evm.message_call(caller, to, calldata=data, gas=1_000_000_000)
            times.append(time.perf_counter_ns() - start)
        out.append({"name": name, "medianNanoseconds": int(statistics.median(times))})
    if a.json:
        print(json.dumps(out))
    else:
        for r in out:
            print(f"{r['name']:45s} {r['medianNanoseconds'] / 1e6:10.3f} ms")


if __name__ == "__main__":
    main()
