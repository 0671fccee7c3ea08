/// Everything that can go wrong while building a figure, with the values needed to explain it.
///
/// Cases carry data only; `description` is the one place their messages are written.
public enum FigureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A bitmap or image was given a width or height below 1.
    case invalidImageSize(width: Int, height: Int)
    /// A pixel buffer does not hold width × height × channels values.
    case pixelCountMismatch(expected: Int, actual: Int)
    /// An image is larger than PNG (or this reader's safety limit) allows.
    case imageTooLarge(width: Int, height: Int)
    /// libpng refused to encode a bitmap; `reason` is libpng's own message.
    case pngEncodingFailed(reason: String)
    /// libpng could not decode the bytes; `reason` is libpng's own message.
    case pngDecodingFailed(reason: String)
    /// Writing a figure file failed.
    case fileWriteFailed(path: String, reason: String)
    /// An image grid was given no images.
    case emptyGrid
    /// A grid's pixel buffer is not a whole number of images of the stated channels and size.
    case partialGridImage(valueCount: Int, channels: Int, imageWidth: Int, imageHeight: Int)
    /// Images were given a channel count other than 1 (grey) or 3 (RGB).
    case unsupportedChannelCount(Int)
    /// A grid row holds a different number of images than the first row.
    case raggedGridRow(row: Int, expected: Int, actual: Int)
    /// A grid setting (scale, gap, columns) is outside its allowed range.
    case invalidGridSetting(name: String, value: Int, minimum: Int)
    /// Row labels, row tints or column labels do not match the grid's rows or columns.
    case annotationCountMismatch(GridAnnotation, expected: Int, actual: Int)
    /// A scatter chart was given a different number of points and classes.
    case classCountMismatch(points: Int, classes: Int)
    /// A scatter point's class has no name in the chart's class names.
    case unknownClass(point: Int, classIndex: Int, classCount: Int)
    /// A confusion matrix has a different number of rows than class names.
    case confusionMatrixRows(rows: Int, classCount: Int)
    /// A confusion matrix row has a different number of columns than class names.
    case confusionMatrixShape(row: Int, columns: Int, classCount: Int)
    /// Captioned images were given a different number of captions than images.
    case captionCountMismatch(images: Int, captions: Int)

    /// What went wrong and how to fix it.
    public var description: String {
        switch self {
        case .invalidImageSize(let width, let height):
            "image size \(width)×\(height) is empty; width and height must be at least 1"
        case .pixelCountMismatch(let expected, let actual):
            "pixel buffer holds \(actual) values but the image needs \(expected) (width × height × channels)"
        case .imageTooLarge(let width, let height):
            "image size \(width)×\(height) is too large for a figure; use a smaller scale or fewer images"
        case .pngEncodingFailed(let reason):
            "libpng could not encode the image: \(reason)"
        case .pngDecodingFailed(let reason):
            "libpng could not decode the PNG data: \(reason)"
        case .fileWriteFailed(let path, let reason):
            "could not write '\(path)': \(reason)"
        case .emptyGrid:
            "an image grid needs at least one image"
        case .partialGridImage(let valueCount, let channels, let imageWidth, let imageHeight):
            "\(valueCount) pixel values are not a whole number of \(channels)×\(imageHeight)×\(imageWidth) images "
                + "(channels × height × width, \(Self.product(channels, imageHeight, imageWidth)) values each); "
                + "check the channel count, image height and width"
        case .unsupportedChannelCount(let channels):
            "images of \(channels) channels cannot be drawn; give 1 channel (grey) or 3 (red, green, blue planes)"
        case .raggedGridRow(let row, let expected, let actual):
            "grid row \(row) holds \(actual) images but row 0 holds \(expected); give every row the same count"
        case .invalidGridSetting(let name, let value, let minimum):
            "grid \(name) is \(value) but must be at least \(minimum)"
        case .annotationCountMismatch(let annotation, let expected, let actual):
            switch annotation {
            case .rowLabels: "\(actual) row labels given for \(expected) rows; give one per row"
            case .rowTints: "\(actual) row tints given for \(expected) rows; give one per row (nil for none)"
            case .columnLabels: "\(actual) column labels given for \(expected) columns; give one per column"
            }
        case .classCountMismatch(let points, let classes):
            "\(points) points but \(classes) class indices; give one class index per point"
        case .unknownClass(let point, let classIndex, let classCount):
            "point \(point) has class \(classIndex) but only \(classCount) class names are given (0..<\(classCount))"
        case .confusionMatrixRows(let rows, let classCount):
            "a confusion matrix of \(rows) rows was given \(classCount) class names; give one row per class"
        case .confusionMatrixShape(let row, let columns, let classCount):
            "confusion matrix row \(row) holds \(columns) counts but there are \(classCount) classes; "
                + "give one count per class"
        case .captionCountMismatch(let images, let captions):
            "\(captions) captions given for \(images) images; give one per image"
        }
    }

    /// `a × b × c` written out, or "over" `Int.max` where it overflows (a size that cannot be).
    private static func product(_ a: Int, _ b: Int, _ c: Int) -> String {
        let (ab, first) = a.multipliedReportingOverflow(by: b)
        let (abc, second) = ab.multipliedReportingOverflow(by: c)
        return first || second ? "over \(Int.max)" : "\(abc)"
    }
}

/// The per-row or per-column extras of an image grid, named in count errors.
public enum GridAnnotation: Sendable, Equatable {
    /// `ImageGrid.rowLabels`.
    case rowLabels
    /// `ImageGrid.rowTints`.
    case rowTints
    /// `ImageGrid.columnLabels`.
    case columnLabels
}
