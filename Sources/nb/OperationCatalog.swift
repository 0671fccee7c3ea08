import Runner

/// The operations `nb` offers.
///
/// Empty until the Operations module's `Builtins.all` lands; then this returns
/// `Registry(Builtins.all)`.
enum OperationCatalog {
    /// The registry notebooks are checked and run against.
    static func registry() -> Registry {
        Registry([])
    }
}
