import EVMCore

/// 0x04 IDENTITY: returns its input; 15 gas + 3 per word.
public enum Identity: Precompile {
    public static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int { linearCost(input, base: 15, perWord: 3) }
    public static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]? { input }
}
