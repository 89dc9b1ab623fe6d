import EVMCore
import Foundation

/// The result of assembling a file: the runtime code, the initcode that deploys it, and a
/// source map from bytecode offsets to the lines that produced them.
public struct Program: Sendable {
    /// Bytes of each section, in the order the file declares them.
    public var sections: [(name: String, bytes: [UInt8])]
    /// The code a deployment leaves on chain: the `runtime` section (or the whole file when
    /// it has no sections).
    public var runtime: [UInt8]
    /// Code that deploys the runtime: the sections before `runtime` followed by it when the
    /// file has a constructor, else a generated constructor that copies and returns it.
    public var initcode: [UInt8]
    /// For each instruction or data run of the runtime: its offset and source.
    public var runtimeMap: [SourceMapEntry]
    /// The same for the initcode (offsets within the initcode).
    public var initcodeMap: [SourceMapEntry]
    /// Label offsets within their section.
    public var labels: [String: Int]

    /// A program from parts (a compiler's output turned into GasLab's source maps).
    public init(sections: [(name: String, bytes: [UInt8])], runtime: [UInt8], initcode: [UInt8],
                runtimeMap: [SourceMapEntry], initcodeMap: [SourceMapEntry], labels: [String: Int]) {
        self.sections = sections
        self.runtime = runtime
        self.initcode = initcode
        self.runtimeMap = runtimeMap
        self.initcodeMap = initcodeMap
        self.labels = labels
    }
}

/// One entry of a source map: the bytes at `offset..<offset+length` came from `location`,
/// inside `label` (the nearest label before) and `macros` (expansions, outermost first).
public struct SourceMapEntry: Sendable, Equatable {
    public var offset: Int
    public var length: Int
    public var location: SourceLocation
    public var label: String?
    public var macros: [String]

    public init(offset: Int, length: Int, location: SourceLocation, label: String?, macros: [String]) {
        self.offset = offset
        self.length = length
        self.location = location
        self.label = label
        self.macros = macros
    }
}

/// Options of an assembly.
public struct AssemblerOptions: Sendable {
    /// The fork the code targets: `push 0` becomes PUSH0 only from Shanghai.
    public var target: Fork
    public init(target: Fork = .latest) { self.target = target }
}

/// The `.easm` assembler. See `Contracts/README.md` for the language.
public struct Assembler {
    public var options: AssemblerOptions
    /// Reads an included file (tests substitute an in-memory one).
    public var readFile: (String) -> String?

    public init(options: AssemblerOptions = AssemblerOptions(), readFile: @escaping (String) -> String? = Assembler.readFromDisk) {
        self.options = options
        self.readFile = readFile
    }

    public static func readFromDisk(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// Assembles a file from disk.
    public func assemble(file path: String) throws(AssemblyError) -> Program {
        guard let text = readFile(path) else {
            throw AssemblyError(SourceLocation(file: path, line: 0, column: 0), "cannot read file")
        }
        return try assemble(source: text, file: path)
    }

    /// Assembles source text (`file` names it in errors and resolves includes).
    public func assemble(source: String, file: String = "<input>") throws(AssemblyError) -> Program {
        var macros: [String: MacroDefinition] = [:]
        let statements = try parse(source: source, file: file, macros: &macros, includeStack: [file])
        let expanded = try expand(statements, macros: macros, depth: 0, counter: Counter())
        var layout = Layout(statements: expanded, options: options)
        return try layout.build()
    }

    final class Counter { var value = 0 }

    // MARK: Parsing

    func parse(source: String, file: String, macros: inout [String: MacroDefinition],
               includeStack: [String]) throws(AssemblyError) -> [LocatedStatement] {
        var out: [LocatedStatement] = []
        var openMacro: MacroDefinition? = nil
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for (n, rawLine) in lines.enumerated() {
            let lineNumber = n + 1
            let line = String(rawLine)
            let tokens = try Lexer.tokenize(line, file: file, lineNumber: lineNumber)
            if tokens.isEmpty { continue }
            var p = LineParser(tokens: tokens, file: file, line: lineNumber, lineLength: line.count)
            var statements: [LocatedStatement] = []
            if case .directive(let d) = tokens[0].token {
                p.index = 1
                let loc = p.location(0)
                switch d {
                case "macro":
                    if let open = openMacro {
                        throw AssemblyError(loc, "expected %endmacro for macro '\(open.name)' before another %macro")
                    }
                    let name = try p.identifier("a macro name")
                    var params: [String] = []
                    if p.accept("(") {
                        if !p.accept(")") {
                            repeat { params.append(try p.identifier("a parameter name")) } while p.accept(",")
                            try p.expect(")")
                        }
                    }
                    try p.expectEnd()
                    openMacro = MacroDefinition(name: name, parameters: params, body: [], location: loc)
                    continue
                case "endmacro":
                    try p.expectEnd()
                    guard let done = openMacro else { throw AssemblyError(loc, "found %endmacro without %macro") }
                    if macros[done.name] != nil { throw AssemblyError(done.location, "macro '\(done.name)' is defined twice") }
                    macros[done.name] = done
                    openMacro = nil
                    continue
                case "include":
                    guard !p.atEnd, case .string(let b) = p.tokens[p.index].token else {
                        throw AssemblyError(p.location(), "expected a file name in quotes, found \(p.found)")
                    }
                    p.index += 1
                    try p.expectEnd()
                    let name = String(decoding: b, as: UTF8.self)
                    let path = name.hasPrefix("/") ? name
                        : (URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(name).path)
                    if includeStack.contains(path) { throw AssemblyError(loc, "'\(name)' includes itself") }
                    guard let text = readFile(path) else { throw AssemblyError(loc, "cannot read included file '\(name)'") }
                    let included = try parse(source: text, file: path, macros: &macros, includeStack: includeStack + [path])
                    if openMacro != nil { throw AssemblyError(loc, "%include inside a macro is not supported") }
                    out += included
                    continue
                case "define":
                    let name = try p.identifier("a constant name")
                    let value = try p.expression()
                    try p.expectEnd()
                    statements.append(LocatedStatement(statement: .define(name, value), location: loc))
                case "section":
                    let name = try p.identifier("a section name")
                    try p.expectEnd()
                    statements.append(LocatedStatement(statement: .section(name), location: loc))
                case "data", "word":
                    var items: [Expression] = []
                    repeat { items.append(try p.expression()) } while p.accept(",")
                    try p.expectEnd()
                    statements.append(LocatedStatement(statement: d == "data" ? .data(items) : .words(items), location: loc))
                default:
                    throw AssemblyError(loc, "expected a directive (%define %macro %endmacro %include %section %data %word), found '%\(d)'")
                }
            } else {
                // Labels, then at most one instruction or macro call.
                while p.index + 1 < p.tokens.count, case .identifier(let name) = p.tokens[p.index].token,
                      p.tokens[p.index + 1].token == .punctuation(":") {
                    statements.append(LocatedStatement(statement: .label(name), location: p.location()))
                    p.index += 2
                }
                if !p.atEnd {
                    let loc = p.location()
                    let name = try p.identifier("an opcode, a macro call or a label")
                    statements.append(LocatedStatement(statement: try instruction(name, &p, loc), location: loc))
                }
            }
            if openMacro != nil {
                openMacro!.body += statements
            } else {
                out += statements
            }
        }
        if let open = openMacro { throw AssemblyError(open.location, "expected %endmacro for macro '\(open.name)', found end of file") }
        return out
    }

    func instruction(_ name: String, _ p: inout LineParser, _ loc: SourceLocation) throws(AssemblyError) -> Statement {
        let upper = name.uppercased()
        if upper == "PUSH" {
            let operand = try p.expression()
            try p.expectEnd()
            return .instruction(opcode: nil, push: true, width: nil, operand: operand)
        }
        if upper.hasPrefix("PUSH"), let n = Int(upper.dropFirst(4)), (1...32).contains(n), !p.atEnd {
            let operand = try p.expression()
            try p.expectEnd()
            return .instruction(opcode: nil, push: true, width: n, operand: operand)
        }
        if let code = Opcode.byName[upper] {
            if p.accept("(") || !p.atEnd {
                throw AssemblyError(p.location(), "expected end of line after \(upper) (only PUSH takes an operand), found \(p.found)")
            }
            return .instruction(opcode: code, push: false, width: nil, operand: nil)
        }
        if p.accept("(") {
            var args: [Expression] = []
            if !p.accept(")") {
                repeat { args.append(try p.expression()) } while p.accept(",")
                try p.expect(")")
            }
            try p.expectEnd()
            return .macroCall(name, args)
        }
        if !p.atEnd { throw AssemblyError(p.location(), "expected end of line after '\(name)', found \(p.found)") }
        return .macroCall(name, [])
    }

    // MARK: Macros

    func expand(_ statements: [LocatedStatement], macros: [String: MacroDefinition], depth: Int,
                counter: Counter) throws(AssemblyError) -> [LocatedStatement] {
        var out: [LocatedStatement] = []
        for s in statements {
            guard case .macroCall(let name, let args) = s.statement else {
                out.append(s)
                continue
            }
            guard let macro = macros[name] else {
                throw AssemblyError(s.location, "expected an opcode or a defined macro, found '\(name)'")
            }
            guard args.count == macro.parameters.count else {
                throw AssemblyError(s.location, "macro '\(name)' expects \(macro.parameters.count) argument(s), found \(args.count)")
            }
            guard depth < 64 else { throw AssemblyError(s.location, "macro expansion deeper than 64 levels (a macro calls itself?)") }
            counter.value += 1
            // Macros that call others twice grow exponentially: bound the work, not only the depth.
            guard counter.value <= 100_000 else {
                throw AssemblyError(s.location, "more than 100,000 macro expansions (macros that call each other exponentially?)")
            }
            let bindings = Dictionary(uniqueKeysWithValues: zip(macro.parameters, args))
            // Labels starting with '.' are local to this expansion.
            var local: [String: String] = [:]
            for b in macro.body { if case .label(let l) = b.statement, l.hasPrefix(".") { local[l] = "\(name)\(l)#\(counter.value)" } }
            var body: [LocatedStatement] = []
            for var b in macro.body {
                b.macroPath = s.macroPath + [name]
                switch b.statement {
                case .label(let l): b.statement = .label(local[l] ?? l)
                case .instruction(let op, let push, let width, let operand):
                    b.statement = .instruction(opcode: op, push: push, width: width,
                                               operand: operand?.substituting(bindings).renaming(local))
                case .macroCall(let n, let a): b.statement = .macroCall(n, a.map { $0.substituting(bindings).renaming(local) })
                case .data(let items): b.statement = .data(items.map { $0.substituting(bindings).renaming(local) })
                case .words(let items): b.statement = .words(items.map { $0.substituting(bindings).renaming(local) })
                case .define(let n, let e): b.statement = .define(n, e.substituting(bindings).renaming(local))
                case .section: throw AssemblyError(b.location, "%section is not allowed inside a macro")
                }
                body.append(b)
            }
            out += try expand(body, macros: macros, depth: depth + 1, counter: counter)
        }
        return out
    }
}
