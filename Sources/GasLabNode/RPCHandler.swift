/// JSON-RPC 2.0 over one request body: a single call or a batch, notifications (no id)
/// answered with nothing, every error in the spec's shape. Bad input never reaches a method
/// and never changes the node.
public struct RPCHandler: Sendable {
    public let node: DevNode

    public init(node: DevNode) { self.node = node }

    /// The response body for a request body, or nil when nothing is to be answered (only
    /// notifications).
    public func handle(_ body: [UInt8]) -> [UInt8]? {
        let request: JSON
        do { request = try JSON.parse(body) } catch {
            return RPCHandler.response(id: .null, error: .parse("\(error)")).bytes
        }
        switch request {
        case .array(let calls):
            if calls.isEmpty { return RPCHandler.response(id: .null, error: .invalidRequest("empty batch")).bytes }
            if calls.count > node.config.maxBatch {
                return RPCHandler.response(id: .null, error: .invalidRequest(
                    "batch too large: \(calls.count) calls, the limit is \(node.config.maxBatch)")).bytes
            }
            let answers = calls.compactMap { call($0) }
            return answers.isEmpty ? nil : JSON.array(answers).bytes
        default:
            return call(request)?.bytes
        }
    }

    /// One call: its response, or nil for a notification.
    func call(_ request: JSON) -> JSON? {
        guard request.isObject else { return RPCHandler.response(id: .null, error: .invalidRequest("invalid request")) }
        let id = request["id"]
        if let id {
            switch id {
            case .string, .number, .null: break
            default: return RPCHandler.response(id: .null, error: .invalidRequest("invalid request: id must be a string or a number"))
            }
        }
        guard request["jsonrpc"] == .string("2.0") else {
            return RPCHandler.response(id: id ?? .null, error: .invalidRequest("invalid request: jsonrpc must be \"2.0\""))
        }
        guard case .string(let method)? = request["method"] else {
            return RPCHandler.response(id: id ?? .null, error: .invalidRequest("invalid request: no method"))
        }
        let result: Result<JSON, RPCError>
        do {
            let params = try Params(request["params"])
            result = .success(try node.call(method, params))
        } catch {
            result = .failure(error)
        }
        guard let id else { return nil }
        switch result {
        case .success(let value): return .object([("jsonrpc", .string("2.0")), ("id", id), ("result", value)])
        case .failure(let error): return RPCHandler.response(id: id, error: error)
        }
    }

    static func response(id: JSON, error: RPCError) -> JSON {
        .object([("jsonrpc", .string("2.0")), ("id", id), ("error", error.json)])
    }
}
