import Testing
@testable import EVMCore

/// Keccak-256 against digests computed by pycryptodome (through the execution specs'
/// `ethereum.crypto.hash.keccak256`), input byte i = (7i + 3) mod 256; lengths around the
/// 136-byte rate.
@Suite struct Keccak256Tests {
    static let vectors: [(Int, String)] = [
        (0, "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        (1, "69c322e3248a5dfc29d73c5b0553b0185a35cd5bb6386747517ef7e53b15e287"),
        (135, "00ef96af9cf4b24c7f269d922294444a197d0a33638c2e56634c57e892103a8f"),
        (136, "742061bcad767ed4c4f5883b1dcb1aad11afdcc140dc469d953759b127b9f9ed"),
        (137, "e3371f61e770abf254c34239c3b0099ad90594507415bc81dd0a10b9692bbf2a"),
        (272, "ac141fd7b0a0ffcd2e967254d508da3ec616596493c36fa304425647d90e6de5"),
        (1000, "80cdc8dd52cbb3dbaea8f383209893fa2bb52efbd5aedbb4b26dcfe307fcdc9b"),
    ]

    @Test(arguments: vectors)
    func digest(length: Int, expected: String) {
        let input = (0..<length).map { UInt8((($0 * 7) + 3) % 256) }
        #expect(Hex.encode(Keccak256.hash(input)) == expected)
    }

    @Test func abcAndWord() {
        #expect(Hex.encode(Keccak256.hash("abc")) == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
        let word = [UInt8]().withUnsafeBytes { Keccak256.hashWord($0) }
        #expect(word.paddedHexString == "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
    }

    @Test func selector() {
        // transfer(address,uint256) is 0xa9059cbb in every ABI reference.
        #expect(Hex.encode(Keccak256.hash("transfer(address,uint256)").prefix(4)) == "a9059cbb")
    }
}
