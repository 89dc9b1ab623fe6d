"""`gaslab node` driven by web3.py and eth-account, as a user's scripts drive Anvil or Hardhat.

Every expected gas figure comes from `gaslab scenario run` (the in-process runner checked
against the execution specs), never from the node itself."""
import json
import subprocess

import pytest
from eth_account import Account
from web3 import Web3
from web3.exceptions import ContractLogicError

from conftest import ROOT, asm, gaslab_binary

MNEMONIC_FIRST = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
FIRST_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"


def abi_of(signatures):
    """A minimal ABI from signatures like "addData(int256,int256)" or "getParams()->(int256,int256)"."""
    out = []
    for sig in signatures:
        payable = sig.startswith("payable ")
        sig = sig.removeprefix("payable ")
        sig, _, returns = sig.partition("->")
        name, args = sig[:-1].split("(", 1)
        outs = returns.strip("()").split(",") if returns.strip("()") else []
        out.append({"type": "function", "name": name, "stateMutability": "view" if outs else ("payable" if payable else "nonpayable"),
                    "inputs": [{"name": "a%d" % i, "type": t} for i, t in enumerate(filter(None, args.split(",")))],
                    "outputs": [{"name": "", "type": t} for t in outs]})
    return out


def scenario(fork):
    out = subprocess.run([gaslab_binary(), "scenario", "run", "Contracts/table1.scenario.json", "--variant", "faithful",
                          "--fork", fork, "--json"], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)[0]


@pytest.mark.parametrize("fork", ["shanghai", "osaka"])
def test_table1_workload_matches_the_scenario_runner(node_factory, fork):
    """The paper's workload through web3.py: every receipt's gasUsed equals what `gaslab
    scenario run` reports under the same fork, and so do the weights read every 200 epochs."""
    expected = scenario(fork)
    receipts = [r for r in expected["receipts"] if not r["view"]]
    views = [r["returns"] for r in expected["receipts"] if r["view"]]
    node = node_factory("--fork", fork)
    w3 = node.w3
    owner = w3.eth.accounts[0]
    assert owner == MNEMONIC_FIRST

    abi = abi_of(["addData(int256,int256)", "initParams(int256,int256)", "train()", "getParams()->(int256,int256)"])
    initcode = asm("Contracts/LinearModel.easm", fork)
    factory = w3.eth.contract(abi=abi + [{"type": "constructor", "inputs": [
        {"name": "d", "type": "int256"}, {"name": "a", "type": "int256"}], "stateMutability": "nonpayable"}],
        bytecode=initcode)
    tx = factory.constructor(10_000_000, 1000).transact({"from": owner})
    deployed = w3.eth.wait_for_transaction_receipt(tx)
    got = [deployed["gasUsed"]]
    model = w3.eth.contract(address=deployed["contractAddress"], abi=abi)

    steps = json.load(open(ROOT + "/Contracts/table1.scenario.json"))["steps"]
    seen_views = []
    for step in steps:
        if "faithful" not in step.get("only", ["faithful"]):
            continue
        if "view" in step:
            seen_views.append([str(v) for v in model.functions.getParams().call()])
            continue
        name = step["call"].split("(")[0]
        args = [int(a) for a in step.get("args", [])]
        for _ in range(step.get("repeat", 1)):
            h = getattr(model.functions, name)(*args).transact({"from": owner, "gas": 1_000_000})
            got.append(w3.eth.wait_for_transaction_receipt(h)["gasUsed"])
    assert len(got) == len(receipts) == 2011
    assert got == [r["gasUsed"] for r in receipts]
    assert seen_views == views
    assert views[-1] == ["709424000", "-7180000"]  # the weights after 2,000 epochs, as Table I's run ends
    assert w3.eth.block_number == 2011  # automine: one block per transaction


def test_revert_reason_reaches_web3(node):
    """A revert is error 3 with its data: web3.py raises ContractLogicError with the reason."""
    w3 = node.w3
    owner = w3.eth.accounts[0]
    abi = abi_of(["commit(uint256,bytes32)", "openRound(uint256,uint256)"])
    factory = w3.eth.contract(abi=abi + [{"type": "constructor", "inputs": [{"name": "m", "type": "bool"}],
                                          "stateMutability": "nonpayable"}], bytecode=asm("Contracts/TrainingRound.easm"))
    address = w3.eth.wait_for_transaction_receipt(factory.constructor(False).transact({"from": owner}))["contractAddress"]
    round_ = w3.eth.contract(address=address, abi=abi)
    with pytest.raises(ContractLogicError) as info:
        round_.functions.commit(7, b"\x11" * 32).call({"from": owner})
    assert "execution reverted" in str(info.value)
    assert info.value.data and info.value.data.startswith("0x08c379a0")  # Error(string)
    # The reason, decoded here from the revert data independently of the node and of web3.
    payload = bytes.fromhex(info.value.data[10:])
    offset = int.from_bytes(payload[:32], "big")
    length = int.from_bytes(payload[offset:offset + 32], "big")
    decoded = payload[offset + 32:offset + 32 + length].decode()
    assert decoded and decoded in str(info.value)
    reason = info.value.message
    raw = node.rpc("eth_call", [{"from": owner, "to": address,
                                 "data": round_.encode_abi("commit", args=[7, b"\x11" * 32])}, "latest"])
    assert raw["error"]["code"] == 3
    assert raw["error"]["data"] == info.value.data
    assert raw["error"]["message"] == reason
    # eth_estimateGas of a reverting call reverts the same way.
    with pytest.raises(ContractLogicError):
        round_.functions.commit(7, b"\x11" * 32).estimate_gas({"from": owner})


def test_estimate_gas_is_the_smallest_limit(node):
    """eth_estimateGas returns a limit with which the transaction succeeds, and with one gas
    less it fails (geth's bisection, to the unit)."""
    w3 = node.w3
    owner = w3.eth.accounts[0]
    abi = abi_of(["addData(int256,int256)", "initParams(int256,int256)", "train()"])
    factory = w3.eth.contract(abi=abi + [{"type": "constructor", "inputs": [
        {"name": "d", "type": "int256"}, {"name": "a", "type": "int256"}], "stateMutability": "nonpayable"}],
        bytecode=asm("Contracts/LinearModel.easm"))
    address = w3.eth.wait_for_transaction_receipt(factory.constructor(10_000_000, 1000).transact({"from": owner}))["contractAddress"]
    model = w3.eth.contract(address=address, abi=abi)
    for x, y in [(0, 70), (20, 80), (50, 40)]:
        w3.eth.wait_for_transaction_receipt(model.functions.addData(x, y).transact({"from": owner}))
    w3.eth.wait_for_transaction_receipt(model.functions.initParams(10, 2).transact({"from": owner}))

    for fn in [model.functions.train(), model.functions.addData(5, 6)]:
        estimate = fn.estimate_gas({"from": owner})
        snap = node.rpc("evm_snapshot")["result"]
        fail = w3.eth.wait_for_transaction_receipt(fn.transact({"from": owner, "gas": estimate - 1}))
        assert fail["status"] == 0
        assert node.rpc("evm_revert", [snap])["result"] is True
        ok = w3.eth.wait_for_transaction_receipt(fn.transact({"from": owner, "gas": estimate}))
        assert ok["status"] == 1
        # SSTORE's refunds and the 2,300 stipend check make the limit exceed the gas used.
        assert estimate >= ok["gasUsed"]
    # A plain transfer needs exactly 21,000.
    assert w3.eth.estimate_gas({"from": owner, "to": w3.eth.accounts[1], "value": 1}) == 21000


def test_events_through_get_logs_and_filters(node):
    w3 = node.w3
    owner = w3.eth.accounts[0]
    abi = abi_of(["payable openRound(uint256,uint256)"])
    factory = w3.eth.contract(abi=abi + [{"type": "constructor", "inputs": [{"name": "m", "type": "bool"}],
                                          "stateMutability": "nonpayable"}], bytecode=asm("Contracts/TrainingRound.easm"))
    address = w3.eth.wait_for_transaction_receipt(factory.constructor(False).transact({"from": owner}))["contractAddress"]
    round_ = w3.eth.contract(address=address, abi=abi)
    flt = node.rpc("eth_newFilter", [{"address": address}])["result"]
    receipts = []
    for r in (1, 2):
        h = round_.functions.openRound(r, 10**18).transact({"from": owner, "value": 10**18})
        receipts.append(w3.eth.wait_for_transaction_receipt(h))
    logs = w3.eth.get_logs({"address": address, "fromBlock": 0, "toBlock": "latest"})
    assert len(logs) == 2
    assert [l["transactionHash"] for l in logs] == [r["transactionHash"] for r in receipts]
    assert logs[0]["topics"] == receipts[0]["logs"][0]["topics"]
    # By topic: the second round's log only (its round number is an indexed topic).
    topic0 = logs[0]["topics"][0].to_0x_hex()
    by_topic = w3.eth.get_logs({"fromBlock": 0, "topics": [topic0, None]})
    assert len(by_topic) == 2
    changes = node.rpc("eth_getFilterChanges", [flt])["result"]
    assert len(changes) == 2 and node.rpc("eth_getFilterChanges", [flt])["result"] == []
    bloom = w3.eth.get_block(receipts[0]["blockNumber"])["logsBloom"]
    assert bloom != b"\x00" * 256


def test_snapshot_and_revert_restore_state(node):
    w3 = node.w3
    a, b = w3.eth.accounts[0], w3.eth.accounts[1]
    before = (w3.eth.block_number, w3.eth.get_balance(a), w3.eth.get_balance(b), w3.eth.get_transaction_count(a))
    snap = node.rpc("evm_snapshot")["result"]
    h = w3.eth.send_transaction({"from": a, "to": b, "value": 123})
    w3.eth.wait_for_transaction_receipt(h)
    node.rpc("anvil_setBalance", [b, hex(5)])
    assert w3.eth.get_balance(b) == 5
    assert node.rpc("evm_revert", [snap])["result"] is True
    assert (w3.eth.block_number, w3.eth.get_balance(a), w3.eth.get_balance(b), w3.eth.get_transaction_count(a)) == before
    assert node.rpc("eth_getTransactionReceipt", [h.to_0x_hex()])["result"] is None
    # A used snapshot is gone; a new one works again.
    assert node.rpc("evm_revert", [snap])["result"] is False
    w3.eth.wait_for_transaction_receipt(w3.eth.send_transaction({"from": a, "to": b, "value": 1}))
    assert w3.eth.block_number == before[0] + 1


def test_signed_transactions_of_types_0_2_and_4(node):
    """eth-account's signatures: legacy EIP-155 (type 0), EIP-1559 (type 2) and an EIP-7702
    set-code transaction (type 4) with a signed authorization."""
    w3 = node.w3
    acct = Account.from_key(FIRST_KEY)
    to = w3.eth.accounts[1]
    chain_id = w3.eth.chain_id
    nonce = w3.eth.get_transaction_count(acct.address)
    legacy = acct.sign_transaction({"nonce": nonce, "gasPrice": w3.eth.gas_price, "gas": 21000, "to": to, "value": 1,
                                    "chainId": chain_id})
    r0 = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(legacy.raw_transaction))
    assert r0["status"] == 1 and r0["type"] == 0 and r0["gasUsed"] == 21000
    dynamic = acct.sign_transaction({"type": 2, "nonce": nonce + 1, "maxFeePerGas": 10**10, "maxPriorityFeePerGas": 10**9,
                                     "gas": 21000, "to": to, "value": 2, "chainId": chain_id})
    r2 = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(dynamic.raw_transaction))
    assert r2["status"] == 1 and r2["type"] == 2
    base = w3.eth.get_block(r2["blockNumber"])["baseFeePerGas"]
    assert r2["effectiveGasPrice"] == base + 10**9

    # EIP-7702: account 2 delegates to a contract whose code is STOP (initcode: copy one
    # byte of code to memory and return it).
    delegate = w3.eth.wait_for_transaction_receipt(w3.eth.send_transaction(
        {"from": w3.eth.accounts[0], "data": "0x6001600c60003960016000f300"}))["contractAddress"]
    authority = Account.from_key("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a")  # account 2
    auth = authority.sign_authorization({"chainId": chain_id, "address": delegate,
                                         "nonce": w3.eth.get_transaction_count(authority.address)})
    nonce = w3.eth.get_transaction_count(acct.address)
    setcode = acct.sign_transaction({"type": 4, "nonce": nonce, "maxFeePerGas": 10**10, "maxPriorityFeePerGas": 10**9,
                                     "gas": 100000, "to": authority.address, "value": 0, "data": "0x",
                                     "chainId": chain_id, "authorizationList": [auth]})
    r4 = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(setcode.raw_transaction))
    assert r4["status"] == 1 and r4["type"] == 4
    assert w3.eth.get_code(authority.address) == bytes.fromhex("ef0100") + bytes.fromhex(delegate[2:])
    tx = w3.eth.get_transaction(r4["transactionHash"])
    assert len(tx["authorizationList"]) == 1


def test_block_and_fee_methods(node):
    w3 = node.w3
    a, b = w3.eth.accounts[0], w3.eth.accounts[1]
    for _ in range(3):
        w3.eth.wait_for_transaction_receipt(w3.eth.send_transaction({"from": a, "to": b, "value": 1}))
    latest = w3.eth.get_block("latest", full_transactions=True)
    assert latest["number"] == 3 and len(latest["transactions"]) == 1
    assert latest["transactions"][0]["from"] == a
    assert w3.eth.get_block(latest["hash"])["number"] == 3
    parent = w3.eth.get_block(2)
    assert latest["parentHash"] == parent["hash"]
    # EIP-1559: blocks of one 21,000-gas transaction under a 15M target: the fee falls by
    # (15M − 21,000)/15M/8 each block (integer arithmetic).
    target = parent["gasLimit"] // 2
    expected = parent["baseFeePerGas"] - parent["baseFeePerGas"] * (target - parent["gasUsed"]) // target // 8
    assert latest["baseFeePerGas"] == expected
    history = w3.eth.fee_history(3, "latest", [25, 75])
    assert history["oldestBlock"] == 1 and len(history["baseFeePerGas"]) == 4 and len(history["reward"]) == 3
    assert history["reward"][0] == [10**9, 10**9]  # every tip was the default 1 gwei
    assert w3.eth.max_priority_fee == 10**9
    assert node.rpc("eth_blobBaseFee")["result"] == "0x1"
    assert w3.eth.get_transaction_count(a, "pending") == 3
    assert node.rpc("net_version")["result"] == "31337"
    assert w3.is_connected()


def test_traces_profile_and_cost(node):
    w3 = node.w3
    owner = w3.eth.accounts[0]
    abi = abi_of(["addData(int256,int256)"])
    factory = w3.eth.contract(abi=abi + [{"type": "constructor", "inputs": [
        {"name": "d", "type": "int256"}, {"name": "a", "type": "int256"}], "stateMutability": "nonpayable"}],
        bytecode=asm("Contracts/LinearModel.easm"))
    address = w3.eth.wait_for_transaction_receipt(factory.constructor(10_000_000, 1000).transact({"from": owner}))["contractAddress"]
    model = w3.eth.contract(address=address, abi=abi)
    receipt = w3.eth.wait_for_transaction_receipt(model.functions.addData(3, 4).transact({"from": owner}))
    h = receipt["transactionHash"].to_0x_hex()

    trace = node.rpc("debug_traceTransaction", [h])["result"]
    assert trace["gas"] == receipt["gasUsed"] and trace["failed"] is False
    logs = trace["structLogs"]
    assert logs[0]["pc"] == 0 and logs[0]["depth"] == 1
    assert [l["op"] for l in logs].count("SSTORE") >= 3
    # Gas left falls by each step's cost within the frame.
    for x, y in zip(logs, logs[1:]):
        assert y["gas"] == x["gas"] - x["gasCost"]
    sstore = next(l for l in logs if l["op"] == "SSTORE")
    assert sstore["storage"]  # the slots written so far

    calls = node.rpc("debug_traceTransaction", [h, {"tracer": "callTracer"}])["result"]
    assert calls["type"] == "CALL" and calls["gasUsed"] == hex(receipt["gasUsed"])
    assert calls["to"].lower() == address.lower()

    profile = node.rpc("gaslab_profileTransaction", [h])["result"]
    assert profile["gasUsed"] == receipt["gasUsed"] == profile["total"]
    assert sum(c["gas"] for c in profile["categories"]) == receipt["gasUsed"]
    assert any(o["opcode"].startswith("SSTORE") for o in profile["opcodes"])

    cost = node.rpc("gaslab_costTransaction", [h, ["l1", "base", "arbitrum"]])["result"]
    assert [c["chain"] for c in cost["chains"]] == ["l1", "base", "arbitrum"]
    raw = node.rpc("eth_getTransactionByHash", [h])["result"]
    assert cost["gasUsed"] == receipt["gasUsed"]
    # The same bytes priced by `gaslab fee` (the CLI) give the same wei.
    signed = node.rpc("debug_getRawTransaction", [h])["result"]
    out = subprocess.run([gaslab_binary(), "fee", signed, "--gas-used", str(receipt["gasUsed"]),
                          "--preset", "current", "--chain", "l1,base,arbitrum", "--json"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    fee = json.loads(out.stdout)
    assert [c["totalWei"] for c in fee["chains"]] == [c["totalWei"] for c in cost["chains"]]
    assert raw["hash"] == h

    traced_call = node.rpc("debug_traceCall", [{"from": owner, "to": address, "data": model.encode_abi("addData", args=[5, 6])},
                                               "latest", {"tracer": "callTracer"}])["result"]
    assert traced_call["type"] == "CALL" and "error" not in traced_call


def test_interval_mining_and_pending_state(node_factory):
    """--block-time: transactions wait in the pool (pending nonce, pending lookups) and are
    mined together in the next block."""
    node = node_factory("--block-time", "1")
    w3 = node.w3
    a, b = w3.eth.accounts[0], w3.eth.accounts[1]
    start = w3.eth.block_number
    hashes = [w3.eth.send_transaction({"from": a, "to": b, "value": i + 1}) for i in range(3)]
    assert w3.eth.get_transaction_count(a, "pending") == 3
    pending = node.rpc("eth_getTransactionByHash", [hashes[0].to_0x_hex()])["result"]
    assert pending is not None and pending["hash"] == hashes[0].to_0x_hex()
    receipts = [w3.eth.wait_for_transaction_receipt(h, timeout=10) for h in hashes]
    blocks = {r["blockNumber"] for r in receipts}
    assert len(blocks) == 1 and min(blocks) > start
    assert [r["transactionIndex"] for r in receipts] == [0, 1, 2]
    assert [r["cumulativeGasUsed"] for r in receipts] == [21000, 42000, 63000]
    assert w3.eth.get_transaction_count(a) == 3


def test_impersonation(node):
    """anvil_impersonateAccount: eth_sendTransaction from an address without a key."""
    w3 = node.w3
    someone = "0x" + "ab" * 20
    assert node.rpc("eth_sendTransaction", [{"from": someone, "to": w3.eth.accounts[0]}])["error"]
    node.rpc("anvil_setBalance", [someone, hex(10**18)])
    node.rpc("anvil_impersonateAccount", [someone])
    h = node.rpc("eth_sendTransaction", [{"from": someone, "to": w3.eth.accounts[0], "value": "0x1"}])["result"]
    r = w3.eth.get_transaction_receipt(h)
    assert r["status"] == 1 and r["from"].lower() == someone
    node.rpc("anvil_stopImpersonatingAccount", [someone])
    assert "error" in node.rpc("eth_sendTransaction", [{"from": someone, "to": w3.eth.accounts[0]}])
