import GasEconomics

/// A preset's parameters as a table: key, value, meaning, source, date.
public enum FeeParameterTable {
    public static func render(_ preset: FeePreset, markdown: Bool) -> String {
        var rows: [[String]] = [["l1.upgrade", preset.l1Upgrade.name, "Ethereum's fork (EVM rules and blob parameters)",
                                 "EIP-7892 / the fork's EIPs", preset.date]]
        for (chain, p) in preset.allParameters {
            rows.append(["\(chain).\(p.key)", p.text, p.meaning, p.source, p.date])
        }
        for c in preset.chains where !c.isAvailable {
            rows.append(["\(c.id)", "n/a", c.name, c.unavailable ?? "", preset.date])
        }
        return GasLab.render(header: ["key", "value", "meaning", "source", "date"], rows: rows, markdown: markdown, right: [])
    }

    public static func json(_ preset: FeePreset) -> String {
        let items = preset.allParameters.map { chain, p in
            "{\"key\":\(JSONText.quote("\(chain).\(p.key)")),\"value\":\(JSONText.quote(p.unit == .usd ? (p.decimal?.description ?? "") : p.value.decimalString)),"
                + "\"unit\":\"\(p.unit == .wei ? "wei" : p.unit == .usd ? "usd" : "integer")\",\"meaning\":\(JSONText.quote(p.meaning)),"
                + "\"source\":\(JSONText.quote(p.source)),\"date\":\(JSONText.quote(p.date))}"
        }
        let chains = preset.chains.map { c in
            "{\"id\":\(JSONText.quote(c.id)),\"name\":\(JSONText.quote(c.name)),\"rules\":\(JSONText.quote(c.rules.name)),"
                + "\"evm\":\(JSONText.quote(c.evmFork.name)),\"upgrade\":\(JSONText.quote(c.upgradeNote)),"
                + "\"available\":\(c.isAvailable),\"reason\":\(JSONText.quote(c.unavailable ?? ""))}"
        }
        return "{\"preset\":\(JSONText.quote(preset.name)),\"date\":\(JSONText.quote(preset.date)),\"l1Upgrade\":\(JSONText.quote(preset.l1Upgrade.name)),"
            + "\"chains\":[\(chains.joined(separator: ","))],\"parameters\":[\(items.joined(separator: ","))]}"
    }
}
