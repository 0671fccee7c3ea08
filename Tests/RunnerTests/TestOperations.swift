import Foundation
import Notebook
import Runner

/// How many times each test operation ran (and fits were decoded), shared by one test's
/// operations and read by its assertions.
final class RunCounter: @unchecked Sendable {
    // The lock guards `counts`; hence @unchecked.
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func increment(_ name: String) {
        lock.lock()
        defer { lock.unlock() }
        counts[name, default: 0] += 1
    }

    /// The counts so far, and resets them for the next run.
    func take() -> [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        defer { counts = [:] }
        return counts
    }
}

/// The test operations' own domain types: the runner knows no domain type, so a test defines
/// them as an operations module does.
extension ValueType {
    static let dataset = ValueType.domain(DomainType("Dataset"))
    static let model = ValueType.domain(DomainType("Model"))
    static let fit = ValueType.domain(DomainType("Fit"))
    static let figure = ValueType.domain(DomainType("Figure"))
}

/// A data set stand-in: not persistent, so it is recomputed when needed.
final class TestDataset: DomainValue {
    static let valueType = ValueType.dataset
    let split: String
    init(split: String) { self.split = split }
    func summary() -> DisplayValue { .text("dataset \(split)") }
}

/// A model stand-in: not persistent.
final class TestModel: DomainValue {
    static let valueType = ValueType.model
    let hidden: [Int]
    init(hidden: [Int]) { self.hidden = hidden }
    func summary() -> DisplayValue { .text("model \(hidden)") }
}

/// A fit stand-in: persistent, its bytes the seed and loss it was trained with.
final class TestFit: PersistentValue {
    static let valueType = ValueType.fit
    static let formatVersion = 2
    let seed: UInt64
    let loss: Double

    init(seed: UInt64, loss: Double) {
        self.seed = seed
        self.loss = loss
    }

    func summary() -> DisplayValue {
        .table(
            DisplayTable(
                columns: ["metric", "value"],
                rows: [[.text("loss"), .number(loss)], [.text("seed"), .text("\(seed)")]]))
    }

    func encoded() throws -> Data {
        Data("\(seed) \(loss)".utf8)
    }

    static func decoded(from data: Data) throws -> TestFit {
        let parts = String(decoding: data, as: UTF8.self).split(separator: " ")
        guard parts.count == 2, let seed = UInt64(parts[0]), let loss = Double(parts[1]) else {
            throw TestFailure(description: "bad fit bytes")
        }
        return TestFit(seed: seed, loss: loss)
    }
}

/// An error an operation throws at run time.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

/// The test registry: small operations that count how often they run.
func testRegistry(counter: RunCounter, mnistDisplayVersion: Int = 1, trainVersion: Int = 1) -> Registry {
    Registry([
        OperationSpec(
            name: "add", doc: "Adds two integers.", parameters: [.positional("a", .int), .positional("b", .int)],
            result: .int, version: 1
        ) { arguments, _ in
            counter.increment("add")
            return .int(try arguments.int("a") + arguments.int("b"))
        },
        OperationSpec(
            name: "mnist", doc: "Loads a split.",
            parameters: [.labelled("split", .string, default: .string("train"), .oneOf(["train", "test"]))],
            result: .dataset, version: 1, displayVersion: mnistDisplayVersion
        ) { arguments, _ in
            counter.increment("mnist")
            return .domain(TestDataset(split: try arguments.string("split")))
        },
        OperationSpec(
            name: "mlp", doc: "Builds a model.",
            parameters: [
                .labelled("hidden", .list(.int), .atLeast(1)),
                .labelled("latent", .int, default: .int(2), .between(1, 64)),
            ],
            result: .model, version: 1
        ) { arguments, _ in
            counter.increment("mlp")
            return .domain(TestModel(hidden: try arguments.ints("hidden")))
        },
        OperationSpec(
            name: "train", doc: "Trains a model.",
            parameters: [
                .positional("model", .model), .labelled("on", .dataset),
                .labelled("epochs", .int, default: .int(10), .between(1, 1000)),
                .labelled(
                    "lr", .float, default: .float(0.001),
                    .range(lower: 0, lowerInclusive: false, upper: nil, upperInclusive: false)), .seed,
            ],
            result: .fit, version: trainVersion, isRandom: true, persisting: TestFit.self
        ) { arguments, context in
            counter.increment("train")
            _ = try arguments.domain("model", as: TestModel.self)
            _ = try arguments.domain("on", as: TestDataset.self)
            let epochs = try arguments.int("epochs")
            let progress = context.progress(total: epochs, unit: "epoch")
            for _ in 0..<epochs { progress.advance() }
            return .domain(TestFit(seed: context.seed, loss: 1 / Double(epochs)))
        },
        OperationSpec(
            name: "loss_curves", doc: "Plots losses.", parameters: [.variadic("fits", .fit)], result: .figure,
            version: 1
        ) { arguments, context in
            counter.increment("loss_curves")
            let fits = try arguments.domains("fits", as: TestFit.self)
            if fits.count > 2 { context.warn("\(fits.count) curves overlap; the plot may be hard to read") }
            return .domain(TestFigure(caption: fits.map { "\($0.loss)" }.joined(separator: ",")))
        },
        OperationSpec(
            name: "gathered", doc: "Lists sweeps' members.", parameters: [.variadic("fits", .fit).gathering()],
            result: .string, version: 1
        ) { arguments, _ in
            counter.increment("gathered")
            return .string(try arguments.sweeps("fits").map(describe).joined(separator: " / "))
        },
        OperationSpec(
            name: "write_text", doc: "Writes a number to a file.",
            parameters: [.positional("value", .int), .labelled("path", .string)], result: .string, version: 1,
            hasSideEffects: true, writesFile: "path"
        ) { arguments, _ in
            counter.increment("write_text")
            return .string(try arguments.string("path"))
        },
        OperationSpec(
            name: "export", doc: "Writes a fit somewhere.", parameters: [.positional("fit", .fit)], result: .string,
            version: 1, hasSideEffects: true
        ) { arguments, _ in
            counter.increment("export")
            return .string("exported \(try arguments.domain("fit", as: TestFit.self).loss)")
        },
        OperationSpec(
            name: "read_text", doc: "Reads a text file's length.", parameters: [.labelled("path", .string)],
            result: .int, version: 1,
            inputFiles: { constants in
                guard case .string(let path)? = constants["path"] else { return [] }
                return [InputFile(path: path, origin: "the path given")]
            }
        ) { arguments, _ in
            counter.increment("read_text")
            return .int(try String(contentsOfFile: try arguments.string("path"), encoding: .utf8).count)
        },
        OperationSpec(
            name: "fail", doc: "Always fails.", parameters: [.labelled("message", .string)], result: .int, version: 1
        ) { arguments, _ in
            counter.increment("fail")
            throw TestFailure(description: try arguments.string("message"))
        },
    ])
}

/// Each member of `sweep` with its point and loss, then each setting with its number of seeds.
private func describe(_ sweep: SweepValue) throws -> String {
    let members = try sweep.members.map { member in
        let fit = try Arguments(["fit": member.value], operation: "gathered").domain("fit", as: TestFit.self)
        let point = zip(sweep.axes, member.coordinates).map { "\($0.name)=\($0.labels[$1])" }
        return point.joined(separator: " ") + ": \(fit.loss)"
    }
    let settings = sweep.settings().map { "\(sweep.label(ofSetting: $0.setting)) ×\($0.members.count)" }
    return members.joined(separator: "; ") + " | " + settings.joined(separator: "; ")
}

/// A figure stand-in.
final class TestFigure: DomainValue {
    static let valueType = ValueType.figure
    let caption: String
    init(caption: String) { self.caption = caption }
    func summary() -> DisplayValue { .figure(DisplayFigure(image: .svg("<svg/>"), caption: caption)) }
}

/// Collects events for assertions.
final class RecordingObserver: RunObserver, @unchecked Sendable {
    // The lock guards `events`; hence @unchecked.
    private let lock = NSLock()
    private var stored: [RunEvent] = []

    func receive(_ event: RunEvent) {
        lock.lock()
        defer { lock.unlock() }
        stored.append(event)
    }

    var events: [RunEvent] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    var warnings: [String] {
        events.compactMap { event in
            if case .warning(_, let message) = event { return message }
            return nil
        }
    }
}
