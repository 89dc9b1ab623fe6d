"""Bad input to `gaslab node`: each a JSON-RPC error in the spec's shape, the node still up,
its state unchanged."""
import json

from eth_account import Account

from conftest import ROOT

FIRST_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"


def state_of(node):
    w3 = node.w3
    return (w3.eth.block_number, [w3.eth.get_balance(a) for a in w3.eth.accounts[:3]],
            w3.eth.get_transaction_count(w3.eth.accounts[0]))


def test_protocol_errors(node):
    before = state_of(node)
    status, r = node.post("{not json")
    assert status == 200 and r["error"]["code"] == -32700 and r["id"] is None
    status, r = node.post('"just a string"')
    assert r["error"]["code"] == -32600
    status, r = node.post('{"jsonrpc":"2.0","id":1}')
    assert r["error"]["code"] == -32600 and r["id"] == 1
    status, r = node.post('{"jsonrpc":"1.0","id":1,"method":"eth_chainId"}')
    assert r["error"]["code"] == -32600
    r = node.rpc("eth_noSuchMethod")
    assert r["error"]["code"] == -32601 and "eth_noSuchMethod" in r["error"]["message"]
    r = node.rpc("eth_getBalance", ["0x1234"])
    assert r["error"]["code"] == -32602
    r = node.rpc("eth_getBalance", ["not hex", "latest"])
    assert r["error"]["code"] == -32602
    r = node.rpc("eth_getBalance", [node.w3.eth.accounts[0], "latest", "extra"])
    assert r["error"]["code"] == -32602
    status, r = node.post('{"jsonrpc":"2.0","id":2,"method":"eth_chainId","params":{"a":1}}')
    assert r["error"]["code"] == -32602
    # Deeply nested JSON is refused, not a crash.
    status, r = node.post("[" * 100000 + "]" * 100000)
    assert r["error"]["code"] in (-32700, -32600)
    assert state_of(node) == before


def test_batches_and_notifications(node):
    batch = [{"jsonrpc": "2.0", "id": i, "method": "eth_chainId"} for i in range(3)]
    batch.append({"jsonrpc": "2.0", "method": "eth_chainId"})  # a notification: no answer
    batch.append({"jsonrpc": "2.0", "id": 9, "method": "nope"})
    status, r = node.post(json.dumps(batch))
    assert [x["id"] for x in r] == [0, 1, 2, 9]
    assert r[0]["result"] == "0x7a69" and r[3]["error"]["code"] == -32601
    status, r = node.post("[]")
    assert r["error"]["code"] == -32600
    status, r = node.post(json.dumps([{"jsonrpc": "2.0", "id": i, "method": "eth_chainId"} for i in range(1001)]))
    assert r["error"]["code"] == -32600 and "batch too large" in r["error"]["message"]
    status, r = node.post('{"jsonrpc":"2.0","method":"eth_chainId"}')
    assert status == 200 and r is None


def test_oversize_body(node):
    before = state_of(node)
    big = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "eth_call",
                      "params": [{"data": "0x" + "00" * (3 * 1024 * 1024)}, "latest"]})
    status, r = node.post(big)
    assert status == 413 and r["error"]["code"] == -32600 and "too large" in r["error"]["message"]
    assert node.rpc("eth_chainId")["result"] == "0x7a69"
    assert state_of(node) == before


def test_transaction_errors_leave_the_state_alone(node):
    w3 = node.w3
    acct = Account.from_key(FIRST_KEY)
    to = w3.eth.accounts[1]
    w3.eth.wait_for_transaction_receipt(w3.eth.send_transaction({"from": acct.address, "to": to, "value": 1}))
    before = state_of(node)
    base = w3.eth.get_block("latest")["baseFeePerGas"]

    def send(**fields):
        tx = {"type": 2, "nonce": 1, "maxFeePerGas": 10**10, "maxPriorityFeePerGas": 10**9, "gas": 21000,
              "to": to, "value": 1, "chainId": 31337}
        tx.update(fields)
        raw = acct.sign_transaction(tx).raw_transaction
        return node.rpc("eth_sendRawTransaction", ["0x" + raw.hex()])

    r = send(nonce=0)
    assert r["error"]["code"] == -32000 and r["error"]["message"].startswith("nonce too low")
    r = send(nonce=5)
    assert r["error"]["message"].startswith("nonce too high")
    r = send(maxFeePerGas=1, maxPriorityFeePerGas=1)
    assert "less than block base fee" in r["error"]["message"]
    r = send(value=10**30)
    assert r["error"]["message"].startswith("insufficient funds")
    r = send(gas=20000)
    assert r["error"]["message"].startswith("intrinsic gas too low")
    r = send(chainId=1)
    assert "chain id" in r["error"]["message"]
    r = node.rpc("eth_sendRawTransaction", ["0x02c0"])
    assert r["error"]["code"] == -32000
    r = node.rpc("eth_sendTransaction", [{"from": "0x" + "12" * 20, "to": to}])
    assert "unknown account" in r["error"]["message"]
    # An under-funded account of the node's: fill nonce and fees, then refuse.
    poor = w3.eth.accounts[5]
    node.rpc("anvil_setBalance", [poor, "0x1"])
    r = node.rpc("eth_sendTransaction", [{"from": poor, "to": to, "value": "0x1", "gas": "0x5208"}])
    assert r["error"]["message"].startswith("insufficient funds")
    after = state_of(node)
    assert after == before
    assert base == w3.eth.get_block("latest")["baseFeePerGas"]
    # Still serving, and the right nonce goes through.
    assert send()["result"]


def test_binds_to_loopback_by_default(node):
    assert node.url.startswith("http://127.0.0.1:")
