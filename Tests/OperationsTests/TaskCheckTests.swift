import Notebook
import Operations
import Runner
import TestSupport
import Testing

/// Checks `marked` as one cell after a VAE's fit `v` and a classifier's fit `c`.
private func check(_ marked: String) -> (MarkedSource, [Diagnostic]) {
    let prelude = """
        d = mnist(split: "test", limit: 10)
        v = train(mlp_vae(hidden: [8], latent: 2), on: d, epochs: 1)
        c = train(classifier(seq([flatten(), linear(10)])), on: d, epochs: 1)

        """
    let source = MarkedSource("```nb\n" + prelude + marked + "\n```\n")
    let document = Document(source: SourceFile(path: "tasks.md", text: source.text))
    return (source, Checker(registry: Builtins.registry, hints: .nb).check(document).diagnostics)
}

private func needsVAE(_ operation: String) -> String {
    "'\(operation)' needs a VAE's fit, but c is a classifier's; for a classifier use accuracy, confusion_matrix or mistakes"
}

/// An operation that makes sense for one task only, given a fit of the other, is an error at
/// the fit's argument before anything runs.
private let mismatches: [(String, String)] = [
    ("reconstructions(v, 1️⃣c, images: d)", needsVAE("reconstructions")),
    ("samples(1️⃣c)", needsVAE("samples")),
    ("interpolation(1️⃣c, images: d)", needsVAE("interpolation")),
    ("latent_map(1️⃣c, images: d)", needsVAE("latent_map")),
    ("x = test_bce(1️⃣c, on: d)", needsVAE("test_bce")),
    ("x = test_kl(1️⃣c, on: d)", needsVAE("test_kl")),
    ("x = test_mse(1️⃣c, on: d)", needsVAE("test_mse")),
    (
        "x = accuracy(1️⃣v, on: d)",
        "'accuracy' needs a classifier's fit, but v is a VAE's; for a VAE use test_loss, reconstructions or samples"
    ),
    (
        "metrics(v, 1️⃣c, on: d)",
        "'metrics' compares fits of one task, but c and v are one a VAE's and one a classifier's; call it once for "
            + "each task"
    ),
    (
        "loss_curves(c, 1️⃣v)",
        "'loss_curves' compares fits of one task, but v and c are one a VAE's and one a classifier's; call it once "
            + "for each task"
    ),
]

@Test(arguments: mismatches)
func anOperationGivenAFitOfTheOtherTaskIsACheckErrorAtTheFit(marked: String, message: String) {
    let (source, diagnostics) = check(marked)
    #expect(diagnostics.map(\.message) == [message])
    #expect(diagnostics.first?.range?.start == source["1️⃣"])
}

/// What both tasks have takes either kind of fit.
@Test func theOperationsOfBothTasksTakeEitherFit() {
    let (_, diagnostics) = check(
        """
        x = test_loss(v, on: d)
        y = test_loss(c, on: d)
        z = parameters(c)
        metrics(c, on: d)
        loss_curves(c)
        """)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
}
