/// A small SVG line chart: labelled axes (linear or logarithmic), one line per series, a legend.
/// Values are doubles because a chart only places points; amounts stay exact elsewhere.
public struct SVGChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var dashed: Bool
        /// The palette entry (default: the series' position), so related lines can share a colour.
        public var color: Int?
        public init(name: String, points: [(x: Double, y: Double)], dashed: Bool = false, color: Int? = nil) {
            self.name = name
            self.points = points
            self.dashed = dashed
            self.color = color
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var logX: Bool
    public var logY: Bool
    public var series: [Series]
    public var width = 760.0
    public var height = 460.0

    public init(title: String, xLabel: String, yLabel: String, logX: Bool = false, logY: Bool = false, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logX = logX
        self.logY = logY
        self.series = series
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    /// Tick values covering [lo, hi]: powers of ten on a log axis, round steps on a linear one.
    static func ticks(_ lo: Double, _ hi: Double, log: Bool) -> [Double] {
        if log {
            var out: [Double] = []
            var v = pow10(Int(floor10(lo)))
            while v <= hi * 1.000001 {
                if v >= lo / 1.000001 { out.append(v) }
                v *= 10
            }
            return out.isEmpty ? [lo, hi] : out
        }
        let span = hi - lo
        guard span > 0 else { return [lo] }
        var step = pow10(Int(floor10(span)) - 1)
        while span / step > 8 { step *= 2 }
        var v = (lo / step).rounded(.up) * step
        var out: [Double] = []
        while v <= hi + step * 1e-9 {
            out.append(v)
            v += step
        }
        return out
    }

    static func floor10(_ v: Double) -> Double {
        var e = 0.0
        var x = v
        if x <= 0 { return 0 }
        while x >= 10 { x /= 10; e += 1 }
        while x < 1 { x *= 10; e -= 1 }
        return e
    }

    static func pow10(_ e: Int) -> Double {
        var v = 1.0
        if e >= 0 { for _ in 0..<e { v *= 10 } } else { for _ in 0..<(-e) { v /= 10 } }
        return v
    }

    static func log10(_ v: Double) -> Double {
        // log10 without Foundation: exponent plus a short series for the mantissa.
        guard v > 0 else { return -300 }
        let e = floor10(v)
        let m = v / pow10(Int(e))  // 1 ≤ m < 10
        // ln(m) by atanh series, then / ln 10.
        let z = (m - 1) / (m + 1)
        var term = z, sum = 0.0, k = 1.0
        for _ in 0..<40 {
            sum += term / k
            term *= z * z
            k += 2
        }
        return e + 2 * sum / 2.302585092994046
    }

    static func label(_ v: Double) -> String {
        if v == 0 { return "0" }
        let a = v < 0 ? -v : v
        if a >= 1_000_000 || a < 0.001 {
            let e = Int(floor10(a))
            let m = v / pow10(e)
            let mText = m == m.rounded() ? String(Int(m)) : String(Double(Int(m * 10)) / 10)
            return "\(mText)e\(e)"
        }
        if a >= 1 && v == v.rounded() { return grouped(Int(v)) }
        var s = String(v)
        if s.count > 8 { s = String(s.prefix(8)) }
        return s
    }

    /// A coordinate with one decimal.
    public static func number(_ v: Double) -> String { String(Double(Int(v * 10)) / 10) }

    /// The SVG element, a white background and the title.
    static func opening(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + "<text x=\"\(number(width / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>\n"
    }

    /// Horizontal grid lines and labels of the value axis.
    static func valueGrid(_ ticks: [Double], left: Double, width: Double, y: (Double) -> Double) -> String {
        ticks.map { t in
            "<line x1=\"\(number(left))\" y1=\"\(number(y(t)))\" x2=\"\(number(left + width))\" y2=\"\(number(y(t)))\" stroke=\"#e5e5e5\"/>\n"
                + "<text x=\"\(number(left - 8))\" y=\"\(number(y(t) + 4))\" text-anchor=\"end\">\(label(t))</text>\n"
        }.joined()
    }

    /// Text safe inside an SVG element or attribute.
    public static func escape(_ s: String) -> String {
        s.replacingAll("&", "&amp;").replacingAll("<", "&lt;").replacingAll(">", "&gt;")
    }

    public func render() -> String {
        let left = 90.0, right = 200.0, top = 50.0, bottom = 60.0
        let plotW = width - left - right, plotH = height - top - bottom
        let points = series.flatMap(\.points).filter { (!logX || $0.x > 0) && (!logY || $0.y > 0) }
        var xs = points.map(\.x), ys = points.map(\.y)
        if xs.isEmpty { xs = [1, 10]; ys = [1, 10] }
        var (xLo, xHi) = (xs.min()!, xs.max()!)
        var (yLo, yHi) = (ys.min()!, ys.max()!)
        if logY { yLo = SVGChart.pow10(Int(SVGChart.floor10(yLo))); yHi = SVGChart.pow10(Int(SVGChart.floor10(yHi)) + 1) } else {
            yLo = min(0, yLo)
            if yHi == yLo { yHi = yLo + 1 }
        }
        if logX { xLo = SVGChart.pow10(Int(SVGChart.floor10(xLo))); xHi = SVGChart.pow10(Int(SVGChart.floor10(xHi) + (xHi > SVGChart.pow10(Int(SVGChart.floor10(xHi))) ? 1 : 0))) }
        if xHi == xLo { xHi = xLo + 1 }
        func tx(_ x: Double) -> Double {
            let f = logX ? (SVGChart.log10(x) - SVGChart.log10(xLo)) / (SVGChart.log10(xHi) - SVGChart.log10(xLo)) : (x - xLo) / (xHi - xLo)
            return left + f * plotW
        }
        func ty(_ y: Double) -> Double {
            let f = logY ? (SVGChart.log10(y) - SVGChart.log10(yLo)) / (SVGChart.log10(yHi) - SVGChart.log10(yLo)) : (y - yLo) / (yHi - yLo)
            return top + plotH - f * plotH
        }
        let f = SVGChart.number
        var svg = SVGChart.opening(width: width, height: height, title: title)
        for t in SVGChart.ticks(xLo, xHi, log: logX) {
            svg += "<line x1=\"\(f(tx(t)))\" y1=\"\(f(top))\" x2=\"\(f(tx(t)))\" y2=\"\(f(top + plotH))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(f(tx(t)))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\">\(SVGChart.label(t))</text>\n"
        }
        svg += SVGChart.valueGrid(SVGChart.ticks(yLo, yHi, log: logY), left: left, width: plotW, y: ty)
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#333\"/>\n"
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 16))\" text-anchor=\"middle\">\(SVGChart.escape(xLabel))</text>\n"
        svg += "<text transform=\"translate(18,\(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(SVGChart.escape(yLabel))</text>\n"
        for (i, s) in series.enumerated() {
            let color = SVGChart.palette[(s.color ?? i) % SVGChart.palette.count]
            let pts = s.points.filter { (!logX || $0.x > 0) && (!logY || $0.y > 0) }
            if pts.count > 1 {
                let path = pts.map { "\(f(tx($0.x))),\(f(ty($0.y)))" }.joined(separator: " ")
                svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(s.dashed ? " stroke-dasharray=\"6,4\"" : "")/>\n"
            }
            for p in pts { svg += "<circle cx=\"\(f(tx(p.x)))\" cy=\"\(f(ty(p.y)))\" r=\"3\" fill=\"\(color)\"/>\n" }
            let ly = top + 10 + Double(i) * 20
            svg += "<line x1=\"\(f(left + plotW + 12))\" y1=\"\(f(ly))\" x2=\"\(f(left + plotW + 36))\" y2=\"\(f(ly))\" stroke=\"\(color)\" stroke-width=\"2\"\(s.dashed ? " stroke-dasharray=\"6,4\"" : "")/>\n"
            svg += "<text x=\"\(f(left + plotW + 42))\" y=\"\(f(ly + 4))\">\(SVGChart.escape(s.name))</text>\n"
        }
        return svg + "</svg>\n"
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// Grouped bars on a logarithmic value axis: one group per category, one bar per series.
public struct SVGBarChart: Sendable {
    public var title: String
    public var yLabel: String
    public var categories: [String]
    public var series: [(name: String, values: [Double])]

    public init(title: String, yLabel: String, categories: [String], series: [(name: String, values: [Double])]) {
        self.title = title
        self.yLabel = yLabel
        self.categories = categories
        self.series = series
    }

    public func render() -> String {
        let width = 820.0, height = 460.0, left = 90.0, right = 150.0, top = 50.0, bottom = 90.0
        let plotW = width - left - right, plotH = height - top - bottom
        let values = series.flatMap(\.values).filter { $0 > 0 }
        let lo = SVGChart.pow10(Int(SVGChart.floor10(values.min() ?? 1)))
        let hi = SVGChart.pow10(Int(SVGChart.floor10(values.max() ?? 10)) + 1)
        func ty(_ v: Double) -> Double {
            let f = (SVGChart.log10(max(v, lo)) - SVGChart.log10(lo)) / (SVGChart.log10(hi) - SVGChart.log10(lo))
            return top + plotH - f * plotH
        }
        let f = SVGChart.number
        var svg = SVGChart.opening(width: width, height: height, title: title)
        svg += SVGChart.valueGrid(SVGChart.ticks(lo, hi, log: true), left: left, width: plotW, y: ty)
        let group = plotW / Double(max(categories.count, 1))
        let bar = group * 0.8 / Double(max(series.count, 1))
        for (c, name) in categories.enumerated() {
            let x0 = left + Double(c) * group + group * 0.1
            for (s, item) in series.enumerated() where c < item.values.count {
                let v = item.values[c]
                let y = ty(v)
                svg += "<rect x=\"\(f(x0 + Double(s) * bar))\" y=\"\(f(y))\" width=\"\(f(bar * 0.9))\" height=\"\(f(top + plotH - y))\" fill=\"\(SVGChart.palette[s % SVGChart.palette.count])\"/>\n"
            }
            svg += "<text transform=\"translate(\(f(x0 + group * 0.4)),\(f(top + plotH + 14))) rotate(20)\" text-anchor=\"start\">\(SVGChart.escape(name))</text>\n"
        }
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#333\"/>\n"
        svg += "<text transform=\"translate(18,\(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(SVGChart.escape(yLabel))</text>\n"
        for (s, item) in series.enumerated() {
            let ly = top + 10 + Double(s) * 20
            svg += "<rect x=\"\(f(left + plotW + 12))\" y=\"\(f(ly - 8))\" width=\"14\" height=\"12\" fill=\"\(SVGChart.palette[s % SVGChart.palette.count])\"/>\n"
            svg += "<text x=\"\(f(left + plotW + 32))\" y=\"\(f(ly + 2))\">\(SVGChart.escape(item.name))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
