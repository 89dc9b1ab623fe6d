/// The forks GasLab runs, oldest first. Order matters: a fork has every rule of the ones
/// before it unless a later EIP changed it (`GasSchedule` builds each from the previous).
public enum Fork: Int, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    case istanbul
    case berlin
    case london
    case paris
    case shanghai
    case cancun
    case prague
    case osaka

    /// The fork mainnet runs today (Fusaka, December 2025).
    public static let latest: Fork = .osaka

    public static func < (a: Fork, b: Fork) -> Bool { a.rawValue < b.rawValue }

    /// The name as the test fixtures spell it ("Cancun").
    public var name: String {
        switch self {
        case .istanbul: return "Istanbul"
        case .berlin: return "Berlin"
        case .london: return "London"
        case .paris: return "Paris"
        case .shanghai: return "Shanghai"
        case .cancun: return "Cancun"
        case .prague: return "Prague"
        case .osaka: return "Osaka"
        }
    }

    public var description: String { name }

    /// Reads a fork name in any case; "merge" is Paris. Names of forks GasLab does not run
    /// (Frontier … ConstantinopleFix, transition names) give nil.
    public init?(name: String) {
        let key = name.lowercased()
        if key == "merge" {
            self = .paris
            return
        }
        guard let fork = Fork.allCases.first(where: { $0.name.lowercased() == key }) else { return nil }
        self = fork
    }

    /// The schedule of this fork (built once).
    @inlinable
    public var schedule: GasSchedule { GasSchedule.of(self) }
}
