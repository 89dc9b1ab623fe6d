@testable import GasLabNode
import Testing

/// A state file that does not fit is refused with its reason, never cut to 64 bits.
@Suite struct StateFileTests {
    func decode(_ text: String) throws -> StateFile.Loaded {
        try StateFile.decode(try JSON.parse(Array(text.utf8)))
    }

    @Test func readsAccounts() throws {
        let loaded = try decode(#"{"version":1,"timestamp":"0x10","accounts":{"0x00000000000000000000000000000000000000aa":{"nonce":"0x2","balance":"0x5","storage":{"0x1":"0x7"}}}}"#)
        #expect(loaded.timestamp == 16)
        #expect(loaded.accounts.first?.value.nonce == 2)
        #expect(loaded.accounts.first?.value.storage.count == 1)
    }

    @Test(arguments: [
        #"{"version":1,"accounts":{"0x00000000000000000000000000000000000000aa":{"nonce":"0x10000000000000000"}}}"#,
        #"{"version":1,"timestamp":"0xffffffffffffffffff","accounts":{}}"#,
        #"{"version":2,"accounts":{}}"#,
        #"{"version":1}"#,
        #"{"version":1,"accounts":{"0x12":{}}}"#,
    ])
    func refusesWhatDoesNotFit(_ text: String) {
        #expect(throws: StateFile.FileError.self) { try decode(text) }
    }
}
