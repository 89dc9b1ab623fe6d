import EVMCore

/// Arguments a scenario computes instead of listing: `@accounts(p,N)` (the addresses of
/// p1 … pN), `@weights(N)` ([1, …, N]), `@account(name)`, and for Merkle claims
/// `@merkleRoot(p,N,R)`, `@merkleAmount(p,N,R)`, `@merkleProof(p,N,R)`: the tree of
/// RewardMath.shares(R, weights 1…N) over p1 … pN, the amount and proof of the current
/// participant of an `each` step.
final class ArgumentGenerators {
    private var trees: [String: (tree: RewardMerkleTree, amounts: [U256])] = [:]

    func expand(_ argument: String, index: Int?) throws -> String {
        guard argument.hasPrefix("@"), let open = argument.firstIndex(of: "("), argument.hasSuffix(")") else { return argument }
        let name = String(argument[argument.index(after: argument.startIndex)..<open])
        let parameters = argument[argument.index(after: open)..<argument.index(before: argument.endIndex)]
            .split(separator: ",").map { $0.filter { !$0.isWhitespace } }
        func count(_ i: Int) throws -> Int {
            guard i < parameters.count, let n = Int(parameters[i]), n >= 1, n <= 100_000 else {
                throw ScenarioError("\(argument): expected a count from 1 to 100,000")
            }
            return n
        }
        switch name {
        case "account":
            guard parameters.count == 1 else { throw ScenarioError("\(argument): expected @account(name)") }
            return ScenarioRunner.address(for: parameters[0]).description
        case "accounts":
            let n = try count(1)
            return "[" + (1...n).map { ScenarioRunner.address(for: "\(parameters[0])\($0)").description }.joined(separator: ",") + "]"
        case "weights":
            return "[" + (1...(try count(0))).map(String.init).joined(separator: ",") + "]"
        case "merkleRoot", "merkleAmount", "merkleProof":
            guard parameters.count == 3, let reward = U256(parameters[2]) else {
                throw ScenarioError("\(argument): expected @\(name)(prefix,count,reward)")
            }
            let n = try count(1)
            let key = parameters.joined(separator: ",")
            if trees[key] == nil {
                let amounts = RewardMath.shares(reward: reward, weights: (1...n).map { U256(UInt64($0)) })
                let accounts = (1...n).map { ScenarioRunner.address(for: "\(parameters[0])\($0)") }
                trees[key] = (RewardMerkleTree(accounts: accounts, amounts: amounts), amounts)
            }
            let (tree, amounts) = trees[key]!
            if name == "merkleRoot" { return tree.root.paddedHexString }
            guard let index, index < amounts.count else {
                throw ScenarioError("\(argument) needs an `each` step over the same accounts")
            }
            if name == "merkleAmount" { return amounts[index].decimalString }
            return "[" + tree.proof(index).map { $0.paddedHexString }.joined(separator: ",") + "]"
        default:
            throw ScenarioError("\(argument): unknown generator (@account, @accounts, @weights, @merkleRoot, @merkleAmount, @merkleProof)")
        }
    }
}
