import Crypto
import EVMCore

/// 0x02 SHA256 (swift-crypto): 60 gas + 12 per word.
public enum SHA256Precompile: Precompile {
    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int { linearCost(input, base: 60, perWord: 12) }
    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? { Array(SHA256.hash(data: input)) }
}
