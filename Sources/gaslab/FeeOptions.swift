import ArgumentParser
import Foundation
import GasEconomics

/// A fee preset and the parameters replaced in it, shared by `report l2`, `report params`,
/// `fee` and `simulate`.
struct FeeOptions: ParsableArguments {
    @Option(name: .long, help: "Fee preset: paper-2023 (June 2023 in full) or 2026-12 (alias current).")
    var preset: String = "paper-2023"

    @Option(name: .customLong("set"), help: "Replace a preset parameter, KEY=VALUE (repeatable): l1.baseFee=5gwei, base.baseFeeScalar=1368, l1.ethUSD=2500. `gaslab report params` lists the keys.")
    var settings: [String] = []

    @Option(name: .long, help: "Price OP Stack chains under another upgrade (bedrock, regolith, ecotone, fjord, isthmus, jovian) or Arbitrum under another era (nitro, atlas); repeatable. Parameters the rules need and the preset lacks are given with --set.")
    var upgrade: [String] = []

    @Option(name: .long, help: "Shortcut for --set l1.baseFee=AMOUNT.") var l1BaseFee: String?
    @Option(name: .long, help: "Shortcut for --set l1.ethUSD=DOLLARS.") var ethUsd: String?

    func resolved() throws -> FeePreset {
        var all = settings
        if let l1BaseFee { all.append("l1.baseFee=\(l1BaseFee)") }
        if let ethUsd { all.append("l1.ethUSD=\(ethUsd)") }
        var p = try FeeOptions.preset(preset, set: [])
        do {
            for u in upgrade { try p.setUpgrade(u) }
            try p.apply(all)
        } catch { throw CLIError("\(error)") }
        return p
    }

    static func preset(_ name: String, set: [String]) throws -> FeePreset {
        guard var p = FeePreset.named(name) else {
            throw CLIError("unknown preset '\(name)': \(FeePreset.presetNames.joined(separator: ", "))")
        }
        do { try p.apply(set) } catch { throw CLIError("\(error)") }
        return p
    }

    /// "base,op" → ids, each known to the preset; empty items are an error.
    static func chainList(_ text: String, preset: FeePreset) throws -> [String] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let id = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard !id.isEmpty, preset.chain(id) != nil || id == "ethereum" else {
                throw CLIError("unknown chain '\(part)': \(preset.chains.map(\.id).joined(separator: ", "))")
            }
            return id == "ethereum" ? "l1" : id
        }
    }

    static func write(_ text: String, to path: String) throws {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch {
            throw CLIError("cannot write \(path): \((error as NSError).localizedDescription)")
        }
    }
}
