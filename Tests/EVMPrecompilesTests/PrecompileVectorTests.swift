import EVMCore
@testable import EVMPrecompiles
import Testing

func hex(_ s: String) -> [UInt8] { try! Hex.decode(s.filter { !$0.isWhitespace }) }

/// Published vectors for each precompile, and gas per fork where the price changed.
@Suite struct HashPrecompileTests {
    let cancun = GasSchedule.of(.cancun)

    @Test func sha256() {
        #expect(SHA256Precompile.run([], schedule: cancun) == hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        #expect(SHA256Precompile.gas([UInt8](repeating: 0, count: 33), schedule: cancun) == 60 + 2 * 12)
    }

    @Test func ripemd160() {
        // The reference vectors of the RIPEMD-160 paper.
        #expect(RIPEMD160.hash([]) == hex("9c1185a5c5e9fc54612808977ee8f548b2258d31"))
        #expect(RIPEMD160.hash(Array("abc".utf8)) == hex("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"))
        #expect(RIPEMD160.hash(Array("message digest".utf8)) == hex("5d0689ef49d2fae572b881b123a85ffa21595f36"))
        let million = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(RIPEMD160.hash(million) == hex("52783243c1697bdbe16d37f97f68f08325dc1528"))
        #expect(RIPEMD160Precompile.run([], schedule: cancun)!.prefix(12).allSatisfy { $0 == 0 })
        #expect(RIPEMD160Precompile.gas([1], schedule: cancun) == 720)
    }

    @Test func identity() {
        #expect(Identity.run([1, 2, 3], schedule: cancun) == [1, 2, 3])
        #expect(Identity.gas([1, 2, 3], schedule: cancun) == 18)
    }

    @Test func blake2fEIP152Vector5() {
        // rounds 12 ‖ h (BLAKE2b-512 IV with the parameter block) ‖ m = "abc" ‖ t = 3 ‖ final.
        let h = hex("""
            48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5
            d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b
            """)
        let m = [0x61, 0x62, 0x63] + [UInt8](repeating: 0, count: 125)
        let t = [3] + [UInt8](repeating: 0, count: 15)
        let input = [0, 0, 0, 12] + h + m + t + [1]
        #expect(input.count == 213)
        #expect(Blake2F.gas(input, schedule: cancun) == 12)
        #expect(Blake2F.run(input, schedule: cancun) == hex("""
            ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923
            """))
        var badFlag = input
        badFlag[212] = 2
        #expect(Blake2F.run(badFlag, schedule: cancun) == nil)
        #expect(Blake2F.run(Array(input.dropLast()), schedule: cancun) == nil)
    }
}

@Suite struct ECRecoverTests {
    let schedule = GasSchedule.of(.cancun)

    @Test func knownSignature() {
        let input = hex("""
            456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3
            000000000000000000000000000000000000000000000000000000000000001c
            9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608
            4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada
            """)
        #expect(ECRecover.run(input, schedule: schedule) == [UInt8](repeating: 0, count: 12) + hex("7156526fbd7a3c72969b54f64e42c10fbb768c8a"))
        #expect(ECRecover.gas(input, schedule: schedule) == 3_000)
    }

    @Test func invalidInputsGiveEmptyOutput() {
        var input = hex("""
            456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3
            000000000000000000000000000000000000000000000000000000000000001d
            9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608
            4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada
            """)
        #expect(ECRecover.run(input, schedule: schedule) == [])  // v = 29
        input[63] = 0x1c
        for i in 64..<96 { input[i] = 0 }
        #expect(ECRecover.run(input, schedule: schedule) == [])  // r = 0
        #expect(ECRecover.run([], schedule: schedule) == [])
    }

    @Test func signAndRecover() {
        let key = hex("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8")
        let address = Secp256k1.shared.address(privateKey: key)
        #expect(address == Address(hex: "a94f5374fce5edbc8e2a8697c15331677e6ebf0b"))
        let hash = Keccak256.hash("GasLab")
        let sig = Secp256k1.shared.sign(hash: hash, privateKey: key)!
        #expect(sig.s <= Secp256k1.halfOrder)
        #expect(Secp256k1.shared.recoverAddress(hash: hash, r: sig.r, s: sig.s, recoveryId: sig.recoveryId) == address)
    }
}

@Suite struct ModexpTests {
    /// EIP-198's first example: 3^(p−1) mod p = 1 for secp256k1's field prime.
    static let fermat = hex("""
        0000000000000000000000000000000000000000000000000000000000000001
        0000000000000000000000000000000000000000000000000000000000000020
        0000000000000000000000000000000000000000000000000000000000000020
        03
        fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e
        fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f
        """)

    @Test func fermatResult() {
        #expect(Modexp.run(Self.fermat, schedule: GasSchedule.of(.cancun)) == U256.one.bigEndianBytes)
    }

    @Test func pricePerFork() {
        // EIP-198: 32² · 255 / 20; EIP-2565: max(200, 4² · 255 / 3); EIP-7883: 16 · 255.
        #expect(Modexp.gas(Self.fermat, schedule: GasSchedule.of(.istanbul)) == 1_024 * 255 / 20)
        #expect(Modexp.gas(Self.fermat, schedule: GasSchedule.of(.berlin)) == 16 * 255 / 3)
        #expect(Modexp.gas(Self.fermat, schedule: GasSchedule.of(.osaka)) == 16 * 255)
    }

    @Test func hugeLengthsArePricedNotAllocated() {
        // Declared lengths near 2^256 with no data: out of gas, nothing read.
        let huge = [UInt8](repeating: 0xff, count: 96)
        #expect(Modexp.gas(huge, schedule: GasSchedule.of(.berlin)) == Int.max)
        #expect(Modexp.gas(huge, schedule: GasSchedule.of(.istanbul)) == Int.max)
        // EIP-7823: any length above 1,024 fails the call.
        let long = U256(1_025).bigEndianBytes + U256(1).bigEndianBytes + U256(1).bigEndianBytes
        #expect(Modexp.run(long, schedule: GasSchedule.of(.osaka)) == nil)
        #expect(Modexp.run(huge, schedule: GasSchedule.of(.osaka)) == nil)
    }

    @Test func zeroModulus() {
        let input = U256(1).bigEndianBytes + U256(1).bigEndianBytes + U256(2).bigEndianBytes + [5, 3, 0, 0]
        #expect(Modexp.run(input, schedule: GasSchedule.of(.cancun)) == [0, 0])
    }
}

@Suite struct BN254Tests {
    let schedule = GasSchedule.of(.cancun)
    static let g1 = U256.one.bigEndianBytes + U256(2).bigEndianBytes
    static let twoG1 = hex("""
        030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3
        15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4
        """)
    /// The G2 generator in EIP-197's order (x imaginary, x real, y imaginary, y real).
    static let g2 = hex("""
        198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2
        1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed
        090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b
        12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa
        """)

    @Test func addAndMul() {
        #expect(BN254Add.run(Self.g1 + Self.g1, schedule: schedule) == Self.twoG1)
        #expect(BN254Mul.run(Self.g1 + U256(2).bigEndianBytes, schedule: schedule) == Self.twoG1)
        // Multiplying by the group order gives infinity.
        #expect(BN254Mul.run(Self.g1 + BN254.order.bigEndianBytes, schedule: schedule) == [UInt8](repeating: 0, count: 64))
        // Empty input is infinity + infinity.
        #expect(BN254Add.run([], schedule: schedule) == [UInt8](repeating: 0, count: 64))
        // (1, 3) is not on the curve.
        #expect(BN254Add.run(U256.one.bigEndianBytes + U256(3).bigEndianBytes, schedule: schedule) == nil)
        #expect(BN254Add.gas([], schedule: schedule) == 150)
        #expect(BN254Mul.gas([], schedule: schedule) == 6_000)
    }

    @Test func pairing() {
        let minusG1 = U256.one.bigEndianBytes + (Fp.p &- U256(2)).bigEndianBytes
        // e(G1, G2) · e(−G1, G2) = 1.
        #expect(BN254PairingCheck.run(Self.g1 + Self.g2 + minusG1 + Self.g2, schedule: schedule) == U256.one.bigEndianBytes)
        // e(G1, G2) alone is not 1.
        #expect(BN254PairingCheck.run(Self.g1 + Self.g2, schedule: schedule) == U256.zero.bigEndianBytes)
        // e(2·G1, G2) · e(−G1, G2)² = 1 (bilinearity).
        #expect(BN254PairingCheck.run(Self.twoG1 + Self.g2 + minusG1 + Self.g2 + minusG1 + Self.g2, schedule: schedule)
                == U256.one.bigEndianBytes)
        #expect(BN254PairingCheck.run([], schedule: schedule) == U256.one.bigEndianBytes)
        #expect(BN254PairingCheck.run([0], schedule: schedule) == nil)
        #expect(BN254PairingCheck.gas([UInt8](repeating: 0, count: 384), schedule: schedule) == 45_000 + 2 * 34_000)
    }
}

@Suite struct P256VerifyTests {
    /// Signed with Python's `cryptography` (OpenSSL), key 0x1234567890abcdef, message hash
    /// sha256("gaslab p256").
    static let valid = hex("""
        acd7ff77f42b9a8d0ea2523d48d00d407024b3337976eff929ebeaa1534c707b
        affda824250ea7118b088c7f982be431f58eae229b501ce77fd793ceb4531013
        86d15cca67014dc85bd627c861ceae7ad924a73e562a426479ec0c941e4c0ca6
        9fad84aeae08bbef7f010014d82cef6a09de2b0cf871b5ce0c4f1d13a59a5934
        07cb45769f1070e2c2470fe5b1bfe63133c0b0cdc64ea4bf3791a8ec2a07fd4f
        """)

    @Test func verifies() {
        let osaka = GasSchedule.of(.osaka)
        #expect(P256Verify.run(Self.valid, schedule: osaka) == U256.one.bigEndianBytes)
        #expect(P256Verify.gas(Self.valid, schedule: osaka) == 6_900)
        var wrongHash = Self.valid
        wrongHash[0] ^= 1
        #expect(P256Verify.run(wrongHash, schedule: osaka) == [])
        #expect(P256Verify.run(Array(Self.valid.dropLast()), schedule: osaka) == [])
        #expect(!GasSchedule.of(.prague).isPrecompile(Address(0x100)))
        #expect(osaka.isPrecompile(Address(0x100)))
    }
}
