import ArgumentParser
import Dispatch
import EVMChain
import EVMCore
import Foundation
import GasEconomics
import GasLabNode

/// `gaslab node`: a JSON-RPC development chain that web3.py, ethers, viem and Foundry drive,
/// with exact gas, the profiler and the fee analyzer behind every transaction.
struct NodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "A JSON-RPC development chain (like Anvil or Hardhat's node) with exact gas, profiles and Layer-2 costs.",
        discussion: """
            Serves Ethereum JSON-RPC 2.0 over HTTP (single requests and batches) on \
            127.0.0.1:8545 unless --host and --port say otherwise. Development accounts come \
            from the mnemonic by BIP-44 (m/44'/60'/0'/0/i), Hardhat's and Anvil's by default. \
            Every transaction is mined in its own block unless --block-time is given. Besides \
            eth_*, net_*, web3_*, debug_traceTransaction/debug_traceCall (struct logs and \
            callTracer) and Anvil's evm_*/anvil_* methods, it answers gaslab_profileTransaction \
            and gaslab_costTransaction. Ctrl-C or SIGTERM stops it: --state is saved and \
            --gas-report printed (and written to FILE: .json for JSON, else Markdown).
            """)

    @Option(name: .long, help: "Address to listen on (127.0.0.1 keeps the node local).") var host = "127.0.0.1"
    @Option(name: .long, help: "Port (0: any free port, printed at start).") var port = 8545
    @Option(name: .long, help: "Fork from genesis: paris, shanghai, cancun, prague, osaka, bpo1, bpo2.") var fork = "osaka"
    @Option(name: .long, help: "Chain id (EIP-155).") var chainId: UInt64 = 31337
    @Option(name: .long, help: "Development accounts to derive.") var accounts = 10
    @Option(name: .long, help: "Balance of each account (10000ether, 5gwei, or wei).") var balance = "10000ether"
    @Option(name: .long, help: "BIP-39 mnemonic of the accounts.") var mnemonic = HDWallet.defaultMnemonic
    @Option(name: .long, help: "Mine a block every SECONDS with the pending transactions (default: one block per transaction).") var blockTime: Double?
    @Option(name: .long, help: "Block gas limit.") var gasLimit: UInt64 = 30_000_000
    @Option(name: .long, help: "Genesis base fee (e.g. 1gwei, or wei).") var baseFee = "1gwei"
    @Option(name: .long, help: "Load the chain's state from FILE at start (when it exists) and save it there at exit.") var state: String?
    @Option(name: .long, help: "At exit print a gas report per contract and method; with FILE also write it there (- for none; .json: JSON, else Markdown).") var gasReport: String?
    @Option(name: .long, help: "Fee preset for gaslab_costTransaction and the gas report: paper-2023 or 2026-12 (alias current).") var preset = "current"
    @Option(name: .long, help: "Chains priced in the gas report (comma-separated: l1, base, op, arbitrum, blobs).") var reportChains = "l1,base,op,arbitrum"
    @Option(name: .long, help: "Name a contract in the gas report and profiles: ADDRESS=NAME (repeatable).") var label: [String] = []
    @Option(name: .long, help: "ABI or artifact file whose functions name selectors (repeatable; Contracts/ is read too).") var abi: [String] = []
    @Option(name: .long, help: "Directory of contracts whose ABIs and code name what the node sees.") var contracts = "Contracts"
    @Flag(name: .long, help: "Print only the listening line (no accounts and keys).") var quiet = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard (0...1000).contains(accounts) else { throw ValidationError("--accounts must be 0…1,000") }
        if let blockTime, !(blockTime > 0 && blockTime <= 86_400) { throw ValidationError("--block-time must be above 0 and at most a day") }
        guard gasLimit >= 5000 && gasLimit <= UInt64(Int64.max) else { throw ValidationError("--gas-limit must be at least 5,000") }
    }

    func makeConfig() throws -> NodeConfig {
        var config = NodeConfig()
        config.host = host
        config.port = port
        guard let upgrade = Upgrade.named(fork) else { throw CLIError("unknown fork '\(fork)': paris, shanghai, cancun, prague, osaka, bpo1, bpo2") }
        config.upgrade = upgrade
        config.chainId = chainId
        config.accountCount = accounts
        guard let b = Wei.parse(balance) else { throw CLIError("--balance: '\(balance)' is not an amount (10000ether, 5gwei, wei)") }
        config.balance = b
        config.mnemonic = mnemonic
        config.blockTime = blockTime
        config.recordsGasReport = gasReport != nil
        config.gasLimit = gasLimit
        guard let fee = Wei.parse(baseFee) else { throw CLIError("--base-fee: '\(baseFee)' is not an amount") }
        config.baseFee = fee
        guard let p = FeePreset.named(preset) else {
            throw CLIError("unknown preset '\(preset)': \(FeePreset.presetNames.joined(separator: ", "))")
        }
        config.preset = p
        config.reportChains = try FeeOptions.chainList(reportChains, preset: p)
        for l in label {
            let parts = l.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let a = Address(hex: String(parts[0])) else { throw CLIError("--label: '\(l)' is not ADDRESS=NAME") }
            config.labels[a] = String(parts[1])
        }
        var catalog = ContractCatalog()
        catalog.scan(directory: contracts, fork: upgrade.fork)
        for file in abi {
            guard FileManager.default.fileExists(atPath: file) else { throw CLIError("--abi: \(file) does not exist") }
            catalog.addABIFile(file)
        }
        config.signatures = catalog.signatures
        config.codeNames = catalog.codeNames
        return config
    }

    func run() throws {
        let config = try makeConfig()
        let node: DevNode
        do {
            if let state, FileManager.default.fileExists(atPath: state) {
                node = try DevNode(config: config, state: StateFile.load(state))
            } else {
                node = try DevNode(config: config)
            }
        } catch {
            throw CLIError("\(error)")
        }
        let server: RPCServer
        do {
            server = try RPCServer(handler: RPCHandler(node: node), host: host, port: port)
        } catch {
            throw CLIError("cannot listen on \(host):\(port): \(error)")
        }
        if !quiet { printBanner(node) }
        print("Listening on http://\(host):\(server.port) (chain id \(config.chainId), \(config.upgrade.name), "
              + (blockTime.map { "a block every \($0) s" } ?? "automine") + ")")
        fflush(nil)  // all streams: a script waiting for the line sees it at once
        node.startMining()

        // Ctrl-C and SIGTERM: save the state, print and write the gas report, then exit.
        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        stop.wait()
        server.close()
        node.shutdown()
        var failed = false
        if let state {
            do { try StateFile.save(node, to: state); print("State saved to \(state)") } catch {
                StandardError.write("gaslab: cannot save the state to \(state): \(error)\n")
                failed = true
            }
        }
        if let gasReport {
            print("\n" + node.gasReport.table(markdown: false))
            if gasReport != "-" {
                do { try node.gasReport.write(to: gasReport); print("Gas report written to \(gasReport)") } catch {
                    StandardError.write("gaslab: cannot write the gas report to \(gasReport): \(error)\n")
                    failed = true
                }
            }
        }
        _ = sources
        if failed { throw ExitCode(1) }
    }

    func printBanner(_ node: DevNode) {
        print("GasLab node — exact gas, \(node.config.upgrade.name) rules\n")
        print("Available accounts (\(grouped(node.accounts.count)), \(balance) each)")
        for a in node.accounts { print("(\(a.index)) \(Address.checksummed(a.address))") }
        print("\nPrivate keys")
        for a in node.accounts { print("(\(a.index)) 0x\(EVMCore.Hex.encode(a.privateKey))") }
        print("\nMnemonic: \(node.config.mnemonic)\nDerivation path: m/44'/60'/0'/0/i\n")
    }
}

extension Address {
    /// EIP-55 mixed-case checksum spelling.
    static func checksummed(_ a: Address) -> String {
        let hex = EVMCore.Hex.encode(a.bytes)
        let hash = EVMCore.Hex.encode(Keccak256.hash(Array(hex.utf8)))
        return "0x" + String(zip(hex, hash).map { c, h in
            c.isLetter && (h.hexDigitValue ?? 0) >= 8 ? Character(c.uppercased()) : c
        })
    }
}
