import EVMAssembler
import EVMCore
import Foundation

/// solc's `srcmap-runtime`: one entry per instruction, `s:l:f:j:m` separated by `;`, an empty
/// field repeating the previous entry's; `s` is a byte offset into the source file number
/// `f` of the artifact's `sourceList` (−1: no source). Each instruction becomes a source-map
/// entry at its file:line, labelled with the Solidity function around it.
enum SolcSourceMap {
    static func program(srcmap: String, runtime: [UInt8], initcode: [UInt8], sources: [String],
                        directory: String) -> Program? {
        // The files, read once; a path is tried as given and next to the artifact.
        var texts: [Int: (path: String, bytes: [UInt8], lines: [Substring])] = [:]
        func file(_ index: Int) -> (path: String, bytes: [UInt8], lines: [Substring])? {
            if let t = texts[index] { return t }
            guard index >= 0, index < sources.count else { return nil }
            let name = sources[index]
            for path in [name, (directory as NSString).appendingPathComponent(name)] {
                if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                    let t = ((path as NSString).standardizingPath, Array(text.utf8),
                             text.split(separator: "\n", omittingEmptySubsequences: false))
                    texts[index] = t
                    return t
                }
            }
            return nil
        }
        let entries = srcmap.split(separator: ";", omittingEmptySubsequences: false)
        var s = -1, f = -1  // the length field (l) is not needed: instructions have their own
        var map: [SourceMapEntry] = []
        var pc = 0
        for entry in entries {
            guard pc < runtime.count else { break }
            let fields = entry.split(separator: ":", omittingEmptySubsequences: false)
            if fields.count > 0, let v = Int(fields[0]) { s = v }
            if fields.count > 2, let v = Int(fields[2]) { f = v }
            let op = runtime[pc]
            let width = (op >= 0x60 && op <= 0x7f) ? Int(op - 0x5f) : 0
            if s >= 0, let t = file(f), s <= t.bytes.count {
                let line = t.bytes[..<s].reduce(1) { $0 + ($1 == 0x0a ? 1 : 0) }
                let lineStart = t.bytes[..<s].lastIndex(of: 0x0a).map { $0 + 1 } ?? 0
                map.append(SourceMapEntry(offset: pc, length: min(1 + width, runtime.count - pc),
                                          location: SourceLocation(file: t.path, line: line, column: s - lineStart + 1),
                                          label: function(around: line, in: t.lines), macros: []))
            }
            pc += 1 + width
        }
        guard !map.isEmpty else { return nil }
        return Program(sections: [("runtime", runtime)], runtime: runtime, initcode: initcode, runtimeMap: map,
                       initcodeMap: [], labels: [:])
    }

    /// The nearest `function name(` at or above the line.
    static func function(around line: Int, in lines: [Substring]) -> String? {
        var i = min(line, lines.count) - 1
        while i >= 0 {
            if let r = lines[i].range(of: "function ") {
                return String(lines[i][r.upperBound...].prefix { $0 != "(" && $0 != " " })
            }
            i -= 1
        }
        return nil
    }
}
