import EVMCore
import EVMPrecompiles

/// Arguments a scenario computes instead of listing: `@accounts(p,N)` (the addresses of
/// p1 … pN), `@weights(N)` ([1, …, N]), `@account(name)`, and for Merkle claims
/// `@merkleRoot(p,N,R)`, `@merkleAmount(p,N,R)`, `@merkleProof(p,N,R)`: the tree of
/// RewardMath.shares(R, weights 1…N) over p1 … pN, the amount and proof of the current
/// participant of an `each` step.
final class ArgumentGenerators {
    private var trees: [String: (tree: RewardMerkleTree, amounts: [U256])] = [:]
    /// Deployed contracts by name (for certificates that name the contract).
    var contracts: [String: Address] = [:]

    /// Expands every argument; `@certificate(signer,contract,round,winner)` becomes three
    /// arguments (v, r, s): the signer's signature over keccak256(contract ‖ round ‖ winner),
    /// TrainingRound's award certificate.
    func expandAll(_ arguments: [String], index: Int?) throws -> [String] {
        var out: [String] = []
        for a in arguments {
            if a.hasPrefix("@certificate(") {
                out += try certificate(a)
            } else {
                out.append(try expand(a, index: index))
            }
        }
        return out
    }

    func certificate(_ argument: String) throws -> [String] {
        let inner = argument.dropFirst("@certificate(".count).dropLast()
        let p = inner.split(separator: ",").map { $0.filter { !$0.isWhitespace } }
        guard argument.hasSuffix(")"), p.count == 4, let contract = contracts[p[1]], let round = U256(p[2]) else {
            throw ScenarioError("\(argument): expected @certificate(signer,contract,round,winner) with a deployed contract")
        }
        let winner = ScenarioRunner.address(for: p[3])
        let hash = Keccak256.hash(contract.bytes + round.bigEndianBytes + winner.bytes)
        guard let sig = Secp256k1.shared.sign(hash: hash, privateKey: ScenarioRunner.key(for: p[0])) else {
            throw ScenarioError("\(argument): signing failed")
        }
        return [String(27 + sig.recoveryId), sig.r.paddedHexString, sig.s.paddedHexString]
    }

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
            if contracts[parameters[0]] != nil {
                throw ScenarioError("\(argument): '\(parameters[0])' is a contract; write @contract(\(parameters[0]))")
            }
            return ScenarioRunner.address(for: parameters[0]).description
        case "contract":
            guard parameters.count == 1 else { throw ScenarioError("\(argument): expected @contract(name)") }
            guard let address = contracts[parameters[0]] else {
                throw ScenarioError("\(argument): no deployed contract '\(parameters[0])' (contracts deploy in file order)")
            }
            return address.description
        case "accounts":
            let n = try count(1)
            return "[" + (1...n).map { ScenarioRunner.address(for: "\(parameters[0])\($0)").description }.joined(separator: ",") + "]"
        case "commitment":
            // keccak256(predictions ‖ salt): TrainingRound's commitment, both bytes32 as the
            // ABI reads them (hex left-aligned, padded with zeros on the right)
            func bytes32(_ text: String) throws -> [UInt8] {
                guard let b = try? Hex.decode(text), b.count <= 32 else {
                    throw ScenarioError("\(argument): '\(text)' is not bytes32 hex")
                }
                return b + [UInt8](repeating: 0, count: 32 - b.count)
            }
            guard parameters.count == 2 else { throw ScenarioError("\(argument): expected @commitment(predictions,salt)") }
            return Keccak256.hashWord(try bytes32(parameters[0]) + bytes32(parameters[1])).paddedHexString
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
            throw ScenarioError("\(argument): unknown generator (@account, @contract, @accounts, @weights, @merkleRoot, @merkleAmount, @merkleProof)")
        }
    }
}
