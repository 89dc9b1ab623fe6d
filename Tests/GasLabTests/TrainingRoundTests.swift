import EVMAssembler
import EVMCore
import EVMPrecompiles
import EVMState
import GasLab
import Testing

/// TrainingRound: the commit-reveal-award path in both reward modes, every revert reason,
/// the certificate checked by ECRECOVER, events and balances.
@Suite struct TrainingRoundTests {
    let reward = U256(decimal: "1000000000000000000")!

    func commitment(_ predictions: U256, _ salt: U256) -> String {
        Keccak256.hashWord(predictions.bigEndianBytes + salt.bigEndianBytes).paddedHexString
    }

    func certificate(_ chain: TestChain, signer: String, contract: Address, round: Int, winner: String) -> [String] {
        let hash = Keccak256.hash(contract.bytes + U256(UInt64(round)).bigEndianBytes + chain.address(winner).bytes)
        let sig = Secp256k1.shared.sign(hash: hash, privateKey: ScenarioRunner.key(for: signer))!
        return [String(27 + sig.recoveryId), sig.r.paddedHexString, sig.s.paddedHexString]
    }

    func reason(_ r: Receipt) -> String { ABI.describeRevert(r.output) }

    @Test func escrowRoundPaysTheCertifiedWinner() throws {
        let chain = TestChain(accounts: ["submitter", "m1", "m2"])
        let round = try chain.deploy("TrainingRound.easm", from: "submitter", constructor: "(bool)", ["false"])
        let p1 = U256(0x11), p2 = U256(0x22), salt = U256(7)
        #expect(reason(try chain.call("submitter", round, "openRound(uint256,uint256)", ["1", reward.decimalString]))
                == "Error(\"escrow must equal reward\")")
        let open = try chain.call("submitter", round, "openRound(uint256,uint256)", ["1", reward.decimalString], value: reward)
        #expect(open.succeeded)
        #expect(open.logs.first?.topics[0] == U256(bigEndianBytes: Keccak256.hash("RoundOpened(uint256,address,uint256)")))
        #expect(reason(try chain.call("submitter", round, "openRound(uint256,uint256)", ["1", "1"], value: .one)) == "Error(\"round exists\")")
        // Training: commit once each; no reveals yet.
        #expect(try chain.call("m1", round, "commit(uint256,bytes32)", ["1", commitment(p1, salt)]).succeeded)
        #expect(reason(try chain.call("m1", round, "commit(uint256,bytes32)", ["1", commitment(p1, salt)])) == "Error(\"already committed\")")
        #expect(reason(try chain.call("m2", round, "commit(uint256,bytes32)", ["1", "0x00"])) == "Error(\"empty commitment\")")
        #expect(try chain.call("m2", round, "commit(uint256,bytes32)", ["1", commitment(p2, salt)]).succeeded)
        #expect(reason(try chain.call("m1", round, "reveal(uint256,bytes32,bytes32)", ["1", p1.paddedHexString, salt.paddedHexString]))
                == "Error(\"not in evaluation\")")
        #expect(reason(try chain.call("m1", round, "startEvaluation(uint256)", ["1"])) == "Error(\"not submitter\")")
        #expect(try chain.call("submitter", round, "startEvaluation(uint256)", ["1"]).succeeded)
        #expect(reason(try chain.call("m1", round, "commit(uint256,bytes32)", ["1", commitment(p1, salt)])) == "Error(\"not in training\")")
        // Evaluation: reveals must match.
        #expect(reason(try chain.call("m1", round, "reveal(uint256,bytes32,bytes32)", ["1", p2.paddedHexString, salt.paddedHexString]))
                == "Error(\"reveal does not match\")")
        #expect(reason(try chain.call("submitter", round, "reveal(uint256,bytes32,bytes32)", ["1", p1.paddedHexString, salt.paddedHexString]))
                == "Error(\"no commitment\")")
        #expect(try chain.call("m2", round, "reveal(uint256,bytes32,bytes32)", ["1", p2.paddedHexString, salt.paddedHexString]).succeeded)
        #expect(reason(try chain.call("m2", round, "reveal(uint256,bytes32,bytes32)", ["1", p2.paddedHexString, salt.paddedHexString]))
                == "Error(\"already revealed\")")
        // Awarding: the certificate must be the submitter's and name a miner who revealed.
        let forged = certificate(chain, signer: "m1", contract: round, round: 1, winner: "m2")
        #expect(reason(try chain.call("m2", round, "award(uint256,address,uint8,bytes32,bytes32)", ["1", chain.address("m2").description] + forged))
                == "Error(\"bad signature\")")
        let forM1 = certificate(chain, signer: "submitter", contract: round, round: 1, winner: "m1")
        #expect(reason(try chain.call("m1", round, "award(uint256,address,uint8,bytes32,bytes32)", ["1", chain.address("m1").description] + forM1))
                == "Error(\"winner did not reveal\")")
        let good = certificate(chain, signer: "submitter", contract: round, round: 1, winner: "m2")
        let award = try chain.call("m1", round, "award(uint256,address,uint8,bytes32,bytes32)", ["1", chain.address("m2").description] + good)
        #expect(award.succeeded)
        #expect(award.logs.first?.topics.last == chain.address("m2").word)
        #expect(reason(try chain.call("m1", round, "award(uint256,address,uint8,bytes32,bytes32)", ["1", chain.address("m2").description] + good))
                == "Error(\"not in evaluation\")")
        #expect(try chain.view(round, "balanceOf(address)", [chain.address("m2").description], returns: [.uint(256)]) == [reward.decimalString])
        // Withdraw moves the escrowed ether.
        let before = chain.state.balance(chain.address("m2"))
        #expect(try chain.call("m2", round, "withdraw()").succeeded)
        #expect(chain.state.balance(chain.address("m2")) == before &+ reward)
        #expect(chain.state.balance(round) == .zero)
        #expect(reason(try chain.call("m2", round, "withdraw()")) == "Error(\"nothing to withdraw\")")
        #expect(try chain.view(round, "roundOf(uint256)", ["1"], returns: [.address, .uint(256), .uint(256), .uint(256), .address])
                == [chain.address("submitter").description, reward.decimalString, "3", "2", chain.address("m2").description])
    }

    @Test func mintedRoundsCreditWithoutEther() throws {
        let chain = TestChain(accounts: ["submitter", "m1"])
        let round = try chain.deploy("TrainingRound.easm", from: "submitter", constructor: "(bool)", ["true"])
        #expect(try chain.view(round, "mintMode()", returns: [.bool]) == ["true"])
        #expect(reason(try chain.call("submitter", round, "openRound(uint256,uint256)", ["5", "10"], value: .one))
                == "Error(\"minted rounds take no value\")")
        #expect(try chain.call("submitter", round, "openRound(uint256,uint256)", ["5", "10"]).succeeded)
        #expect(try chain.call("m1", round, "commit(uint256,bytes32)", ["5", commitment(U256(1), U256(2))]).succeeded)
        #expect(try chain.call("submitter", round, "startEvaluation(uint256)", ["5"]).succeeded)
        #expect(try chain.call("m1", round, "reveal(uint256,bytes32,bytes32)", ["5", U256(1).paddedHexString, U256(2).paddedHexString]).succeeded)
        let cert = certificate(chain, signer: "submitter", contract: round, round: 5, winner: "m1")
        #expect(try chain.call("m1", round, "award(uint256,address,uint8,bytes32,bytes32)", ["5", chain.address("m1").description] + cert).succeeded)
        #expect(try chain.view(round, "totalRewards()", returns: [.uint(256)]) == ["10"])
        #expect(reason(try chain.call("m1", round, "withdraw()")) == "Error(\"rewards are minted\")")
    }
}
