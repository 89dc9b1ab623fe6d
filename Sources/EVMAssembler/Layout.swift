import EVMCore

/// Lays out expanded statements into sections, chooses PUSH widths and emits bytes.
///
/// PUSH widths start at the smallest that fits the first estimate and only ever grow, pass
/// after pass, until no label moves: the result is stable and terminates (32 bytes at most).
struct Layout {
    let statements: [LocatedStatement]
    let options: AssemblerOptions

    struct Section {
        var name: String
        var items: [Int] = []  // indexes into statements
    }

    var sections: [Section] = []
    var constants: [String: (Expression, SourceLocation)] = [:]
    /// Width chosen for each automatic PUSH (by statement index).
    var widths: [Int: Int] = [:]
    var labels: [String: Int] = [:]
    var labelSection: [String: String] = [:]
    var sectionOffsets: [String: Int] = [:]
    var sectionSizes: [String: Int] = [:]

    init(statements: [LocatedStatement], options: AssemblerOptions) {
        self.statements = statements
        self.options = options
    }

    mutating func build() throws(AssemblyError) -> Program {
        var current = Section(name: "")
        for (i, s) in statements.enumerated() {
            switch s.statement {
            case .section(let name):
                if !current.items.isEmpty || !current.name.isEmpty { sections.append(current) }
                if sections.contains(where: { $0.name == name }) {
                    throw AssemblyError(s.location, "section '\(name)' is declared twice")
                }
                current = Section(name: name)
            case .define(let name, let e):
                if constants[name] != nil { throw AssemblyError(s.location, "constant '\(name)' is defined twice") }
                constants[name] = (e, s.location)
            case .label(let name):
                if labelSection[name] != nil { throw AssemblyError(s.location, "label '\(name)' is defined twice") }
                labelSection[name] = current.name
                labels[name] = 0
                current.items.append(i)
            default:
                current.items.append(i)
            }
        }
        sections.append(current)
        for name in labels.keys where constants[name] != nil {
            throw AssemblyError(statements.first { if case .label(name) = $0.statement { return true }; return false }!.location,
                                "'\(name)' is both a label and a constant")
        }

        // Grow widths until labels stop moving.
        var emitted: [(name: String, bytes: [UInt8], map: [SourceMapEntry])] = []
        for pass in 0..<80 {
            let before = (labels, sectionSizes)
            emitted = try emitAll(final: false)
            if pass > 0 && labels == before.0 && sectionSizes == before.1 { break }
            if pass == 79 { throw AssemblyError(statements.first?.location ?? SourceLocation(file: "", line: 0, column: 0), "label layout did not settle") }
        }
        emitted = try emitAll(final: true)

        let names = emitted.map(\.name)
        // A file without sections is all runtime; a file with sections must name its runtime (a
        // lone constructor section is not code to deploy).
        let runtimeIndex = names.firstIndex(of: "runtime") ?? (names == [""] ? 0 : nil)
        guard let runtimeIndex else {
            throw AssemblyError(statements.first?.location ?? SourceLocation(file: "", line: 0, column: 0),
                                "expected a section named 'runtime' among \(names.filter { !$0.isEmpty })")
        }
        let runtime = emitted[runtimeIndex]
        var initcode: [UInt8]
        var initMap: [SourceMapEntry]
        if runtimeIndex == 0 {
            // No constructor: deploy the runtime with a generated one.
            let deployer = Layout.deployer(runtimeSize: runtime.bytes.count)
            initcode = deployer + emitted.flatMap(\.bytes)
            initMap = Layout.shift(emitted.flatMap(\.map), by: deployer.count)
        } else {
            initcode = emitted.flatMap(\.bytes)
            initMap = emitted.flatMap(\.map)
        }
        let runtimeMap = runtime.map.map { e -> SourceMapEntry in
            var e = e
            e.offset -= sectionOffsets[runtime.name] ?? 0
            return e
        }
        return Program(sections: emitted.map { ($0.name, $0.bytes) }, runtime: runtime.bytes, initcode: initcode,
                       runtimeMap: runtimeMap, initcodeMap: initMap, labels: labels)
    }

    static func shift(_ map: [SourceMapEntry], by n: Int) -> [SourceMapEntry] {
        map.map { var e = $0; e.offset += n; return e }
    }

    /// PUSH3 size, DUP1, PUSH1 13, PUSH1 0, CODECOPY, PUSH1 0, RETURN: 13 bytes that copy the
    /// runtime placed right after them and return it (no PUSH0, so it deploys under any fork).
    static func deployer(runtimeSize n: Int) -> [UInt8] {
        [0x62, UInt8((n >> 16) & 0xff), UInt8((n >> 8) & 0xff), UInt8(n & 0xff),
         0x80, 0x60, 13, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3]
    }

    /// Emits every section; updates labels, offsets and sizes for the next pass.
    mutating func emitAll(final: Bool) throws(AssemblyError) -> [(name: String, bytes: [UInt8], map: [SourceMapEntry])] {
        var out: [(name: String, bytes: [UInt8], map: [SourceMapEntry])] = []
        var imageOffset = 0
        var newLabels: [String: Int] = [:]
        var newOffsets: [String: Int] = [:]
        var newSizes: [String: Int] = [:]
        for section in sections {
            var bytes: [UInt8] = []
            var map: [SourceMapEntry] = []
            var currentLabel: String? = nil
            newOffsets[section.name] = imageOffset
            for i in section.items {
                let s = statements[i]
                let start = bytes.count
                switch s.statement {
                case .label(let name):
                    newLabels[name] = bytes.count
                    if !name.contains("#") { currentLabel = name }
                    continue
                case .instruction(let opcode, let push, let width, let operand):
                    if !push {
                        bytes.append(opcode!)
                    } else {
                        let value = try located(s.location) { () throws(AssemblyError) in try evaluate(operand!, final: final) }
                        let needed = Layout.byteWidth(value)
                        var w: Int
                        if let width {
                            if needed > width {
                                if final { throw AssemblyError(s.location, "expected a value that fits PUSH\(width), found \(value.hexString) (\(needed) bytes)") }
                            }
                            w = width
                        } else {
                            let minimum = needed == 0 && options.target < .shanghai ? 1 : needed
                            w = max(widths[i] ?? minimum, minimum)
                            widths[i] = w
                        }
                        bytes.append(UInt8(0x5f + w))
                        let all = value.bigEndianBytes
                        bytes += all[(32 - w)...]
                    }
                case .data(let items):
                    for item in items { bytes += try dataBytes(item, final: final, location: s.location) }
                case .words(let items):
                    for item in items {
                        bytes += try located(s.location) { () throws(AssemblyError) in try evaluate(item, final: final) }.bigEndianBytes
                    }
                case .macroCall, .section, .define:
                    continue
                }
                map.append(SourceMapEntry(offset: imageOffset + start, length: bytes.count - start, location: s.location,
                                          label: currentLabel, macros: s.macroPath))
            }
            newSizes[section.name] = bytes.count
            imageOffset += bytes.count
            out.append((section.name, bytes, map))
        }
        labels = newLabels
        sectionOffsets = newOffsets
        sectionSizes = newSizes
        return out
    }

    static func byteWidth(_ v: U256) -> Int { v.byteWidth }

    func dataBytes(_ e: Expression, final: Bool, location: SourceLocation) throws(AssemblyError) -> [UInt8] {
        switch e {
        case .bytes(let b):
            return b
        case .call("$hex", let args, let loc):
            return try hexLiteralBytes(args, loc)
        default:
            throw AssemblyError(location, "expected a hex literal or a string in %data (use %word for numbers)")
        }
    }

    /// The bytes a hex literal spells, leading zero digits included: `0x00ff` is two bytes.
    /// A literal is at most 32 bytes because the lexer holds it in one word.
    func hexLiteralBytes(_ args: [Expression], _ loc: SourceLocation) throws(AssemblyError) -> [UInt8] {
        guard args.count == 2, case .number(let v) = args[0], case .number(let digits) = args[1] else { return [] }
        guard digits.w0 % 2 == 0 else {
            throw AssemblyError(loc, "expected an even number of hex digits, found \(digits.w0)")
        }
        guard digits.w0 <= 64 else { throw AssemblyError(loc, "expected at most 32 bytes per hex literal, found \(digits.w0 / 2)") }
        return Array(v.bigEndianBytes[(32 - Int(digits.w0 / 2))...])
    }

    /// Errors raised without a place (an expression's value) take the statement's location.
    func located<T>(_ location: SourceLocation, _ body: () throws(AssemblyError) -> T) throws(AssemblyError) -> T {
        do { return try body() } catch {
            if error.location.file.isEmpty && error.location.line == 0 { throw AssemblyError(location, error.message) }
            throw error
        }
    }

    /// The value of an expression. Before the final pass, unknown names count as zero.
    func evaluate(_ e: Expression, final: Bool, depth: Int = 0) throws(AssemblyError) -> U256 {
        switch e {
        case .number(let v):
            return v
        case .bytes(let b):
            guard b.count <= 32 else {
                throw AssemblyError(SourceLocation(file: "", line: 0, column: 0), "expected at most 32 bytes in a string used as a number")
            }
            return U256(bigEndianBytes: b)
        case .negate(let a):
            return U256.zero &- (try evaluate(a, final: final, depth: depth))
        case .binary(let op, let a, let b):
            let x = try evaluate(a, final: final, depth: depth), y = try evaluate(b, final: final, depth: depth)
            switch op {
            case "+": return x &+ y
            case "-": return x &- y
            default: return x &* y
            }
        case .name(let name, let loc):
            if let offset = labels[name] { return U256(UInt64(offset)) }
            if let (c, _) = constants[name] {
                guard depth < 64 else { throw AssemblyError(loc, "constant '\(name)' refers to itself") }
                return try evaluate(c, final: final, depth: depth + 1)
            }
            throw AssemblyError(loc, "expected a label, constant or macro parameter, found unknown name '\(name)'")
        case .call(let f, let args, let loc):
            switch f {
            case "$hex":
                guard case .number(let v) = args[0] else { return .zero }
                return v
            case "selector", "topic", "keccak":
                guard args.count == 1 else { throw AssemblyError(loc, "\(f) expects one argument, found \(args.count)") }
                let input: [UInt8]
                switch args[0] {
                case .bytes(let b): input = b
                case .call("$hex", let a, _): input = try hexLiteralBytes(a, loc)
                default:
                    if f == "keccak" { input = try evaluate(args[0], final: final, depth: depth).bigEndianBytes } else {
                        throw AssemblyError(loc, "\(f) expects a signature in quotes, like \(f)(\"transfer(address,uint256)\")")
                    }
                }
                let hash = Keccak256.hash(input)
                if f == "selector" { return U256(bigEndianBytes: hash.prefix(4)) }
                return U256(bigEndianBytes: hash)
            case "len":
                guard args.count == 1, case .bytes(let b) = args[0] else {
                    throw AssemblyError(loc, "len expects a string in quotes, like len(\"text\")")
                }
                return U256(UInt64(b.count))
            case "sizeof", "offsetof":
                guard args.count == 1, case .name(let section, _) = args[0] else {
                    throw AssemblyError(loc, "\(f) expects a section name, like \(f)(runtime)")
                }
                let table = f == "sizeof" ? sectionSizes : sectionOffsets
                if let v = table[section] { return U256(UInt64(v)) }
                if !final && sections.contains(where: { $0.name == section }) { return .zero }
                throw AssemblyError(loc, "expected a section name, found '\(section)'")
            default:
                throw AssemblyError(loc, "expected a built-in (selector, topic, keccak, len, sizeof, offsetof), found '\(f)'")
            }
        }
    }
}
