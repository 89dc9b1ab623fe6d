import EVMAssembler
import EVMCore
import EVMState
import Foundation
import GasLab
import Testing

/// The paper's model: every variant's weights against an independent computation of the same
/// integer arithmetic, and the faithful contract's revert paths.
@Suite struct LinearModelTests {
    static let contracts = TestPaths.contracts

    /// SGD as TABLE1.md states it, in Swift's checked Int arithmetic (Solidity's `/` truncates
    /// toward zero, as Swift's does).
    static func expectedWeights(epochs: Int) -> (Int, Int) {
        let xs = [0, 20, 50, 10, 70, 90, 20, 30, 10], ys = [70, 80, 40, 90, 20, 0, 40, 60, 90]
        let decimals = 10_000_000, alpha = 1_000
        var w0 = 10 * decimals, w1 = 2 * decimals
        for _ in 0..<epochs {
            var l0 = w0, l1 = w1
            for (x, y) in zip(xs, ys) {
                let pred = (l0 + l1 * x) / decimals
                l0 = l0 - alpha * (-2 * (y - pred))
                l1 = l1 - alpha * (-2 * (x * (y - pred)))
            }
            w0 = l0
            w1 = l1
        }
        return (w0, w1)
    }

    @Test func everyVariantComputesTheSameWeights() throws {
        let scenario = try Scenario.load(Self.contracts + "/table1.scenario.json")
        let (w0, w1) = Self.expectedWeights(epochs: 2_000)
        let results = try ScenarioRunner().run(scenario)
        #expect(results.map(\.variant) == ["faithful", "cached", "packed", "epochs", "calldata", "vyper"])
        for r in results {
            let views = r.records.filter(\.isView)
            #expect(views.count == 10, "\(r.variant)")
            #expect(views.last?.decoded == [String(w0), String(w1)], "\(r.variant)")
            // The check every 200 epochs matches too.
            let (a, b) = Self.expectedWeights(epochs: 200)
            #expect(views.first?.decoded == [String(a), String(b)], "\(r.variant)")
        }
        // The optimisations only lower gas.
        let total = Dictionary(uniqueKeysWithValues: results.map { ($0.variant, $0.totalGas) })
        #expect(total["cached"]! < total["faithful"]!)
        #expect(total["packed"]! < total["cached"]!)
        #expect(total["epochs"]! < total["packed"]!)
        #expect(total["calldata"]! < total["epochs"]!)
    }

    /// The faithful contract deployed with given constructor arguments.
    func deploy(decimals: String = "10000000", alpha: String = "1000") throws -> (WorldState, Address, Address) {
        let program = try Assembler(options: AssemblerOptions(target: .shanghai)).assemble(file: Self.contracts + "/LinearModel.easm")
        let owner = ScenarioRunner.address(for: "owner")
        let state = WorldState(fork: .shanghai)
        state.setAccount(owner, Account(balance: U256(UInt64(1) << 62)))
        let args = try ABI.encodeCall("c(int256,int256)", [decimals, alpha]).dropFirst(4)
        let receipt = try TransactionProcessor(fork: .shanghai).execute(
            Transaction(gasLimit: U256(3_000_000), to: nil, data: program.initcode + args, sender: owner),
            state: state, block: BlockEnvironment())
        return (state, try #require(receipt.createdAddress), owner)
    }

    func send(_ state: WorldState, _ to: Address, _ from: Address, _ data: [UInt8], value: U256 = .zero) throws -> Receipt {
        try TransactionProcessor(fork: .shanghai).execute(
            Transaction(nonce: U256(state.nonce(from)), gasLimit: U256(1_000_000), to: to, value: value, data: data, sender: from),
            state: state, block: BlockEnvironment())
    }

    @Test func constructorStoresDecimalsAndAlpha() throws {
        let (state, model, _) = try deploy()
        #expect(state.storage(model, U256(4)) == U256(10_000_000))
        #expect(state.storage(model, U256(5)) == U256(1_000))
    }

    @Test func revertPaths() throws {
        let (state, model, owner) = try deploy()
        // Unknown selector, short calldata, value sent: revert without data.
        for data in [[0xde, 0xad, 0xbe, 0xef], [0x01], try ABI.encodeCall("addData(int256,int256)", ["1", "2"]).dropLast(1)] as [[UInt8]] {
            let r = try send(state, model, owner, data)
            #expect(r.status == .reverted)
            #expect(r.output.isEmpty)
        }
        let paid = try send(state, model, owner, try ABI.encodeCall("train()", []), value: .one)
        #expect(paid.status == .reverted)
        // Out-of-range reads.
        let getData = try send(state, model, owner, try ABI.encodeCall("getData(uint256)", ["0"]))
        #expect(getData.status == .reverted && getData.output.isEmpty)
        let step = try send(state, model, owner, try ABI.encodeCall("step()", []))
        #expect(ABI.describeRevert(step.output) == "Panic(0x32: array index out of bounds)")
        // Overflow in initParams: w0 * decimals.
        let big = try send(state, model, owner, try ABI.encodeCall("initParams(int256,int256)",
                                                                    ["57896044618658097711785492504343953926634992332820282019728792003956564819967", "1"]))
        #expect(ABI.describeRevert(big.output) == "Panic(0x11: arithmetic overflow or underflow)")
    }

    @Test func divisionByZeroPanics() throws {
        let (state, model, owner) = try deploy(decimals: "0")
        _ = try send(state, model, owner, try ABI.encodeCall("addData(int256,int256)", ["1", "2"]))
        let r = try send(state, model, owner, try ABI.encodeCall("train()", []))
        #expect(ABI.describeRevert(r.output) == "Panic(0x12: division or modulo by zero)")
    }

    @Test func gettersAndViews() throws {
        let (state, model, owner) = try deploy()
        _ = try send(state, model, owner, try ABI.encodeCall("addData(int256,int256)", ["-3", "7"]))
        _ = try send(state, model, owner, try ABI.encodeCall("initParams(int256,int256)", ["10", "2"]))
        let p = TransactionProcessor(fork: .shanghai)
        func view(_ sig: String, _ args: [String], _ types: [ABI.ABIType]) throws -> [String] {
            let r = p.call(from: owner, to: model, data: try ABI.encodeCall(sig, args), gas: 1_000_000, state: state, block: BlockEnvironment())
            return try ABI.decode(types, r.output).map(\.description)
        }
        #expect(try view("x(uint256)", ["0"], [.int(256)]) == ["-3"])
        #expect(try view("y(uint256)", ["0"], [.int(256)]) == ["7"])
        #expect(try view("getData(uint256)", ["0"], [.int(256), .int(256)]) == ["-3", "7"])
        #expect(try view("w0()", [], [.int(256)]) == ["100000000"])
        #expect(try view("predict(int256)", ["5"], [.int(256)]) == ["20"])  // (10 + 2·5)
        // step(): (alpha, −2·(y[0] − pred(x[0]))) = (1000, −2·(7 − 4)).
        #expect(try view("step()", [], [.int(256), .int(256)]) == ["1000", "-6"])
    }

    @Test func everyScenarioInContractsRuns() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.contracts).filter { $0.hasSuffix(".scenario.json") }
        #expect(!files.isEmpty)
        for file in files {
            let results = try ScenarioRunner().run(try Scenario.load(Self.contracts + "/" + file))
            #expect(results.allSatisfy { $0.records.allSatisfy { $0.status.isSuccess } }, "\(file)")
        }
    }
}
