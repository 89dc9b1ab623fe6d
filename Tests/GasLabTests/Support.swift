import Foundation

/// Paths the tests read: the package's Contracts/ and the shared fixtures beside the checkout.
enum TestPaths {
    static let package: URL = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir
    }()
    static let contracts = package.appendingPathComponent("Contracts").path
    static let fixtures = package.appendingPathComponent("../shared/fixtures").standardized.path
    static let haveFixtures = FileManager.default.fileExists(atPath: fixtures)
}
