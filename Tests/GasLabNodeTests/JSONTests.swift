@testable import GasLabNode
import Testing

/// The node's JSON: RFC 8259 parsing with clear errors (never a trap, whatever the input),
/// and writing that round-trips.
@Suite struct JSONTests {
    @Test func parsesAndWrites() throws {
        let text = #"{"a":[1,-2.5e3,true,false,null,"x\"y\\z\n\u00e9\ud83d\ude00"],"b":{}}"#
        let v = try JSON.parse(Array(text.utf8))
        #expect(v["a"]?.array?.count == 6)
        #expect(v["a"]?.array?[5] == .string("x\"y\\z\né😀"))
        #expect(try JSON.parse(v.bytes) == v)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\"}", "01", "1.", "\"\\x\"", "tru", "[1] 2", "\"\u{01}\"", "-", "{\"a\":1,}"])
    func malformedInputIsAnError(_ text: String) {
        #expect(throws: JSON.ParseError.self) { try JSON.parse(Array(text.utf8)) }
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSON.ParseError.self) { try JSON.parse(Array(deep.utf8)) }
        let ok = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        #expect((try? JSON.parse(Array(ok.utf8))) != nil)
    }

    /// A lone surrogate becomes U+FFFD, as Go's encoding/json (geth) reads it.
    @Test func loneSurrogates() throws {
        #expect(try JSON.parse(Array(#""\ud800\u0041""#.utf8)) == .string("\u{FFFD}A"))
    }

    @Test func invalidUTF8IsReplacedNotTrapped() throws {
        let v = try JSON.parse([0x22, 0xff, 0xfe, 0x22])
        #expect(v.string != nil)
    }
}
