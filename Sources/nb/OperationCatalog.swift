import Operations
import Runner

/// The operations `nb` offers: the built-in ones.
enum OperationCatalog {
    /// The registry notebooks are checked and run against.
    static func registry() -> Registry {
        Builtins.registry
    }
}
