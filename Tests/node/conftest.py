"""Fixtures for the `gaslab node` suite: a node started on a free port, driven by web3.py.

The binary is $GASLAB, else .build/release/gaslab, else .build/debug/gaslab (run from the
repository root, as `make test` does)."""
import json
import os
import re
import signal
import subprocess
import time

import pytest
from web3 import Web3

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def gaslab_binary():
    if os.environ.get("GASLAB"):
        return os.environ["GASLAB"]
    for kind in ("release", "debug"):
        path = os.path.join(ROOT, ".build", kind, "gaslab")
        if os.path.exists(path):
            return path
    pytest.skip("no gaslab binary: build it first (swift build -c release --product gaslab)")


class Node:
    """A running `gaslab node`: its process, URL and a Web3 connected to it."""

    def __init__(self, *args):
        self.proc = subprocess.Popen(
            [gaslab_binary(), "node", "--port", "0", "--quiet", *args],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://([\d.]+):(\d+)", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("node did not start: %r %s" % (line, self.proc.stderr.read()))
        self.url = "http://%s:%s" % (m.group(1), m.group(2))
        self.w3 = Web3(Web3.HTTPProvider(self.url, request_kwargs={"timeout": 60}))

    def rpc(self, method, params=None):
        """A raw JSON-RPC call: the whole response object."""
        body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []}
        return self.post(json.dumps(body))[1]

    def post(self, body, headers=None):
        """POSTs raw bytes; returns (HTTP status, parsed JSON or None)."""
        import urllib.error
        import urllib.request
        data = body.encode() if isinstance(body, str) else body
        req = urllib.request.Request(self.url, data=data, headers=headers or {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                text = r.read()
                return r.status, json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            text = e.read()
            return e.code, json.loads(text) if text else None

    def stop(self, sig=signal.SIGTERM):
        """Stops the node as Ctrl-C or SIGTERM would; returns what it printed after the start."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=60)
        return out, err, self.proc.returncode


@pytest.fixture
def node_factory():
    nodes = []

    def make(*args):
        n = Node(*args)
        nodes.append(n)
        return n

    yield make
    for n in nodes:
        if n.proc.poll() is None:
            n.proc.kill()
            n.proc.wait()


@pytest.fixture
def node(node_factory):
    return node_factory()


def asm(path, fork="osaka"):
    """Initcode of a Contracts/ file, from `gaslab asm`."""
    out = subprocess.run([gaslab_binary(), "asm", path, "--initcode", "--fork", fork], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return "0x" + out.stdout.strip()
