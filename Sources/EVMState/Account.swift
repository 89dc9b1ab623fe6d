import EVMCore

/// An account: nonce, balance, code and storage. Storage holds non-zero values only.
public struct Account: Sendable {
    public var nonce: UInt64
    public var balance: U256
    public var code: Code
    public var storage: [U256: U256]

    public init(nonce: UInt64 = 0, balance: U256 = .zero, code: Code = .empty, storage: [U256: U256] = [:]) {
        self.nonce = nonce
        self.balance = balance
        self.code = code
        self.storage = storage.filter { !$0.value.isZero }
    }

    /// EIP-161: no nonce, no balance, no code.
    public var isEmpty: Bool { nonce == 0 && balance.isZero && code.isEmpty }
}

/// Deployed code with its analysis and hash, computed once and shared by every account
/// that holds the same code.
public final class Code: @unchecked Sendable {
    public let analyzed: AnalyzedCode
    public let hash: U256
    public var bytes: [UInt8] { analyzed.bytes }
    public var isEmpty: Bool { analyzed.bytes.isEmpty }

    public init(_ bytes: [UInt8]) {
        analyzed = AnalyzedCode(bytes)
        hash = Keccak256.hashWord(bytes)
    }

    /// keccak256 of the empty string: the code hash of an account without code.
    public static let emptyHash = Keccak256.hashWord([UInt8]())
    public static let empty = Code([])

    /// EIP-7702: code `0xef0100 ‖ address` delegates to that address.
    public var delegationTarget: Address? {
        let b = analyzed.bytes
        guard b.count == 23, b[0] == 0xef, b[1] == 0x01, b[2] == 0x00 else { return nil }
        return Address(bytes: b[3...])
    }

    public static func delegation(to address: Address) -> Code { Code([0xef, 0x01, 0x00] + address.bytes) }
}

extension Keccak256 {
    /// The hash of bytes as a word.
    public static func hashWord(_ bytes: [UInt8]) -> U256 {
        bytes.withUnsafeBytes { hashWord($0) }
    }
}
