import EVMAssembler
import EVMCore
import EVMState
import GasLab
import Testing

/// RewardPool: both designs pay exactly the reward, in the shares RewardMath computes; every
/// revert reason; Transfer events.
@Suite struct RewardPoolTests {
    let reward = U256(decimal: "1000000000000000000000")!

    @Test func pushPaysExactShares() throws {
        let chain = TestChain(accounts: ["distributor"])
        let pool = try chain.deploy("RewardPool.easm", from: "distributor")
        // Weights that leave a remainder: 1,000 tokens over weights 3, 7, 11, 13.
        let weights = [3, 7, 11, 13].map { U256(UInt64($0)) }
        let people = (1...4).map { chain.address("p\($0)") }
        let r = try chain.call("distributor", pool, "distribute(uint256,address[],uint256[])",
                               [reward.decimalString, "[" + people.map(\.description).joined(separator: ",") + "]", "[3,7,11,13]"])
        #expect(r.succeeded)
        let expected = RewardMath.shares(reward: reward, weights: weights)
        var sum = U256.zero
        for (p, e) in zip(people, expected) {
            let balance = try chain.view(pool, "balanceOf(address)", [p.description], returns: [.uint(256)])
            #expect(balance == [e.decimalString])
            sum = sum &+ U256(balance[0])!
        }
        #expect(sum == reward)
        #expect(try chain.view(pool, "totalSupply()", returns: [.uint(256)]) == [reward.decimalString])
        // One Transfer(0, p, share) per participant.
        #expect(r.logs.count == 4)
        #expect(r.logs[0].topics == [U256(bigEndianBytes: Keccak256.hash("Transfer(address,address,uint256)")), .zero, people[0].word])
        #expect(U256(bigEndianBytes: r.logs[0].data) == expected[0])
    }

    @Test func merkleClaims() throws {
        let chain = TestChain(accounts: ["distributor", "p1", "p2", "p3"])
        let pool = try chain.deploy("RewardPool.easm", from: "distributor")
        let people = (1...3).map { chain.address("p\($0)") }
        let amounts = RewardMath.shares(reward: reward, weights: [U256(1), U256(2), U256(3)])
        let tree = RewardMerkleTree(accounts: people, amounts: amounts)
        #expect(try chain.call("distributor", pool, "postRoot(uint256,bytes32)", ["1", tree.root.paddedHexString]).succeeded)
        func claim(_ who: Int, amount: U256, proof: [U256]) throws -> Receipt {
            try chain.call("p\(who + 1)", pool, "claim(uint256,uint256,bytes32[])",
                           ["1", amount.decimalString, "[" + proof.map(\.paddedHexString).joined(separator: ",") + "]"])
        }
        // A wrong amount does not verify.
        #expect(ABI.describeRevert(try claim(0, amount: amounts[0] &+ .one, proof: tree.proof(0)).output) == "Error(\"invalid proof\")")
        for i in 0..<3 { #expect(try claim(i, amount: amounts[i], proof: tree.proof(i)).succeeded) }
        #expect(ABI.describeRevert(try claim(0, amount: amounts[0], proof: tree.proof(0)).output) == "Error(\"already claimed\")")
        #expect(try chain.view(pool, "totalSupply()", returns: [.uint(256)]) == [reward.decimalString])
        #expect(try chain.view(pool, "isClaimed(uint256,address)", ["1", people[2].description], returns: [.bool]) == ["true"])
        // No root for epoch 2; roots are posted once.
        #expect(ABI.describeRevert(try chain.call("p1", pool, "claim(uint256,uint256,bytes32[])", ["2", "1", "[]"]).output) == "Error(\"no root\")")
        #expect(ABI.describeRevert(try chain.call("distributor", pool, "postRoot(uint256,bytes32)", ["1", tree.root.paddedHexString]).output)
                == "Error(\"root already posted\")")
        #expect(ABI.describeRevert(try chain.call("distributor", pool, "postRoot(uint256,bytes32)", ["3", "0x00"]).output)
                == "Error(\"empty root\")")
    }

    @Test func revertReasonsAndTransfers() throws {
        let chain = TestChain(accounts: ["distributor", "alice", "bob"])
        let pool = try chain.deploy("RewardPool.easm", from: "distributor")
        let alice = chain.address("alice"), bob = chain.address("bob")
        func reason(_ r: Receipt) -> String { ABI.describeRevert(r.output) }
        #expect(reason(try chain.call("alice", pool, "distribute(uint256,address[],uint256[])", ["1", "[\(alice)]", "[1]"]))
                == "Error(\"not distributor\")")
        #expect(reason(try chain.call("distributor", pool, "distribute(uint256,address[],uint256[])", ["1", "[\(alice)]", "[1,2]"]))
                == "Error(\"length mismatch\")")
        #expect(reason(try chain.call("distributor", pool, "distribute(uint256,address[],uint256[])", ["1", "[\(alice)]", "[0]"]))
                == "Error(\"no weight\")")
        #expect(reason(try chain.call("alice", pool, "postRoot(uint256,bytes32)", ["1", "0x01"])) == "Error(\"not distributor\")")
        #expect(try chain.call("distributor", pool, "distribute(uint256,address[],uint256[])", ["100", "[\(alice)]", "[5]"]).succeeded)
        #expect(reason(try chain.call("bob", pool, "transfer(address,uint256)", [alice.description, "1"])) == "Error(\"insufficient balance\")")
        let t = try chain.call("alice", pool, "transfer(address,uint256)", [bob.description, "40"])
        #expect(t.succeeded)
        #expect(t.logs.first?.topics.dropFirst() == [alice.word, bob.word])
        #expect(try chain.view(pool, "balanceOf(address)", [alice.description], returns: [.uint(256)]) == ["60"])
        #expect(try chain.view(pool, "balanceOf(address)", [bob.description], returns: [.uint(256)]) == ["40"])
        // Value is refused; an unknown selector reverts without data.
        #expect(try chain.call("alice", pool, "totalSupply()", value: .one).status == .reverted)
        #expect(try chain.send(from: "alice", to: pool, data: [1, 2, 3, 4]).output.isEmpty)
    }

    @Test func merkleTreeProofsVerify() {
        for n in [1, 2, 3, 7, 16, 33] {
            let accounts = (1...n).map { ScenarioRunner.address(for: "m\($0)") }
            let amounts = RewardMath.shares(reward: U256(1_000_003), weights: (1...n).map { U256(UInt64($0)) })
            #expect(amounts.reduce(U256.zero, &+) == U256(1_000_003))
            let tree = RewardMerkleTree(accounts: accounts, amounts: amounts)
            for i in 0..<n {
                #expect(RewardMerkleTree.verify(leaf: tree.leaves[i], proof: tree.proof(i), root: tree.root))
            }
        }
    }
}
