import EVMCore
@testable import GasLabNode
import Testing

/// BIP-39/BIP-32/BIP-44 derivation against published vectors: Hardhat's and Anvil's
/// default accounts (their documentation lists them), BIP-39's reference vector and BIP-32's
/// test vector 1.
@Suite struct HDWalletTests {
    @Test func hardhatAndAnvilDefaultAccounts() throws {
        let accounts = try HDWallet.accounts(mnemonic: HDWallet.defaultMnemonic, count: 3)
        #expect(accounts[0].address == Address(hex: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"))
        #expect(EVMCore.Hex.encode(accounts[0].privateKey) == "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
        #expect(accounts[1].address == Address(hex: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"))
        #expect(EVMCore.Hex.encode(accounts[1].privateKey) == "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d")
        #expect(accounts[2].address == Address(hex: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"))
    }

    /// BIP-39's first English vector (passphrase "TREZOR").
    @Test func bip39Seed() {
        let seed = HDWallet.seed(mnemonic: "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
                                 passphrase: "TREZOR")
        #expect(EVMCore.Hex.encode(seed)
            == "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04")
    }

    /// BIP-32 test vector 1: chain m/0'/1 from seed 000102…0f.
    @Test func bip32Vector1() throws {
        let seed = try EVMCore.Hex.decode("000102030405060708090a0b0c0d0e0f")
        #expect(EVMCore.Hex.encode(try HDWallet.privateKey(seed: seed, path: "m/0'"))
            == "edb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea")
        #expect(EVMCore.Hex.encode(try HDWallet.privateKey(seed: seed, path: "m/0'/1"))
            == "3c6cb8d0f6a264c91ea8b5030fadaa8e538b020f0a387421a12de9319dc93368")
    }

    @Test func badPaths() {
        #expect(throws: HDWallet.DerivationError.self) { try HDWallet.privateKey(seed: [1, 2, 3], path: "44'/60'") }
        #expect(throws: HDWallet.DerivationError.self) { try HDWallet.privateKey(seed: [1, 2, 3], path: "m/x") }
        #expect(throws: HDWallet.DerivationError.self) { try HDWallet.privateKey(seed: [1, 2, 3], path: "m/2147483648") }
    }
}
