import EVMState
import Testing

/// Gas assertions for the tests of projects that use GasLab (Swift Testing).
///
///     let receipt = try processor.execute(tx, state: state, block: block)
///     expectGas(of: receipt, atMost: 120_000, "LinearModel.train()")
///
/// Records an issue naming the call, the gas used and the budget when the budget is exceeded.
public func expectGas(of receipt: Receipt, atMost budget: Int, _ call: String,
                      sourceLocation: SourceLocation = #_sourceLocation) {
    if receipt.gasUsed > budget {
        Issue.record("\(call) used \(receipt.gasUsed) gas, \(receipt.gasUsed - budget) over its budget of \(budget)",
                     sourceLocation: sourceLocation)
    }
}

/// Records an issue unless the call used exactly `gas`.
public func expectGas(of receipt: Receipt, equals gas: Int, _ call: String,
                      sourceLocation: SourceLocation = #_sourceLocation) {
    if receipt.gasUsed != gas {
        Issue.record("\(call) used \(receipt.gasUsed) gas, expected \(gas) (\(receipt.gasUsed - gas > 0 ? "+" : "")\(receipt.gasUsed - gas))",
                     sourceLocation: sourceLocation)
    }
}
