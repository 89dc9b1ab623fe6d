import EVMCore

extension BLS12381 {
    /// KZG proof verification (EIP-4844), with the two G2 points of the Ethereum KZG ceremony
    /// it needs: [1]₂ and [τ]₂, as compressed in the trusted setup (lines 4099 and 4100 of
    /// `trusted_setup.txt` as shipped in ckzg 2.1.8, Apache-2.0, per `../shared/fixtures/kzg/
    /// MANIFEST.txt`; a test compares them with the file when it is present).
    enum KZG {
        static let setupG2Compressed = [
            "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8",
            "b5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2",
        ]
        /// [τ]₂ decompressed once (a constant: a test decompresses both points).
        static let tauG2: G2 = decompressG2(try! Hex.decode(setupG2Compressed[1])[...])!

        /// Whether the polynomial committed to by `commitment` takes the value y at z, given
        /// the proof: EIP-4844's e(C − [y]₁, −[1]₂) · e(π, [τ]₂ − [z]₂) = 1, checked in the
        /// equivalent form e(C − [y]₁ + [z]π, −[1]₂) · e(π, [τ]₂) = 1 (bilinearity moves z's
        /// multiplication from G2 to G1, where it costs about half; both G2 points are then
        /// constants). −[y] is [r − y] (r·G = O covers y = 0). z and y must be below r.
        /// Measured (2026-12-02, scripts/bls_bench.py in one session): a random opening
        /// 3.40 → 3.02 ms (revm's c-kzg: 1.44 ms).
        static func verify(commitment: G1, z: U256, y: U256, proof: G1) -> Bool {
            guard z < order, y < order else { return false }
            let lhs = commitment + GeneratorTable.multiply(order &- y) + proof.multiplied(by: z)
            return Pairing.check(prepared: [(lhs, preparedNegatedG2Generator), (proof, preparedTauG2)])
        }

        /// −[1]₂, a constant of the check.
        static let negatedG2Generator: G2 = g2Generator.negated
        /// The Miller-loop lines of −[1]₂ and [τ]₂, computed on first use: the loop then does
        /// no G2 arithmetic at all.
        static let preparedNegatedG2Generator = Pairing.PreparedG2(negatedG2Generator)
        static let preparedTauG2 = Pairing.PreparedG2(tauG2)
    }
}
