#!/usr/bin/env python3
"""Differential test of GasLab's BLS12-381 precompiles against the executable specification.

Usage: python3 scripts/bls_difffuzz.py [--count 20] [--seed 1] [--gaslab .build/release/gaslab]
                                       [--fork prague] [--setup ../shared/fixtures/kzg/trusted_setup.txt]

For each of 0x0a (point evaluation) and 0x0b-0x11 (EIP-2537) it builds structured inputs:
valid points (random multiples of the generators), the point at infinity, points on the curve
but outside the subgroup, points off the curve, coordinates equal to or above p, non-zero
padding bytes, scalars of zero, of r and above r, MSMs of 1 to 40 pairs, pairings whose
product is one and ones whose product is not, map inputs at 0, p - 1 and p, valid KZG proofs
of degree-1 polynomials (from the setup's [tau]1) and corrupted ones, and inputs of every
wrong length. The specification's precompile functions (`ethereum.forks.<fork>`, over py_ecc)
give the expected output and gas; `gaslab precompile ADDRESS --input - --json` gives GasLab's.
Status, gas and output must agree. Exit code 1 on any disagreement, 2 when something could
not run. Python is a test-time helper only.
"""
import argparse
import hashlib
import importlib
import json
import os
import random
import subprocess
import sys
from types import SimpleNamespace

try:
    from ethereum_types.bytes import Bytes
    from ethereum_types.numeric import Uint
    from py_ecc.bls.point_compression import compress_G1
    from py_ecc.optimized_bls12_381 import G1, G2, add, b, b2, curve_order as R, field_modulus as P
    from py_ecc.optimized_bls12_381 import multiply, neg, normalize, FQ, FQ2
    from py_ecc.bls.g2_primitives import pubkey_to_G1
except ImportError as error:
    print(f"bls_difffuzz: needs ethereum-execution and py_ecc ({error})", file=sys.stderr)
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
GAS = 30_000_000


def spec_functions(fork):
    base = f"ethereum.forks.{fork}.vm.precompiled_contracts"
    g1 = importlib.import_module(base + ".bls12_381.bls12_381_g1")
    g2 = importlib.import_module(base + ".bls12_381.bls12_381_g2")
    pairing = importlib.import_module(base + ".bls12_381.bls12_381_pairing")
    point_evaluation = importlib.import_module(base + ".point_evaluation")
    return {
        0x0A: point_evaluation.point_evaluation,
        0x0B: g1.bls12_g1_add, 0x0C: g1.bls12_g1_msm, 0x0D: g2.bls12_g2_add, 0x0E: g2.bls12_g2_msm,
        0x0F: pairing.bls12_pairing, 0x10: g1.bls12_map_fp_to_g1, 0x11: g2.bls12_map_fp2_to_g2,
    }


def spec_run(function, data):
    """(status, gas used, output) as the specification computes them for a call with GAS."""
    evm = SimpleNamespace(message=SimpleNamespace(data=Bytes(data)), gas_left=Uint(GAS), output=b"")
    try:
        function(evm)
    except Exception as error:  # any exception of a precompile fails the call
        return ("out-of-gas" if type(error).__name__ == "OutOfGasError" else "failure", GAS, "0x")
    return ("success", GAS - int(evm.gas_left), "0x" + bytes(evm.output).hex())


# MARK: encodings

def fp(x):
    return (x % (1 << 512)).to_bytes(64, "big")


def g1_bytes(point):
    if point is None:
        return bytes(128)
    x, y = normalize(point)
    return fp(int(x)) + fp(int(y))


def g2_bytes(point):
    if point is None:
        return bytes(256)
    x, y = normalize(point)
    return b"".join(fp(int(c)) for c in (x.coeffs[0], x.coeffs[1], y.coeffs[0], y.coeffs[1]))


def sqrt_fp(a):
    root = pow(a, (P + 1) // 4, P)
    return root if root * root % P == a % P else None


def g1_off_subgroup(rng):
    """A point of y^2 = x^3 + 4 that is (almost surely) not in G1."""
    while True:
        x = rng.randrange(P)
        y = sqrt_fp(x ** 3 + 4)
        if y is not None:
            point = (FQ(x), FQ(y), FQ(1))
            if not is_in_subgroup(point):
                return point


def g2_off_subgroup(rng):
    while True:
        x = FQ2([rng.randrange(P), rng.randrange(P)])
        rhs = x ** 3 + b2
        y = rhs ** ((P * P + 7) // 16)
        for k in range(8):  # try the candidate times the 8th roots of unity
            cand = y * FQ2([1, 1]) ** (((P * P - 1) * k) // 8)
            if cand * cand == rhs:
                point = (x, cand, FQ2.one())
                if not is_in_subgroup(point):
                    return point
                break


def is_in_subgroup(point):
    from py_ecc.optimized_bls12_381 import is_inf
    return is_inf(multiply(point, R))


def random_g1(rng):
    return multiply(G1, rng.randrange(1, R))


def random_g2(rng):
    return multiply(G2, rng.randrange(1, R))


def corrupt(data, rng):
    """Invalid encodings of a valid point: off the curve, a coordinate >= p, padding set."""
    data = bytearray(data)
    kind = rng.randrange(4)
    coordinate = rng.randrange(len(data) // 64)
    start = coordinate * 64
    if kind == 0:
        data[start + 63] ^= 1  # almost surely off the curve
    elif kind == 1:
        data[start:start + 64] = fp(P)
    elif kind == 2:
        data[start:start + 64] = fp(P + rng.randrange(1, 1 << 100))
    else:
        data[start + rng.randrange(16)] = rng.randrange(1, 256)
    return bytes(data)


def scalar(rng):
    choice = rng.randrange(6)
    if choice == 0:
        return 0
    if choice == 1:
        return R
    if choice == 2:
        return rng.randrange(R, 1 << 256)
    return rng.randrange(1 << rng.choice([8, 64, 255, 256]))


# MARK: cases per precompile

def cases_add(rng, count, random_point, encode, off_subgroup, size):
    out = []
    inf = None
    for i in range(count):
        a = random_point(rng)
        picks = [(a, random_point(rng)), (a, a), (a, neg(a)), (inf, a), (inf, inf), (off_subgroup(rng), a)]
        p, q = picks[i % len(picks)]
        data = encode(p) + encode(q)
        if i % 3 == 2:
            data = corrupt(data, rng)
        out.append(data)
    out += [b"", bytes(size - 1), bytes(size + 1), encode(random_point(rng))]
    return out


def cases_msm(rng, count, random_point, encode, off_subgroup, pair):
    out = []
    for i in range(count):
        k = rng.choice([1, 2, 3, 5, 8, 17, 40])
        data = b""
        for _ in range(k):
            point = random_point(rng) if rng.random() < 0.85 else None
            data += encode(point) + scalar(rng).to_bytes(32, "big")
        if i % 5 == 3:
            data = encode(off_subgroup(rng)) + scalar(rng).to_bytes(32, "big") + data
        if i % 5 == 4:
            data = corrupt(data[:pair - 32], rng) + data[pair - 32:]
        out.append(data)
    out += [b"", bytes(pair - 1), bytes(pair + 1), bytes(pair)]
    return out


def cases_pairing(rng, count):
    out = []
    for i in range(count):
        a, b_ = rng.randrange(1, R), rng.randrange(1, R)
        kind = i % 5
        if kind == 0:  # e(aP, bQ) e(-abP, Q) = 1
            data = g1_bytes(multiply(G1, a)) + g2_bytes(multiply(G2, b_)) + g1_bytes(neg(multiply(G1, a * b_ % R))) + g2_bytes(G2)
        elif kind == 1:  # not one
            data = g1_bytes(multiply(G1, a)) + g2_bytes(multiply(G2, b_))
        elif kind == 2:  # infinities
            data = g1_bytes(None) + g2_bytes(G2) + g1_bytes(G1) + g2_bytes(None)
        elif kind == 3:  # a point outside the subgroup
            data = g1_bytes(g1_off_subgroup(rng)) + g2_bytes(G2)
        else:
            data = corrupt(g1_bytes(G1) + g2_bytes(G2), rng)
        out.append(data)
    out += [b"", bytes(383), bytes(385)]
    return out


def cases_map_fp(rng, count):
    out = [fp(0), fp(1), fp(P - 1), fp(P), fp(1 << 400), b"", bytes(63), bytes(65)]
    out += [fp(rng.randrange(P)) for _ in range(count)]
    return out


def cases_map_fp2(rng, count):
    out = [fp(0) + fp(0), fp(P - 1) + fp(1), fp(1) + fp(P), fp(P) + fp(1), b"", bytes(127), bytes(129)]
    out += [fp(rng.randrange(P)) + fp(rng.randrange(P)) for _ in range(count)]
    return out


def read_tau_g1(setup):
    """[tau]1 from the trusted setup: the second G1 point in monomial form."""
    with open(setup) as handle:
        lines = [line.strip() for line in handle if line.strip()]
    n1, n2 = int(lines[0]), int(lines[1])
    return pubkey_to_G1(bytes.fromhex(lines[2 + n1 + n2 + 1]))


def cases_point_evaluation(rng, count, setup):
    out = []
    tau = read_tau_g1(setup) if setup and os.path.exists(setup) else None
    for i in range(count):
        # p(X) = a + bX: commitment a[1] + b[tau], proof b[1] at any z, value a + bz.
        a, b_, z = rng.randrange(R), rng.randrange(R), rng.randrange(R)
        if tau is None:
            b_ = 0
        commitment = compress_G1(add(multiply(G1, a), multiply(tau, b_)) if tau else multiply(G1, a))
        proof = compress_G1(multiply(G1, b_) if b_ else multiply(G1, R))
        commitment = int(commitment).to_bytes(48, "big")
        proof = int(proof).to_bytes(48, "big")
        y = (a + b_ * z) % R
        kind = i % 6
        if kind == 1:
            y = (y + 1) % R
        elif kind == 2:
            z += R
        versioned = b"\x01" + hashlib.sha256(commitment).digest()[1:]
        if kind == 3:
            versioned = b"\x02" + versioned[1:]
        data = versioned + z.to_bytes(32, "big") + y.to_bytes(32, "big") + commitment + proof
        if kind == 4:
            data = data[:144] + bytes([0xC0]) + bytes(47)  # proof at infinity
        if kind == 5:
            data = data[:96] + bytes([data[96] & 0x7F]) + data[97:]  # compression flag cleared
        out.append(data)
    zero = b"\xc0" + bytes(47)  # p = 0: commitment and proof at infinity, y = 0 everywhere
    versioned = b"\x01" + hashlib.sha256(zero).digest()[1:]
    out += [versioned + bytes(32) + bytes(32) + zero + zero, b"", bytes(191), bytes(193)]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fork", default="prague")
    parser.add_argument("--gaslab", default=os.path.join(HERE, "..", ".build", "release", "gaslab"))
    parser.add_argument("--setup", default=os.path.join(HERE, "..", "..", "shared", "fixtures", "kzg", "trusted_setup.txt"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    functions = spec_functions(args.fork)
    n = args.count
    cases = {
        0x0A: cases_point_evaluation(rng, max(6, n // 2), args.setup),
        0x0B: cases_add(rng, n, random_g1, g1_bytes, g1_off_subgroup, 256),
        0x0C: cases_msm(rng, n, random_g1, g1_bytes, g1_off_subgroup, 160),
        0x0D: cases_add(rng, n, random_g2, g2_bytes, g2_off_subgroup, 512),
        0x0E: cases_msm(rng, max(5, n // 2), random_g2, g2_bytes, g2_off_subgroup, 288),
        0x0F: cases_pairing(rng, max(5, n // 4)),
        0x10: cases_map_fp(rng, n),
        0x11: cases_map_fp2(rng, n),
    }
    disagreements = total = 0
    tally = []
    for address, inputs in cases.items():
        outcomes = {}
        stdin = "".join((data.hex() or "00") + "\n" for data in inputs)
        # An empty input cannot be a line of hex: it is run on its own below.
        process = subprocess.run([args.gaslab, "precompile", hex(address), "--input", "-", "--fork", args.fork,
                                  "--gas", str(GAS), "--json"], input=stdin, capture_output=True, text=True)
        if process.returncode != 0:
            print(f"bls_difffuzz: gaslab failed on {hex(address)}: {process.stderr.strip()}", file=sys.stderr)
            return 2
        results = [json.loads(line) for line in process.stdout.splitlines()]
        for data, got in zip(inputs, results):
            if not data:  # "00" stood in for the empty input
                process_empty = subprocess.run([args.gaslab, "precompile", hex(address), "--fork", args.fork,
                                                "--gas", str(GAS), "--json"], capture_output=True, text=True)
                got = json.loads(process_empty.stdout)
            expected = spec_run(functions[address], data)
            mine = (got["status"], got["gasUsed"], got["output"])
            total += 1
            kind = expected[0] if address != 0x0F or expected[0] != "success" else "pairing " + expected[2][-1]
            outcomes[kind] = outcomes.get(kind, 0) + 1
            if mine != expected:
                disagreements += 1
                print(f"DISAGREE {hex(address)} input {data.hex()}\n  spec   {expected}\n  gaslab {mine}")
        tally.append(f"{address:#04x} " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print("\n".join(tally))
    print(f"bls_difffuzz: {total} inputs over 0x0a-0x11 ({args.fork}, seed {args.seed}), {disagreements} disagreements")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
