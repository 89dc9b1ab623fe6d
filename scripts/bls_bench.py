#!/usr/bin/env python3
"""Times GasLab's BLS12-381 and KZG precompiles, and revm's point evaluation, in one session.

Usage: python3 scripts/bls_bench.py [--gaslab .build/release/gaslab] [--calls 20] [--rounds 3] [--json]

Each case is one input (valid points: random multiples of the generators, made with py_ecc);
`gaslab precompile ADDRESS --input -` runs it N + 1 times and once, and the difference over N is
the time per call without process start-up (best of three; cheap cases get more calls). Point
evaluation runs twice: on the points at infinity of the execution-spec tests, where a pairing
has nothing to do, and on a random opening of a degree-1 polynomial committed with the
ceremony's setup (from the fixtures), which does the whole check. revm (pyrevm) is timed on the same
point-evaluation inputs through message_call (its ~4 us of Python per call included); the pyrevm
installed here has no EIP-2537 precompiles (a call to 0x0b-0x11 under PRAGUE runs as an empty
account), so those have no revm figure. Mgas/s is the precompile's gas over GasLab's time.
Every case runs --rounds times, GasLab and revm alternately, and keeps each side's fastest
round: the machine's noise only ever adds time.
"""
import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import time

try:
    from py_ecc.optimized_bls12_381 import G1, G2, add, multiply, curve_order
    from py_ecc.bls.point_compression import compress_G1, decompress_G1
except ImportError:
    sys.exit("bls_bench: needs py_ecc (pip install ethereum-execution)")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bls_difffuzz import fp, g1_bytes as g1, g2_bytes as g2  # noqa: E402  (the encodings, in one place)


def cases(rng):
    ps = [multiply(G1, rng.randrange(1, 1 << 250)) for _ in range(128)]
    qs = [multiply(G2, rng.randrange(1, 1 << 250)) for _ in range(32)]

    def scalar():
        return rng.randrange(1 << 256).to_bytes(32, "big")

    infinity = b"\xc0" + bytes(47)
    versioned = b"\x01" + hashlib.sha256(infinity).digest()[1:]
    opening = kzg_opening(rng)
    return ([("0x0a", "POINT_EVALUATION", versioned + (12345).to_bytes(32, "big") + bytes(32) + infinity + infinity, "cancun")]
            + ([("0x0a", "POINT_EVAL random", opening, "cancun")] if opening else []) + [
        ("0x0b", "G1ADD", g1(ps[0]) + g1(ps[1]), "prague"),
        ("0x0c", "G1MSM k=1", g1(ps[0]) + scalar(), "prague"),
        ("0x0c", "G1MSM k=16", b"".join(g1(p) + scalar() for p in ps[:16]), "prague"),
        ("0x0c", "G1MSM k=128", b"".join(g1(p) + scalar() for p in ps), "prague"),
        ("0x0d", "G2ADD", g2(qs[0]) + g2(qs[1]), "prague"),
        ("0x0e", "G2MSM k=1", g2(qs[0]) + scalar(), "prague"),
        ("0x0e", "G2MSM k=32", b"".join(g2(q) + scalar() for q in qs), "prague"),
        ("0x0f", "PAIRING k=1", g1(ps[0]) + g2(qs[0]), "prague"),
        ("0x0f", "PAIRING k=2", g1(ps[0]) + g2(qs[0]) + g1(ps[1]) + g2(qs[1]), "prague"),
        ("0x0f", "PAIRING k=8", b"".join(g1(ps[i]) + g2(qs[i]) for i in range(8)), "prague"),
        ("0x10", "MAP_FP_TO_G1", fp(rng.randrange(1 << 380)), "prague"),
        ("0x11", "MAP_FP2_TO_G2", fp(rng.randrange(1 << 380)) + fp(rng.randrange(1 << 380)), "prague"),
    ])


def kzg_opening(rng):
    """A valid point-evaluation input that is not made of points at infinity: the polynomial
    a + bX committed with the ceremony's [tau]G1 (C = aG + b[tau]G), opened at a random z
    (y = a + bz, proof [b]G). None when the trusted setup is not in the fixtures."""
    fixtures = os.environ.get("GASLAB_FIXTURES", os.path.join(HERE, "..", "..", "shared", "fixtures"))
    setup = os.path.join(fixtures, "kzg", "trusted_setup.txt")
    if not os.path.exists(setup):
        print(f"bls_bench: {setup} not found, so the random point evaluation is left out", file=sys.stderr)
        return None
    words = open(setup).read().split()
    n1, n2 = int(words[0]), int(words[1])
    tau = decompress_G1(int(words[2 + n1 + n2 + 1], 16))  # the monomial points follow: [1]G, [tau]G, ...
    a, b, z = (rng.randrange(curve_order) for _ in range(3))
    commitment = compress_G1(add(multiply(G1, a), multiply(tau, b))).to_bytes(48, "big")
    proof = compress_G1(multiply(G1, b)).to_bytes(48, "big")
    y = (a + b * z) % curve_order
    versioned = b"\x01" + hashlib.sha256(commitment).digest()[1:]
    return versioned + z.to_bytes(32, "big") + y.to_bytes(32, "big") + commitment + proof


def gaslab_time(gaslab, address, data, fork, calls):
    line = data.hex() + "\n"

    def run(n):
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            done = subprocess.run([gaslab, "precompile", address, "--input", "-", "--fork", fork, "--json"],
                                  input=line * n, capture_output=True, text=True)
            best = min(best, time.perf_counter() - start)
            if done.returncode != 0:
                sys.exit(f"bls_bench: gaslab failed: {done.stderr.strip()}")
        return best, json.loads(done.stdout.splitlines()[0])

    one, result = run(1)
    many, _ = run(calls + 1)
    per_call = max(0.0, (many - one) / calls)
    if per_call * calls < 0.2:  # too short to rise above process start-up noise: more calls
        calls = max(calls, int(0.5 / max(per_call, 1e-5)))
        many, _ = run(calls + 1)
        per_call = max(0.0, (many - one) / calls)
    return per_call, result


def revm_time(data, calls, address="0x0a", output_size=64):
    """revm's seconds per call of the precompile at `address` (Cancun), best of three; None
    without pyrevm or when the call does not return `output_size` bytes (a failed check)."""
    try:
        from pyrevm import EVM, AccountInfo
    except ImportError:
        return None
    evm = EVM(spec_id="CANCUN")
    caller = "0x" + "11" * 20
    evm.insert_account_info(caller, AccountInfo(balance=10 ** 24))
    target = "0x" + "00" * 19 + address[2:].rjust(2, "0")
    evm.message_call(caller=caller, to=target, calldata=data, gas=10 ** 7)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(calls):
            out = evm.message_call(caller=caller, to=target, calldata=data, gas=10 ** 7)
        best = min(best, (time.perf_counter() - start) / calls)
    return best if len(out) == output_size else None


def measure(cases, args, revm_output_size, name="bls_bench"):
    """One row per case (address, name, input, fork): GasLab's and, where revm_output_size(address)
    names the output's size, revm's fastest time over args.rounds alternating rounds."""
    rows = []
    for address, case, data, fork in cases:
        seconds, revm = float("inf"), None
        output_size = revm_output_size(address)
        for _ in range(max(1, args.rounds)):
            round_seconds, result = gaslab_time(args.gaslab, address, data, fork, args.calls)
            if result["status"] != "success":
                sys.exit(f"{name}: {case} did not succeed in GasLab: {result}")
            seconds = min(seconds, round_seconds)
            if output_size is not None:
                round_revm = revm_time(data, args.calls, address=address, output_size=output_size)
                if round_revm is not None:
                    revm = round_revm if revm is None else min(revm, round_revm)
        rows.append({"address": address, "case": case, "gas": result["gasUsed"], "gaslab_ms": seconds * 1000,
                     "mgas_per_s": result["gasUsed"] / seconds / 1e6 if seconds else None,
                     "revm_ms": revm * 1000 if revm else None,
                     "ratio": seconds / revm if revm else None})
    return rows


def print_rows(rows, as_json):
    if as_json:
        print(json.dumps(rows, indent=1))
        return
    print(f"{'address':8} {'case':18} {'gas':>9} {'GasLab ms':>10} {'Mgas/s':>8} {'revm ms':>8} {'GasLab/revm':>11}")
    for r in rows:
        revm = f"{r['revm_ms']:8.3f}" if r["revm_ms"] else f"{'-':>8}"
        ratio = f"{r['ratio']:10.2f}x" if r["ratio"] else f"{'-':>11}"
        print(f"{r['address']:8} {r['case']:18} {r['gas']:9,} {r['gaslab_ms']:10.3f} {r['mgas_per_s']:8.1f} {revm} {ratio}")


def arguments(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--gaslab", default=os.path.join(HERE, "..", ".build", "release", "gaslab"))
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    return parser.parse_args()


def main():
    args = arguments(__doc__.split("\n")[0])
    # pyrevm has 0x0a (its 64-byte answer), not EIP-2537's precompiles.
    rows = measure(cases(random.Random(7)), args, lambda address: 64 if address == "0x0a" else None)
    print_rows(rows, args.json)


if __name__ == "__main__":
    main()
