/// Everything one run knows about one statement: what happened to it, its value while something
/// still needs it, its cache entry, and what the run record will say.
struct StatementState {
    /// What happened; nil until it is decided.
    var status: StatementStatus?
    /// Its value, while a later statement still needs it.
    var value: Value?
    /// Its cache entry: found before the run, or written by it.
    var entry: CacheEntry?
    /// Why it ran instead of coming from the cache.
    var reason: RunReason?
    /// After how many steps a resumable statement continued from its snapshot.
    var resumedFrom: Int?
    /// Time spent on it in this run.
    var seconds: Double = 0
    /// What it displays.
    var display: DisplayValue?
    /// Why it failed, was skipped or was interrupted.
    var message: String?

    /// Whether its result came from the cache.
    var cacheHit: Bool { status == .cached }
}
