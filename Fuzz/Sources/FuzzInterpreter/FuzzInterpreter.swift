// Any bytes as code and calldata, under any fork: the interpreter must end in an EVM result.
//
// Input: byte 0 picks the fork, bytes 1-2 (big-endian) the code's length; the code follows and
// the rest is calldata. The contract can call and create (itself included), with 2,000,000 gas.
import EVMCore
import EVMState

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: start, count: count))
    guard input.count >= 3 else { return 0 }
    let fork = Fork.allCases[Int(input[0]) % Fork.allCases.count]
    let codeLength = min(Int(input[1]) << 8 | Int(input[2]), input.count - 3)
    let code = Array(input[3..<(3 + codeLength)])
    let calldata = Array(input[(3 + codeLength)...])
    let contract = Address(0xc0de), caller = Address(0xca11)
    let state = WorldState(fork: fork)
    state.setAccount(contract, Account(balance: U256(1_000_000), code: Code(code), storage: [U256.one: U256(2)]))
    state.setAccount(caller, Account(balance: U256(1_000_000_000)))
    state.beginTransaction()
    state.warm(contract)
    state.warm(caller)
    let result = Executor(state: state, fork: fork)
        .execute(Message(caller: caller, recipient: contract, value: U256(UInt64(input[0])), input: calldata, gas: 2_000_000))
    precondition(result.gasLeft >= 0 && result.gasLeft <= 2_000_000, "gas left out of range: \(result.gasLeft)")
    return 0
}
