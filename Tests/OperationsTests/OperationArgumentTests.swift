import Foundation
import Notebook
import Operations
import Runner
import TestSupport
import Testing

/// Checks `code` (one cell after a few bindings every case may use) against the built-in operations.
private func check(_ marked: String) -> (MarkedSource, [Diagnostic]) {
    let prelude = """
        d = mnist(split: "test", limit: 10)
        m = mlp_vae(hidden: [8], latent: 2)
        f = train(m, on: d, epochs: 1)

        """
    let source = MarkedSource("# Arguments\n\n```nb\n" + prelude + marked + "\n```\n")
    let document = Document(source: SourceFile(path: "Notebooks/x.md", text: source.text))
    return (source, Checker(registry: Builtins.registry, hints: .nb).check(document).diagnostics)
}

/// `path` resolved against the current directory, as loaders resolve it.
private func absolute(_ path: String) -> String { FileManager.default.currentDirectoryPath + "/" + path }

/// One bad call per operation and per kind of constraint it declares, with the exact message.
private let badCalls: [(String, String)] = [
    (#"x = mnist(split: 1️⃣"validation")"#, #"'split' must be one of "train", "test", got "validation""#),
    ("x = mnist(limit: 1️⃣0)", "'limit' must be >= 1, got 0"),
    (#"x = fashion_mnist(split: 1️⃣"val")"#, #"'split' must be one of "train", "test", got "val""#),
    ("x = mlp_vae(hidden: [400, 1️⃣0])", "'hidden' must be in 1...8192, got 0"),
    ("x = mlp_vae(latent: 1️⃣0)", "'latent' must be in 1...512, got 0"),
    (
        #"x = mlp_vae(activation: 1️⃣"swish")"#,
        #"'activation' must be one of "relu", "leaky_relu", "elu", "tanh", "gelu", got "swish""#
    ),
    ("x = cnn_vae(batchnorm: 1️⃣1)", "argument 'batchnorm' of 'cnn_vae' must be Bool, got Int"),
    ("x = cnn_vae(channels: [32, 1️⃣2000])", "'channels' must be in 1...1024, got 2000"),
    ("x = 1️⃣summary()", "missing argument 'models' (Model, unlabelled) in call to 'summary'"),
    ("x = summary(1️⃣f)", "argument 'models' of 'summary' must be Model, got Fit"),
    ("x = train(m, on: d, epochs: 1️⃣0)", "'epochs' must be in 1...1000, got 0"),
    ("x = train(m, on: d, batch: 1️⃣0)", "'batch' must be in 1...65536, got 0"),
    ("x = train(m, on: d, lr: 1️⃣-1)", "'lr' must be > 0 and <= 10, got -1.0"),
    ("x = train(m, on: d, beta: 1️⃣-0.5)", "'beta' must be in 0...1000, got -0.5"),
    ("x = train(m, on: d, seed: 1️⃣-3)", "'seed' must be >= 0, got -3"),
    ("x = 1️⃣train(m, validate: d)", "missing argument 'on: Dataset' in call to 'train'"),
    ("x = save(f, path: 1️⃣3)", "argument 'path' of 'save' must be String, got Int"),
    (#"x = save(f, path: 1️⃣"")"#, #"'path' must be a non-empty string, got """#),
    (#"x = mnist(data: 1️⃣"")"#, #"'data' must be a non-empty string, got """#),
    (#"x = npz(path: 1️⃣"")"#, #"'path' must be a non-empty string, got """#),
    (
        #"x = npz(path: 1️⃣"nothing.npz")"#,
        "'path:' names nothing.npz, which does not exist at \(absolute("nothing.npz")); relative paths are read from the folder nb runs in, \(FileManager.default.currentDirectoryPath)"
    ),
    (#"x = npy(path: "x.npy", limit: 1️⃣0)"#, "'limit' must be >= 1, got 0"),
    (#"x = npy(path: "x.npy", classes: 1️⃣"cat")"#, "argument 'classes' of 'npy' must be [String], got String"),
    (#"x = image_folder(path: "f", size: [32, 1️⃣0])"#, "'size' must be in 1...4096, got 0"),
    (
        #"x = csv(path: "t.csv", label: "y", split: 1️⃣"validation")"#,
        #"'split' must be one of "all", "train", "test", got "validation""#
    ),
    (#"x = csv(path: "t.csv", label: "y", test_fraction: 1️⃣1)"#, "'test_fraction' must be > 0 and < 1, got 1.0"),
    (#"x = csv(path: "t.csv", label: 1️⃣"")"#, #"'label' must be a non-empty string, got """#),
    (#"x = csv(path: "t.csv", label: "y", skip: 1️⃣-1)"#, "'skip' must be >= 0, got -1"),
    (#"x = csv(path: "t.csv", label: "y", seed: 1️⃣-1)"#, "'seed' must be >= 0, got -1"),
    (#"x = csv(path: "t.csv", label: "y", features: ["a", 1️⃣""])"#, #"'features' must be a non-empty string, got """#),
    (#"x = csv(path: "t.csv", label: "y", standardize: 1️⃣1)"#, "argument 'standardize' of 'csv' must be Bool, got Int"),
    (#"x = npz(path: "a.npz", images: 1️⃣"")"#, #"'images' must be a non-empty string, got """#),
    (#"x = npz(path: "a.npz", labels: 1️⃣"")"#, #"'labels' must be a non-empty string, got """#),
    (#"x = npy(path: "a.npy", labels: 1️⃣"")"#, #"'labels' must be a non-empty string, got """#),
    (#"x = image_folder(path: 1️⃣"")"#, #"'path' must be a non-empty string, got """#),
    (#"x = cifar10(data: 1️⃣"")"#, #"'data' must be a non-empty string, got """#),
    (#"x = cifar10(split: 1️⃣"val", data: "c")"#, #"'split' must be one of "train", "test", got "val""#),
    ("x = loss_curves(1️⃣m)", "argument 'fits' of 'loss_curves' must be Fit, got Model"),
    ("x = reconstructions(f, images: d, count: 1️⃣0)", "'count' must be in 1...100, got 0"),
    ("x = samples(f, count: 1️⃣101)", "'count' must be in 1...100, got 101"),
    ("x = interpolation(f, images: d, steps: 1️⃣1)", "'steps' must be in 2...50, got 1"),
    ("x = interpolation(f, images: d, from: 1️⃣-1)", "'from' must be >= 0, got -1"),
    ("x = latent_map(f, images: d, limit: 1️⃣0)", "'limit' must be in 1...100000, got 0"),
    ("x = metrics(f, on: d, 1️⃣model: d)", "'metrics' has no parameter 'model'; 'nb --list-ops' shows its signature"),
    ("x = parameters(1️⃣m)", "argument 'fit' of 'parameters' must be Fit, got Model"),
    ("x = train_loss(1️⃣d)", "argument 'fit' of 'train_loss' must be Fit, got Dataset"),
    ("x = 1️⃣validation_loss()", "missing argument 'fit' (Fit, unlabelled) in call to 'validation_loss'"),
    ("x = epochs_trained(1️⃣3)", "argument 'fit' of 'epochs_trained' must be Fit, got Int"),
    ("x = training_seconds(1️⃣m)", "argument 'fit' of 'training_seconds' must be Fit, got Model"),
    ("x = images_per_second(1️⃣m)", "argument 'fit' of 'images_per_second' must be Fit, got Model"),
    ("x = 1️⃣test_loss(f)", "missing argument 'on: Dataset' in call to 'test_loss'"),
    ("x = test_bce(f, on: 1️⃣m)", "argument 'on' of 'test_bce' must be Dataset, got Model"),
    ("x = test_kl(1️⃣d, on: d)", "argument 'fit' of 'test_kl' must be Fit, got Dataset"),
    ("x = test_mse(f, on: d, 1️⃣beta: 1)", "'test_mse' has no parameter 'beta'; 'nb --list-ops' shows its signature"),
    ("x = ratio(1, to: 1️⃣\"a\")", "argument 'to' of 'ratio' must be Float, got String"),
    ("x = percent(0.5, digits: 1️⃣7)", "'digits' must be in 0...6, got 7"),
    ("x = format(1.5, digits: 1️⃣-1)", "'digits' must be in 0...12, got -1"),
    ("x = 1️⃣compare(1, 2, less: \"a\")", "missing argument 'greater: String' in call to 'compare'"),
    (
        "x = accuracy(1️⃣f, on: d)",
        "'accuracy' needs a classifier's fit, but f is a VAE's; for a VAE use test_loss, reconstructions or samples"
    ),
    (
        "x = confusion_matrix(1️⃣f, on: d)",
        "'confusion_matrix' needs a classifier's fit, but f is a VAE's; for a VAE use test_loss, reconstructions or "
            + "samples"
    ),
    (
        "x = mistakes(1️⃣f, on: d)",
        "'mistakes' needs a classifier's fit, but f is a VAE's; for a VAE use test_loss, reconstructions or samples"
    ),
    ("x = linear(1️⃣0)", "'features' must be in 1...65536, got 0"),
    ("x = conv2d(32, kernel: 1️⃣0)", "'kernel' must be in 1...64, got 0"),
    ("x = conv2d(32, kernel: 3, padding: 1️⃣-1)", "'padding' must be in 0...64, got -1"),
    ("x = conv2d(1️⃣5000, kernel: 3)", "'channels' must be in 1...4096, got 5000"),
    (
        "x = 1️⃣conv_transpose2d(1, kernel: 3, stride: 2, output_padding: 2)",
        "output_padding: 2 must be smaller than stride: 2; use output_padding: 1 at most"
    ),
    ("x = max_pool2d(1️⃣0)", "'kernel' must be in 1...64, got 0"),
    ("x = avg_pool2d(2, stride: 1️⃣0)", "'stride' must be in 1...64, got 0"),
    ("x = flatten(1️⃣1)", "'flatten' takes no unlabelled arguments; 'nb --list-ops' shows its signature"),
    ("x = unflatten([64, 1️⃣0, 7])", "'sizes' must be in 1...65536, got 0"),
    (
        "x = 1️⃣unflatten([1, 2, 3, 4])",
        "unflatten needs 1 to 3 sizes (features, or C, H, W), got 4; write for example unflatten([64, 7, 7])"
    ),
    ("x = relu(1️⃣1)", "'relu' takes no unlabelled arguments; 'nb --list-ops' shows its signature"),
    ("x = elu(1️⃣1)", "'elu' takes no unlabelled arguments; 'nb --list-ops' shows its signature"),
    ("x = gelu(1️⃣1)", "'gelu' takes no unlabelled arguments; 'nb --list-ops' shows its signature"),
    ("x = tanh(1️⃣1)", "'tanh' takes no unlabelled arguments; 'nb --list-ops' shows its signature"),
    ("x = sigmoid(1️⃣1)", "'sigmoid' takes no unlabelled arguments; 'nb --list-ops' shows its signature"),
    ("x = leaky_relu(1️⃣2)", "'slope' must be in 0...1, got 2.0"),
    ("x = batchnorm(1️⃣1)", "'batchnorm' takes no unlabelled arguments; 'nb --list-ops' shows its signature"),
    ("x = dropout(1️⃣1)", "'p' must be >= 0 and < 1, got 1.0"),
    ("x = 1️⃣seq([])", "seq([]) has no layers; give it at least one, like seq([flatten(), linear(10)])"),
    ("x = seq([relu(), 1️⃣m])", "element of argument 'layers' of 'seq' must be Layer, got Model"),
    ("x = vae(encoder: 1️⃣d, decoder: relu())", "argument 'encoder' of 'vae' must be Layer, got Dataset"),
    ("x = classifier(1️⃣m)", "argument 'layers' of 'classifier' must be Layer, got Model"),
    ("x = compare_fits(f, on: 1️⃣m)", "argument 'on' of 'compare_fits' must be Dataset, got Model"),
    ("x = compare_fits(1️⃣m, on: d)", "argument 'fits' of 'compare_fits' must be Fit, got Model"),
    ("x = mean(1️⃣f)", "argument 'values' of 'mean' must be Float, got Fit"),
    (#"x = std(1️⃣"a")"#, "argument 'values' of 'std' must be Float, got String"),
    ("x = best(test_loss(f, on: d), highest: 1️⃣1)", "argument 'highest' of 'best' must be Bool, got Int"),
]

@Test(arguments: badCalls)
func everyOperationRejectsBadArgumentsBeforeAnythingRuns(marked: String, message: String) {
    let (source, diagnostics) = check(marked)
    #expect(diagnostics.map(\.message) == [message])
    #expect(diagnostics.first?.range?.start == source["1️⃣"])
}

@Test func everyOperationIsCoveredByABadCall() {
    let calls = badCalls.map { MarkedSource($0.0).text }
    let covered = Set(calls.map { String($0.drop { $0 != "=" }.dropFirst(2).prefix { $0 != "(" }) })
    #expect(covered == Set(Builtins.registry.names))
}

/// `mistakes` of a classifier's fit, whose `count` must be in 1...100 (the table's fit is a VAE's).
@Test(arguments: [("0", "'count' must be in 1...100, got 0"), ("101", "'count' must be in 1...100, got 101")])
func mistakesShowsOneToAHundredImages(count: String, message: String) {
    let source = MarkedSource(
        """
        # Mistakes

        ```nb
        d = mnist(split: "test", limit: 10)
        c = train(classifier(seq([flatten(), linear(10)])), on: d, epochs: 1)
        x = mistakes(c, on: d, count: 1️⃣\(count))
        ```

        """)
    let document = Document(source: SourceFile(path: "Notebooks/x.md", text: source.text))
    let diagnostics = Checker(registry: Builtins.registry, hints: .nb).check(document).diagnostics
    #expect(diagnostics.map(\.message) == [message])
    #expect(diagnostics.first?.range?.start == source["1️⃣"])
}
