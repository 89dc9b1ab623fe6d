import EVMAssembler
import EVMCore
import Foundation
import GasEconomics

/// A profile of one or more transactions of a scenario, aggregated every way a contract author
/// asks: by category, opcode, `.easm` line and label, storage slot, and call frame.
public struct GasProfile {
    public var title: String
    public var profilers: [GasProfiler]
    public var gasUsed: Int
    /// Code address → contract name and program (for source lines).
    public var contracts: [Address: (name: String, program: Program?)]
    /// Slot names per contract address.
    public var slotNames: [Address: [U256: String]]

    public struct Line: Sendable {
        public var location: SourceLocation?
        public var contract: String
        public var label: String
        public var gas: Int
        public var count: Int
    }

    /// A profile of transactions run outside a scenario (a node's): contracts named by address.
    public init(title: String, profilers: [GasProfiler], gasUsed: Int,
                contracts: [Address: (name: String, program: Program?)] = [:], slotNames: [Address: [U256: String]] = [:]) {
        self.title = title
        self.profilers = profilers
        self.gasUsed = gasUsed
        self.contracts = contracts
        self.slotNames = slotNames
    }

    public init(result: ScenarioResult, indexes: [Int], slotNames: [String: [U256: String]]) {
        profilers = indexes.compactMap { result.profiles[$0] }
        gasUsed = indexes.reduce(0) { $0 + result.records[$1].gasUsed }
        title = "\(result.scenario) [\(result.variant)] \(Set(indexes.map { result.records[$0].label }).sorted().joined(separator: ", "))"
            + (indexes.count > 1 ? " × \(indexes.count)" : "")
        var contracts: [Address: (String, Program?)] = [:]
        var names: [Address: [U256: String]] = [:]
        for (name, address) in result.addresses {
            contracts[address] = (name, result.programs[name])
            names[address] = slotNames[name] ?? [:]
        }
        self.contracts = contracts
        self.slotNames = names
    }

    var allSteps: [ProfiledStep] { profilers.flatMap(\.steps) }

    public var byCategory: [(GasCategory, Int)] {
        var sum: [GasCategory: Int] = [:]
        for p in profilers { for (c, g) in p.byCategory { sum[c, default: 0] += g } }
        return sum.sorted { $0.key < $1.key }.filter { $0.value != 0 }
    }

    public var total: Int { byCategory.reduce(0) { $0 + $1.1 } }

    public var byOpcode: [(name: String, count: Int, gas: Int)] {
        var count: [String: Int] = [:], gas: [String: Int] = [:]
        for s in allSteps {
            var name = EIP3155.specOpName(s.step.op)
            if s.step.op == 0x54 || s.step.op == 0x55 || [0x31, 0x3b, 0x3c, 0x3f, 0xf1, 0xf2, 0xf4, 0xfa].contains(s.step.op) {
                name += s.step.cold ? " (cold)" : " (warm)"
            }
            count[name, default: 0] += 1
            gas[name, default: 0] += s.selfGas
        }
        return gas.map { (name: $0.key, count: count[$0.key]!, gas: $0.value) }.sorted { ($0.gas, $1.name) > ($1.gas, $0.name) }
    }

    /// The source entry of a step, when its code came from a known program.
    func source(_ s: ProfiledStep) -> (contract: String, entry: SourceMapEntry?) {
        guard let (name, program) = contracts[s.step.codeAddress] else { return (s.step.codeAddress.description, nil) }
        guard let program else { return (name, nil) }
        let map = s.step.inInitcode ? program.initcodeMap : program.runtimeMap
        // The last entry starting at or before pc.
        var lo = 0, hi = map.count - 1, found: SourceMapEntry? = nil
        while lo <= hi {
            let mid = (lo + hi) / 2
            if map[mid].offset <= s.step.pc {
                found = map[mid]
                lo = mid + 1
            } else {
                hi = mid - 1
            }
        }
        if let f = found, s.step.pc < f.offset + max(f.length, 1) { return (name, f) }
        return (name, nil)
    }

    public var byLine: [Line] {
        var lines: [String: Line] = [:]
        for s in allSteps {
            let (contract, entry) = source(s)
            let key = entry.map { "\($0.location.file):\($0.location.line)" } ?? "\(contract):?"
            var line = lines[key] ?? Line(location: entry?.location, contract: contract, label: entry?.label ?? "", gas: 0, count: 0)
            line.gas += s.selfGas
            line.count += 1
            lines[key] = line
        }
        // Ties in source order, so that the same run prints the same table.
        return lines.values.sorted {
            ($0.gas, $1.location?.file ?? $1.contract, $1.location?.line ?? 0)
                > ($1.gas, $0.location?.file ?? $0.contract, $0.location?.line ?? 0)
        }
    }

    public var byLabel: [(label: String, gas: Int)] {
        var gas: [String: Int] = [:]
        for s in allSteps {
            let (contract, entry) = source(s)
            gas["\(contract):\(entry?.label ?? "?")", default: 0] += s.selfGas
        }
        return gas.map { ($0.key, $0.value) }.sorted { ($0.gas, $1.label) > ($1.gas, $0.label) }
    }

    /// The name of a slot: a declared variable, an element of a declared array, or its hex.
    /// Names ending "[]" are Solidity dynamic arrays (length at the slot, element i at
    /// keccak256(slot) + i); "[]dyn" Vyper DynArrays (length at the slot, element i at slot + 1 + i).
    func slotName(_ slot: U256, at address: Address) -> String {
        let names = slotNames[address] ?? [:]
        if let n = names[slot] {
            if n.hasSuffix("[]dyn") { return n.dropLast(5) + ".length" }
            if n.hasSuffix("[]map") { return String(n.dropLast(5)) }
            return n.hasSuffix("[]") ? n.dropLast(2) + ".length" : n
        }
        for (base, name) in names where name.hasSuffix("[]") {
            let start = Keccak256.hashWord(base.bigEndianBytes)
            let (index, borrow) = slot.subtractingReportingOverflow(start)
            if !borrow, index < U256(1_000_000) { return name.dropLast(2) + "[\(index.decimalString)]" }
        }
        // A mapping entry: keccak256(key ‖ slot) in Solidity, keccak256(slot ‖ key) in Vyper,
        // from the preimages the profiler read.
        if let entry = mappingEntry(slot, names: names, depth: 0) { return entry }
        // The DynArray that starts nearest below the slot.
        if let (base, name) = names.filter({ $0.value.hasSuffix("[]dyn") && $0.key < slot }).max(by: { $0.key < $1.key }) {
            let index = slot &- base &- .one
            if index < U256(1_000_000) { return name.dropLast(5) + "[\(index.decimalString)]" }
        }
        return slot.hexString
    }

    /// `name[key]` (or `name[k1][k2]` for a mapping of mappings) when the slot is a mapping
    /// entry whose hash input the profiler read; nil otherwise.
    func mappingEntry(_ slot: U256, names: [U256: String], depth: Int) -> String? {
        guard depth < 8 else { return nil }
        for p in profilers {
            guard let (a, b) = p.preimages[slot] else { continue }
            if let n = names[b], n.hasSuffix("[]map") { return n.dropLast(5) + "[\(GasProfile.keyText(a))]" }
            if let n = names[a], n.hasSuffix("[]map") { return n.dropLast(5) + "[\(GasProfile.keyText(b))]" }
            if let outer = mappingEntry(b, names: names, depth: depth + 1) { return outer + "[\(GasProfile.keyText(a))]" }
            if let outer = mappingEntry(a, names: names, depth: depth + 1) { return outer + "[\(GasProfile.keyText(b))]" }
        }
        return nil
    }

    /// A mapping key as a person reads it: a small number in decimal, an address-sized one as
    /// an address, anything else in hex.
    static func keyText(_ key: U256) -> String {
        if key < U256(1_000_000_000) { return key.decimalString }
        if key.w3 == 0 && key.w2 >> 32 == 0 { return Address(bytes: Array(key.bigEndianBytes[12...]))?.description ?? key.hexString }
        return key.hexString
    }

    public var bySlot: [(slot: String, reads: Int, writes: Int, cold: Int, gas: Int)] {
        var rows: [String: (Int, Int, Int, Int)] = [:]
        for s in allSteps {
            guard let slot = s.slot else { continue }
            let name = slotName(slot, at: s.step.codeAddress)
            var r = rows[name] ?? (0, 0, 0, 0)
            if s.step.op == 0x54 { r.0 += 1 } else { r.1 += 1 }
            if s.step.cold { r.2 += 1 }
            r.3 += s.selfGas
            rows[name] = r
        }
        return rows.map { (slot: $0.key, reads: $0.value.0, writes: $0.value.1, cold: $0.value.2, gas: $0.value.3) }
            .sorted { ($0.gas, $1.slot) > ($1.gas, $0.slot) }
    }

    public var byFrame: [(frame: String, gas: Int)] {
        var gas: [String: Int] = [:]
        for s in allSteps {
            let path = s.frames.map { contracts[$0]?.name ?? $0.description }.joined(separator: " → ")
            gas[path, default: 0] += s.selfGas
        }
        return gas.map { ($0.key, $0.value) }.sorted { ($0.gas, $1.frame) > ($1.gas, $0.frame) }
    }

    static func share(_ gas: Int, _ total: Int) -> String {
        guard total != 0 else { return "0.0%" }
        let tenths = (gas * 2_000 + total) / (2 * total)
        return "\(tenths / 10).\(abs(tenths % 10))%"
    }

    func sourceText(_ location: SourceLocation?) -> String {
        guard let location, let text = try? String(contentsOfFile: location.file, encoding: .utf8) else { return "" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line - 1 < lines.count, location.line >= 1 else { return "" }
        return lines[location.line - 1].trimmingCharacters(in: .whitespaces)
    }

    /// The terminal report.
    public func text(top: Int) -> String {
        var out = "\(title): gasUsed \(grouped(gasUsed)) (categories add up to \(grouped(total)))\n\n"
        out += render(header: ["category", "gas", "share"], rows: byCategory.map { [$0.0.rawValue, grouped($0.1), GasProfile.share($0.1, total)] },
                      markdown: false, right: [1, 2]) + "\n"
        out += render(header: ["opcode", "count", "gas", "share"],
                      rows: byOpcode.prefix(top).map { [$0.name, grouped($0.count), grouped($0.gas), GasProfile.share($0.gas, total)] },
                      markdown: false, right: [1, 2, 3]) + "\n"
        out += render(header: ["line", "label", "gas", "share", "source"],
                      rows: byLine.prefix(top).map { l in
                          [l.location.map { "\(($0.file as NSString).lastPathComponent):\($0.line)" } ?? l.contract, l.label,
                           grouped(l.gas), GasProfile.share(l.gas, total), String(sourceText(l.location).prefix(40))]
                      }, markdown: false, right: [2, 3]) + "\n"
        let slots = bySlot.prefix(top)
        if !slots.isEmpty {
            out += render(header: ["storage slot", "reads", "writes", "cold", "gas"],
                          rows: slots.map { [$0.slot, grouped($0.reads), grouped($0.writes), grouped($0.cold), grouped($0.gas)] },
                          markdown: false, right: [1, 2, 3, 4]) + "\n"
        }
        out += render(header: ["call frame", "gas"], rows: byFrame.map { [$0.frame, grouped($0.gas)] }, markdown: false, right: [1])
        return out
    }

    public func json(top: Int) -> String {
        func obj(_ pairs: [(String, String)]) -> String { "{" + pairs.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}" }
        let categories = byCategory.map { obj([("category", JSONText.quote($0.0.rawValue)), ("gas", "\($0.1)")]) }
        let opcodes = byOpcode.prefix(top).map { obj([("opcode", JSONText.quote($0.name)), ("count", "\($0.count)"), ("gas", "\($0.gas)")]) }
        let lines = byLine.prefix(top).map { l in
            obj([("file", JSONText.quote(l.location?.file ?? "")), ("line", "\(l.location?.line ?? 0)"),
                 ("label", JSONText.quote(l.label)), ("gas", "\(l.gas)"), ("count", "\(l.count)")])
        }
        let slots = bySlot.prefix(top).map { obj([("slot", JSONText.quote($0.slot)), ("reads", "\($0.reads)"), ("writes", "\($0.writes)"),
                                                   ("cold", "\($0.cold)"), ("gas", "\($0.gas)")]) }
        let frames = byFrame.map { obj([("frame", JSONText.quote($0.frame)), ("gas", "\($0.gas)")]) }
        return obj([("title", JSONText.quote(title)), ("gasUsed", "\(gasUsed)"), ("total", "\(total)"),
                    ("categories", "[" + categories.joined(separator: ",") + "]"), ("opcodes", "[" + opcodes.joined(separator: ",") + "]"),
                    ("lines", "[" + lines.joined(separator: ",") + "]"), ("slots", "[" + slots.joined(separator: ",") + "]"),
                    ("frames", "[" + frames.joined(separator: ",") + "]")])
    }

    /// The stack of a step for flame graphs: call frames, then the label, then the opcode.
    func stack(_ s: ProfiledStep) -> [String] {
        let frames = s.frames.map { contracts[$0]?.name ?? $0.description }
        let (_, entry) = source(s)
        return frames + [entry?.label ?? "?", EIP3155.specOpName(s.step.op)]
    }

    /// speedscope's file format, gas as the weight of each sample (identical stacks merged).
    public func speedscope() -> String {
        var frameIndex: [String: Int] = [:]
        var frameNames: [String] = []
        var stackIndex: [[Int]: Int] = [:]
        var samples: [[Int]] = []
        var weights: [Int] = []
        for s in allSteps where s.selfGas > 0 {
            let indices = stack(s).map { name -> Int in
                if let i = frameIndex[name] { return i }
                frameIndex[name] = frameNames.count
                frameNames.append(name)
                return frameNames.count - 1
            }
            if let i = stackIndex[indices] {
                weights[i] += s.selfGas
            } else {
                stackIndex[indices] = samples.count
                samples.append(indices)
                weights.append(s.selfGas)
            }
        }
        let frames = frameNames.map { "{\"name\":\(JSONText.quote($0))}" }.joined(separator: ",")
        let sampleText = samples.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",")
        return "{\"$schema\":\"https://www.speedscope.app/file-format-schema.json\",\"shared\":{\"frames\":[\(frames)]},"
            + "\"profiles\":[{\"type\":\"sampled\",\"name\":\(JSONText.quote(title)),\"unit\":\"none\",\"startValue\":0,"
            + "\"endValue\":\(weights.reduce(0, +)),\"samples\":[\(sampleText)],\"weights\":[\(weights.map(String.init).joined(separator: ","))]}],"
            + "\"name\":\(JSONText.quote(title)),\"exporter\":\"gaslab\"}"
    }

    /// An SVG flame graph: call frames, labels and opcodes as levels, widths by gas.
    public func flameGraph() -> String {
        final class Node {
            var name: String
            var gas = 0
            var children: [String: Node] = [:]
            var order: [String] = []
            init(_ name: String) { self.name = name }
        }
        let root = Node("transaction (execution)")
        for s in allSteps where s.selfGas > 0 {
            root.gas += s.selfGas
            var node = root
            for name in stack(s) {
                if node.children[name] == nil {
                    node.children[name] = Node(name)
                    node.order.append(name)
                }
                node = node.children[name]!
                node.gas += s.selfGas
            }
        }
        let width = 1_000.0, rowHeight = 18.0
        var rects = ""
        var depthMax = 0
        func draw(_ node: Node, x: Double, w: Double, depth: Int) {
            depthMax = max(depthMax, depth)
            let y = Double(depth) * rowHeight + 30
            let hue = (node.name.unicodeScalars.reduce(0) { $0 &+ Int($1.value) } % 60) + 10
            rects += "<g><title>\(SVGChart.escape(node.name)): \(grouped(node.gas)) gas</title>"
            rects += "<rect x=\"\(SVGChart.number(x))\" y=\"\(SVGChart.number(y))\" width=\"\(SVGChart.number(max(w - 0.5, 0.5)))\" height=\"\(rowHeight - 1)\" fill=\"hsl(\(hue),80%,60%)\"/>"
            if w > 40 {
                let label = node.name.count * 7 > Int(w) ? String(node.name.prefix(max(Int(w) / 7 - 1, 1))) : node.name
                rects += "<text x=\"\(SVGChart.number(x + 3))\" y=\"\(SVGChart.number(y + 13))\" font-size=\"11\">\(SVGChart.escape(label))</text>"
            }
            rects += "</g>\n"
            var cx = x
            for name in node.order {
                let child = node.children[name]!
                let cw = w * Double(child.gas) / Double(max(node.gas, 1))
                draw(child, x: cx, w: cw, depth: depth + 1)
                cx += cw
            }
        }
        draw(root, x: 10, w: width - 20, depth: 0)
        let height = Double(depthMax + 1) * rowHeight + 40
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(SVGChart.escape(title)): execution gas by frame, label and opcode</text>\n"
            + rects + "</svg>\n"
    }

    /// Gas per source line (the top lines) as a bar chart.
    public func linesChart(top: Int) -> String {
        let lines = byLine.prefix(top)
        let names = lines.map { l in l.location.map { "\(($0.file as NSString).lastPathComponent):\($0.line)" } ?? l.contract }
        return SVGBarChart(title: "\(title): gas per source line", yLabel: "gas", categories: names,
                           series: [(name: "gas", values: lines.map { Double($0.gas) })]).render()
    }
}
