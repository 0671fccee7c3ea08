import Runner

/// The prechecks of operations that take fits: each fit of the task the operation needs, every
/// fit of one task where it compares them, and the data's images the shape the fits were
/// trained on, all reported before anything runs, at the argument at fault.
enum FitPrecheck {
    /// The fits an operation takes.
    enum Task {
        /// VAEs only (reconstructions, samples, …).
        case autoencoder
        /// Classifiers only (accuracy, …).
        case classifier
        /// Either, but all of one task (metrics, loss curves).
        case same
    }

    /// A precheck of `task` for the fits of parameter `fits` (variadic or not) against the data
    /// set of parameter `data`, if any; an operation that `drawsImages` refuses fits of tables.
    static func make(
        _ task: Task, fits: String = "fits", data: String? = nil, drawsImages: Bool = false
    ) -> @Sendable (KnownCall) throws -> (any Sendable)? {
        { call in
            guard let given = call[fits] else { return nil }
            let known = (given.elements ?? [given]).compactMap { argument in
                argument.fact(as: FitFact.self).map { (argument: argument, fact: $0) }
            }
            var errors: [PrecheckError] = []
            let first = known.first
            for (argument, fact) in known {
                let isAutoencoder = fact.model.spec.isAutoencoder
                let problem: TaskError? =
                    switch task {
                    case .autoencoder:
                        isAutoencoder ? nil : .needsAutoencoder(operation: call.operation, fit: argument.text)
                    case .classifier:
                        isAutoencoder ? .needsClassifier(operation: call.operation, fit: argument.text) : nil
                    case .same:
                        isAutoencoder == first?.fact.model.spec.isAutoencoder
                            ? nil
                            : .mixedTasks(
                                operation: call.operation, fit: argument.text, first: first?.argument.text ?? "")
                    }
                if let problem { errors.append(PrecheckError(problem, at: argument.site)) }
                if drawsImages, fact.imageShape.count != 3 {
                    let problem = TaskError.needsImages(
                        operation: call.operation, fit: argument.text, features: fact.imageShape.reduce(1, *))
                    errors.append(PrecheckError(problem, at: argument.site))
                }
            }
            if let data, let images = call[data], let dataset = images.fact(as: DatasetFact.self) {
                for (argument, fact) in known where fact.imageShape != dataset.imageShape {
                    let mismatch = ImageShapeError.mismatch(
                        model: argument.text, modelShape: fact.imageShape, argument: data, dataset: dataset.title,
                        dataShape: dataset.imageShape)
                    errors.append(PrecheckError(mismatch, at: images.site))
                }
            }
            guard errors.isEmpty else { throw PrecheckErrors(errors) }
            return nil
        }
    }
}
