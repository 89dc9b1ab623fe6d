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
    /// Bytes from "HEX" or "@FILE" (the file holds hex, white space allowed).
    static func bytes(_ argument: String, what: String) throws -> [UInt8] {
        var text = argument
        if argument.hasPrefix("@") {
            let path = String(argument.dropFirst())
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read \(what) file '\(path)'")
            }
            guard let s = String(data: data, encoding: .utf8) else { throw CLIError("\(what) file '\(path)' is not text") }
            text = s.filter { !$0.isWhitespace }
        }
        do {
            return try Hex.decode(text)
        } catch {
            throw CLIError("\(what) is not valid hex: \(error)")
        }
    }
}
