#!/usr/bin/env python3
"""Times GasLab's BN254 precompiles (0x06 ECADD, 0x07 ECMUL, 0x08 ECPAIRING) beside revm's in one session.

Usage: python3 scripts/bn254_bench.py [--gaslab .build/release/gaslab] [--calls 20] [--rounds 3] [--json]

Inputs are random multiples of the generators (py_ecc); pairing inputs are built so that the
check succeeds (the product of the pairings is one), so both engines do the whole work. Timing
is scripts/bls_bench.py's: GasLab runs each input N + 1 times and once in one process, and the
difference over N is the time per call; revm (pyrevm) through message_call, its ~4 us of Python
per call included. GasLab and revm alternate, and each side keeps its fastest round.
"""
import argparse
import json
import os
import random
import sys

try:
    from py_ecc.optimized_bn128 import G1, G2, multiply, normalize, curve_order
except ImportError:
    sys.exit("bn254_bench: needs py_ecc (pip install ethereum-execution)")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bls_bench import gaslab_time, revm_time  # noqa: E402  (one timing method for both scripts)


def g1(p):
    x, y = normalize(p)
    return int(x).to_bytes(32, "big") + int(y).to_bytes(32, "big")


def g2(q):
    """EIP-197's order: x imaginary, x real, y imaginary, y real."""
    x, y = normalize(q)
    return b"".join(int(c).to_bytes(32, "big") for c in (x.coeffs[1], x.coeffs[0], y.coeffs[1], y.coeffs[0]))


def pairing_input(rng, k):
    """k pairs (a_i·G1, b_i·G2) with Σ a_i·b_i = 0 mod r: the check returns one."""
    scalars = [(rng.randrange(1, curve_order), rng.randrange(1, curve_order)) for _ in range(k - 1)]
    b = rng.randrange(1, curve_order)
    a = -sum(x * y for x, y in scalars) * pow(b, -1, curve_order) % curve_order
    return b"".join(g1(multiply(G1, x)) + g2(multiply(G2, y)) for x, y in scalars + [(a, b)])


def cases(rng):
    p, q = multiply(G1, rng.randrange(1, curve_order)), multiply(G1, rng.randrange(1, curve_order))
    return [
        ("0x06", "ECADD", g1(p) + g1(q), 64),
        ("0x07", "ECMUL", g1(p) + rng.randrange(1 << 256).to_bytes(32, "big"), 64),
        ("0x08", "ECPAIRING k=1", g1(G1) + g2(G2), 32),  # e(G1, G2) != 1: the answer is zero, the work whole
        ("0x08", "ECPAIRING k=2", pairing_input(rng, 2), 32),
        ("0x08", "ECPAIRING k=4", pairing_input(rng, 4), 32),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gaslab", default=os.path.join(HERE, "..", ".build", "release", "gaslab"))
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for address, name, data, output_size in cases(random.Random(7)):
        seconds, revm = float("inf"), None
        for _ in range(max(1, args.rounds)):
            round_seconds, result = gaslab_time(args.gaslab, address, data, "cancun", args.calls)
            if result["status"] != "success":
                sys.exit(f"bn254_bench: {name} did not succeed in GasLab: {result}")
            seconds = min(seconds, round_seconds)
            round_revm = revm_time(data, args.calls, address=address, output_size=output_size)
            if round_revm is not None:
                revm = round_revm if revm is None else min(revm, round_revm)
        rows.append({"address": address, "case": name, "gas": result["gasUsed"], "gaslab_ms": seconds * 1000,
                     "revm_ms": revm * 1000 if revm else None, "ratio": seconds / revm if revm else None})
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    print(f"{'address':8} {'case':14} {'gas':>9} {'GasLab ms':>10} {'revm ms':>8} {'GasLab/revm':>11}")
    for r in rows:
        revm = f"{r['revm_ms']:8.3f}" if r["revm_ms"] else f"{'-':>8}"
        ratio = f"{r['ratio']:10.2f}x" if r["ratio"] else f"{'-':>11}"
        print(f"{r['address']:8} {r['case']:14} {r['gas']:9,} {r['gaslab_ms']:10.3f} {revm} {ratio}")


if __name__ == "__main__":
    main()
