/// A request's first line and the one header the preview reads, parsed from the bytes up to the
/// blank line that ends the head. The preview answers every request and then closes, so a body is
/// never read.
struct RequestHead: Equatable {
    /// `GET`, as sent.
    var method: String
    /// The request target as sent (`/fig/a.png?x`), not yet decoded.
    var target: String
    /// The `Host` header's value; nil when it is missing or sent more than once.
    var host: String?

    /// What a buffer of received bytes holds so far.
    enum Parse: Equatable {
        /// The whole head, parsed.
        case complete(RequestHead)
        /// No blank line yet: read more.
        case incomplete
        /// A head that does not parse (a request line without three parts, a line without a colon).
        case malformed
    }

    /// The offset just past the blank line that ends the head in `bytes`, looking from `start`
    /// on (the caller passes where its previous search stopped, so a head that arrives in many
    /// reads is scanned once); nil when the head has not ended yet.
    static func end(in bytes: [UInt8], from start: Int) -> Int? {
        var index = max(start, 0)
        while index < bytes.count {
            if bytes[index] == newline {
                // "\n\n" or "\n\r\n": the line that ends here is empty.
                if index >= 1, bytes[index - 1] == newline { return index + 1 }
                if index >= 2, bytes[index - 1] == carriageReturn, bytes[index - 2] == newline { return index + 1 }
            }
            index += 1
        }
        return nil
    }

    /// Parses a head that `end(in:from:)` found complete: its bytes up to and including the blank line.
    static func parse(_ head: ArraySlice<UInt8>) -> Parse {
        var lines = head.split(separator: newline, omittingEmptySubsequences: false).map { line in
            line.last == carriageReturn ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { return .malformed }
        let parts = first.split(separator: space, omittingEmptySubsequences: true)
        guard parts.count == 3, let method = text(parts[0]), let target = text(parts[1]) else { return .malformed }
        var hosts: [String] = []
        for line in lines.dropFirst() {
            guard let separator = line.firstIndex(of: colon) else { return .malformed }
            guard let name = text(line[..<separator]), name.lowercased() == "host" else { continue }
            guard let value = text(line[(separator + 1)...]) else { return .malformed }
            hosts.append(value.trimmingSpaces)
        }
        return .complete(RequestHead(method: method, target: target, host: hosts.count == 1 ? hosts[0] : nil))
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let colon = UInt8(ascii: ":")
}

extension String {
    /// Without the spaces and tabs HTTP allows around a header's value.
    fileprivate var trimmingSpaces: String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
