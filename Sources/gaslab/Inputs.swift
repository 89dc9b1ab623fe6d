import ArgumentParser
import EVMCore
import Foundation

extension Fork: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { Fork.allCases.map { $0.name.lowercased() } }
}

/// A fork as an option with a default. `Fork` itself would show its default by raw value
/// ("default: 0"): ArgumentParser prints a CaseIterable raw-value enum's default that way.
struct ForkArgument: ExpressibleByArgument {
    var fork: Fork
    init(_ fork: Fork) { self.fork = fork }
    init?(argument: String) {
        guard let fork = Fork(argument: argument) else { return nil }
        self.fork = fork
    }
    static var allValueStrings: [String] { Fork.allValueStrings }
    var defaultValueDescription: String { fork.name.lowercased() }
}

enum Inputs {
    /// The text without its white space. ASCII text, as hex is, is filtered byte by byte:
    /// `Character.isWhitespace` looks up Unicode properties per character, which took most of
    /// `gaslab precompile`'s time on a cheap precompile (ECADD: 45 → 20 µs per line).
    static func withoutWhitespace(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.filter { !$0.isWhitespace } }
        // ASCII white space: space, tab, line feed, vertical tab, form feed, carriage return.
        return String(decoding: utf8.filter { $0 != 0x20 && !(0x09...0x0d).contains($0) }, as: UTF8.self)
    }

    /// Bytes from "HEX" or "@FILE" (the file holds hex, white space allowed).
    static func bytes(_ argument: String, what: String) throws -> [UInt8] {
        var text = argument
        if argument.hasPrefix("@") {
            let path = String(argument.dropFirst())
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read \(what) file '\(path)'")
            }
            guard let s = String(data: data, encoding: .utf8) else { throw CLIError("\(what) file '\(path)' is not text") }
            text = withoutWhitespace(s)
        }
        do {
            return try Hex.decode(text)
        } catch {
            throw CLIError("\(what) is not valid hex: \(error)")
        }
    }
}
