"""`--state FILE` and `--gas-report FILE`: written at SIGTERM or Ctrl-C, atomically."""
import json
import os
import signal

from conftest import asm


def test_state_survives_a_restart(node_factory, tmp_path):
    path = str(tmp_path / "chain.json")
    first = node_factory("--state", path)
    w3 = first.w3
    a, b = w3.eth.accounts[0], w3.eth.accounts[1]
    w3.eth.wait_for_transaction_receipt(w3.eth.send_transaction({"from": a, "to": b, "value": 12345}))
    deployed = w3.eth.wait_for_transaction_receipt(w3.eth.send_transaction(
        {"from": a, "data": asm("Contracts/LinearModel.easm") + "%064x%064x" % (10_000_000, 1000)}))
    address = deployed["contractAddress"]
    balances = [w3.eth.get_balance(x) for x in (a, b)]
    code = w3.eth.get_code(address)
    slot4 = w3.eth.get_storage_at(address, 4)
    out, err, code_ = first.stop(signal.SIGINT)
    assert code_ == 0, err
    assert "State saved" in out
    saved = json.load(open(path))
    assert saved["version"] == 1
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]

    second = node_factory("--state", path)
    w3 = second.w3
    assert [w3.eth.get_balance(x) for x in (a, b)] == balances
    assert w3.eth.get_code(address) == code
    assert w3.eth.get_storage_at(address, 4) == slot4 == (10_000_000).to_bytes(32, "big")
    assert w3.eth.get_transaction_count(a) == 2
    r = w3.eth.wait_for_transaction_receipt(w3.eth.send_transaction({"from": a, "to": b, "value": 1}))
    assert r["status"] == 1


def test_gas_report_at_exit(node_factory, tmp_path):
    md = str(tmp_path / "gas.md")
    node = node_factory("--gas-report", md, "--fork", "shanghai")
    w3 = node.w3
    owner = w3.eth.accounts[0]
    deployed = w3.eth.wait_for_transaction_receipt(w3.eth.send_transaction(
        {"from": owner, "data": asm("Contracts/LinearModel.easm", "shanghai") + "%064x%064x" % (10_000_000, 1000)}))
    model = deployed["contractAddress"]
    add = "0x%08x" % int.from_bytes(w3.keccak(text="addData(int256,int256)")[:4], "big")
    gas = []
    for x, y in [(0, 70), (20, 80), (50, 40)]:
        r = w3.eth.wait_for_transaction_receipt(w3.eth.send_transaction(
            {"from": owner, "to": model, "data": add + "%064x%064x" % (x, y)}))
        gas.append(r["gasUsed"])
    out, err, code = node.stop(signal.SIGTERM)
    assert code == 0, err
    assert "LinearModel" in out and "addData(int256,int256)" in out and "(deployment)" in out
    line = next(l for l in out.splitlines() if "addData(int256,int256)" in l)
    cells = [c.strip() for c in line.split("  ") if c.strip()]
    assert cells[2:6] == ["3", f"{min(gas):,}", f"{max(gas):,}", f"{sum(gas) // 3:,}"]
    assert "| LinearModel | addData(int256,int256) |" in open(md).read().replace("  ", " ")

    js = str(tmp_path / "gas.json")
    node = node_factory("--gas-report", js)
    w3 = node.w3
    w3.eth.wait_for_transaction_receipt(w3.eth.send_transaction(
        {"from": owner, "data": asm("Contracts/LinearModel.easm") + "%064x%064x" % (10_000_000, 1000)}))
    node.stop()
    report = json.load(open(js))
    assert report["methods"][0]["method"] == "(deployment)" and report["methods"][0]["calls"] == 1
    assert set(report["methods"][0]["meanCost"]) == {"l1", "base", "op", "arbitrum"}
