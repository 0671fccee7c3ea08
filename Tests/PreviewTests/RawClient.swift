import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
    private let sendFlags = Int32(MSG_NOSIGNAL)
#else
    import Darwin
    private let sendFlags: Int32 = 0
#endif

/// A plain BSD socket to 127.0.0.1, as an attacker's script would use: it writes whatever bytes
/// it is given and reads the answer. Every read and write gives up after `timeout` seconds, so a
/// server that never answers fails the test instead of hanging it. Its one descriptor never
/// changes, and one thread may send while another reads; hence @unchecked.
final class RawClient: @unchecked Sendable {
    let descriptor: Int32

    /// Connects to 127.0.0.1:`port`.
    init(port: UInt16, timeout: Double = 5) throws {
        guard let descriptor = connectToLoopback(port: port, timeout: timeout) else {
            throw ClientError.cannotConnect(port)
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Sends `text`'s bytes; false when the server closed or stopped reading.
    @discardableResult
    func send(_ text: String) -> Bool {
        send(Array(text.utf8))
    }

    /// Sends `bytes`; false when the server closed or stopped reading.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let rest = UnsafeRawBufferPointer(rebasing: buffer[offset...])
                let sent = socketSend(descriptor, rest.baseAddress, rest.count, sendFlags)
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    /// Everything the server sends until it closes (or the timeout), as text.
    func readAll() -> String {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += chunk[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// The answer's first line (`HTTP/1.1 200 OK`), or "" when none came; reads no further.
    func statusLine() -> String {
        var received: [UInt8] = []
        var byte: UInt8 = 0
        while received.last != UInt8(ascii: "\n"), recv(descriptor, &byte, 1, 0) == 1 { received.append(byte) }
        return String(decoding: received, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sends a whole GET request for `path` with `host` (no `Host` header when nil) and returns
    /// the status line.
    static func get(_ path: String, port: UInt16, host: String?) throws -> String {
        let client = try RawClient(port: port)
        client.send("GET \(path) HTTP/1.1\r\n" + (host.map { "Host: \($0)\r\n" } ?? "") + "\r\n")
        return client.statusLine()
    }

    enum ClientError: Error {
        case cannotConnect(UInt16)
    }
}

/// send(2), which `RawClient.send` hides.
private func socketSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    send(descriptor, bytes, count, flags)
}
