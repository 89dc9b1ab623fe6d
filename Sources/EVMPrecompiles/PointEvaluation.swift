import Crypto
import EVMCore

/// 0x0a point evaluation (EIP-4844, from Cancun): 50,000 gas. Input: versioned hash, z, y,
/// commitment, proof (192 bytes). Fails unless the hash is 0x01 ‖ sha256(commitment)[1:], z and
/// y are below the BLS modulus, both points decompress into G1, and the KZG proof verifies.
/// Returns FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS as two 32-byte words.
public enum PointEvaluation: Precompile {
    public static let gasCost = 50_000
    public static let fieldElementsPerBlob = 4096

    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int { gasCost }

    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? {
        guard input.count == 192 else { return nil }
        let commitmentBytes = input[96..<144]
        var versioned = Array(SHA256.hash(data: Array(commitmentBytes)))
        versioned[0] = 0x01
        guard versioned[...] == input[0..<32] else { return nil }
        let z = U256(bigEndianBytes: input[32..<64]), y = U256(bigEndianBytes: input[64..<96])
        guard let commitment = BLS12381.decompressG1(commitmentBytes),
              let proof = BLS12381.decompressG1(input[144..<192]),
              BLS12381.KZG.verify(commitment: commitment, z: z, y: y, proof: proof) else { return nil }
        return U256(fieldElementsPerBlob).bigEndianBytes + BLS12381.order.bigEndianBytes
    }
}
