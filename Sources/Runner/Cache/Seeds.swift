/// Derives every statement's seed from the notebook seed, so randomness never depends on
/// which statements ran and which came from the cache.
public enum Seeds {
    /// The seed for the thing named `label`, drawn from `seed`.
    public static func derive(_ seed: UInt64, _ label: String) -> UInt64 {
        var builder = KeyBuilder()
        builder.add("seed")
        builder.add(seed)
        builder.add(label)
        return builder.finalize().bytes.prefix(8).reduce(0) { ($0 << 8) | UInt64($1) }
    }

    /// Each statement's seed: from its binding, or for a displayed expression from its text
    /// (spaces removed) and how many identical ones come before it. Editing or moving another
    /// statement never changes it.
    public static func statementSeeds(for plan: Plan) -> [UInt64] {
        var occurrences: [String: Int] = [:]
        return plan.statements.map { statement in
            // Members of a lifted statement share its seed: a sweep of `lr` compares learning
            // rates on the same draws, and `seeds(n)` varies the seed explicitly.
            derive(
                plan.seed,
                StatementIdentity.of(
                    binding: statement.binding, source: statement.source, first: statement.member?.isFirst ?? true,
                    occurrences: &occurrences))
        }
    }

    /// The seed of the `callIndex`-th call (pre-order) in a statement: the statement's own for
    /// the outermost call, a derived one for nested calls.
    public static func callSeed(_ statementSeed: UInt64, callIndex: Int) -> UInt64 {
        callIndex == 0 ? statementSeed : derive(statementSeed, "call#\(callIndex)")
    }
}
