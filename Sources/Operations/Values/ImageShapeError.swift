import Engine

/// A data set whose images are not the shape a model takes; `description` is the one place its
/// text is written.
///
/// The engine's kernels trust the shapes they are given (a layer sized for 784 pixels reads 784
/// of each image's), so 32×32 images would be trained on as if they were 28×28, and 1×1 images
/// would reach a convolution: every operation that hands a data set to a model checks it here first.
enum ImageShapeError: Error, Equatable, CustomStringConvertible {
    /// The fit was trained on `modelShape` (C, H, W) images; the data set passed as `argument` holds `dataShape`.
    case mismatch(model: String, modelShape: [Int], argument: String, dataset: String, dataShape: [Int])

    var description: String {
        switch self {
        case .mismatch(let model, let modelShape, let argument, let dataset, let dataShape):
            "'\(model)' was trained on images of \(Self.shape(modelShape)) but '\(argument):' is \(dataset), "
                + "whose images are \(Self.shape(dataShape)); pass a data set of \(Self.shape(modelShape)) images"
        }
    }

    /// `1×28×28`.
    private static func shape(_ dimensions: [Int]) -> String {
        dimensions.map(String.init).joined(separator: "×")
    }
}

extension DatasetValue {
    /// One example's shape: (C, H, W) of an image, (F) of a table's row.
    var imageShape: [Int] { examples.shape }

    /// Throws unless the images are the shape `fit` was trained on; `argument` names the data set
    /// in the call (`on`, `images`).
    func requireShape(of fit: FitValue, argument: String) throws(ImageShapeError) {
        guard imageShape == fit.imageShape else {
            throw .mismatch(
                model: fit.name, modelShape: fit.imageShape, argument: argument, dataset: title,
                dataShape: imageShape)
        }
    }

    /// Throws unless the examples are the shape `fit` was trained on and images, which
    /// `operation` draws.
    func requireShape(of fit: FitValue, argument: String, drawing operation: String) throws {
        try requireShape(of: fit, argument: argument)
        guard examples.isImage else {
            throw TaskError.needsImages(operation: operation, fit: fit.name, features: examples.valuesPerExample)
        }
    }
}
