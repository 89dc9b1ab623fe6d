import EVMCore

/// An exact non-negative decimal: `units / 10^scale`. Amounts of wei, gwei, ETH and dollars are
/// kept this way, never in binary floating point, and rounded only when printed.
public struct ExactDecimal: Sendable, Equatable, CustomStringConvertible {
    public var units: U256
    public var scale: Int

    public init(units: U256, scale: Int) {
        self.units = units
        self.scale = scale
    }

    public init(_ integer: U256) { self.init(units: integer, scale: 0) }

    /// Parses "1742", "0.684", "1,742.50" (commas ignored); nil for anything else.
    public init?(parsing text: String) {
        let t = text.filter { $0 != "," && $0 != "_" }.trimmingCharacters(in: " ")
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty || parts.count == 2 else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 36, (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber }),
              let units = U256(decimal: String(whole) + fraction + (whole.isEmpty && fraction.isEmpty ? "0" : "")) else { return nil }
        self.init(units: units, scale: fraction.count)
    }

    public static func pow10(_ n: Int) -> U256 {
        var r = U256.one
        for _ in 0..<n { r = r &* U256(10) }
        return r
    }

    /// The value times `factor`, exactly (nil on overflow of 256 bits).
    public func multiplied(by factor: ExactDecimal) -> ExactDecimal? {
        let (hi, lo) = units.multipliedFullWidth(by: factor.units)
        guard hi.isZero else { return nil }
        return ExactDecimal(units: lo, scale: scale + factor.scale)
    }

    /// The value divided by 10^n, exactly.
    public func shifted(by n: Int) -> ExactDecimal { ExactDecimal(units: units, scale: scale + n) }

    public enum Rounding: Sendable { case halfUp, down }

    /// Text with `places` decimals and thousands separators.
    public func formatted(places: Int, rounding: Rounding = .halfUp, grouping: Bool = true) -> String {
        var v = units
        if scale > places {
            let divisor = ExactDecimal.pow10(scale - places)
            let (q, r) = v.quotientAndRemainder(dividingBy: divisor)
            v = q
            if rounding == .halfUp && !(r &+ r < divisor) { v = v &+ .one }
        } else if scale < places {
            v = v &* ExactDecimal.pow10(places - scale)
        }
        var digits = v.decimalString
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            let cut = digits.index(digits.endIndex, offsetBy: -places)
            let whole = String(digits[..<cut]), fraction = String(digits[cut...])
            return (grouping ? ExactDecimal.group(whole) : whole) + "." + fraction
        }
        return grouping ? ExactDecimal.group(digits) : digits
    }

    /// Thousands separators in a run of digits; `grouped(_:)` is the same for an `Int`.
    static func group(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// For comparisons and charts only (never for amounts that are printed as money).
    public var approximate: Double {
        var d = 0.0
        for limb in [units.w3, units.w2, units.w1, units.w0] { d = d * 18_446_744_073_709_551_616.0 + Double(limb) }
        for _ in 0..<scale { d /= 10 }
        return d
    }

    public var description: String { formatted(places: max(scale, 0), rounding: .down, grouping: false) }
}

/// Wei, and the units people price gas in.
public enum Wei {
    public static let perGwei = U256(1_000_000_000)
    public static let perEther = U256(decimal: "1000000000000000000")!

    /// Parses "20gwei", "20 gwei", "0.5gwei", "1ether", "1000wei" or a plain number of wei;
    /// nil when malformed or finer than one wei.
    public static func parse(_ text: String) -> U256? {
        let t = text.lowercased().filter { !$0.isWhitespace }
        for (suffix, decimals) in [("gwei", 9), ("ether", 18), ("eth", 18), ("wei", 0)] where t.hasSuffix(suffix) {
            guard let d = ExactDecimal(parsing: String(t.dropLast(suffix.count))), d.scale <= decimals else { return nil }
            let (high, low) = d.units.multipliedFullWidth(by: ExactDecimal.pow10(decimals - d.scale))
            return high.isZero ? low : nil  // above 2^256 wei
        }
        guard let d = ExactDecimal(parsing: t), d.scale == 0 else { return nil }
        return d.units
    }

    public static func gwei(_ wei: U256) -> ExactDecimal { ExactDecimal(units: wei, scale: 9) }
    public static func ether(_ wei: U256) -> ExactDecimal { ExactDecimal(units: wei, scale: 18) }
}

extension String {
    func trimmingCharacters(in c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s.removeFirst() }
        while s.last == c { s.removeLast() }
        return String(s)
    }
}

/// 1234567 → "1,234,567": the one grouping every table, chart and report uses.
/// `magnitude` rather than `abs`, so `Int.min` groups instead of trapping.
public func grouped(_ n: Int) -> String {
    (n < 0 ? "-" : "") + ExactDecimal.group(String(n.magnitude))
}
