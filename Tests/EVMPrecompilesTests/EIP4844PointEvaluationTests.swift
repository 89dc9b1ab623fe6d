import EVMCore
@testable import EVMPrecompiles
import Foundation
import Testing

/// EIP-4844's point-evaluation precompile: the return value, the versioned-hash and range
/// checks, and the shipped setup points against the ceremony's file.
@Suite struct EIP4844PointEvaluationTests {
    let cancun = GasSchedule.of(.cancun)
    static let infinity = [0xc0] + [UInt8](repeating: 0, count: 47)

    static func versionedHash(_ commitment: [UInt8]) -> [UInt8] {
        var h = SHA256Precompile.run(commitment, schedule: GasSchedule.of(.cancun))!
        h[0] = 0x01
        return h
    }

    /// The zero polynomial: commitment and proof at infinity, y = 0 at every z.
    static func zeroPolynomialInput(z: U256, y: U256) -> [UInt8] {
        versionedHash(infinity) + z.bigEndianBytes + y.bigEndianBytes + infinity + infinity
    }

    @Test func zeroPolynomialVerifies() {
        let out = PointEvaluation.run(Self.zeroPolynomialInput(z: U256(12345), y: .zero), schedule: cancun)
        // FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS, as EIP-4844 defines them.
        #expect(out == U256(4096).bigEndianBytes
            + hex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001"))
        #expect(PointEvaluation.gas([], schedule: cancun) == 50_000)
    }

    @Test func checksFail() {
        let r = BLS12381.order
        #expect(PointEvaluation.run(Self.zeroPolynomialInput(z: .one, y: .one), schedule: cancun) == nil)  // wrong value
        #expect(PointEvaluation.run(Self.zeroPolynomialInput(z: r, y: .zero), schedule: cancun) == nil)    // z ≥ r
        var wrongVersion = Self.zeroPolynomialInput(z: .one, y: .zero)
        wrongVersion[0] = 0x02
        #expect(PointEvaluation.run(wrongVersion, schedule: cancun) == nil)
        #expect(PointEvaluation.run(Array(Self.zeroPolynomialInput(z: .one, y: .zero).dropLast()), schedule: cancun) == nil)
        // Infinity must be encoded exactly 0xc0 00…: with the sign flag set it is refused.
        var signedInfinity = Self.zeroPolynomialInput(z: .one, y: .zero)
        signedInfinity[144] = 0xe0
        #expect(PointEvaluation.run(signedInfinity, schedule: cancun) == nil)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Self.setupPath), "../shared/fixtures/kzg is absent"))
    func shippedG2PointsAreTheCeremonys() throws {
        let text = try String(contentsOfFile: Self.setupPath, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let g1Count = Int(lines[0])!, g2Count = Int(lines[1])!
        #expect(g2Count == 65)
        #expect(Array(lines[2 + g1Count..<2 + g1Count + 2]) == BLS12381.KZG.setupG2Compressed)
    }

    static var setupPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/fixtures/kzg/trusted_setup.txt").standardized.path
    }
}
