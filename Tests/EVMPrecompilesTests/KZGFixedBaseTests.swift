import EVMCore
@testable import EVMPrecompiles
import Testing

/// The pieces KZG verification was made faster with, against the plain definitions.
@Suite struct KZGFixedBaseTests {
    typealias B = BLS12381

    /// The generator's table gives what double-and-add gives, on the edges of the scalar
    /// range (0, 1, r − 1, r, 2^256 − 1: r·G is infinity) and on scalars with every nibble set.
    @Test func generatorTableMatchesDoubleAndAdd() {
        var scalars: [U256] = [.zero, .one, U256(16), U256(15), B.order &- .one, B.order, .max,
                               U256(hex: "0123456789abcdeffedcba98765432100f1e2d3c4b5a69788796a5b4c3d2e1f0")!]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            return x
        }
        for _ in 0..<12 { scalars.append(U256(w0: next(), w1: next(), w2: next(), w3: next())) }
        for k in scalars {
            let table = B.GeneratorTable.multiply(k), direct = B.g1Generator.multiplied(by: k)
            #expect(table.affine?.x == direct.affine?.x && table.affine?.y == direct.affine?.y
                    && table.isInfinity == direct.isInfinity, "k \(k.hexString)")
        }
    }

    /// The check in its rearranged form accepts a true opening and rejects a wrong value:
    /// the polynomial 3 + 5X committed with a known τ (not the ceremony's), opened at z.
    @Test func rearrangedCheckAgreesWithTheDefinition() {
        let tau = U256(123_456_789), z = U256(987_654_321)
        let a = U256(3), b = U256(5)
        // C = [a + bτ]₁, π = [b]₁, y = a + bz; [τ]₂ enters through the check's G2 side.
        let commitment = B.g1Generator.multiplied(by: U256(3 + 5 * 123_456_789))
        let proof = B.g1Generator.multiplied(by: b)
        let y = a &+ b &* z
        let tauG2 = B.g2Generator.multiplied(by: tau)
        func check(_ y: U256) -> Bool {
            // EIP-4844's form: e(C − [y]₁, −[1]₂) · e(π, [τ]₂ − [z]₂) = 1.
            let original = B.Pairing.check([(commitment + B.g1Generator.multiplied(by: B.order &- y), B.g2Generator.negated),
                                            (proof, tauG2 + B.g2Generator.multiplied(by: B.order &- z))])
            // The form KZG.verify uses: e(C − [y]₁ + [z]π, −[1]₂) · e(π, [τ]₂) = 1.
            let rearranged = B.Pairing.check([(commitment + B.GeneratorTable.multiply(B.order &- y) + proof.multiplied(by: z),
                                              B.KZG.negatedG2Generator), (proof, tauG2)])
            #expect(original == rearranged)
            return rearranged
        }
        #expect(check(y))
        #expect(!check(y &+ .one))
    }
}
