#!/usr/bin/env python3
"""Check the gas of a compiled contract's scenario against the executable specification, call by call.

Runs the Table I workload on the Vyper variant (`Contracts/build/LinearModel.json`, compiled
from `Contracts/LinearModel.vy`) in the executable specification (`pip install
ethereum-execution`, Shanghai as table1.scenario.json) and compares every transaction's gasUsed, and
the weights after 200 epochs, with `gaslab scenario run --variant vyper --json`.
When vyper 0.4.3 is installed it also checks that compiling LinearModel.vy reproduces the
committed artifact's bytecode. Python is a test-time helper only.

    python3 scripts/compiled_check.py [--gaslab .build/release/gaslab]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRACTS = os.path.join(HERE, "..", "Contracts")


def selector(signature):
    from ethereum.crypto.hash import keccak256
    return keccak256(signature.encode())[:4]


def word(n):
    return (n % (1 << 256)).to_bytes(32, "big")


TRAIN_CALLS = 200


def gaslab_weights_after(receipts, epochs):
    """GasLab's first getParams() view, which table1.scenario.json reads after 200 epochs."""
    views = [r.get("returns") for r in receipts if r["view"]]
    return [int(v) for v in views[0]] if epochs == 200 and views else None


def run_spec(bytecode_hex, train_calls):
    import dataclasses
    import coincurve
    from ethereum_types.bytes import Bytes, Bytes0, Bytes20, Bytes32
    from ethereum_types.numeric import U64, U256, Uint
    from ethereum.crypto.hash import keccak256
    from ethereum.forks.shanghai import fork as spec_fork
    from ethereum.forks.shanghai import vm as spec_vm
    from ethereum.forks.shanghai.fork_types import Account
    from ethereum.forks.shanghai.state import State, set_account
    from ethereum.forks.shanghai.transactions import FeeMarketTransaction, signing_hash_1559
    from ethereum.forks.shanghai.utils.address import compute_contract_address

    key = keccak256(b"gaslab:owner")
    public = coincurve.PrivateKey(key).public_key.format(compressed=False)[1:]
    owner = Bytes20(keccak256(public)[12:])
    state = State()
    set_account(state, owner, Account(nonce=Uint(0), balance=U256(10**24), code=Bytes(b"")))
    fields = {f.name for f in dataclasses.fields(spec_vm.BlockEnvironment)}
    values = dict(chain_id=U64(1), state=state, block_gas_limit=Uint(2**60), block_hashes=[Bytes32(b"\0" * 32)],
                  coinbase=Bytes20(b"\x2a" * 20), number=Uint(1), base_fee_per_gas=Uint(0), time=U256(1000),
                  prev_randao=Bytes32(b"\0" * 32))
    block_env = spec_vm.BlockEnvironment(**{k: v for k, v in values.items() if k in fields})
    output = spec_vm.BlockOutput()
    model = compute_contract_address(owner, Uint(0))
    code = bytes.fromhex(bytecode_hex[2:]) + word(10_000_000) + word(1_000)
    xs, ys = [0, 20, 50, 10, 70, 90, 20, 30, 10], [70, 80, 40, 90, 20, 0, 40, 60, 90]
    calls = [(Bytes0(b""), code)]
    calls += [(model, selector("addData(int256,int256)") + word(x) + word(y)) for x, y in zip(xs, ys)]
    calls += [(model, selector("initParams(int256,int256)") + word(10) + word(2))]
    calls += [(model, selector("train()"))] * train_calls
    gas = []
    for nonce, (to, data) in enumerate(calls):
        def tx_with(y=U256(0), r=U256(0), s=U256(0)):
            return FeeMarketTransaction(chain_id=U64(1), nonce=U256(nonce), max_priority_fee_per_gas=Uint(0),
                                        max_fee_per_gas=Uint(0), gas=Uint(30_000_000), to=to, value=U256(0),
                                        data=Bytes(data), access_list=(), y_parity=y, r=r, s=s)
        sig = coincurve.PrivateKey(key).sign_recoverable(signing_hash_1559(tx_with()), hasher=None)
        tx = tx_with(U256(sig[64]), U256(int.from_bytes(sig[:32], "big")), U256(int.from_bytes(sig[32:64], "big")))
        before = int(output.block_gas_used)
        spec_fork.process_transaction(block_env, output, tx, Uint(nonce))
        gas.append(int(output.block_gas_used) - before)
    from ethereum.forks.shanghai.state import get_storage
    layout = json.load(open(os.path.join(CONTRACTS, "build", "LinearModel.json")))["LinearModel.vy"]["layout"]["storage_layout"]
    def signed(slot):
        v = int(get_storage(state, model, Bytes32(slot.to_bytes(32, "big"))))
        return v - (1 << 256) if v >= 1 << 255 else v
    return gas, [signed(layout["w0"]["slot"]), signed(layout["w1"]["slot"])]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gaslab", default=os.path.join(HERE, "..", ".build", "release", "gaslab"))
    args = ap.parse_args()
    try:
        import ethereum.forks.shanghai  # noqa: F401
        import coincurve  # noqa: F401
    except ImportError:
        print("SKIPPED: compiled_check needs ethereum-execution (pip install ethereum-execution)")
        return 0
    artifact = json.load(open(os.path.join(CONTRACTS, "build", "LinearModel.json")))
    entry = artifact["LinearModel.vy"]
    problems = []

    # The artifact is what vyper 0.4.3 makes of the source, when vyper is here to say so.
    if shutil.which("vyper"):
        out = subprocess.run(["vyper", "--evm-version", "shanghai", "-f", "bytecode", "LinearModel.vy"],
                             cwd=CONTRACTS, capture_output=True, text=True)
        version = subprocess.run(["vyper", "--version"], capture_output=True, text=True).stdout.strip()
        if out.returncode != 0:
            problems.append(f"vyper failed: {out.stderr.strip()[-200:]}")
        elif out.stdout.strip() != entry["bytecode"]:
            problems.append(f"Contracts/build/LinearModel.json is stale: vyper {version} compiles LinearModel.vy differently")
    else:
        print("compiled_check: vyper not installed (pip install vyper==0.4.3); the artifact's freshness is not checked")

    # GasLab: the whole workload of the vyper variant.
    run = subprocess.run([args.gaslab, "scenario", "run", os.path.join(CONTRACTS, "table1.scenario.json"), "--variant", "vyper", "--json"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(f"gaslab scenario run failed: {run.stderr.strip()}")
        return 1
    receipts = json.loads(run.stdout)[0]["receipts"]
    gaslab_gas = [r["gasUsed"] for r in receipts if not r["view"]]

    # The executable specification (Shanghai, as table1.scenario.json): the same transactions from the
    # same key, in one state. revm (pyrevm 0.3) cannot serve here: its message_call keeps warm
    # sets and original storage values from one call to the next.
    spec_gas, weights = run_spec(entry["bytecode"], TRAIN_CALLS)
    gaslab_gas = gaslab_gas[:len(spec_gas)]
    if len(spec_gas) != len(gaslab_gas):
        problems.append(f"{len(gaslab_gas)} transactions in GasLab, {len(spec_gas)} in the specification")
    for i, (g, r) in enumerate(zip(gaslab_gas, spec_gas)):
        if g != r:
            problems.append(f"transaction {i}: GasLab {g}, specification {r}")
            if len(problems) > 10:
                break
    if weights is not None and weights != gaslab_weights_after(receipts, TRAIN_CALLS):
        problems.append(f"weights after {TRAIN_CALLS} epochs: spec {weights}, GasLab {gaslab_weights_after(receipts, TRAIN_CALLS)}")
    for p in problems:
        print("MISMATCH " + p)
    print(f"compiled_check: Vyper LinearModel, the first {len(spec_gas)} transactions of the Table I workload "
          f"(deploy, 9 addData, initParams, {TRAIN_CALLS} train) in GasLab and the executable specification: "
          f"{'every gasUsed agrees' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
