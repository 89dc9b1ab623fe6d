import EVMCore
@testable import EVMPrecompiles
import Testing

/// EIP-2537's test vectors (ethereum/EIPs assets/eip-2537/*.json), their inputs rebuilt from
/// the points they are made of, and the EIP's encoding, validity and gas rules.
@Suite struct EIP2537Tests {
    let prague = GasSchedule.of(.prague)

    /// 64-byte field elements, as the EIP pads them.
    static func fp(_ hexDigits: String) -> [UInt8] { [UInt8](repeating: 0, count: 16) + hex(hexDigits) }

    // Points named as in the EIP's vector files.
    static let g1 = fp("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb")
        + fp("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1")
    static let minusG1 = fp("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb")
        + fp("114d1d6855d545a8aa7d76c8cf2e21f267816aef1db507c96655b9d5caac42364e6f38ba0ecb751bad54dcd6b939c2ca")
    static let p1 = fp("112b98340eee2777cc3c14163dea3ec97977ac3dc5c70da32e6e87578f44912e902ccef9efe28d4a78b8999dfbca9426")
        + fp("186b28d92356c4dfec4b5201ad099dbdede3781f8998ddf929b4cd7756192185ca7b8f4ef7088f813270ac3d48868a21")
    static let g1PlusP1 = fp("0a40300ce2dec9888b60690e9a41d3004fda4886854573974fab73b046d3147ba5b7a5bde85279ffede1b45b3918d82d")
        + fp("06d3d887e9f53b9ec4eb6cedf5607226754b07c01ace7834f57f3e7315faefb739e59018e22c492006190fba4a870025")
    static let twoG1 = fp("0572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0f4e")
        + fp("166a9d8cabc673a322fda673779d8e3822ba3ecb8670e461f73bb9021d5fd76a4c56d9d4cd16bd1bba86881979749d28")
    static let twoP1 = fp("15222cddbabdd764c4bee0b3720322a65ff4712c86fc4b1588d0c209210a0884fa9468e855d261c483091b2bf7de6a63")
        + fp("09f9edb99bc3b75d7489735c98b16ab78b9386c5f7a1f76c7e96ac6eb5bbde30dbca31a74ec6e0f0b12229eecea33c39")
    static let g2x = fp("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8")
        + fp("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e")
    static let g2 = g2x + fp("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801")
        + fp("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be")
    static let minusG2 = g2x + fp("0d1b3cc2c7027888be51d9ef691d77bcb679afda66c73f17f9ee3837a55024f78c71363275a75d75d86bab79f74782aa")
        + fp("13fa4d4a0ad8b1ce186ed5061789213d993923066dddaf1040bc3ff59f825c78df74f2d75467e25e0f55f8a00fa030ed")
    static let zero1 = [UInt8](repeating: 0, count: 128)
    static let zero2 = [UInt8](repeating: 0, count: 256)
    static let one = U256.one.bigEndianBytes, zeroWord = U256.zero.bigEndianBytes

    static func scalar(_ k: U256) -> [UInt8] { k.bigEndianBytes }

    @Test func g1AddVectors() {
        typealias S = EIP2537Tests
        #expect(BLS12G1Add.run(S.g1 + S.p1, schedule: prague) == S.g1PlusP1)        // bls_g1add_g1+p1
        #expect(BLS12G1Add.run(S.p1 + S.g1, schedule: prague) == S.g1PlusP1)        // bls_g1add_p1+g1
        #expect(BLS12G1Add.run(S.g1 + S.zero1, schedule: prague) == S.g1)           // (g1+0=g1)
        #expect(BLS12G1Add.run(S.g1 + S.minusG1, schedule: prague) == S.zero1)      // (g1-g1=0)
        #expect(BLS12G1Add.run(S.g1 + S.g1, schedule: prague) == S.twoG1)           // (g1+g1=2*g1)
        #expect(BLS12G1Add.run(S.p1 + S.p1, schedule: prague) == S.twoP1)           // (p1+p1=2*p1)
        #expect(BLS12G1Add.gas(S.g1 + S.p1, schedule: prague) == 375)
    }

    @Test func g2AddVectors() {
        typealias S = EIP2537Tests
        #expect(BLS12G2Add.run(S.g2 + S.zero2, schedule: prague) == S.g2)
        #expect(BLS12G2Add.run(S.g2 + S.minusG2, schedule: prague) == S.zero2)
        #expect(BLS12G2Add.gas(S.g2 + S.g2, schedule: prague) == 600)
    }

    @Test func msmVectors() {
        typealias S = EIP2537Tests
        let r = BLS12381.order
        #expect(BLS12G1MSM.run(S.g1 + S.scalar(U256(2)), schedule: prague) == S.twoG1)
        #expect(BLS12G1MSM.run(S.p1 + S.scalar(U256(2)), schedule: prague) == S.twoP1)
        #expect(BLS12G1MSM.run(S.g1 + S.scalar(.one) + S.p1 + S.scalar(.one), schedule: prague) == S.g1PlusP1)
        #expect(BLS12G1MSM.run(S.g1 + S.scalar(r &- .one), schedule: prague) == S.minusG1)
        #expect(BLS12G1MSM.run(S.g1 + S.scalar(r), schedule: prague) == S.zero1)
        #expect(BLS12G1MSM.run(S.zero1 + S.scalar(U256(7)), schedule: prague) == S.zero1)
        #expect(BLS12G2MSM.run(S.g2 + S.scalar(r &- .one), schedule: prague) == S.minusG2)
        #expect(BLS12G2MSM.run(S.g2 + S.scalar(.zero), schedule: prague) == S.zero2)
        #expect(BLS12G2MSM.run(S.g2 + S.scalar(.one) + S.g2 + S.scalar(r &- .one), schedule: prague) == S.zero2)
    }

    @Test func msmGasFollowsTheDiscountTables() {
        // k · 12000 (G1) or 22500 (G2) · discount(k) / 1000, the tables ending at k = 128.
        let g1Pair = [UInt8](repeating: 0, count: 160), g2Pair = [UInt8](repeating: 0, count: 288)
        #expect(BLS12G1MSM.gas(g1Pair, schedule: prague) == 12_000)
        #expect(BLS12G1MSM.gas(g1Pair + g1Pair, schedule: prague) == 2 * 12_000 * 949 / 1000)
        #expect(BLS12G1MSM.gas(Array(repeating: g1Pair, count: 128).flatMap { $0 }, schedule: prague) == 128 * 12_000 * 519 / 1000)
        #expect(BLS12G1MSM.gas(Array(repeating: g1Pair, count: 200).flatMap { $0 }, schedule: prague) == 200 * 12_000 * 519 / 1000)
        #expect(BLS12G2MSM.gas(g2Pair, schedule: prague) == 22_500)
        #expect(BLS12G2MSM.gas(g2Pair + g2Pair, schedule: prague) == 2 * 22_500)
        #expect(BLS12G2MSM.gas(Array(repeating: g2Pair, count: 129).flatMap { $0 }, schedule: prague) == 129 * 22_500 * 524 / 1000)
        #expect(BLS12MSMPricing.g1Discount.count == 128 && BLS12MSMPricing.g2Discount.count == 128)
    }

    @Test func pairingVectors() {
        typealias S = EIP2537Tests
        let cases: [([UInt8], [UInt8])] = [
            (S.zero1 + S.zero2, S.one),                                      // e(0,0)
            (S.zero1 + S.g2, S.one),                                         // e(0,G2)
            (S.g1 + S.zero2, S.one),                                         // e(G1,0)
            (S.g1 + S.g2, S.zeroWord),                                       // non-degeneracy
            (S.g1 + S.g2 + S.g1 + S.minusG2, S.one),                         // e(G1,-G2)=e(-G1,G2)
            (S.zero1 + S.g2 + S.g1 + S.minusG2, S.zeroWord),                 // e(0,-G2)!=e(-G1,G2)
            (S.g1 + S.g2 + S.p1 + S.g2 + S.g1PlusP1 + S.minusG2, S.one),     // bilinearity
        ]
        for (input, expected) in cases {
            #expect(BLS12Pairing.run(input, schedule: prague) == expected)
        }
        #expect(BLS12Pairing.gas(S.g1 + S.g2, schedule: prague) == 70_300)
        #expect(BLS12Pairing.gas(S.g1 + S.g2 + S.g1 + S.minusG2, schedule: prague) == 102_900)
    }

    @Test func mapVectors() {
        // RFC 9380's BLS12381G1_XMD:SHA-256_SSWU_RO_ and _G2_ vectors for msg "" and "abc", as
        // the EIP gives them (the field elements u, and h_eff·map(u)).
        typealias S = EIP2537Tests
        #expect(BLS12MapFpToG1.run(S.fp("156c8a6a2c184569d69a76be144b5cdc5141d2d2ca4fe341f011e25e3969c55ad9e9b9ce2eb833c81a908e5fa4ac5f03"), schedule: prague)
            == S.fp("184bb665c37ff561a89ec2122dd343f20e0f4cbcaec84e3c3052ea81d1834e192c426074b02ed3dca4e7676ce4ce48ba")
            + S.fp("04407b8d35af4dacc809927071fc0405218f1401a6d15af775810e4e460064bcc9468beeba82fdc751be70476c888bf3"))
        #expect(BLS12MapFpToG1.run(S.fp("147e1ed29f06e4c5079b9d14fc89d2820d32419b990c1c7bb7dbea2a36a045124b31ffbde7c99329c05c559af1c6cc82"), schedule: prague)
            == S.fp("009769f3ab59bfd551d53a5f846b9984c59b97d6842b20a2c565baa167945e3d026a3755b6345df8ec7e6acb6868ae6d")
            + S.fp("1532c00cf61aa3d0ce3e5aa20c3b531a2abd2c770a790a2613818303c6b830ffc0ecf6c357af3317b9575c567f11cd2c"))
        #expect(BLS12MapFp2ToG2.run(S.fp("07355d25caf6e7f2f0cb2812ca0e513bd026ed09dda65b177500fa31714e09ea0ded3a078b526bed3307f804d4b93b04")
                                    + S.fp("02829ce3c021339ccb5caf3e187f6370e1e2a311dec9b75363117063ab2015603ff52c3d3b98f19c2f65575e99e8b78c"), schedule: prague)
            == S.fp("00e7f4568a82b4b7dc1f14c6aaa055edf51502319c723c4dc2688c7fe5944c213f510328082396515734b6612c4e7bb7")
            + S.fp("126b855e9e69b1f691f816e48ac6977664d24d99f8724868a184186469ddfd4617367e94527d4b74fc86413483afb35b")
            + S.fp("0caead0fd7b6176c01436833c79d305c78be307da5f6af6c133c47311def6ff1e0babf57a0fb5539fce7ee12407b0a42")
            + S.fp("1498aadcf7ae2b345243e281ae076df6de84455d766ab6fcdaad71fab60abb2e8b980a440043cd305db09d283c895e3d"))
        #expect(BLS12MapFp2ToG2.run(S.fp("138879a9559e24cecee8697b8b4ad32cced053138ab913b99872772dc753a2967ed50aabc907937aefb2439ba06cc50c")
                                    + S.fp("0a1ae7999ea9bab1dcc9ef8887a6cb6e8f1e22566015428d220b7eec90ffa70ad1f624018a9ad11e78d588bd3617f9f2"), schedule: prague)
            == S.fp("108ed59fd9fae381abfd1d6bce2fd2fa220990f0f837fa30e0f27914ed6e1454db0d1ee957b219f61da6ff8be0d6441f")
            + S.fp("0296238ea82c6d4adb3c838ee3cb2346049c90b96d602d7bb1b469b905c9228be25c627bffee872def773d5b2a2eb57d")
            + S.fp("033f90f6057aadacae7963b0a0b379dd46750c1c94a6357c99b65f63b79e321ff50fe3053330911c56b6ceea08fee656")
            + S.fp("153606c417e59fb331b7ae6bce4fbf7c5190c33ce9402b5ebe2b70e44fca614f3f1382a3625ed5493843d0b0a652fc3f"))
        #expect(BLS12MapFpToG1.gas([], schedule: prague) == 5_500)
        #expect(BLS12MapFp2ToG2.gas([], schedule: prague) == 23_800)
    }

    /// A point of y² = x³ + 4 outside G1 (found by trying x = 1, 2, …).
    static var g1OffSubgroup: [UInt8] {
        var x: UInt64 = 1
        while true {
            let fx = BLS12381.Fp(small: x)
            if let y = (fx.squared * fx + BLS12381.b1).squareRoot {
                let point = BLS12381.G1(affineX: fx, y: y)
                if !BLS12381.isInSubgroup(point) { return BLS12381.encode(point) }
            }
            x += 1
        }
    }

    @Test func invalidInputsFail() {
        typealias S = EIP2537Tests
        let p = "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"
        var offCurve = S.g1
        offCurve[127] ^= 1
        var padded = S.g1
        padded[0] = 1
        let xEqualToP = S.fp(p) + Array(S.g1[64...])
        for bad in [offCurve, padded, xEqualToP] {
            #expect(BLS12G1Add.run(bad + S.g1, schedule: prague) == nil)
            #expect(BLS12G1MSM.run(bad + S.scalar(.one), schedule: prague) == nil)
            #expect(BLS12Pairing.run(bad + S.g2, schedule: prague) == nil)
        }
        // Lengths: one byte short or long, and empty where k ≥ 1 pairs are required.
        #expect(BLS12G1Add.run(Array((S.g1 + S.g1).dropLast()), schedule: prague) == nil)
        #expect(BLS12G2Add.run(S.g2 + S.g2 + [0], schedule: prague) == nil)
        #expect(BLS12G1MSM.run([], schedule: prague) == nil)
        #expect(BLS12G2MSM.run([], schedule: prague) == nil)
        #expect(BLS12Pairing.run([], schedule: prague) == nil)
        #expect(BLS12MapFpToG1.run(S.fp(p), schedule: prague) == nil)
        #expect(BLS12MapFp2ToG2.run(S.fp("01") + S.fp(p), schedule: prague) == nil)
        // Outside the subgroup: fine for addition, refused by MSM and pairing.
        let off = S.g1OffSubgroup
        #expect(BLS12G1Add.run(off + S.zero1, schedule: prague) == off)
        #expect(BLS12G1MSM.run(off + S.scalar(.one), schedule: prague) == nil)
        #expect(BLS12Pairing.run(off + S.g2, schedule: prague) == nil)
    }
}
