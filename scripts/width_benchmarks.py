#!/usr/bin/env python3
"""Writes small loop benchmarks, one instruction pattern each, in the benchmark JSON format
that `gaslab bench` and evmone-bench read.

Usage: python3 scripts/width_benchmarks.py OUTDIR [--iterations 2048] [--pairs 100]

Each program runs `--iterations` times a body of `--pairs` copies of one pattern (DUP1 ADD,
DUP1 POP, PUSH1 POP, ...), with the loop counter at the bottom of the stack. They isolate
what one pattern costs per instruction, which the standard benchmarks mix: the cost of a
word that one instruction writes and the next reads (store-to-load forwarding), of the
dispatch, of the memory instructions. Then, for example:

    gaslab bench OUTDIR --repetitions 31
    evmone-bench OUTDIR --benchmark_filter=baseline/execute/
"""
import argparse
import json
import os

CONTRACT = "0xbe7c43a580000000000000000000000000000001"
SENDER = "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"

BN254_P = "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47"
BN254_X = "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0"

# Bodies: hex of one copy of the pattern, and the set-up before and clean-up after the
# copies, so that the body leaves the stack as it found it.
PATTERNS = {
    "dup_pop": ("", "8050", ""),                      # DUP1 POP
    "push_pop": ("", "602a50", ""),                   # PUSH1 42, POP
    "push32_pop": ("", "7f" + "11" * 32 + "50", ""),  # PUSH32, POP
    "swap": ("600160026003", "9091", "505050"),       # SWAP1 SWAP2
    "dup_add": ("6001", "8001", "50"),                # DUP1 ADD
    "add_chain": ("6001", "600101", "50"),            # PUSH1 1, ADD
    "dup_and": ("6001", "8016", "50"),                # DUP1 AND
    "dup_shr_add": ("6001", "8060011c01", "50"),      # DUP1 PUSH1 1 SHR ADD
    "lt_iszero": ("6001", "80600510" + "15" + "01", "50"),  # DUP1 PUSH1 5 LT ISZERO ADD
    "mload": ("", "60005150", ""),                    # PUSH1 0, MLOAD, POP
    "mstore": ("", "602a600052", ""),                 # PUSH1 42, PUSH1 0, MSTORE
    # x ← x·x mod p and x ← x + x mod p with BN254's p (weierstrudel's field): DUP2 DUP2
    # DUP1 MULMOD (or ADDMOD) SWAP1 POP, each step waiting for the one before.
    "mulmod_chain": ("7f" + BN254_P + "7f" + BN254_X, "818180099050", "5050"),
    "addmod_chain": ("7f" + BN254_P + "7f" + BN254_X, "818180089050", "5050"),
}


def loop(iterations, setup, body, cleanup):
    # PUSH2 iterations; JUMPDEST (at 3); body; PUSH1 1 SWAP1 SUB DUP1 PUSH1 3 JUMPI; STOP
    assert 0 < iterations < 0x10000
    return "61%04x" % iterations + "5b" + setup + body + cleanup + "600190038060035700"


def state_test(name, code):
    return {name: {
        "_info": {"comment": "scripts/width_benchmarks.py", "labels": {"0": "loop"}},
        "env": {
            "currentBaseFee": "0x01", "currentCoinbase": SENDER, "currentDifficulty": "0x01",
            "currentGasLimit": "0x3b9aca00", "currentNumber": "0x01",
            "currentRandom": "0x" + "00" * 31 + "01", "currentTimestamp": "0x03e8",
            "previousHash": "0x" + "00" * 32,
        },
        "pre": {
            SENDER: {"balance": "0x3b9aca00", "code": "0x", "nonce": "0x00", "storage": {}},
            CONTRACT: {"balance": "0x00", "code": "0x" + code, "nonce": "0x00", "storage": {}},
        },
        "transaction": {
            "data": ["0x"], "gasLimit": ["0x3b9aca00"], "gasPrice": "0x01", "nonce": "0x00",
            "sender": SENDER, "to": CONTRACT, "value": ["0x00"],
            "secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8",
        },
        # Not checked by either runner; present because the state-test format has it.
        "post": {"London": [{"hash": "0x" + "00" * 32, "logs": "0x" + "00" * 32,
                             "indexes": {"data": 0, "gas": 0, "value": 0}}]},
    }}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("--iterations", type=int, default=2048)
    parser.add_argument("--pairs", type=int, default=100)
    args = parser.parse_args()
    folder = os.path.join(args.outdir, "width")
    os.makedirs(folder, exist_ok=True)
    for name, (setup, body, cleanup) in PATTERNS.items():
        code = loop(args.iterations, setup, body * args.pairs, cleanup)
        with open(os.path.join(folder, name + ".json"), "w") as f:
            json.dump(state_test(name, code), f, indent=1)
    print(f"{len(PATTERNS)} programs in {folder}")


if __name__ == "__main__":
    main()
