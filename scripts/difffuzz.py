#!/usr/bin/env python3
"""Differential fuzzing: GasLab against the executable specification and revm.

Usage: python3 scripts/difffuzz.py [--count 300] [--seed 1] [--gaslab .build/release/gaslab]
                                   [--keep DIR] [--no-revm] [--no-shrink] [--quiet]

Each case is a structured random program (valid opcodes with the stack they need, jumps to
real JUMPDESTs, memory within and beyond bounds, storage and transient storage, logs,
KECCAK256, CALL/STATICCALL/DELEGATECALL to a helper and to the precompiles 0x01-0x09,
CREATE/CREATE2, RETURNDATACOPY in and out of bounds, environment opcodes, and an ending:
STOP, RETURN, REVERT, INVALID or SELFDESTRUCT). A driver contract calls it with a random gas
allowance (out-of-gas edges included) and stores, beside what the program stores itself, the
call's success, the output's size and hash and the gas left afterwards, so that status,
output and gas all land in the state. One Cancun transaction from a funded key calls the
driver.

Three engines run every case, each with a fresh state:
  - the executable specification (`pip install ethereum-execution`), in process; it gives the
    post-state root, the logs hash, gas used and the accounts;
  - revm (`pip install pyrevm`), a fresh EVM per transaction; its gas used, storage and logs
    are compared with the specification's (revm's message_call charges no fee, so sender and
    coinbase balances are left out of that comparison);
  - GasLab: the cases are written as filled state tests (the specification's root, logs hash
    and post state as the expectation) and checked by `gaslab statetest`, which compares the
    state root (nonces, balances, code, storage of every account) and the logs hash.

A mismatch prints the case (seed, index, the program disassembled) and, unless --no-shrink,
a minimal version found by deleting program pieces while the mismatch persists; --keep DIR
writes each mismatching case as a state-test JSON file (a regression test for
Tests/Fixtures/difffuzz/). Exit code 1 when anything disagreed, 2 when the engines could not
run.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

try:
    import coincurve
    from ethereum_rlp import rlp
    from ethereum_types.bytes import Bytes, Bytes0, Bytes20, Bytes32
    from ethereum_types.numeric import U64, U256, Uint
    from ethereum.crypto.hash import keccak256
    from ethereum.forks.cancun import fork as spec_fork
    from ethereum.forks.cancun import vm as spec_vm
    from ethereum.forks.cancun.fork_types import Account
    from ethereum.forks.cancun.state import (State, get_account_optional, get_storage, set_account,
                                             set_storage, state_root)
    from ethereum.forks.cancun.transactions import Access, FeeMarketTransaction, signing_hash_1559
except ImportError as e:  # pragma: no cover - reported to the caller
    print(f"SKIPPED: the executable specification is not installed ({e}); "
          "pip install ethereum-execution", file=sys.stderr)
    sys.exit(3)

try:
    from pyrevm import EVM, AccountInfo, BlockEnv, Env
except ImportError:
    EVM = None

SECRET = 0x45A915E4D060149EB4365960E6A7A45F334393093061116B197E3240065FF2D8
SENDER = "a94f5374fce5edbc8e2a8697c15331677e6ebf0b"
COINBASE = "2adc25665018aa1fe0e6bc666dac8fc2697ff9ba"
DRIVER = "00000000000000000000000000000000000000d0"
TARGET = "00000000000000000000000000000000000000c0"
HELPER = "00000000000000000000000000000000000000e0"
# Base fee 0: pyrevm's message_call runs with a zero base fee whatever the block says
# (BASEFEE reads 0 there), so the other engines use 0 too.
BASE_FEE, MAX_FEE, TIP = 0, 10, 2
BLOCK_GAS = 30_000_000
PREVRANDAO = bytes.fromhex("00" * 31 + "2a")

# ---------------------------------------------------------------------------------------
# Programs


def push(v):
    """The shortest PUSH of v (PUSH0 for zero)."""
    if v == 0:
        return bytes([0x5F])
    b = v.to_bytes((v.bit_length() + 7) // 8, "big")
    return bytes([0x5F + len(b)]) + b


INTERESTING = [0, 1, 2, 3, 7, 8, 31, 32, 33, 63, 64, 255, 256, 2**64 - 1, 2**64, 2**128, 2**255 - 1,
               2**255, 2**256 - 1, 2**256 - 2, 0x7F, 0x80, 0xFF7F]


class Gen:
    """Random program pieces. Each piece leaves the stack as it found it."""

    def __init__(self, rng):
        self.r = rng

    def word(self):
        r = self.r
        k = r.random()
        if k < 0.45:
            return r.choice(INTERESTING)
        if k < 0.7:
            return r.randrange(0, 1 << 16)
        return r.getrandbits(256)

    def slot(self):
        return self.r.randrange(0, 24)

    def offset(self):
        k = self.r.random()
        if k < 0.85:
            return self.r.randrange(0, 320)
        if k < 0.95:
            return self.r.randrange(0, 70_000)
        return self.r.choice([2**32 - 1, 2**32, 2**64 - 1, 2**64, 2**255, 2**256 - 1])

    def size(self):
        k = self.r.random()
        if k < 0.2:
            return 0
        if k < 0.9:
            return self.r.randrange(1, 130)
        return self.r.choice([1024, 40_000, 2**32, 2**64 - 1, 2**256 - 1])

    def store_top(self):
        return push(self.slot()) + bytes([0x55])  # SSTORE

    def piece(self, at, helper, nested=False):
        """Bytes of one piece placed at code offset `at` (no jumps inside a jump's body)."""
        r = self.r
        kind = r.choices(
            ["arith", "arith3", "unary", "mstore", "mload", "sstore", "sload", "tstore", "keccak", "log",
             "call", "create", "rdcopy", "jumpi", "env", "copy", "mcopy", "exp"],
            weights=[14, 4, 4, 6, 4, 8, 5, 3, 4, 3, 0 if helper else 9, 0 if helper else 3, 3, 0 if nested else 4, 7, 4, 2, 2])[0]
        if kind == "arith":
            op = r.choice([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x0B, 0x10, 0x11, 0x12, 0x13, 0x14,
                           0x16, 0x17, 0x18, 0x1A, 0x1B, 0x1C, 0x1D])
            return push(self.word()) + push(self.word()) + bytes([op]) + self.store_top()
        if kind == "arith3":
            return push(self.word()) + push(self.word()) + push(self.word()) + bytes([r.choice([0x08, 0x09])]) + self.store_top()
        if kind == "exp":
            return push(self.word()) + push(self.word()) + bytes([0x0A]) + self.store_top()
        if kind == "unary":
            return push(self.word()) + bytes([r.choice([0x15, 0x19])]) + self.store_top()
        if kind == "mstore":
            return push(self.word()) + push(self.offset()) + bytes([r.choice([0x52, 0x52, 0x53])])
        if kind == "mload":
            return push(self.offset()) + bytes([0x51]) + self.store_top()
        if kind == "sstore":
            v = r.choice([0, 0, 1, 2, self.word()])
            return push(v) + push(self.slot()) + bytes([0x55])
        if kind == "sload":
            return push(self.slot()) + bytes([0x54]) + self.store_top()
        if kind == "tstore":
            if r.random() < 0.5:
                return push(self.word()) + push(self.slot()) + bytes([0x5D])
            return push(self.slot()) + bytes([0x5C]) + self.store_top()
        if kind == "keccak":
            return push(self.size()) + push(self.offset()) + bytes([0x20]) + self.store_top()
        if kind == "log":
            n = r.randrange(0, 5)
            topics = b"".join(push(self.word()) for _ in range(n))
            return topics + push(self.size() if r.random() < 0.5 else r.randrange(0, 64)) + push(self.offset() if r.random() < 0.3 else r.randrange(0, 64)) + bytes([0xA0 + n])
        if kind == "call":
            op = r.choice([0xF1, 0xF1, 0xFA, 0xF4, 0xF2])
            dest = r.choice([int(HELPER, 16)] * 4 + list(range(1, 10)) + [0xDEAD])
            gas = r.choice([0, 100, 3000, 20_000, 100_000, 2**64, 2**256 - 1])
            code = push(r.randrange(0, 64)) + push(r.randrange(0, 64))  # retSize, retOffset
            code += push(r.choice([0, 32, 64, 96, 128, 192, 213, self.size()])) + push(r.randrange(0, 64))  # argsSize, argsOffset
            if op in (0xF1, 0xF2):
                code += push(r.choice([0, 0, 1, 5]))  # value
            code += push(dest) + push(gas) + bytes([op]) + self.store_top()
            if r.random() < 0.5:
                code += bytes([0x3D]) + self.store_top()  # RETURNDATASIZE
            return code
        if kind == "create":
            # initcode: return `n` bytes of memory as code (0xfe... when it starts with 0xef: invalid)
            runtime = bytes(r.getrandbits(8) for _ in range(r.randrange(0, 8)))
            init = push(int.from_bytes(runtime.ljust(32, b"\0"), "big")) + push(0) + bytes([0x52]) + push(len(runtime)) + push(0) + bytes([0xF3])
            if r.random() < 0.2:
                init = bytes([0x60, 0x00, 0x80, 0xFD])  # revert
            word = int.from_bytes(init.ljust(32, b"\0")[:32], "big")
            code = push(word) + push(0) + bytes([0x52])
            size = len(init) if len(init) <= 32 else 32
            if r.random() < 0.5:
                code += push(size) + push(0) + push(r.choice([0, 0, 1])) + bytes([0xF0])
            else:
                code += push(self.word()) + push(size) + push(0) + push(r.choice([0, 0, 1])) + bytes([0xF5])
            return code + self.store_top()
        if kind == "rdcopy":
            return push(r.choice([0, 1, 32, self.size()])) + push(r.choice([0, 1, 31, self.word()])) + push(r.randrange(0, 96)) + bytes([0x3E])
        if kind == "jumpi":
            inner = self.piece(0, True, nested=True) if r.random() < 0.8 else b""
            # PUSH cond, PUSH2 dest, JUMPI, inner, JUMPDEST
            cond = push(r.choice([0, 1, self.word()]))
            dest = at + len(cond) + 3 + 1 + len(inner)
            return cond + bytes([0x61]) + dest.to_bytes(2, "big") + bytes([0x57]) + inner + bytes([0x5B])
        if kind == "env":
            op = r.choice([0x30, 0x32, 0x33, 0x34, 0x36, 0x38, 0x3A, 0x3D, 0x41, 0x42, 0x43, 0x44, 0x45,
                           0x46, 0x47, 0x48, 0x4A, 0x58, 0x59, 0x5A])
            if r.random() < 0.25:
                # Not the sender: revm's message_call charges no fee, so its balance differs there.
                arg = r.choice([int(HELPER, 16), int(TARGET, 16), int(DRIVER, 16), 0xDEAD, 3, self.word()])
                return push(arg) + bytes([r.choice([0x31, 0x3B, 0x3F])]) + self.store_top()
            if r.random() < 0.1:
                op = r.choice([0x40, 0x49, 0x35])
                # BLOCKHASH of block 0 (the only earlier block) has no agreed value between the
                # engines' test harnesses (zero, or revm's keccak of "0"); ask for 1 and above.
                arg = max(self.word(), 1) if op == 0x40 else self.word()
                return push(arg) + bytes([op]) + self.store_top()
            return bytes([op]) + self.store_top()
        if kind == "copy":
            op = r.choice([0x37, 0x39, 0x3C])
            code = push(self.size() if r.random() < 0.3 else r.randrange(0, 80)) + push(r.choice([0, 4, 31, self.word()])) + push(self.offset() if r.random() < 0.2 else r.randrange(0, 128))
            if op == 0x3C:
                code += push(r.choice([int(HELPER, 16), int(TARGET, 16), 0xDEAD]))
            return code + bytes([op])
        if kind == "mcopy":
            return push(r.randrange(0, 100)) + push(r.randrange(0, 200)) + push(self.offset() if r.random() < 0.2 else r.randrange(0, 200)) + bytes([0x5E])
        raise AssertionError(kind)

    def ending(self):
        r = self.r
        k = r.choice(["stop", "return", "return", "revert", "invalid", "selfdestruct", "none"])
        if k == "stop":
            return bytes([0x00])
        if k == "return":
            return push(r.randrange(0, 80)) + push(r.randrange(0, 64)) + bytes([0xF3])
        if k == "revert":
            return push(r.randrange(0, 80)) + push(r.randrange(0, 64)) + bytes([0xFD])
        if k == "invalid":
            return bytes([0xFE])
        if k == "selfdestruct":
            return push(r.choice([int(HELPER, 16), 0xBEEF, int(TARGET, 16)])) + bytes([0xFF])
        return b""

    def program(self, n, helper=False):
        pieces = []
        at = 0
        for _ in range(n):
            p = self.piece(at, helper)
            pieces.append(p)
            at += len(p)
        return pieces, self.ending()


def assemble(pieces, ending):
    """Pieces with jump targets relative to their own start: re-place each at its offset."""
    out = b""
    for p in pieces:
        out += relocate(p, len(out))
    return out + ending


def relocate(piece, at):
    """A `jumpi` piece encodes its JUMPDEST as PUSH2 at a fixed position: shift it by `at`."""
    # The piece was generated at offset 0 or at its original offset; recompute its target.
    i = 0
    code = bytearray(piece)
    # Find "PUSH2 xx xx JUMPI" where the JUMPDEST is the piece's last byte.
    while i + 3 < len(code):
        op = code[i]
        if op == 0x61 and code[i + 3] == 0x57 and code[-1] == 0x5B:
            dest = at + len(code) - 1
            code[i + 1:i + 3] = dest.to_bytes(2, "big")
            break
        if 0x60 <= op <= 0x7F:
            i += op - 0x5F
        i += 1
    return bytes(code)


def driver_code(inner_gas):
    c = bytes([0x36, 0x5F, 0x5F, 0x37])  # CALLDATACOPY(0, 0, CALLDATASIZE)
    c += bytes([0x5F, 0x5F, 0x36, 0x5F, 0x34]) + push(int(TARGET, 16)) + push(inner_gas) + bytes([0xF1])
    c += push(0) + bytes([0x55])  # slot 0: success
    c += bytes([0x3D]) + push(1) + bytes([0x55])  # slot 1: output size
    c += bytes([0x3D, 0x5F, 0x5F, 0x3E])  # RETURNDATACOPY(0, 0, size)
    c += bytes([0x3D, 0x5F, 0x20]) + push(2) + bytes([0x55])  # slot 2: keccak(output)
    c += bytes([0x5A]) + push(3) + bytes([0x55, 0x00])  # slot 3: gas left
    return c


def make_case(seed, index):
    r = random.Random(seed * 1_000_003 + index)
    g = Gen(r)
    pieces, ending = g.program(r.randrange(1, 14))
    hpieces, hending = g.program(r.randrange(0, 5), helper=True)
    inner_gas = r.choice([r.randrange(0, 30_000), r.randrange(30_000, 400_000), 1_000_000])
    return {
        "seed": seed, "index": index,
        "pieces": [p.hex() for p in pieces], "ending": ending.hex(),
        "helper": assemble(hpieces, hending).hex(),
        "inner_gas": inner_gas,
        "data": bytes(r.getrandbits(8) for _ in range(r.choice([0, 4, 32, 68, 100]))).hex(),
        "value": r.choice([0, 0, 1, 1000]),
        "gas_limit": inner_gas + 150_000,
        # Pre-set storage in 40% of the cases (revm compares the others; see run_revm).
        "target_storage": ({str(k): r.choice([1, 2, g.word()]) for k in r.sample(range(24), r.randrange(1, 4))}
                           if r.random() < 0.4 else {}),
    }


def access_list(case):
    """The transaction's access list: empty. revm's message_call takes none, so a list would
    warm accounts in two engines and not in the third. (The fixtures cover EIP-2930.)"""
    return []


def access_list_cost(case):
    return sum(2400 + 1900 * len(keys) for _, keys in access_list(case))


def case_accounts(case):
    target = assemble([bytes.fromhex(p) for p in case["pieces"]], bytes.fromhex(case["ending"]))
    return {
        SENDER: {"balance": 10**21, "nonce": 0, "code": b"", "storage": {}},
        DRIVER: {"balance": 0, "nonce": 1, "code": driver_code(case["inner_gas"]), "storage": {}},
        TARGET: {"balance": 10**6, "nonce": 1, "code": target,
                 "storage": {int(k): v for k, v in case["target_storage"].items()}},
        HELPER: {"balance": 500, "nonce": 1, "code": bytes.fromhex(case["helper"]), "storage": {}},
    }


# ---------------------------------------------------------------------------------------
# Engines


def run_spec(case):
    accounts = case_accounts(case)
    state = State()
    for a, acc in accounts.items():
        addr = Bytes20(bytes.fromhex(a))
        set_account(state, addr, Account(nonce=Uint(acc["nonce"]), balance=U256(acc["balance"]), code=Bytes(acc["code"])))
        for k, v in acc["storage"].items():
            set_storage(state, addr, Bytes32(k.to_bytes(32, "big")), U256(v))
    spec_access = tuple(Access(account=Bytes20(bytes.fromhex(a)), slots=tuple(Bytes32(k.to_bytes(32, "big")) for k in keys))
                        for a, keys in access_list(case))
    tx = FeeMarketTransaction(
        chain_id=U64(1), nonce=U256(0), max_priority_fee_per_gas=Uint(TIP), max_fee_per_gas=Uint(MAX_FEE),
        gas=Uint(case["gas_limit"]), to=Bytes20(bytes.fromhex(DRIVER)), value=U256(case["value"]),
        data=Bytes(bytes.fromhex(case["data"])), access_list=spec_access, y_parity=U256(0), r=U256(0), s=U256(0))
    sig = coincurve.PrivateKey(SECRET.to_bytes(32, "big")).sign_recoverable(signing_hash_1559(tx), hasher=None)
    tx = FeeMarketTransaction(
        chain_id=tx.chain_id, nonce=tx.nonce, max_priority_fee_per_gas=tx.max_priority_fee_per_gas,
        max_fee_per_gas=tx.max_fee_per_gas, gas=tx.gas, to=tx.to, value=tx.value, data=tx.data,
        access_list=spec_access, y_parity=U256(sig[64]), r=U256(int.from_bytes(sig[:32], "big")),
        s=U256(int.from_bytes(sig[32:64], "big")))
    block_env = spec_vm.BlockEnvironment(
        chain_id=U64(1), state=state, block_gas_limit=Uint(BLOCK_GAS), block_hashes=[Bytes32(b"\0" * 32)],
        coinbase=Bytes20(bytes.fromhex(COINBASE)), number=Uint(1), base_fee_per_gas=Uint(BASE_FEE),
        time=U256(1000), prev_randao=Bytes32(PREVRANDAO), excess_blob_gas=U64(0),
        parent_beacon_block_root=Bytes32(b"\0" * 32))
    output = spec_vm.BlockOutput()
    spec_fork.process_transaction(block_env, output, tx, Uint(0))
    logs = output.block_logs
    post = {}
    for a in [SENDER, DRIVER, TARGET, HELPER, COINBASE] + [f"{i:040x}" for i in (0xBEEF, 0xDEAD, *range(1, 10))] + created_addresses(state):
        acc = get_account_optional(state, Bytes20(bytes.fromhex(a)))
        if acc is None:
            continue
        storage = {}
        for k in range(24):
            v = get_storage(state, Bytes20(bytes.fromhex(a)), Bytes32(k.to_bytes(32, "big")))
            if v:
                storage[k] = int(v)
        post[a] = {"nonce": int(acc.nonce), "balance": int(acc.balance), "code": bytes(acc.code), "storage": storage}
    return {
        "root": bytes(state_root(state)).hex(),
        "logs_hash": bytes(keccak256(rlp.encode(logs))).hex(),
        "gas_used": int(output.block_gas_used),
        "logs": [(bytes(l.address).hex(), [bytes(t).hex() for t in l.topics], bytes(l.data).hex()) for l in logs],
        "post": post,
    }


def created_addresses(state):
    """Accounts CREATE/CREATE2 made (any address in the main trie beyond the known ones)."""
    known = {SENDER, DRIVER, TARGET, HELPER, COINBASE} | {f"{i:040x}" for i in (0xBEEF, 0xDEAD, *range(1, 10))}
    out = []
    for key in state._main_trie._data.keys():
        h = bytes(key).hex()
        if h not in known:
            out.append(h)
    return sorted(out)


def run_revm(case, spec):
    """revm's disagreements with the specification, or None when the case cannot be compared:
    pyrevm's insert_account_storage loads the account (warm) and records the slots as written
    in the transaction (no original value), so a case with pre-set storage would be priced
    differently for reasons of the harness, not of revm."""
    if case["target_storage"]:
        return None
    accounts = case_accounts(case)
    evm = EVM(spec_id="CANCUN", gas_limit=BLOCK_GAS, env=Env(block=BlockEnv(
        number=1, coinbase="0x" + COINBASE, timestamp=1000, basefee=BASE_FEE, gas_limit=BLOCK_GAS,
        prevrandao=PREVRANDAO, excess_blob_gas=0)))
    # Balances go in with the account: set_balance afterwards loads the account into revm's
    # journal, after which inserted storage counts as written in this transaction.
    for a, acc in accounts.items():
        evm.insert_account_info("0x" + a, AccountInfo(balance=acc["balance"], nonce=acc["nonce"], code=acc["code"]))
        for k, v in acc["storage"].items():
            evm.insert_account_storage("0x" + a, k, v)
    # The access list's intrinsic cost, which message_call does not charge, comes off the gas
    # limit, so that the driver starts with the same gas as in the other engines.
    extra = access_list_cost(case)
    evm.message_call("0x" + SENDER, "0x" + DRIVER, calldata=bytes.fromhex(case["data"]), value=case["value"],
                     gas=case["gas_limit"] - extra, gas_price=BASE_FEE + TIP)
    res = evm.result
    problems = []
    if res.gas_used + extra != spec["gas_used"]:
        problems.append(f"gas used: revm {res.gas_used} + access list {extra}, spec {spec['gas_used']}")
    for a in [DRIVER, TARGET, HELPER]:
        want = spec["post"].get(a, {"storage": {}})["storage"]
        for k in range(24):
            got = evm.storage("0x" + a, k)
            if got != want.get(k, 0):
                problems.append(f"storage {a}[{k}]: revm {got:#x}, spec {want.get(k, 0):#x}")
        if a in (TARGET, HELPER) and a in spec["post"]:
            got = evm.get_balance("0x" + a)
            if got != spec["post"][a]["balance"]:
                problems.append(f"balance {a}: revm {got}, spec {spec['post'][a]['balance']}")
    revm_logs = [(l.address.lower().removeprefix("0x"), [t.lower().removeprefix("0x") for t in l.topics],
                  l.data[1].hex()) for l in (res.logs or [])]
    if [(a, [t.rjust(64, "0") for t in ts], d) for a, ts, d in revm_logs] != spec["logs"]:
        problems.append(f"logs: revm {len(revm_logs)}, spec {len(spec['logs'])}")
    return problems


def state_test(case, spec):
    """The case as a filled state test whose expectation is the specification's."""
    def hx(v):
        return hex(v)

    pre = {}
    for a, acc in case_accounts(case).items():
        pre["0x" + a] = {"nonce": hx(acc["nonce"]), "balance": hx(acc["balance"]), "code": "0x" + acc["code"].hex(),
                         "storage": {hx(k): hx(v) for k, v in acc["storage"].items()}}
    post_state = {"0x" + a: {"nonce": hx(acc["nonce"]), "balance": hx(acc["balance"]), "code": "0x" + acc["code"].hex(),
                             "storage": {hx(k): hx(v) for k, v in acc["storage"].items()}}
                  for a, acc in spec["post"].items()}
    return {
        "_info": {"comment": f"scripts/difffuzz.py --seed {case['seed']}, case {case['index']}",
                  "program": case},
        "env": {"currentCoinbase": "0x" + COINBASE, "currentGasLimit": hx(BLOCK_GAS), "currentNumber": "0x1",
                "currentTimestamp": hx(1000), "currentRandom": "0x" + PREVRANDAO.hex(), "currentDifficulty": "0x0",
                "currentBaseFee": hx(BASE_FEE), "currentExcessBlobGas": "0x0"},
        "pre": pre,
        "transaction": {"nonce": "0x0", "maxFeePerGas": hx(MAX_FEE), "maxPriorityFeePerGas": hx(TIP),
                        "gasLimit": [hx(case["gas_limit"])], "to": "0x" + DRIVER, "value": [hx(case["value"])],
                        "data": ["0x" + case["data"]],
                        "accessLists": [[{"address": "0x" + a, "storageKeys": ["0x" + k.to_bytes(32, "big").hex() for k in keys]}
                                         for a, keys in access_list(case)]],
                        "secretKey": hex(SECRET),
                        "sender": "0x" + SENDER},
        "post": {"Cancun": [{"hash": "0x" + spec["root"], "logs": "0x" + spec["logs_hash"],
                             "indexes": {"data": 0, "gas": 0, "value": 0}, "state": post_state}]},
    }


def run_gaslab(gaslab, named_tests):
    """{name: failure text or None} from one `gaslab statetest` run over all the tests."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "difffuzz.json")
        with open(path, "w") as f:
            json.dump(named_tests, f)
        p = subprocess.run([gaslab, "statetest", path, "--jobs", "1"], capture_output=True, text=True)
    failures = {}
    for line in (p.stdout + p.stderr).splitlines():
        for name in named_tests:
            if f"{name} " in line or line.endswith(name) or f"{name}[" in line or f"{name}:" in line:
                failures.setdefault(name, line.strip())
    if p.returncode not in (0, 1):
        raise RuntimeError(f"gaslab statetest exited {p.returncode}: {p.stderr[-500:]}")
    ran = re.search(r"statetests: (\d+) passed, (\d+) failed", p.stdout)
    if not ran or int(ran.group(1)) + int(ran.group(2)) != len(named_tests):
        raise RuntimeError(f"gaslab statetest did not run all {len(named_tests)} tests:\n{p.stdout[-2000:]}")
    if " 0 unreadable" not in p.stdout:
        raise RuntimeError(f"gaslab statetest could not read the generated tests:\n{p.stdout[-2000:]}")
    if p.returncode == 1 and not failures:
        raise RuntimeError(f"gaslab statetest failed without naming a test:\n{p.stdout[-2000:]}")
    return failures


def disassemble(code):
    out, i = [], 0
    names = {0x00: "STOP", 0x01: "ADD", 0x02: "MUL", 0x03: "SUB", 0x04: "DIV", 0x05: "SDIV", 0x06: "MOD",
             0x07: "SMOD", 0x08: "ADDMOD", 0x09: "MULMOD", 0x0A: "EXP", 0x0B: "SIGNEXTEND", 0x10: "LT",
             0x11: "GT", 0x12: "SLT", 0x13: "SGT", 0x14: "EQ", 0x15: "ISZERO", 0x16: "AND", 0x17: "OR",
             0x18: "XOR", 0x19: "NOT", 0x1A: "BYTE", 0x1B: "SHL", 0x1C: "SHR", 0x1D: "SAR", 0x20: "KECCAK256",
             0x30: "ADDRESS", 0x31: "BALANCE", 0x32: "ORIGIN", 0x33: "CALLER", 0x34: "CALLVALUE",
             0x35: "CALLDATALOAD", 0x36: "CALLDATASIZE", 0x37: "CALLDATACOPY", 0x38: "CODESIZE",
             0x39: "CODECOPY", 0x3A: "GASPRICE", 0x3B: "EXTCODESIZE", 0x3C: "EXTCODECOPY",
             0x3D: "RETURNDATASIZE", 0x3E: "RETURNDATACOPY", 0x3F: "EXTCODEHASH", 0x40: "BLOCKHASH",
             0x41: "COINBASE", 0x42: "TIMESTAMP", 0x43: "NUMBER", 0x44: "PREVRANDAO", 0x45: "GASLIMIT",
             0x46: "CHAINID", 0x47: "SELFBALANCE", 0x48: "BASEFEE", 0x49: "BLOBHASH", 0x4A: "BLOBBASEFEE",
             0x50: "POP", 0x51: "MLOAD", 0x52: "MSTORE", 0x53: "MSTORE8", 0x54: "SLOAD", 0x55: "SSTORE",
             0x56: "JUMP", 0x57: "JUMPI", 0x58: "PC", 0x59: "MSIZE", 0x5A: "GAS", 0x5B: "JUMPDEST",
             0x5C: "TLOAD", 0x5D: "TSTORE", 0x5E: "MCOPY", 0x5F: "PUSH0", 0xF0: "CREATE", 0xF1: "CALL",
             0xF2: "CALLCODE", 0xF3: "RETURN", 0xF4: "DELEGATECALL", 0xF5: "CREATE2", 0xFA: "STATICCALL",
             0xFD: "REVERT", 0xFE: "INVALID", 0xFF: "SELFDESTRUCT"}
    while i < len(code):
        op = code[i]
        if 0x60 <= op <= 0x7F:
            n = op - 0x5F
            out.append(f"PUSH{n} 0x{code[i + 1:i + 1 + n].hex()}")
            i += n + 1
            continue
        if 0xA0 <= op <= 0xA4:
            out.append(f"LOG{op - 0xA0}")
        else:
            out.append(names.get(op, f"0x{op:02x}"))
        i += 1
    return " ".join(out)


def check(case, gaslab, use_revm):
    """The problems of one case, each engine against the specification."""
    spec = run_spec(case)
    problems = []
    if use_revm:
        problems += [f"revm: {p}" for p in (run_revm(case, spec) or [])]
    name = f"fuzz_{case['seed']}_{case['index']}"
    failures = run_gaslab(gaslab, {name: state_test(case, spec)})
    if name in failures:
        problems.append(f"gaslab: {failures[name]}")
    return spec, problems


def shrink(case, gaslab, use_revm, which):
    """Delete pieces (and then the ending, the helper, the pre-set storage) while a problem
    from the same engine remains."""
    def still_fails(trial):
        try:
            _, probs = check(trial, gaslab, use_revm)
        except Exception:
            return False
        return any(p.startswith(which) for p in probs)

    best = dict(case)
    changed = True
    while changed:
        changed = False
        for i in range(len(best["pieces"])):
            trial = dict(best, pieces=best["pieces"][:i] + best["pieces"][i + 1:])
            if still_fails(trial):
                best, changed = trial, True
                break
    for field, empty in (("ending", ""), ("helper", ""), ("target_storage", {})):
        if best[field] != empty and still_fails(dict(best, **{field: empty})):
            best = dict(best, **{field: empty})
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gaslab", default=os.path.join(HERE, "../.build/release/gaslab"))
    ap.add_argument("--keep", help="write each mismatching case as a state-test JSON file here")
    ap.add_argument("--no-revm", action="store_true")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args()
    if not os.path.exists(a.gaslab):
        print(f"gaslab not built: {a.gaslab}", file=sys.stderr)
        return 2
    use_revm = not a.no_revm
    if use_revm and EVM is None:
        print("pyrevm not installed (pip install pyrevm): comparing GasLab with the specification only",
              file=sys.stderr)
        use_revm = False

    cases = [make_case(a.seed, i) for i in range(a.count)]
    specs = {}
    tests = {}
    revm_problems = {}
    revm_skipped = 0
    for n, case in enumerate(cases):
        name = f"fuzz_{case['seed']}_{case['index']}"
        try:
            spec = run_spec(case)
        except Exception as e:
            revm_problems[name] = [f"spec: raised {type(e).__name__}: {e}"]
            continue
        specs[name] = spec
        tests[name] = state_test(case, spec)
        if use_revm:
            got = run_revm(case, spec)
            if got is None:
                revm_skipped += 1
            revm_problems[name] = [f"revm: {p}" for p in (got or [])]
        if not a.quiet and (n + 1) % 50 == 0:
            print(f"  {n + 1}/{a.count} cases run in the specification{' and revm' if use_revm else ''}",
                  file=sys.stderr)
    gaslab_failures = run_gaslab(a.gaslab, tests)

    mismatches = 0
    statuses = {"ok": 0}
    for case in cases:
        name = f"fuzz_{case['seed']}_{case['index']}"
        problems = list(revm_problems.get(name, []))
        if name in gaslab_failures:
            problems.append(f"gaslab: {gaslab_failures[name]}")
        if not problems:
            statuses["ok"] += 1
            continue
        mismatches += 1
        print(f"MISMATCH {name} (--seed {case['seed']}, case {case['index']}):")
        for p in problems:
            print(f"  {p}")
        shown = case
        if not a.no_shrink:
            shown = shrink(case, a.gaslab, use_revm, problems[0].split(":")[0])
        code = assemble([bytes.fromhex(p) for p in shown["pieces"]], bytes.fromhex(shown["ending"]))
        print(f"  minimal program ({len(shown['pieces'])} of {len(case['pieces'])} pieces): {disassemble(code)}")
        print(f"  hex 0x{code.hex()}  inner gas {shown['inner_gas']}  value {shown['value']}  data 0x{shown['data']}")
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            spec = run_spec(shown)
            with open(os.path.join(a.keep, f"{name}.json"), "w") as f:
                json.dump({name: state_test(shown, spec)}, f, indent=1)
    engines = (f"the specification, GasLab and revm ({a.count - revm_skipped} of them; pre-set storage cannot be given to pyrevm faithfully)"
               if use_revm else "the specification and GasLab")
    print(f"difffuzz: {a.count} programs (seed {a.seed}) in {engines}: {statuses['ok']} agree, {mismatches} mismatch")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
