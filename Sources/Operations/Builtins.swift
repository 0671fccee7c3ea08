import Engine
import Runner

/// Every operation a notebook can call. Adding one is its family file plus nothing here, unless
/// it starts a new family.
public enum Builtins {
    /// All built-in operations.
    public static let all: [OperationSpec] =
        DataOperations.all + ArrayDataOperations.all + ImageDataOperations.all + TableDataOperations.all
        + LayerOperations.all + ModelOperations.all
        + TrainingOperations.all + PlotOperations.all
        + ClassifierOperations.all + TableOperations.all
        + FitStatisticOperations.all + ProseOperations.all + SweepOperations.all

    /// The registry of all built-in operations.
    public static var registry: Registry { Registry(all) }

    /// What does the operations' matrix products and how, for the report's machine line:
    /// `OpenBLAS 0.3.21, Haswell kernels, 2 threads`.
    public static var matrixLibrary: String { BLASInfo.description }
}
