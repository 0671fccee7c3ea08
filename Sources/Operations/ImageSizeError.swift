/// A `size:` that is not [height, width]; `description` is the one place its text is written.
enum ImageSizeError: Error, Equatable, CustomStringConvertible {
    /// `size:` holds `sides`, not two numbers.
    case notTwoSides([Int])

    var description: String {
        switch self {
        case .notTwoSides(let sides):
            "'size:' takes [height, width], two numbers, but got \(sides.count): \(sides); write size: [32, 32]"
        }
    }
}
