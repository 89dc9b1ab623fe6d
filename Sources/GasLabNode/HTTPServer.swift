import NIOCore
import NIOHTTP1
import NIOPosix

/// The node's HTTP server: NIO's HTTP/1.1 codec (keep-alive, pipelining, chunked bodies) with
/// one handler that reads a POST body up to the limit and answers it through `RPCHandler`.
/// Bodies over the limit get 413 and a JSON-RPC error, other methods 405; CORS preflights are
/// answered so that browser wallets and dapps can connect.
public final class RPCServer: Sendable {
    let group: MultiThreadedEventLoopGroup
    public let channel: Channel

    /// Binds `host:port` (port 0: any free port; `localAddress` tells which).
    public init(handler: RPCHandler, host: String, port: Int, threads: Int = System.coreCount) throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(threads, 1))
        let maxBody = handler.node.config.maxBodyBytes
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(HTTPRPCHandler(rpc: handler, maxBody: maxBody))
                }
            }
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(ChannelOptions.maxMessagesPerRead, value: 16)
        do {
            channel = try bootstrap.bind(host: host, port: port).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    public var port: Int { channel.localAddress?.port ?? 0 }

    public func close() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}

final class HTTPRPCHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let rpc: RPCHandler
    let maxBody: Int
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    /// Why the request will not reach the RPC handler, decided as soon as it is known.
    var refusal: (status: HTTPResponseStatus, message: String)?

    init(rpc: RPCHandler, maxBody: Int) {
        self.rpc = rpc
        self.maxBody = maxBody
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.removeAll(keepingCapacity: true)
            refusal = nil
            if h.method == .OPTIONS {
                refusal = (.noContent, "")
            } else if h.method != .POST {
                refusal = (.methodNotAllowed, "JSON-RPC requests are POSTed")
            } else if let length = h.headers.first(name: "content-length").flatMap(Int.init), length > maxBody {
                refusal = (.payloadTooLarge, "request body too large: \(length) bytes, the limit is \(maxBody)")
            }
        case .body(var buffer):
            guard refusal == nil else { return }
            if body.count + buffer.readableBytes > maxBody {
                refusal = (.payloadTooLarge, "request body too large: over \(maxBody) bytes")
                body = []
                return
            }
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            self.head = nil
            if let refusal {
                let message = refusal.message.isEmpty ? [] : RPCHandler.response(id: .null, error: .invalidRequest(refusal.message)).bytes
                respond(context, head: head, status: refusal.status, body: message)
                return
            }
            let answer = rpc.handle(body)
            respond(context, head: head, status: .ok, body: answer ?? [])
        }
    }

    func respond(_ context: ChannelHandlerContext, head: HTTPRequestHead, status: HTTPResponseStatus, body: [UInt8]) {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(body.count))
        headers.add(name: "access-control-allow-origin", value: "*")
        if head.method == .OPTIONS {
            headers.add(name: "access-control-allow-methods", value: "POST, OPTIONS")
            headers.add(name: "access-control-allow-headers", value: "content-type")
        }
        let keepAlive = head.isKeepAlive && status != .payloadTooLarge
        if !keepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if !body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: body.count)
            buffer.writeBytes(body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
