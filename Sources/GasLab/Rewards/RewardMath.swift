import EVMCore

/// The reward rules of `Contracts/RewardPool.easm`, computed in Swift: the amounts a Merkle
/// root commits to, and an independent check of the push distribution.
public enum RewardMath {
    /// share_i = floor(reward · w_i / Σw), plus one unit for each of the first
    /// reward − Σ share_i participants: the shares add up to `reward` exactly.
    public static func shares(reward: U256, weights: [U256]) -> [U256] {
        let total = weights.reduce(U256.zero, &+)
        guard !total.isZero else { return weights.map { _ in .zero } }
        var out = weights.map { ($0 &* reward).div(total) }
        let remainder = out.reduce(reward, &-)
        for i in 0..<Int(remainder.clampedUInt64) where i < out.count { out[i] = out[i] &+ .one }
        return out
    }
}

/// A Merkle tree over (account, amount) leaves, hashed as RewardPool verifies: a leaf is
/// keccak256(account ‖ amount) (20 + 32 bytes), a parent keccak256 of its children in
/// ascending order; a node without a sibling moves up unchanged.
public struct RewardMerkleTree: Sendable {
    public let leaves: [U256]
    /// Levels from the leaves up; the last holds the root.
    let levels: [[U256]]

    public init(accounts: [Address], amounts: [U256]) {
        let leaves = zip(accounts, amounts).map { Keccak256.hashWord($0.0.bytes + $0.1.bigEndianBytes) }
        self.leaves = leaves
        var levels = [leaves]
        while let last = levels.last, last.count > 1 {
            var next: [U256] = []
            var i = 0
            while i < last.count {
                if i + 1 < last.count {
                    next.append(RewardMerkleTree.parent(last[i], last[i + 1]))
                } else {
                    next.append(last[i])
                }
                i += 2
            }
            levels.append(next)
        }
        self.levels = levels
    }

    static func parent(_ a: U256, _ b: U256) -> U256 {
        let (first, second) = a < b ? (a, b) : (b, a)
        return Keccak256.hashWord(first.bigEndianBytes + second.bigEndianBytes)
    }

    public var root: U256 { levels.last?.first ?? .zero }

    /// The siblings from leaf `index` up to the root.
    public func proof(_ index: Int) -> [U256] {
        var out: [U256] = []
        var i = index
        for level in levels.dropLast() {
            let sibling = i ^ 1
            if sibling < level.count { out.append(level[sibling]) }
            i /= 2
        }
        return out
    }

    /// Whether a proof leads from a leaf to the root (as the contract checks).
    public static func verify(leaf: U256, proof: [U256], root: U256) -> Bool {
        proof.reduce(leaf, parent) == root
    }
}
