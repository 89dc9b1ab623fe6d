import Foundation
import Testing

/// Paths the tests read: the package's Contracts/ and the shared fixtures beside the checkout.
enum TestPaths {
    static let package: URL = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir
    }()
    static let contracts = package.appendingPathComponent("Contracts").path
    static let fixtures = package.appendingPathComponent("../shared/fixtures").standardized.path
    static let haveFixtures = FileManager.default.fileExists(atPath: fixtures)
}

import EVMAssembler
import EVMCore
import EVMPrecompiles
import EVMState
import GasLab

/// A chain for contract tests: deploy `.easm` contracts from Contracts/, send calls from named
/// accounts, read views.
final class TestChain {
    let state: WorldState
    let fork: Fork
    var processor: TransactionProcessor { TransactionProcessor(fork: fork) }

    init(fork: Fork = .osaka, accounts: [String] = []) {
        self.fork = fork
        state = WorldState(fork: fork)
        for name in accounts { fund(name) }
    }

    func address(_ name: String) -> Address { ScenarioRunner.address(for: name) }

    func fund(_ name: String, _ wei: U256 = U256(decimal: "1000000000000000000000")!) {
        state.setAccount(address(name), Account(balance: wei))
    }

    func deploy(_ file: String, from: String, constructor: String? = nil, _ args: [String] = []) throws -> Address {
        let program = try Assembler(options: AssemblerOptions(target: fork)).assemble(file: TestPaths.contracts + "/" + file)
        var data = program.initcode
        if let constructor { data += Array(try ABI.encodeCall("c" + constructor, args).dropFirst(4)) }
        let r = try send(from: from, to: nil, data: data, gas: 5_000_000)
        return try #require(r.createdAddress)
    }

    func send(from: String, to: Address?, data: [UInt8], value: U256 = .zero, gas: Int = 16_000_000) throws -> Receipt {
        let sender = address(from)
        let tx = Transaction(nonce: U256(state.nonce(sender)), gasLimit: U256(UInt64(gas)), to: to, value: value, data: data, sender: sender)
        return try processor.execute(tx, state: state, block: BlockEnvironment(gasLimit: U256(60_000_000)))
    }

    func call(_ from: String, _ to: Address, _ signature: String, _ args: [String] = [], value: U256 = .zero) throws -> Receipt {
        try send(from: from, to: to, data: try ABI.encodeCall(signature, args), value: value)
    }

    func view(_ to: Address, _ signature: String, _ args: [String] = [], returns: [ABI.ABIType]) throws -> [String] {
        let r = processor.call(from: .zero, to: to, data: try ABI.encodeCall(signature, args), gas: 10_000_000,
                               state: state, block: BlockEnvironment())
        return try ABI.decode(returns, r.output).map(\.description)
    }
}
