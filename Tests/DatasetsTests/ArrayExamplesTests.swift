import Foundation
import Testing

@testable import Datasets

/// Examples read from arrays NumPy wrote: images in any of PyTorch's or Keras' layouts, tables,
/// and labels checked to be one class index per example.
struct ArrayExamplesTests {
    /// Each array shape is read as the examples PyTorch would hold, from the shape alone.
    @Test(arguments: [
        ([60_000, 28, 28], [1, 28, 28], false), ([50_000, 32, 32, 3], [3, 32, 32], true),
        ([10, 3, 32, 32], [3, 32, 32], false), ([10, 1, 8, 8], [1, 8, 8], false), ([10, 8, 8, 1], [1, 8, 8], true),
        ([178, 13], [13], false),
    ])
    func anArraysShapeGivesItsExamplesShape(array: [Int], example: [Int], channelsLast: Bool) throws {
        let layout = try LabeledExamples.layout(ofArray: array, path: "x.npy")
        #expect(layout.shape == example)
        #expect(layout.channelsLast == channelsLast)
    }

    @Test(arguments: [[10], [10, 2, 3, 4, 5], [10, 5, 6, 7], [0, 0], []])
    func aShapeThatIsNotExamplesIsRefused(array: [Int]) {
        let shape = "(" + array.map(String.init).joined(separator: ", ") + (array.count == 1 ? ",)" : ")")
        #expect(throws: ArrayLayoutError.notExamples(path: "x.npy", shape: array)) {
            try LabeledExamples.layout(ofArray: array, path: "x.npy")
        }
        #expect(
            ArrayLayoutError.notExamples(path: "x.npy", shape: array).description
                == "x.npy: an array of shape \(shape) is not a set of examples; nb reads (N, F) tables and "
                + "(N, H, W), (N, C, H, W) or (N, H, W, C) images with C = 1 or 3")
    }

    /// Keras saves colour images (N, H, W, C) and labels (N, 1): the pixels come out channel after
    /// channel, the bytes kept as bytes.
    @Test func channelsLastColourImagesAreTransposedToChannelsFirst() throws {
        let path = NumPyFixtures.path("colour_nhwc.npz")
        let images = try NPZReader.read(path: path, array: "x_train")
        let labelsArray = try NPZReader.read(path: path, array: "y_train")
        let labels = try LabeledExamples.classIndices(
            try labelsArray.integers(path: path), shape: labelsArray.shape, path: path)
        let examples = try LabeledExamples(
            name: "colour", array: images, path: path, labels: labels, labelsPath: path, classNames: nil)
        #expect(examples.shape == [3, 2, 2])
        #expect(examples.labels == [1, 2])
        #expect(examples.classNames == ["0", "1", "2"])
        // NumPy: x_train[1].transpose(2, 0, 1).ravel()
        #expect(
            examples.values(ofExamples: 1..<2).map { Int(($0 * 255).rounded()) }
                == [100, 110, 120, 130, 101, 111, 121, 131, 102, 112, 122, 132])
        guard case .bytes = examples.values else {
            Issue.record("uint8 images are not kept as bytes")
            return
        }
    }

    /// A float64 table becomes Float32 rows, unscaled; a limit keeps the first rows.
    @Test func aFloatTableIsReadAsRowsOfFeatures() throws {
        let path = NumPyFixtures.path("table.npy")
        let examples = try LabeledExamples(
            name: "table", array: try NPYReader.read(path: path), path: path, labels: nil, labelsPath: path,
            classNames: nil, limit: 2)
        #expect(examples.shape == [3])
        #expect(examples.count == 2)
        #expect(examples.values(ofExamples: 0..<2) == [0, 0.25, 0.5, 0.75, 1, 1.25])
        #expect(examples.classNames == ["0"])
    }

    @Test func labelsMustBeOneClassIndexPerExample() throws {
        let labels = try NPYReader.read(path: NumPyFixtures.path("labels_2d.npy"))
        #expect(throws: ArrayLayoutError.labelsNotVector(path: "y.npy", shape: [4, 2])) {
            try LabeledExamples.classIndices(try labels.integers(path: "y.npy"), shape: labels.shape, path: "y.npy")
        }
        let cases: [(labels: [Int], error: ArrayLayoutError)] = [
            ([3, -1], .negativeLabel(path: "y.npy", index: 1, label: -1)),
            ([0, 256], .tooManyClasses(path: "y.npy", classes: 257)),
        ]
        for (values, error) in cases {
            #expect(throws: error) {
                try LabeledExamples.classIndices(values, shape: [values.count], path: "y.npy")
            }
        }
    }

    @Test func examplesAndLabelsMustAgree() throws {
        let images = try NPYReader.read(path: NumPyFixtures.path("u1.npy"))
        #expect(
            throws: ArrayLayoutError.countMismatch(examplesPath: "x.npy", examples: 3, labelsPath: "y.npy", labels: 2)
        ) {
            try LabeledExamples(
                name: "x", array: images, path: "x.npy", labels: [0, 1], labelsPath: "y.npy", classNames: nil)
        }
        #expect(throws: ArrayLayoutError.labelWithoutName(path: "y.npy", index: 2, label: 2, names: 2)) {
            try LabeledExamples(
                name: "x", array: images, path: "x.npy", labels: [0, 1, 2], labelsPath: "y.npy",
                classNames: ["cat", "dog"])
        }
    }

    /// Every message, as the user reads it.
    @Test(arguments: [
        (
            ArrayLayoutError.labelsNotVector(path: "y.npy", shape: [4, 2]),
            "y.npy: labels must be one integer per example, shape (N,) or (N, 1), but the array's shape is (4, 2)"
        ),
        (
            .countMismatch(examplesPath: "x.npy", examples: 3, labelsPath: "y.npy", labels: 2),
            "x.npy holds 3 examples but y.npy holds 2 labels; pass the labels saved with these examples"
        ),
        (
            .negativeLabel(path: "y.npy", index: 1, label: -1),
            "y.npy: label -1 at item 1 is negative; classes are numbered from 0"
        ),
        (
            .tooManyClasses(path: "y.npy", classes: 257),
            "y.npy: the labels name 257 classes; nb's classifiers take at most 256"
        ),
        (
            .labelWithoutName(path: "y.npy", index: 2, label: 2, names: 2),
            "y.npy: label 2 at item 2 has no name: 'classes:' names 2 classes (0..<2); name every class"
        ),
    ])
    func messages(error: ArrayLayoutError, message: String) {
        #expect(error.description == message)
    }
}
