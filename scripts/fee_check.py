#!/usr/bin/env python3
"""Check `gaslab fee` against an independent implementation of the Layer-2 fee rules.

Random signed transactions (type 2, signed with coincurve, RLP from ethereum-rlp) with
calldata of many shapes (empty, zeros, repeats, ABI-like words, random bytes, up to a few
kilobytes) are priced by `gaslab fee --json` and by this file, written from the chains'
specifications rather than from GasLab's Swift:

- OP Stack (op-geth rollup_cost.go, OP specs): Bedrock, Regolith, Ecotone, Fjord (FastLZ ported
  here from Solady's LibZip.flzCompress reference), Isthmus and Jovian operator fees;
- Arbitrum Nitro (arbos/l1pricing, tx_processor): 16 units per brotli byte (Python's brotli,
  window 22; level 0 before ArbOS 20, level 1 after), poster gas rounded down;
- Ethereum: gas x (base fee + tip).

Every fee must agree to the wei. Python is a test-time helper only.

    python3 scripts/fee_check.py [--count 200] [--seed 1] [--gaslab .build/release/gaslab]
"""
import argparse
import json
import random
import subprocess
import sys

try:
    import brotli
    import coincurve
    from ethereum_rlp import rlp
    from ethereum.crypto.hash import keccak256
    from ethereum_types.numeric import Uint
except ImportError as e:  # pragma: no cover
    print(f"SKIPPED: fee_check needs brotli, coincurve, ethereum-rlp, ethereum-execution ({e})")
    sys.exit(0)


# --- FastLZ length (Solady LibZip.flzCompress, the reference op-geth ports) -----------------

def flz_len(ib: bytes) -> int:
    n = len(ib)
    b = n - 4
    ht = [0] * 8192
    a, i, o = 0, 2, 0

    def u24(k):
        return ib[k] | (ib[k + 1] << 8) | (ib[k + 2] << 16)

    def hsh(x):
        return (((2654435769 * x) & 0xFFFFFFFF) >> 19) & 8191

    def literals(r):
        nonlocal o
        while r >= 32:
            o += 33
            r -= 32
        if r:
            o += r + 1

    while i < b - 9:
        while True:
            s = u24(i)
            h = hsh(s)
            r = ht[h]
            ht[h] = i
            d = i - r
            c = u24(r) if d < 8192 else 0x1000000
            if not (i < b - 9):
                break
            i += 1
            if s == c:
                break
        if i >= b - 9:
            break
        i -= 1
        if i > a:
            literals(i - a)
        length = 0
        p, q = r + 3, i + 3
        e = b - q
        # As the reference loop does: the first mismatching byte is counted too.
        while length < e:
            if ib[p + length] != ib[q + length]:
                e = 0
            length += 1
        i += length
        d -= 1
        while length > 262:
            o += 3
            length -= 262
        o += 2 if length < 7 else 3
        ht[hsh(u24(i))] = i
        i += 1
        ht[hsh(u24(i))] = i
        i += 1
        a = i
    literals(b + 4 - a)
    return o


# --- Fee rules ---------------------------------------------------------------------------

def calldata_gas(tx):
    z = tx.count(0)
    return z * 4 + (len(tx) - z) * 16


def op_fee(tx, upgrade, p, gas_used):
    if not tx or tx[0] == 0x7E:
        data = 0
    elif upgrade in ("bedrock", "regolith"):
        g = calldata_gas(tx) + (68 * 16 if upgrade == "bedrock" else 0)
        data = (g + p["overhead"]) * p["l1BaseFee"] * p["scalar"] // 1_000_000
    else:
        scaled = 16 * p["baseFeeScalar"] * p["l1BaseFee"] + p["blobBaseFeeScalar"] * p["blobBaseFee"]
        if upgrade == "ecotone":
            data = calldata_gas(tx) * scaled // 16_000_000
        else:
            est = max(100_000_000, -42_585_600 + 836_500 * flz_len(tx))
            data = est * scaled // 10**12
    op = 0
    if upgrade == "isthmus":
        op = gas_used * p["operatorFeeScalar"] // 1_000_000 + p["operatorFeeConstant"]
    elif upgrade == "jovian":
        op = gas_used * p["operatorFeeScalar"] * 100 + p["operatorFeeConstant"]
    base = p["l2BaseFee"]
    if upgrade == "jovian":
        base = max(base, p["minBaseFee"])
    return gas_used * (base + p["l2PriorityFee"]), data, op


def arbitrum_fee(tx, era, p, gas_used):
    units = 16 * len(brotli.compress(tx, quality=0 if era == "nitro" else 1, lgwin=22))
    poster_gas = units * p["pricePerUnit"] // p["l2BaseFee"]
    return gas_used * p["l2BaseFee"], poster_gas * p["l2BaseFee"], 0


# --- Transactions ------------------------------------------------------------------------

def random_calldata(rng):
    kind = rng.randrange(6)
    n = rng.choice([0, 1, 4, 36, 68, 100, 200, 500, 1000, 3000])
    if kind == 0:
        return bytes(n)
    if kind == 1:
        return bytes([rng.randrange(256)]) * n
    if kind == 2:
        return bytes(rng.randrange(256) for _ in range(n))
    if kind == 3:  # ABI-like: a selector and words of small numbers and addresses
        out = bytes(rng.randrange(256) for _ in range(4))
        for _ in range(n // 32):
            w = rng.choice([rng.randrange(1000).to_bytes(32, "big"), bytes(12) + bytes(rng.randrange(256) for _ in range(20))])
            out += w
        return out
    if kind == 4:
        motif = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40)))
        return (motif * (n // len(motif) + 1))[:n]
    return bytes(rng.choice([0, 0, 0, rng.randrange(256)]) for _ in range(n))


def signed_tx(rng, key):
    chain_id = rng.choice([1, 10, 8453, 42161])
    fields = [chain_id, rng.randrange(10**6), rng.randrange(10**9), rng.randrange(10**11), rng.randrange(21_000, 3_000_000),
              bytes(rng.randrange(256) for _ in range(20)), rng.randrange(10**18), random_calldata(rng), []]
    fields = [Uint(f) if isinstance(f, int) else f for f in fields]
    payload = b"\x02" + rlp.encode(fields)
    sig = key.sign_recoverable(keccak256(payload), hasher=None)
    r, s, v = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:64], "big"), sig[64]
    return b"\x02" + rlp.encode(fields + [Uint(v), Uint(r), Uint(s)])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gaslab", default=".build/release/gaslab")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    key = coincurve.PrivateKey(bytes([7]) * 32)

    # Parameters passed to gaslab explicitly, so both sides read the same numbers.
    op_p = {"l1BaseFee": 31_415_926_535, "blobBaseFee": 2_718_281, "overhead": 188, "scalar": 684_000,
            "baseFeeScalar": 5_227, "blobBaseFeeScalar": 1_014_213, "operatorFeeScalar": 1_234, "operatorFeeConstant": 5_678,
            "l2BaseFee": 1_000_003, "l2PriorityFee": 7, "minBaseFee": 2_000_000}
    arb_p = {"l2BaseFee": 10_000_000, "pricePerUnit": 31_415_926_535}
    configs = []
    for upgrade in ["bedrock", "regolith", "ecotone", "fjord", "isthmus", "jovian"]:
        sets = [f"l1.baseFee={op_p['l1BaseFee']}wei", f"op.l2BaseFee={op_p['l2BaseFee']}wei",
                f"op.l2PriorityFee={op_p['l2PriorityFee']}wei"]
        if upgrade in ("bedrock", "regolith"):
            sets += [f"op.overhead={op_p['overhead']}", f"op.scalar={op_p['scalar']}"]
        else:
            sets += [f"op.baseFeeScalar={op_p['baseFeeScalar']}", f"op.blobBaseFeeScalar={op_p['blobBaseFeeScalar']}"]
        if upgrade in ("isthmus", "jovian"):
            sets += [f"op.operatorFeeScalar={op_p['operatorFeeScalar']}", f"op.operatorFeeConstant={op_p['operatorFeeConstant']}wei"]
        if upgrade == "jovian":
            sets += [f"op.minBaseFee={op_p['minBaseFee']}wei"]
        configs.append(("op", upgrade, sets))
    for era in ["nitro", "atlas"]:
        configs.append(("arbitrum", era, [f"arbitrum.l2BaseFee={arb_p['l2BaseFee']}wei",
                                          f"arbitrum.pricePerUnit={arb_p['pricePerUnit']}wei"]))

    mismatches = 0
    checked = 0
    for n in range(args.count):
        tx = signed_tx(rng, key)
        gas_used = rng.randrange(21_000, 2_000_000)
        for chain, upgrade, sets in configs:
            # The blob base fee the OP chains read is the preset's: pin it through the excess
            # blob gas of 0 (1 wei, or EIP-7918's reserve) by reading it back from gaslab.
            cmd = [args.gaslab, "fee", tx.hex(), "--preset", "current", "--chain", chain, "--upgrade", upgrade,
                   "--gas-used", str(gas_used), "--json"]
            for s in sets:
                cmd += ["--set", s]
            out = subprocess.run(cmd, capture_output=True, text=True)
            if out.returncode != 0:
                print(f"gaslab failed: {' '.join(cmd[:8])}…: {out.stderr.strip()}")
                mismatches += 1
                continue
            q = json.loads(out.stdout)["chains"][0]
            if chain == "op":
                p = dict(op_p)
                blob = q["details"].get("blob base fee")
                p["blobBaseFee"] = parse_wei(blob) if blob else 0
                want = op_fee(tx, upgrade, p, gas_used)
            else:
                want = arbitrum_fee(tx, upgrade, arb_p, gas_used)
            got = (int(q["executionWei"]), int(q["dataWei"]), int(q["operatorWei"]))
            checked += 1
            if got != want:
                mismatches += 1
                if mismatches <= 10:
                    print(f"MISMATCH {chain} {upgrade} tx#{n} ({len(tx)} bytes): gaslab {got}, independent {want}")
    print(f"fee_check: {checked} fees of {args.count} transactions (OP Stack x 6 upgrades, Arbitrum x 2 eras), "
          f"{checked - mismatches} agree, {mismatches} mismatch")
    sys.exit(1 if mismatches else 0)


def parse_wei(text):
    """'2.939792434 gwei' or '62500000 wei' -> int wei."""
    value, unit = text.split()
    if unit == "wei":
        return int(value)
    whole, _, frac = value.partition(".")
    return int(whole) * 10**9 + int((frac + "0" * 9)[:9])


if __name__ == "__main__":
    main()
