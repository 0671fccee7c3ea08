// libFuzzer target over HTMLSanitizer, which writes the raw HTML of a notebook's prose anew from
// an allowlist. Any input must come out as text and well-formed tags only: every `<` opens a tag
// `<name attr="value">` or `</name>` whose values hold no quote or angle bracket, no attribute is
// an event handler or a style, and no tag is one that loads, runs or hides markup. A breach stops
// the run as a crash.
//
// With NB_FUZZ_DUMP=DIR set, each output is also written to DIR, where Scripts/check-sanitizer
// re-parses it with html5lib and checks the allowlist and URL schemes as a browser would read them.
//
// Built and run by Scripts/fuzz (swiftc -sanitize=fuzzer,address); seeds in Fuzz/Corpus/sanitizer.
import Foundation
import Report

/// libFuzzer calls this with each input: a raw HTML fragment's bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func sanitizerFuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let input = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let output = HTMLSanitizer.clean(input)
    if let problem = MarkupShape.problem(in: Array(output.unicodeScalars)) {
        fatalError("sanitizer output \(problem): \(output.debugDescription)")
    }
    if let directory = ProcessInfo.processInfo.environment["NB_FUZZ_DUMP"] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in input.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        try? Data(output.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent("\(hash).html"))
    }
    return 0
}

/// An oracle written apart from the sanitizer: the shape its output must have.
enum MarkupShape {
    private static let forbidden: Set<String> = [
        "script", "style", "noscript", "meta", "base", "link", "form", "iframe", "object", "embed", "svg", "math",
        "textarea", "title", "xmp", "plaintext", "noembed", "noframes", "template", "frame", "frameset",
    ]

    /// What is wrong with `output`, or nil.
    static func problem(in output: [Unicode.Scalar]) -> String? {
        var index = 0
        while index < output.count {
            if output[index] == ">" { return "has a > outside a tag at \(index)" }
            if output[index] == "<" {
                guard let (end, name) = tag(output, at: index) else { return "has a malformed tag at \(index)" }
                if forbidden.contains(name) { return "keeps a <\(name)> tag" }
                index = end
                continue
            }
            index += 1
        }
        return nil
    }

    /// The index after the well-formed tag at `start` and its name, or nil.
    private static func tag(_ text: [Unicode.Scalar], at start: Int) -> (Int, String)? {
        var index = start + 1
        let isEnd = index < text.count && text[index] == "/"
        if isEnd { index += 1 }
        let tagStart = index
        guard word(text, &index, first: "abcdefghijklmnopqrstuvwxyz", rest: "abcdefghijklmnopqrstuvwxyz0123456789")
        else { return nil }
        let tagName = String(String.UnicodeScalarView(text[tagStart..<index]))
        while index < text.count, text[index] == " ", !isEnd {
            index += 1
            let nameStart = index
            guard word(text, &index, first: "abcdefghijklmnopqrstuvwxyz", rest: "abcdefghijklmnopqrstuvwxyz-") else {
                return nil
            }
            let name = String(String.UnicodeScalarView(text[nameStart..<index]))
            if name.hasPrefix("on") || name == "style" || name == "srcdoc" { return nil }
            if index < text.count, text[index] == "=" {
                guard index + 1 < text.count, text[index + 1] == "\"" else { return nil }
                index += 2
                while index < text.count, text[index] != "\"" {
                    if text[index] == "<" || text[index] == ">" { return nil }
                    index += 1
                }
                guard index < text.count else { return nil }
                index += 1
            }
        }
        guard index < text.count, text[index] == ">" else { return nil }
        return (index + 1, tagName)
    }

    /// Reads a word of `rest` characters that starts with one of `first`; false if there is none.
    private static func word(_ text: [Unicode.Scalar], _ index: inout Int, first: String, rest: String) -> Bool {
        guard index < text.count, first.unicodeScalars.contains(text[index]) else { return false }
        while index < text.count, rest.unicodeScalars.contains(text[index]) { index += 1 }
        return true
    }
}
