import EVMCore
import EVMState
import GasEconomics
import GasLab
import Testing

/// The Layer-2 study on a short run: every transaction is executed, signed and priced; fees
/// add up; batching lowers the cost; sweeps move the right way; charts are SVG.
@Suite struct LayerTwoTests {
    @Test func studyPricesRealTransactions() throws {
        let study = try LayerTwoStudy.measure(contracts: TestPaths.contracts, fork: .cancun, epochs: 20, batches: [1, 10],
                                              env: .paper2023)
        #expect(study.rows.map(\.design) == [.faithful, .cached, .packed, .storage, .calldata, .storage, .calldata])
        let faithful = study.rows[0]
        #expect(faithful.transactions.count == 20)
        // Every signed transaction decodes back to its sender and calldata.
        for tx in faithful.signedByChain[Chain.base.name]! {
            let (decoded, _) = try Transaction.decode(tx.signedBytes)
            #expect(decoded.sender == ScenarioRunner.address(for: "owner"))
            #expect(decoded.chainId == Chain.base.chainId)
        }
        // On L1 the fee is gas × price, with no data part.
        let l1 = study.fee(faithful, on: .ethereum, .paper2023)
        #expect(l1.data == .zero)
        #expect(l1.execution == U256(UInt64(faithful.gas)) &* U256(20_000_000_000))
        // A chain's fee over the transactions is the sum of their fees.
        let base = study.fee(faithful, on: .base, .paper2023)
        let summed = faithful.signedByChain[Chain.base.name]!.reduce(Fee.zero) { $0 + Chain.base.fee($1, .paper2023) }
        #expect(base == summed)
        // Batching 10 epochs per transaction costs less on every chain than one per transaction.
        let storage1 = study.rows[3], storage10 = study.rows[5]
        #expect(storage10.transactions.count == 2)
        for chain in study.chains {
            #expect(study.fee(storage10, on: chain, .paper2023).total < study.fee(storage1, on: chain, .paper2023).total, "\(chain.name)")
        }
        // Layer 2 is cheaper than Layer 1 for the paper's design.
        #expect(base.total < l1.total)
    }

    @Test func sweepsAndCharts() throws {
        let study = try LayerTwoStudy.measure(contracts: TestPaths.contracts, fork: .cancun, epochs: 10, batches: [10],
                                              env: .paper2023)
        let row = study.rows[0]
        let values = [1, 10, 100].map { U256(UInt64($0)) &* Wei.perGwei }
        let sweep = PriceSweep.run(study, row: row, parameter: .l1BaseFee, values: values, base: .paper2023)
        // L1's cost grows in proportion to the gas price.
        let l1 = sweep.costs.map { $0[0].wei }
        #expect(l1[1] == l1[0] &* U256(10) && l1[2] == l1[1] &* U256(10))
        let svg = sweep.chart()
        #expect(svg.hasPrefix("<svg") && svg.contains("</svg>") && svg.contains("polyline"))
        #expect(study.chart(.today).contains("USD per epoch"))
        #expect(study.variantChart(.paper2023, batch: 10).contains("<rect"))
        #expect(sweep.table(markdown: true).contains("| 10 gwei |"))
    }
}
