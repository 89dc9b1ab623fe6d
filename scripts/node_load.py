#!/usr/bin/env python3
"""Load on `gaslab node`: concurrent clients send signed train() transactions of the paper's
model (automine: one block each), then concurrent eth_call reads of getParams().

Each client is a process with its own development account and one keep-alive HTTP connection,
sending one request at a time (a wallet's or a script's pattern). Transactions are signed
before the clock starts (eth-account), so the figures measure the node, plus Python's HTTP
client on the same two cores. Afterwards every transaction is checked: mined exactly once, in
a block of its own, nonces in block order per sender, none lost.

    python3 scripts/node_load.py [--clients 4] [--transactions 1000] [--calls 5000] [--json]
"""
import argparse
import http.client
import json
import multiprocessing as mp
import os
import re
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
MNEMONIC = "test test test test test test test test test test test junk"
TRAIN = None  # set in main(): keccak("train()")[:4]
GET_PARAMS = None


def selector(sig):
    from eth_utils import keccak
    return "0x" + keccak(text=sig)[:4].hex()


class RPC:
    def __init__(self, host, port):
        self.conn = http.client.HTTPConnection(host, port, timeout=120)
        self.id = 0

    def call(self, method, params):
        self.id += 1
        body = json.dumps({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        self.conn.request("POST", "/", body, {"Content-Type": "application/json"})
        r = json.loads(self.conn.getresponse().read())
        if "error" in r:
            raise RuntimeError("%s: %s" % (method, r["error"]))
        return r["result"]


def key(i):
    from eth_account import Account
    Account.enable_unaudited_hdwallet_features()
    return Account.from_mnemonic(MNEMONIC, account_path="m/44'/60'/0'/0/%d" % i)


def sign_all(index, count, chain_id, model, gas, train):
    """A client's train() transactions, nonces 0..count-1, signed with eth-account."""
    c = key(index)
    return [c.sign_transaction({"type": 2, "chainId": chain_id, "nonce": n, "to": model, "data": train, "gas": gas,
                                "maxFeePerGas": 10**11, "maxPriorityFeePerGas": 10**9, "value": 0}).raw_transaction.to_0x_hex()
            for n in range(count)]


def sender(args):
    """One client: signs its transactions (before the clock starts), then sends them one by
    one; returns (hashes, seconds)."""
    host, port, sign_args, barrier = args
    raws = sign_all(*sign_args)
    rpc = RPC(host, port)
    rpc.call("eth_chainId", [])
    barrier.wait()
    t0 = time.perf_counter()
    hashes = [rpc.call("eth_sendRawTransaction", [raw]) for raw in raws]
    return hashes, time.perf_counter() - t0


def caller(args):
    host, port, to, data, count, barrier = args
    rpc = RPC(host, port)
    rpc.call("eth_chainId", [])
    barrier.wait()
    t0 = time.perf_counter()
    first = None
    for _ in range(count):
        out = rpc.call("eth_call", [{"to": to, "data": data}, "latest"])
        first = first or out
    return first, time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gaslab", default=os.path.join(ROOT, ".build", "release", "gaslab"))
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--transactions", type=int, default=1000, help="per client")
    ap.add_argument("--calls", type=int, default=5000, help="eth_call per client")
    ap.add_argument("--fork", default="osaka")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    try:
        from eth_account import Account  # noqa: F401
    except ImportError:
        sys.exit("node_load.py needs eth-account (pip install web3 eth-account)")
    if not os.path.exists(a.gaslab):
        sys.exit("no gaslab binary at %s: swift build -c release --product gaslab" % a.gaslab)

    global TRAIN
    TRAIN = selector("train()")
    node = subprocess.Popen([a.gaslab, "node", "--port", "0", "--quiet", "--fork", a.fork, "--accounts", str(a.clients + 1)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        m = re.search(r"http://([\d.]+):(\d+)", node.stdout.readline())
        host, port = m.group(1), int(m.group(2))
        rpc = RPC(host, port)
        owner = key(0)
        initcode = subprocess.run([a.gaslab, "asm", "Contracts/LinearModel.easm", "--initcode", "--fork", a.fork],
                                  cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        h = rpc.call("eth_sendTransaction", [{"from": owner.address, "data": "0x" + initcode + "%064x%064x" % (10_000_000, 1000)}])
        from eth_utils import to_checksum_address
        model = to_checksum_address(rpc.call("eth_getTransactionReceipt", [h])["contractAddress"])
        add = selector("addData(int256,int256)")
        for x, y in [(0, 70), (20, 80), (50, 40), (10, 90), (70, 20), (90, 0), (20, 40), (30, 60), (10, 90)]:
            rpc.call("eth_sendTransaction", [{"from": owner.address, "to": model, "data": add + "%064x%064x" % (x, y)}])
        rpc.call("eth_sendTransaction", [{"from": owner.address, "to": model, "data": selector("initParams(int256,int256)") + "%064x%064x" % (10, 2)}])
        setup_blocks = int(rpc.call("eth_blockNumber", []), 16)
        gas = int(rpc.call("eth_estimateGas", [{"from": owner.address, "to": model, "data": TRAIN}]), 16)

        # Pre-signed train() transactions, nonces 0..n-1 per client.
        chain_id = int(rpc.call("eth_chainId", []), 16)
        clients = [key(i + 1) for i in range(a.clients)]
        with mp.Pool(a.clients) as pool:
            barrier = mp.Manager().Barrier(a.clients)
            results = pool.map(sender, [(host, port, (i + 1, a.transactions, chain_id, model, gas * 2, TRAIN), barrier)
                                        for i in range(a.clients)])
        total = a.clients * a.transactions
        tx_rate = total / max(r[1] for r in results)

        # Every transaction mined exactly once, in its own block, nonces in block order.
        head = int(rpc.call("eth_blockNumber", []), 16)
        assert head == setup_blocks + total, (head, setup_blocks, total)
        seen = set()
        for c, (hashes, _) in zip(clients, results):
            assert len(set(hashes)) == len(hashes) == a.transactions
            last_block = 0
            for n, h in enumerate(hashes):
                r = rpc.call("eth_getTransactionReceipt", [h])
                assert r and r["status"] == "0x1", (h, r)
                b = int(r["blockNumber"], 16)
                assert b > last_block, "nonces out of block order"
                last_block = b
                seen.add(h)
        for n in range(setup_blocks + 1, head + 1):
            assert len(rpc.call("eth_getBlockByNumber", [hex(n), False])["transactions"]) == 1
        assert len(seen) == total
        count = int(rpc.call("eth_getTransactionCount", [clients[0].address, "latest"]), 16)
        assert count == a.transactions

        get = selector("getParams()")
        with mp.Pool(a.clients) as pool:
            barrier = mp.Manager().Barrier(a.clients)
            calls = pool.map(caller, [(host, port, model, get, a.calls, barrier) for _ in range(a.clients)])
        call_rate = a.clients * a.calls / max(r[1] for r in calls)
        assert len({r[0] for r in calls}) == 1

        result = {"clients": a.clients, "trainTransactions": total, "trainPerSecond": round(tx_rate),
                  "ethCalls": a.clients * a.calls, "ethCallPerSecond": round(call_rate),
                  "blocks": head, "fork": a.fork, "cores": os.cpu_count()}
        if a.json:
            print(json.dumps(result))
        else:
            print("gaslab node under load (%d clients, %d cores, %s)" % (a.clients, os.cpu_count(), a.fork))
            print("  train() transactions: %d in %.2f s = %d tx/s (automine: %d blocks, each mined once, nonces in order)"
                  % (total, max(r[1] for r in results), tx_rate, total))
            print("  eth_call getParams(): %d in %.2f s = %d calls/s" % (a.clients * a.calls, max(r[1] for r in calls), call_rate))
    finally:
        node.terminate()
        node.wait()


if __name__ == "__main__":
    main()
