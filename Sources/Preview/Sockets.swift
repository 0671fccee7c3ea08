import Foundation

#if canImport(Glibc)
    import Glibc
    private let streamType = Int32(SOCK_STREAM.rawValue)
    /// A peer that closed must be an error from send(2), not a SIGPIPE that ends nb.
    private let sendFlags = Int32(MSG_NOSIGNAL)
#else
    import Darwin
    private let streamType = SOCK_STREAM
    private let sendFlags: Int32 = 0
#endif

/// The socket a client connected on: reads bounded by a deadline, writes bounded by a send
/// timeout, so neither a silent nor a non-reading client holds its thread for long.
struct ClientSocket {
    let descriptor: Int32

    /// Sets the send timeout (and, on Darwin, no SIGPIPE) on a socket `accept` returned.
    init(accepted descriptor: Int32, sendTimeout seconds: Double) {
        self.descriptor = descriptor
        keepFromChildren(descriptor)
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: .init((seconds - seconds.rounded(.down)) * 1e6))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
            var on: Int32 = 1
            setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Appends what arrives to `buffer`, at most `limit` bytes, waiting no later than `deadline`;
    /// false when the client closed, the deadline passed or the read failed.
    func read(into buffer: inout [UInt8], atMost limit: Int, before deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero, limit > 0 else { return false }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let (seconds, attoseconds) = left.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return false }
            var chunk = [UInt8](repeating: 0, count: min(limit, 16 << 10))
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }

    /// Sends all of `data`; false when the client is gone or stopped reading for the send timeout.
    func write(_ data: Data) -> Bool {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            var offset = 0
            while offset < bytes.count {
                let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
                let sent = send(descriptor, rest.baseAddress, rest.count, sendFlags)
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    /// Tells the client the answer is complete (a FIN), while its remaining bytes can still be read.
    func finishWriting() {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Wakes a read or write blocked on this socket from another thread (stopping the server).
    func shutDown() {
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    /// Frees the descriptor; the connection's own thread calls it, once.
    func close() {
        _ = systemClose(descriptor)
    }
}

/// The socket the server listens on: 127.0.0.1 at one port, with `SO_REUSEADDR`, so nb can listen
/// again on the port a stopped nb used (whose connections wait in TIME_WAIT) at once.
struct ListeningSocket {
    let descriptor: Int32

    /// Binds and listens; nil when the port is taken.
    init?(port: UInt16) {
        descriptor = socket(AF_INET, streamType, 0)
        guard descriptor >= 0 else { return nil }
        keepFromChildren(descriptor)
        var on: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard bound, listen(descriptor, 64) == 0 else {
            _ = systemClose(descriptor)
            return nil
        }
    }

    /// The next connection, or nil when none came within `milliseconds` (the caller then looks
    /// whether it should stop).
    func accept(waiting milliseconds: Int32) -> Int32? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, milliseconds) > 0 else { return nil }
        #if canImport(Glibc)
            let client = Glibc.accept(descriptor, nil, nil)
        #else
            let client = Darwin.accept(descriptor, nil, nil)
        #endif
        return client >= 0 ? client : nil
    }

    /// Frees the port.
    func close() {
        _ = systemClose(descriptor)
    }

    /// Whether something already answers on 127.0.0.1:`port` (a connection is refused when
    /// nothing listens). Binding cannot tell: with `SO_REUSEADDR`, Darwin lets a socket bind
    /// 127.0.0.1 under another program that listens on every address.
    static func isAnswering(_ port: UInt16) -> Bool {
        let probe = socket(AF_INET, streamType, 0)
        guard probe >= 0 else { return true }
        defer { _ = systemClose(probe) }
        _ = fcntl(probe, F_SETFL, fcntl(probe, F_GETFL) | O_NONBLOCK)
        var address = loopback(port)
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result == 0 { return true }
        guard errno == EINPROGRESS else { return errno != ECONNREFUSED }
        // A loopback connection resolves at once; a full backlog that leaves it pending is busy.
        var poller = pollfd(fd: probe, events: Int16(POLLOUT), revents: 0)
        guard poll(&poller, 1, 250) > 0 else { return true }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(probe, SOL_SOCKET, SO_ERROR, &error, &length)
        return error != ECONNREFUSED
    }

    private static func loopback(_ port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// Closes `descriptor` in any process nb starts (git, for the report's commit), which would
/// otherwise hold the port or a page's connection open.
private func keepFromChildren(_ descriptor: Int32) {
    _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
}

/// close(2), which the socket types' own `close()` methods hide.
private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
