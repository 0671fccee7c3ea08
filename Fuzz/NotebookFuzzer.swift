// libFuzzer target over the notebook path that needs no data and runs nothing: the bytes of a
// .md file → SourceFile (UTF-8, BOM, line ends) → Document (front matter, fences, lexer,
// parser) → Checker against the real operations (names, types, ranges, --set) → Plan, and the
// diagnostics rendered as the terminal shows them. Any crash, trap or hang is a finding.
//
// Built and run by Scripts/fuzz (swiftc -sanitize=fuzzer,address); seeds in Fuzz/Corpus/notebook.
import Foundation
import Notebook
import Operations
import Runner

// The words nb puts in checker messages (nb's CheckHints.nb), so the rendered diagnostics are nb's.
private let checker = Checker(
    registry: Builtins.registry,
    hints: CheckHints(listOperations: "nb --list-ops", setFlag: "--set", quoteExample: "parameters(fit)"))

/// libFuzzer calls this with each input: the bytes of a notebook file.
@_cdecl("LLVMFuzzerTestOneInput")
public func notebookFuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    guard let source = try? SourceFile(path: "fuzz.md", data: data) else { return 0 }
    // A first line `#set a=1;b=x` is also passed as `--set` arguments, one per `;`.
    var overrides: [String] = []
    if let first = source.lines.first, first.hasPrefix("#set ") {
        overrides = first.dropFirst(5).split(separator: ";").map(String.init)
    }
    let document = Document(source: source)
    let (plan, diagnostics) = checker.check(document, overrides: overrides)
    _ = DiagnosticRenderer(source: source).render(diagnostics)
    if let plan {
        for statement in plan.statements { _ = statement.inputs.count + statement.source.count }
    }
    return 0
}
