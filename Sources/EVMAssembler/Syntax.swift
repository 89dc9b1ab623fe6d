import EVMCore

/// An expression: a literal, a name, a built-in call, or arithmetic on them.
indirect enum Expression: Equatable {
    case number(U256)
    case bytes([UInt8])  // a string literal, as a big-endian number when used as a value
    case name(String, SourceLocation)
    case call(String, [Expression], SourceLocation)
    case binary(Character, Expression, Expression)
    case negate(Expression)

    /// Substitutes macro parameters.
    func substituting(_ bindings: [String: Expression]) -> Expression {
        switch self {
        case .name(let n, _): return bindings[n] ?? self
        case .call(let f, let args, let loc): return .call(f, args.map { $0.substituting(bindings) }, loc)
        case .binary(let op, let a, let b): return .binary(op, a.substituting(bindings), b.substituting(bindings))
        case .negate(let a): return .negate(a.substituting(bindings))
        default: return self
        }
    }

    /// Renames labels (macro-local `.names`).
    func renaming(_ names: [String: String]) -> Expression {
        switch self {
        case .name(let n, let loc): return .name(names[n] ?? n, loc)
        case .call(let f, let args, let loc): return .call(f, args.map { $0.renaming(names) }, loc)
        case .binary(let op, let a, let b): return .binary(op, a.renaming(names), b.renaming(names))
        case .negate(let a): return .negate(a.renaming(names))
        default: return self
        }
    }
}

/// One statement of a source line.
enum Statement {
    case label(String)
    /// An opcode, with an operand for PUSH; `width` is nil for `push` (chosen automatically).
    case instruction(opcode: UInt8?, push: Bool, width: Int?, operand: Expression?)
    case macroCall(String, [Expression])
    /// Raw bytes: hex literals as written, strings as UTF-8.
    case data([Expression])
    /// One 32-byte word per expression.
    case words([Expression])
    case section(String)
    case define(String, Expression)
}

struct LocatedStatement {
    var statement: Statement
    var location: SourceLocation
    /// The macro expansions this statement came from, outermost first.
    var macroPath: [String] = []
}

struct MacroDefinition {
    var name: String
    var parameters: [String]
    var body: [LocatedStatement]
    var location: SourceLocation
}

/// Parses tokens of one line into statements.
struct LineParser {
    var tokens: [LocatedToken]
    var index = 0
    let file: String
    let line: Int
    let lineLength: Int
    /// Parentheses, negations and calls open at this point of the line, and operators so far:
    /// both are bounded, so that neither this recursive parser nor the recursive evaluation
    /// of the tree can exhaust the native stack on hostile input (found by FuzzAssembler).
    var nesting = 0
    var operators = 0
    static let maxNesting = 64
    static let maxOperators = 1_024

    init(tokens: [LocatedToken], file: String, line: Int, lineLength: Int) {
        self.tokens = tokens
        self.file = file
        self.line = line
        self.lineLength = lineLength
    }

    var atEnd: Bool { index >= tokens.count }

    func location(_ i: Int? = nil) -> SourceLocation {
        let k = i ?? index
        let column = k < tokens.count ? tokens[k].column : lineLength + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    var found: String { atEnd ? "end of line" : "'\(tokens[index].token.text)'" }

    mutating func expect(_ c: Character) throws(AssemblyError) {
        guard !atEnd, tokens[index].token == .punctuation(c) else {
            throw AssemblyError(location(), "expected '\(c)', found \(found)")
        }
        index += 1
    }

    mutating func accept(_ c: Character) -> Bool {
        if !atEnd, tokens[index].token == .punctuation(c) {
            index += 1
            return true
        }
        return false
    }

    mutating func identifier(_ what: String) throws(AssemblyError) -> String {
        guard !atEnd, case .identifier(let name) = tokens[index].token else {
            throw AssemblyError(location(), "expected \(what), found \(found)")
        }
        index += 1
        return name
    }

    mutating func expectEnd() throws(AssemblyError) {
        if !atEnd { throw AssemblyError(location(), "expected end of line, found \(found)") }
    }

    // MARK: Expressions (precedence: * over + and -)

    mutating func expression() throws(AssemblyError) -> Expression {
        var left = try term()
        while !atEnd, case .punctuation(let c) = tokens[index].token, c == "+" || c == "-" {
            try countOperator()
            index += 1
            left = .binary(c, left, try term())
        }
        return left
    }

    mutating func term() throws(AssemblyError) -> Expression {
        var left = try factor()
        while !atEnd, tokens[index].token == .punctuation("*") {
            try countOperator()
            index += 1
            left = .binary("*", left, try factor())
        }
        return left
    }

    mutating func countOperator() throws(AssemblyError) {
        operators += 1
        if operators > LineParser.maxOperators {
            throw AssemblyError(location(), "expression has more than \(LineParser.maxOperators) operators")
        }
    }

    mutating func factor() throws(AssemblyError) -> Expression {
        guard !atEnd else { throw AssemblyError(location(), "expected a value, found end of line") }
        nesting += 1
        defer { nesting -= 1 }
        if nesting > LineParser.maxNesting {
            throw AssemblyError(location(), "expression nested more than \(LineParser.maxNesting) deep")
        }
        let loc = location()
        let t = tokens[index].token
        switch t {
        case .punctuation("-"):
            index += 1
            return .negate(try factor())
        case .punctuation("("):
            index += 1
            let e = try expression()
            try expect(")")
            return e
        case .number(let text):
            index += 1
            guard let v = U256(text) else {
                throw AssemblyError(loc, "expected a number below 2^256 (decimal or 0x-hex), found '\(text)'")
            }
            if text.hasPrefix("0x") || text.hasPrefix("0X") {
                // Keep the digits as written: `%data 0x0001` is two bytes.
                return .call("$hex", [.number(v), .number(U256(UInt64(text.count - 2)))], loc)
            }
            return .number(v)
        case .string(let b):
            index += 1
            return .bytes(b)
        case .identifier(let name):
            index += 1
            if accept("(") {
                var args: [Expression] = []
                if !accept(")") {
                    repeat { args.append(try expression()) } while accept(",")
                    try expect(")")
                }
                return .call(name, args, loc)
            }
            return .name(name, loc)
        default:
            throw AssemblyError(loc, "expected a value, found '\(t.text)'")
        }
    }
}
