import EVMCore

/// One number a fee model reads, with where it comes from and the date it holds for. Presets
/// are tables of these (`FeePreset`), so a printed cost can always say what it assumed, and
/// any of them can be replaced from the command line (`--set base.baseFeeScalar=1368`).
public struct Parameter: Sendable, Equatable {
    public enum Unit: Sendable, Equatable {
        /// An amount in wei; given as "20gwei", "1wei", "0.01gwei".
        case wei
        /// A plain integer (gas, bytes, an on-chain scalar with its implied decimals).
        case integer
        /// Dollars per ETH, a decimal.
        case usd
    }

    /// The key within its table ("baseFeeScalar").
    public var key: String
    public var value: U256
    /// For `.usd`: the exact decimal (value holds its integer part).
    public var decimal: ExactDecimal?
    public var unit: Unit
    /// What the value is and what it means, in a few words.
    public var meaning: String
    /// Where the value comes from: a specification, a client's source, an explorer, or
    /// "assumption" with the reason.
    public var source: String
    /// The date the value holds for (YYYY-MM or YYYY-MM-DD).
    public var date: String

    public init(_ key: String, _ value: U256, _ unit: Unit = .integer, meaning: String, source: String, date: String) {
        self.key = key
        self.value = value
        self.unit = unit
        self.meaning = meaning
        self.source = source
        self.date = date
    }

    public init(_ key: String, usd: ExactDecimal, meaning: String, source: String, date: String) {
        self.init(key, .zero, .usd, meaning: meaning, source: source, date: date)
        decimal = usd
    }

    /// The value as a person reads it ("20 gwei", "1,368", "$1,742").
    public var text: String {
        switch unit {
        case .wei:
            if value >= U256(1_000_000) || value.isZero { return Wei.gwei(value).formatted(places: 9).trimmingZeros + " gwei" }
            return value.decimalString + " wei"
        case .integer: return value.decimalString
        case .usd: return "$" + (decimal ?? ExactDecimal(value)).formatted(places: 2)
        }
    }

    /// Replaces the value from command-line text in this parameter's unit.
    public mutating func set(_ text: String, source newSource: String = "command line") throws(ParameterError) {
        switch unit {
        case .wei:
            guard let w = Wei.parse(text) else { throw .badValue(key: key, text: text, expected: "an amount like 20gwei or 7wei") }
            value = w
        case .integer:
            guard let v = U256(decimal: text.replacingUnderscores) else {
                throw .badValue(key: key, text: text, expected: "a non-negative integer")
            }
            value = v
        case .usd:
            guard let d = ExactDecimal(parsing: text.hasPrefix("$") ? String(text.dropFirst()) : text) else {
                throw .badValue(key: key, text: text, expected: "a decimal like 1742 or 3150.25")
            }
            decimal = d
        }
        source = newSource
    }
}

public enum ParameterError: Error, Equatable, CustomStringConvertible {
    case unknownKey(String, known: [String])
    case unknownChain(String, known: [String])
    case badValue(key: String, text: String, expected: String)
    case missing(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .unknownKey(let k, let known): return "unknown parameter '\(k)'; known: \(known.joined(separator: ", "))"
        case .unknownChain(let c, let known): return "unknown chain '\(c)'; known: \(known.joined(separator: ", "))"
        case .badValue(let k, let t, let e): return "parameter \(k): '\(t)' is not \(e)"
        case .missing(let k): return "the fee model needs parameter '\(k)', which the preset does not set"
        case .malformed(let t): return "'\(t)' is not KEY=VALUE (for example base.baseFeeScalar=1368)"
        }
    }
}

/// An ordered table of parameters.
public struct ParameterTable: Sendable, Equatable {
    public private(set) var entries: [Parameter]

    public init(_ entries: [Parameter]) { self.entries = entries }

    public subscript(key: String) -> Parameter? { entries.first { $0.key == key } }

    /// The value of a parameter the model needs.
    public func value(_ key: String) throws(ParameterError) -> U256 {
        guard let p = self[key] else { throw .missing(key) }
        return p.value
    }

    public mutating func set(_ key: String, _ text: String) throws(ParameterError) {
        guard let i = entries.firstIndex(where: { $0.key == key }) else {
            throw .unknownKey(key, known: entries.map(\.key))
        }
        try entries[i].set(text)
    }

    public mutating func add(_ p: Parameter) { entries.append(p) }

    public mutating func replace(_ key: String, value: U256, source: String) {
        if let i = entries.firstIndex(where: { $0.key == key }) {
            entries[i].value = value
            entries[i].source = source
        }
    }
}

extension String {
    var replacingUnderscores: String { String(filter { $0 != "_" && $0 != "," }) }
    /// "1.500000000" → "1.5", "20.000000000" → "20".
    public var trimmingZeros: String {
        guard contains(".") else { return self }
        var s = self
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
