#!/usr/bin/env python3
"""Times GasLab's BN254 precompiles (0x06 ECADD, 0x07 ECMUL, 0x08 ECPAIRING) beside revm's in one session.

Usage: python3 scripts/bn254_bench.py [--gaslab .build/release/gaslab] [--calls 20] [--rounds 3] [--json]

Inputs are random multiples of the generators (py_ecc); pairing inputs are built so that the
check succeeds (the product of the pairings is one), so both engines do the whole work. Timing
is scripts/bls_bench.py's: GasLab runs each input N + 1 times and once in one process, and the
difference over N is the time per call; revm (pyrevm) through message_call, its ~4 us of Python
per call included. GasLab and revm alternate, and each side keeps its fastest round.
"""
import os
import random
import sys

try:
    from py_ecc.optimized_bn128 import G1, G2, multiply, normalize, curve_order
except ImportError:
    sys.exit("bn254_bench: needs py_ecc (pip install ethereum-execution)")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bls_bench import arguments, measure, print_rows  # noqa: E402  (one timing method for both scripts)


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
        ("0x06", "ECADD", g1(p) + g1(q), "cancun"),
        ("0x07", "ECMUL", g1(p) + rng.randrange(1 << 256).to_bytes(32, "big"), "cancun"),
        ("0x08", "ECPAIRING k=1", g1(G1) + g2(G2), "cancun"),  # e(G1, G2) != 1: the answer is zero, the work whole
        ("0x08", "ECPAIRING k=2", pairing_input(rng, 2), "cancun"),
        ("0x08", "ECPAIRING k=4", pairing_input(rng, 4), "cancun"),
    ]


def main():
    args = arguments(__doc__.split("\n")[0])
    rows = measure(cases(random.Random(7)), args, lambda address: 32 if address == "0x08" else 64, name="bn254_bench")
    print_rows(rows, args.json)


if __name__ == "__main__":
    main()
