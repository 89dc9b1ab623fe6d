import EVMCore

/// A precompiled contract: what it costs for an input under a fork, and what it computes.
/// `run` returns nil when the input is invalid: the call fails and its gas is consumed.
public protocol Precompile {
    static func gas(_ input: [UInt8], schedule: GasSchedule) -> Int
    static func run(_ input: [UInt8], schedule: GasSchedule) -> [UInt8]?
}

/// The precompiles by address. Which addresses are active in a fork is the schedule's answer
/// (`GasSchedule.precompiles`).
public enum Precompiles {
    public static func implementation(_ address: Address) -> (any Precompile.Type)? {
        guard address.high == 0, address.middle == 0 else { return nil }
        switch address.low {
        case 0x01: return ECRecover.self
        case 0x02: return SHA256Precompile.self
        case 0x03: return RIPEMD160Precompile.self
        case 0x04: return Identity.self
        case 0x05: return Modexp.self
        case 0x06: return BN254Add.self
        case 0x07: return BN254Mul.self
        case 0x08: return BN254PairingCheck.self
        case 0x09: return Blake2F.self
        case 0x0a: return PointEvaluation.self
        case 0x0b: return BLS12G1Add.self
        case 0x0c: return BLS12G1MSM.self
        case 0x0d: return BLS12G2Add.self
        case 0x0e: return BLS12G2MSM.self
        case 0x0f: return BLS12Pairing.self
        case 0x10: return BLS12MapFpToG1.self
        case 0x11: return BLS12MapFp2ToG2.self
        case 0x100: return P256Verify.self
        default: return nil
        }
    }

    /// Runs the precompile at an active address with the gas given to the call.
    public static func run(_ address: Address, input: [UInt8], gas: Int, schedule: GasSchedule) -> FrameResult {
        guard let p = implementation(address) else {
            return FrameResult(status: .precompileFailure, gasLeft: 0, refund: 0, output: [])
        }
        let cost = p.gas(input, schedule: schedule)
        guard cost <= gas else { return FrameResult(status: .outOfGas, gasLeft: 0, refund: 0, output: []) }
        guard let output = p.run(input, schedule: schedule) else {
            return FrameResult(status: .precompileFailure, gasLeft: 0, refund: 0, output: [])
        }
        return FrameResult(status: .returned, gasLeft: gas - cost, refund: 0, output: output)
    }
}

/// Gas of the form base + perWord · words(input), as the hash precompiles charge.
@inlinable
func linearCost(_ input: [UInt8], base: Int, perWord: Int) -> Int {
    base + perWord * GasMath.words(input.count)
}
