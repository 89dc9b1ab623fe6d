import EVMCore
@testable import EVMState

let contract = Address(hex: "0x00000000000000000000000000000000c0dec0de")!
let caller = Address(hex: "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")!

/// What a frame did: its status, the gas it used (no intrinsic gas), output and refund.
struct Ran {
    var status: ExecutionStatus
    var used: Int
    var output: [UInt8]
    var refund: Int
    var state: WorldState
}

/// Runs code as a called contract (warm, as a transaction's recipient is) with `gas`.
func run(_ hex: String, fork: Fork = .cancun, input: [UInt8] = [], storage: [U256: U256] = [:],
         accounts: [Address: Account] = [:], gas: Int = 1_000_000, value: U256 = .zero, isStatic: Bool = false) -> Ran {
    let state = WorldState(accounts: accounts, fork: fork)
    state.setAccount(contract, Account(balance: U256(1_000), code: Code(bytes(hex)), storage: storage))
    if state.account(caller) == nil { state.setAccount(caller, Account(balance: U256(1_000_000))) }
    state.beginTransaction()
    state.warm(contract)
    state.warm(caller)
    let message = Message(caller: caller, recipient: contract, value: value, input: input, gas: gas, isStatic: isStatic)
    let result = Executor(state: state, fork: fork).execute(message)
    return Ran(status: result.status, used: gas - result.gasLeft, output: result.output, refund: result.refund, state: state)
}

/// Runs code through a whole transaction and returns the receipt.
func transact(_ hex: String, fork: Fork = .cancun, data: [UInt8] = [], storage: [U256: U256] = [:],
              gasLimit: Int = 1_000_000) throws -> Receipt {
    let state = WorldState(fork: fork)
    state.setAccount(contract, Account(code: Code(bytes(hex)), storage: storage))
    state.setAccount(caller, Account(balance: U256(UInt64(1) << 62)))
    let tx = Transaction(type: 0, gasPrice: .zero, gasLimit: U256(UInt64(gasLimit)), to: contract, data: data, sender: caller)
    return try TransactionProcessor(fork: fork).execute(tx, state: state, block: BlockEnvironment())
}

/// Hex with spaces allowed between opcodes, for readable test programs.
func bytes(_ hex: String) -> [UInt8] { try! Hex.decode(hex.filter { $0 != " " }) }
