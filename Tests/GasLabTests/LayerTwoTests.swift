import EVMCore
import EVMState
import GasEconomics
import GasLab
import Testing

/// The Layer-2 study on a short run: every transaction is executed under each chain's EVM
/// rules, signed per chain and priced; fees add up; batching lowers the cost; chains of
/// another era are n/a; Arbitrum's gas limits cover their poster gas; sweeps move the right
/// way; charts are SVG.
@Suite struct LayerTwoTests {
    @Test func studyPricesRealTransactions() throws {
        let presets = [FeePreset.paper2023, .current2026]
        let study = try LayerTwoStudy.measure(contracts: TestPaths.contracts, presets: presets, epochs: 20, batches: [1, 10])
        #expect(study.rows.map(\.design) == [.faithful, .cached, .packed, .storage, .calldata, .storage, .calldata])
        // The forks the presets' chains run: London (OP Bedrock, Nitro), Shanghai (L1 2023), Prague, Osaka.
        #expect(study.forks == [.london, .shanghai, .prague, .osaka])
        let faithful = study.rows[0]
        #expect(faithful.transactionCount == 20)

        let paper = try study.priced(.paper2023)
        // On L1 the fee is gas × price, with no data part.
        let l1 = try #require(paper.quote(.faithful, k: 1, chain: "l1"))
        #expect(l1.data == .zero)
        #expect(l1.execution == U256(UInt64(faithful.gas(.shanghai))) &* U256(20_000_000_000))
        // Chains that did not exist in June 2023 are n/a.
        #expect(paper.quote(.faithful, k: 1, chain: "base") == nil)
        #expect(paper.table(markdown: false).contains("n/a"))
        // A chain's fee over the transactions is the sum of their fees (OP, signed for chain 10).
        let op = try #require(paper.chains.first { $0.id == "op" })
        let signed = try LayerTwoStudy.sign(faithful.callsByFork[.london]!, on: op, .paper2023)
        for tx in signed {
            let (decoded, _) = try Transaction.decode(tx.signedBytes)
            #expect(decoded.sender == ScenarioRunner.address(for: "owner"))
            #expect(decoded.chainId == U256(10))
        }
        let summed = try signed.reduce(U256.zero) { $0 &+ (try FeePreset.paper2023.quote($1, on: op)).total }
        #expect(paper.quote(.faithful, k: 1, chain: "op")?.total == summed)
        // Layer 2 is cheaper than Layer 1 for the paper's design.
        #expect(summed < l1.total)

        // Batching 10 epochs per transaction costs less on every chain than one per transaction.
        let now = try study.priced(.current2026)
        for chain in now.chains {
            let one = try #require(now.quote(.storage, k: 1, chain: chain.id))
            let ten = try #require(now.quote(.storage, k: 10, chain: chain.id))
            #expect(ten.total < one.total, "\(chain.name)")
        }
        // Arbitrum: every signed gas limit covers execution plus poster gas.
        let arb = try #require(now.chains.first { $0.id == "arbitrum" })
        for tx in try LayerTwoStudy.sign(faithful.callsByFork[.prague]!, on: arb, .current2026) {
            let (decoded, _) = try Transaction.decode(tx.signedBytes)
            #expect(decoded.gasLimit >= (try FeePreset.current2026.quote(tx, on: arb)).receiptGas)
        }
    }

    @Test func sweepsAndCharts() throws {
        let study = try LayerTwoStudy.measure(contracts: TestPaths.contracts, presets: [.paper2023], epochs: 10, batches: [10])
        let row = study.rows[0]
        let sweep = try PriceSweep.run(study, row: row, key: "l1.baseFee", values: ["1gwei", "10gwei", "100gwei"], base: .paper2023)
        // L1's cost grows in proportion to the gas price.
        let l1 = sweep.costs.map { $0[0]!.wei }
        #expect(l1[1] == l1[0] &* U256(10) && l1[2] == l1[1] &* U256(10))
        let svg = sweep.chart()
        #expect(svg.hasPrefix("<svg") && svg.contains("</svg>") && svg.contains("polyline"))
        let priced = try study.priced(.paper2023)
        #expect(priced.chart().contains("USD per epoch"))
        #expect(priced.variantChart(batch: 10).contains("<rect"))
        #expect(sweep.table(markdown: true).contains("| 10gwei |"))
        #expect(throws: (any Error).self) { try PriceSweep.run(study, row: row, key: "l1.nothing", values: ["1"], base: .paper2023) }
    }
}
