# pragma version 0.4.3
"""
@title LinearModel
@notice The paper's linear regression in Vyper 0.4.3, written from the contract's
        description in ../shared/docs/TABLE1.md (the paper's Solidity): the same ABI, the
        same storage reads in train() (x's length, x[i], y[i], alpha and decimals re-read
        where they are used), checked arithmetic. Vyper lays storage out its own way
        (a DynArray holds its length and its elements in consecutive slots) and reverts
        without Solidity's Panic codes; `vyper -f layout` names the slots.
"""

x: public(DynArray[int256, 1024])
y: public(DynArray[int256, 1024])
w0: public(int256)
w1: public(int256)
decimals: public(int256)
alpha: public(int256)


@deploy
def __init__(_decimals: int256, _alpha: int256):
    self.decimals = _decimals
    self.alpha = _alpha


@external
def initParams(_w0: int256, _w1: int256):
    self.w0 = _w0 * self.decimals
    self.w1 = _w1 * self.decimals


@external
def addData(_x: int256, _y: int256):
    self.x.append(_x)
    self.y.append(_y)


@external
def train():
    l0: int256 = self.w0
    l1: int256 = self.w1
    for i: uint256 in range(1024):
        if i >= len(self.x):
            break
        pred: int256 = (l0 + l1 * self.x[i]) // self.decimals
        l0 = l0 - self.alpha * (-2 * (self.y[i] - pred))
        l1 = l1 - self.alpha * (-2 * (self.x[i] * (self.y[i] - pred)))
    self.w0 = l0
    self.w1 = l1


@view
@external
def predict(_x: int256) -> int256:
    return (self.w0 + self.w1 * _x) // self.decimals


@view
@external
def getData(i: uint256) -> (int256, int256):
    return self.x[i], self.y[i]


@view
@external
def getParams() -> (int256, int256):
    return self.w0, self.w1


@view
@external
def step() -> (int256, int256):
    pred: int256 = (self.w0 + self.w1 * self.x[0]) // self.decimals
    return self.alpha, -2 * (self.y[0] - pred)
