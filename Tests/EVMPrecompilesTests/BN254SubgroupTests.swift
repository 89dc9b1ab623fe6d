import EVMCore
@testable import EVMPrecompiles
import Testing

/// BN254's G2 membership by the endomorphism against r·Q = O.
@Suite struct BN254SubgroupTests {
    static func point(_ xReal: String, _ xImaginary: String, _ yReal: String, _ yImaginary: String) -> BN254.G2 {
        func fp(_ hex: String) -> Fp { Fp(U256(hex: hex)!) }
        return BN254.G2(affineX: Fp2(a: fp(xReal), b: fp(xImaginary)), y: Fp2(a: fp(yReal), b: fp(yImaginary)))
    }

    /// Points on the twist outside G2, made with py_ecc: a random one, one of order 10069 (the
    /// twist's order is r·(2p − r), and 10069 divides the cofactor), and one of order
    /// 10069·r. The expected answers come from r·Q, not from the literals.
    static let outside = [
        point("14e1fd8476c468aec7321cc007b37e14998092253deffa38e12b2b8f30b17d0b", "12d3611da3ea284d3bd0334684e55160320094ead7a94ded97491e2370c6a5b8",
              "088ecea4b61434af17f95703a1cb781935f2c74c0fd88e41476072630a8f82d8", "2ac49eedcfd161e08d9665b20f19df3c065beee0c8faec07cbd7e06463da8276"),
        point("0e2ccd8f6e46dcbaf395a34a406c4d8a2307711e5636e2592570790422f67b37", "2fd4b0fc7b9d5cc1a2ba72e6d6945523e48b849932e0a91d6160a3a71170a01b",
              "1740fbb487f48385f3bff9c19a38833f6ce9a05d26fa2b118d0bc2c1f01a37f9", "09b80e8d2ccc1bbc7505202ff1c39eaf3f551cad860a88d533e3ecfca4da3a40"),
        point("2abce24721616acaee9f7f1bfd5c967579e64efff5da77da7745b8675f5cd593", "07add680447d2c3937224c1d9bff9a6d501db1632a39ccb57c13309b5e1daa72",
              "2c46d2263ab1307646e40d3519f203f4118b7c433c1b0fcfebf348e6e5d67fc6", "09e03ad579e116b0bcf1ad6bd32c33cb28aca6328fc3ef10653797205a866a25"),
    ]

    @Test func endomorphismCheckAgreesWithTheOrder() {
        let g2 = BN254.g2(BN254Tests.g2[...])!
        var points = Self.outside
        for p in Self.outside {
            #expect(p.y.squared == p.x.squared * p.x + BN254.b2)  // on the twist
        }
        // Sums of an outside point and G2 points stay outside; multiples of the generator are inside.
        points += [g2, g2.multiplied(by: U256(0xabcdef)), g2.multiplied(by: BN254.order &- U256.one), .infinity,
                   Self.outside[0] + g2, Self.outside[1] + g2.multiplied(by: U256(7)), Self.outside[1].multiplied(by: U256(10069))]
        var counts = (inside: 0, outside: 0)
        for p in points {
            let byOrder = BN254.isInSubgroupByOrder(p)
            #expect(BN254.isInSubgroup(p) == byOrder)
            if byOrder { counts.inside += 1 } else { counts.outside += 1 }
        }
        #expect(counts.inside == 5 && counts.outside == 5)
    }
}
