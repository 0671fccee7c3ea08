import Notebook
import Operations
import Runner
import TestSupport
import Testing

/// Checks `marked` as one cell after `d = mnist(split: "test", limit: 10)`; every shape error of a
/// composed model, each at its marker, before anything runs.
private func check(_ marked: String) -> (MarkedSource, [Diagnostic]) {
    let source = MarkedSource("```nb\nd = mnist(split: \"test\", limit: 10)\n" + marked + "\n```\n")
    let document = Document(source: SourceFile(path: "vae.md", text: source.text))
    return (source, Checker(registry: Builtins.registry, hints: .nb).check(document).diagnostics)
}

/// Each shape error as nb prints it, at the layer, stack or call at fault.
private let shapeErrors: [(String, String)] = [
    (
        """
        enc = seq([
              conv2d(32, kernel: 3, stride: 2, padding: 1), relu(),
              conv2d(64, kernel: 3, stride: 2, padding: 1), relu(),
              conv2d(64, kernel: 3, stride: 2, padding: 1), relu(),
              conv2d(64, kernel: 3, stride: 2, padding: 1), relu(),
              conv2d(64, kernel: 3, stride: 2, padding: 1), relu(),
              1️⃣conv2d(64, kernel: 3), relu(), flatten()])
        m = vae(encoder: enc, decoder: seq([linear(784)]))
        f = train(m, on: d)
        """,
        "conv2d(64, kernel: 3) gets 64×1×1 here, smaller than its 3×3 kernel (shapes so far: 1×28×28 → 32×14×14 → "
            + "64×7×7 → 64×4×4 → 64×2×2 → 64×1×1); use padding: 1 or one stride-2 layer fewer"
    ),
    (
        "c = classifier(seq([1️⃣linear(10)]))\nf = train(c, on: d)",
        "linear(10) gets 1×28×28 here, but it takes flat vectors (shapes so far: 1×28×28); put flatten() before it"
    ),
    (
        "c = classifier(seq([flatten(), 1️⃣conv2d(8, kernel: 3), flatten(), linear(10)]))\nf = train(c, on: d)",
        "conv2d(8, kernel: 3) gets 784 here, but it takes C×H×W images (shapes so far: 1×28×28 → 784); put it "
            + "before flatten(), or unflatten to C×H×W first"
    ),
    (
        "m = vae(encoder: seq([flatten()]), decoder: seq([linear(784), 1️⃣unflatten([1, 14, 14])]))\nsummary(m)",
        "unflatten([1, 14, 14]) needs 196 values but gets 784 here (shapes so far: 20 → 784); make its sizes "
            + "multiply to 784"
    ),
    (
        "m = vae(encoder: seq([flatten()]), decoder: 1️⃣seq([linear(576), unflatten([1, 24, 24])]))\nsummary(m)",
        "the decoder gives 1×24×24, but the images are 1×28×28 (shapes: 20 → 576 → 1×24×24); make it end with "
            + "1×28×28 or 784 values"
    ),
    (
        "m = vae(encoder: 1️⃣seq([conv2d(4, kernel: 3)]), decoder: seq([linear(784)]))\nsummary(m)",
        "the encoder ends with 4×26×26, but the μ and log σ² heads take flat vectors (shapes: 1×28×28 → 4×26×26); "
            + "end the encoder with flatten()"
    ),
    (
        "c = classifier(1️⃣seq([flatten(), linear(400), relu(), linear(12)]))\nf = train(c, on: d)",
        "the classifier gives 12, but the data has 10 classes (shapes: 1×28×28 → 784 → 400 → 12); end it with "
            + "linear(10)"
    ),
    (
        "c = classifier(seq([1️⃣max_pool2d(32), flatten(), linear(10)]))\nf = train(c, on: d)",
        "max_pool2d(32) gets 1×28×28 here, smaller than its 32×32 window (shapes so far: 1×28×28); use a smaller "
            + "window or one downsampling layer fewer"
    ),
    (
        """
        c = classifier(seq([conv2d(4, kernel: 3), seq([relu(), avg_pool2d(2), 1️⃣conv2d(4, kernel: 20)]),
                            flatten(), linear(10)]))
        f = train(c, on: d)
        """,
        "conv2d(4, kernel: 20) gets 4×13×13 here, smaller than its 20×20 kernel (shapes so far: 1×28×28 → "
            + "4×26×26 → 4×13×13); use padding: 10 or one stride-2 layer fewer"
    ),
    ("x = 1️⃣seq([])", "seq([]) has no layers; give it at least one, like seq([flatten(), linear(10)])"),
    ("x = seq([flatten(), 1️⃣d])", "element of argument 'layers' of 'seq' must be Layer, got Dataset"),
    ("x = dropout(1️⃣1.5)", "'p' must be >= 0 and < 1, got 1.5"),
]

@Test(arguments: shapeErrors)
func aShapeErrorIsReportedAtTheLayerAtFaultBeforeAnythingRuns(marked: String, message: String) {
    let (source, diagnostics) = check(marked)
    #expect(diagnostics.map(\.message) == [message])
    #expect(diagnostics.first?.range?.start == source["1️⃣"])
}

/// Like the rest of the checker, every model's first shape error at once, and each once even when
/// the model meets the same data twice.
@Test func everyModelsShapeErrorIsReportedAtOnce() {
    let (source, diagnostics) = check(
        """
        a = classifier(seq([1️⃣linear(10)]))
        b = vae(encoder: seq([flatten()]), decoder: 2️⃣seq([linear(10)]))
        f = train(a, on: d)
        g = train(b, on: d)
        summary(b, input: d)
        """)
    #expect(diagnostics.map(\.range?.start) == [source["1️⃣"], source["2️⃣"]])
    #expect(diagnostics.count == 2)
}
