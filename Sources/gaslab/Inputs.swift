import ArgumentParser
import EVMCore
import Foundation

extension Fork: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { Fork.allCases.map { $0.name.lowercased() } }
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
