/// Why the preview cannot serve.
public enum PreviewError: Error, Equatable, CustomStringConvertible {
    /// Every port tried is taken.
    case noFreePort(from: UInt16, attempts: Int)

    /// The message.
    public var description: String {
        switch self {
        case .noFreePort(let port, let attempts):
            let last = Int(port) + attempts - 1
            return "no free port on 127.0.0.1 from \(port) to \(last); choose another with --port"
        }
    }
}
