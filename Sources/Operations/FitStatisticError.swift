/// A statistic a fit cannot give.
enum FitStatisticError: Error, CustomStringConvertible {
    case noValidation(String)

    var description: String {
        switch self {
        case .noValidation(let name):
            "\(name) was trained without validation images, so it has no validation loss; "
                + "pass validate: to train, or quote test_loss(fit, on: …)"
        }
    }
}
